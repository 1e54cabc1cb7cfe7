import { View } from '@tarojs/components';
import IssueExamples from '../../../components/issue-examples';
import SessionListHome from '../../../components/session-list-home';
import './index.scss';

const ALL = { limit: 50 } as const;

/**
 * Every recent session, then the issue-type examples admins teach the classifier with; the
 * admins' other settings will join them here.
 */
export default function AdminHome() {
  return (
    <SessionListHome title='全部会话' params={ALL} emptyText='暂无会话'>
      <View className='home-page__header'>问题类型样例</View>
      <IssueExamples />
    </SessionListHome>
  );
}
