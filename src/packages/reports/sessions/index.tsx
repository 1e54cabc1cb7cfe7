import { useRouter } from '@tarojs/taro';
import type { ActionParams } from '@core/api.contract';
import SessionListHome from '../../../components/session-list-home';
import { drillParams } from '../report-view';
import './index.scss';

/** The sessions behind a report figure: the period's closed sessions with the figure's filters. */
export default function ReportSessionsPage() {
  const { params } = useRouter();
  const query = params as Record<string, string | undefined>;
  return (
    <SessionListHome
      title={query.title ? decodeURIComponent(query.title) : '报表明细'}
      params={drillParams(query) as ActionParams<'sessions/list'>}
      emptyText='没有符合条件的会话'
    />
  );
}
