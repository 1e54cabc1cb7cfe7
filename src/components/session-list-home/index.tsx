import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { ActionParams } from '@core/api.contract';
import { useAgentNames } from '../../hooks/use-agent-names';
import { useCurrentUser } from '../../hooks/use-current-user';
import { useSessionList } from '../../hooks/use-session-list';
import { ErrorBanner, Loading } from '../page-state';
import FilterChips from '../filter-chips';
import SessionFilterSheet from '../session-filter-sheet';
import { filterCount, filterParams, NO_FILTER, type SessionFilterChoice } from '../session-filter-sheet/filters';
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
  /**
   * A one-tap 有告警 chip above the list (the inspectors' home).
   * @default false
   */
  quickAlerted?: boolean;
}

/**
 * A role home that is a list of sessions: who is signed in, the sessions with their agents'
 * names and count, pull-down to refresh, a tap opens the session. The admin and inspector
 * homes are this with their own filter. Laid out by the shared `home-page` styles, which each
 * page imports (`styles/_home-page.scss`).
 */
export default function SessionListHome({ title, params, emptyText, children, quickAlerted }: SessionListHomeProps) {
  const { user, signOut } = useCurrentUser();
  const agentNames = useAgentNames();
  const [choice, setChoice] = useState<SessionFilterChoice>(NO_FILTER);
  const [sheetOpen, setSheetOpen] = useState(false);
  // The time range is taken when the choice is made, so the query stays the same until then.
  const [chosenAt, setChosenAt] = useState(() => Date.now());
  const list = useSessionList({ ...params, ...filterParams(choice, chosenAt) });
  const choose = (next: SessionFilterChoice) => {
    setChoice(next);
    setChosenAt(Date.now());
  };
  const count = filterCount(choice);
  return (
    <View className='home-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <View className='home-page__header'>
        {title}
        <Text className='home-page__count'>共 {list.total} 通</Text>
        <Text className='home-page__filter' data-testid='open-filters' onClick={() => setSheetOpen(true)}>
          {count ? `筛选(${count})` : '筛选'}
        </Text>
      </View>
      {quickAlerted ? (
        <FilterChips
          name='quick-alerted'
          options={[
            { value: null, label: '全部' },
            { value: 'yes', label: '有告警' },
          ]}
          value={choice.alerted ? 'yes' : null}
          onChange={(v) => choose({ ...choice, alerted: v === 'yes' })}
        />
      ) : null}
      <ErrorBanner message={list.error} />
      {list.loaded ? (
        <SessionList agentNames={agentNames} sessions={list.sessions} onTap={list.open} emptyText={emptyText} />
      ) : (
        <Loading />
      )}
      {list.hasMore ? (
        <Text className='home-page__more' onClick={() => void list.loadMore()}>
          {list.loadingMore ? '加载中…' : `加载更多（已显示 ${list.sessions.length} / 共 ${list.total}）`}
        </Text>
      ) : null}
      {sheetOpen ? (
        <SessionFilterSheet
          value={choice}
          agentNames={user?.role === 'agent' ? {} : agentNames}
          onClose={() => setSheetOpen(false)}
          onApply={(next) => {
            choose(next);
            setSheetOpen(false);
          }}
        />
      ) : null}
      {children}
    </View>
  );
}
