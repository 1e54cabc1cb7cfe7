import SessionListHome from '../../../components/session-list-home';
import './index.scss';

const CLOSED = { status: 'closed', limit: 20 } as const;

/** Closed sessions with their automatic scores, ready for review. */
export default function InspectorHome() {
  return <SessionListHome title='待复核会话' params={CLOSED} emptyText='暂无已结束的会话' quickAlerted />;
}
