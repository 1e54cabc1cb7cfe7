import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { ActionParams } from '@core/api.contract';
import { useAgentNames } from '../../hooks/use-agent-names';
import { useCurrentUser } from '../../hooks/use-current-user';
import { useSessionList } from '../../hooks/use-session-list';
import { ErrorBanner, Loading } from '../page-state';
import SessionList from '../session-list';
import UserBar from '../user-bar';

export interface SessionListHomeProps {
  /** The list's heading, e.g. 待复核会话. */
  title: string;
  /** Which sessions (`sessions/list` parameters); compared by content, so a literal is fine. */
  params: ActionParams<'sessions/list'>;
  /** Shown instead of the list when there is nothing to show. */
  emptyText: string;
  /**
   * Panels under the list (the admins' issue-type examples).
   * @default undefined
   */
  children?: ReactNode;
}

/**
 * A role home that is a list of sessions: who is signed in, the sessions with their agents'
 * names and count, pull-down to refresh, a tap opens the session. The admin and inspector
 * homes are this with their own filter. Laid out by the shared `home-page` styles, which each
 * page imports (`styles/_home-page.scss`).
 */
export default function SessionListHome({ title, params, emptyText, children }: SessionListHomeProps) {
  const { user, signOut } = useCurrentUser();
  const agentNames = useAgentNames();
  const list = useSessionList(params);
  return (
    <View className='home-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <View className='home-page__header'>
        {title}
        <Text className='home-page__count'>共 {list.total} 通</Text>
      </View>
      <ErrorBanner message={list.error} />
      {list.loaded ? (
        <SessionList agentNames={agentNames} sessions={list.sessions} onTap={list.open} emptyText={emptyText} />
      ) : (
        <Loading />
      )}
      {children}
    </View>
  );
}
