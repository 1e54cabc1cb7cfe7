import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ActionParams } from '@core/api.contract';
import type { Session } from '@core/model';
import { listSessions } from '../services/sessions';
import { sessionDetailUrl } from '../utils/routes';
import { useRemote } from './use-remote';

export interface SessionListState {
  sessions: Session[];
  total: number;
  loaded: boolean;
  error: string | null;
  open: (session: Session) => void;
}

/**
 * Loads a session list for a home page (re-loading on pull-down) once `params` is known;
 * pass null while the filter still depends on something loading (e.g. the agent's id).
 */
export function useSessionList(params: ActionParams<'sessions/list'> | null): SessionListState {
  // Callers pass object literals: the query changes when its content does, not its identity.
  const key = params === null ? null : JSON.stringify(params);
  const page = useRemote(key === null ? null : () => listSessions(JSON.parse(key) as ActionParams<'sessions/list'>), [
    key,
  ]);

  usePullDownRefresh(() => {
    void page.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const open = (session: Session) => {
    void Taro.navigateTo({ url: sessionDetailUrl(session._id) });
  };

  return {
    sessions: page.data?.items ?? [],
    total: page.data?.total ?? 0,
    loaded: page.loaded,
    error: page.error,
    open,
  };
}
