import Taro, { useRouter } from '@tarojs/taro';
import type { Session } from '@core/model';
import { Text, View } from '@tarojs/components';
import SessionList from '../../../components/session-list';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { reportDrivers, reportTopics } from '../../../services/report-insights';
import { sessionDetailUrl } from '../../../utils/routes';
import './index.scss';

/**
 * The sessions behind a hot topic or a driver row: the ids the nightly job kept with it (at
 * most 30, newest days first), read through the same action so the caller's scope applies.
 */
export default function InsightSessionsPage() {
  const { params } = useRouter();
  const q = params as Record<string, string | undefined>;
  const decode = (v: string | undefined) => (v === undefined ? undefined : decodeURIComponent(v));
  const term = decode(q.term);
  const feature = decode(q.feature);
  const title = decode(q.title);
  const remote = useRemote(
    (): Promise<{ sessions?: Session[] }> =>
      q.kind === 'driver'
        ? reportDrivers({ feature: feature ?? '' })
        : reportTopics({ window: q.window === 'month' ? 'month' : 'week', term: term ?? '' }),
    [q.kind, term, feature, q.window],
  );
  return (
    <View className='insight-sessions'>
      {title ? <Text className='insight-sessions__meta'>{title}</Text> : null}
      <Text className='insight-sessions__meta'>
        {q.kind === 'driver' ? '有此项且低满意度或未解决的会话（最多30个）' : '客户提到该话题的问题会话（最多30个）'}
      </Text>
      <ErrorBanner message={remote.error} onRetry={remote.reload} />
      {!remote.loaded ? (
        <Loading />
      ) : (
        <SessionList
          sessions={remote.data?.sessions ?? []}
          emptyText='没有可查看的会话'
          onTap={(s) => void Taro.navigateTo({ url: sessionDetailUrl(s._id) })}
        />
      )}
    </View>
  );
}
