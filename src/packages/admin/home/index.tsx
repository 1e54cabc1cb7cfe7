import { Text, View } from '@tarojs/components';
import IssueExamples from '../../../components/issue-examples';
import SessionList from '../../../components/session-list';
import UserBar from '../../../components/user-bar';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useSessionList } from '../../../hooks/use-session-list';
import './index.scss';
import { useAgentNames } from '../../../hooks/use-agent-names';

const ALL = { limit: 50 } as const;

/**
 * Every recent session, then the issue-type examples admins teach the classifier with; the
 * admins' other settings will join them here.
 */
export default function AdminHome() {
  const { user, signOut } = useCurrentUser();
  const agentNames = useAgentNames();
  const list = useSessionList(ALL);
  return (
    <View className='home-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <View className='home-page__header'>
        全部会话<Text className='home-page__count'>共 {list.total} 通</Text>
      </View>
      {list.error ? <View className='app-error'>{list.error}</View> : null}
      {list.loaded ? (
        <SessionList agentNames={agentNames} sessions={list.sessions} onTap={list.open} emptyText='暂无会话' />
      ) : (
        <View className='app-empty'>加载中…</View>
      )}
      <View className='home-page__header'>问题类型样例</View>
      <IssueExamples />
    </View>
  );
}
