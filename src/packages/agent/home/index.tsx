import { Text, View } from '@tarojs/components';
import SessionList from '../../../components/session-list';
import UserBar from '../../../components/user-bar';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useSessionList } from '../../../hooks/use-session-list';
import './index.scss';

/** An agent's own recent sessions with their scores. */
export default function AgentHome() {
  const { user, error: userError, signOut } = useCurrentUser();
  // Wait for the agent's id so the list never flashes someone else's sessions.
  const list = useSessionList(user ? { agentId: user.agentId, limit: 50 } : null);
  const error = userError ?? list.error;
  return (
    <View className='home-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <View className='home-page__header'>
        我的会话<Text className='home-page__count'>共 {list.total} 通</Text>
      </View>
      {error ? <View className='app-error'>{error}</View> : null}
      {list.loaded ? (
        <SessionList sessions={list.sessions} onTap={list.open} emptyText='最近没有会话' />
      ) : (
        <View className='app-empty'>加载中…</View>
      )}
    </View>
  );
}
