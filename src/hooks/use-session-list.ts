import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ActionParams } from '@core/api.contract';
import type { Session } from '@core/model';
import { errorMessage } from '../services/api.error';
import { listSessions } from '../services/sessions';
import { sessionDetailUrl } from '../utils/routes';

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
  const [sessions, setSessions] = useState<Session[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = params === null ? null : JSON.stringify(params);

  const load = useCallback(async () => {
    if (key === null) return;
    try {
      const page = await listSessions(JSON.parse(key) as ActionParams<'sessions/list'>);
      setSessions(page.items);
      setTotal(page.total);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  }, [key]);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const open = (session: Session) => {
    void Taro.navigateTo({ url: sessionDetailUrl(session._id) });
  };

  return { sessions, total, loaded, error, open };
}
