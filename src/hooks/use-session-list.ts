import { useEffect, useState } from 'react';
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
  /** More sessions than shown: 加载更多 has something to load. */
  hasMore: boolean;
  /** A further page is loading. */
  loadingMore: boolean;
  /** Appends the next page (same size as the first) after what is shown. */
  loadMore: () => Promise<void>;
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

  // Further pages, appended by 加载更多; dropped when the query changes or is loaded again.
  const [more, setMore] = useState<{ key: string | null; items: Session[]; total?: number }>({ key, items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore({ key, items: [] }), [key]);
  const extra = more.key === key ? more.items : [];

  usePullDownRefresh(() => {
    setMore({ key, items: [] });
    void page.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const first = page.data?.items ?? [];
  const shown = extra.length ? [...first, ...extra.filter((s) => !first.some((f) => f._id === s._id))] : first;
  const total = (more.key === key ? more.total : undefined) ?? page.data?.total ?? 0;

  const loadMore = async () => {
    if (key === null || loadingMore) return;
    const params = JSON.parse(key) as ActionParams<'sessions/list'>;
    setLoadingMore(true);
    try {
      const next = await listSessions({ ...params, skip: (params.skip ?? 0) + shown.length });
      setMore((m) =>
        m.key === key
          ? {
              key,
              items: [...m.items, ...next.items.filter((s) => !m.items.some((x) => x._id === s._id))],
              total: next.total,
            }
          : m,
      );
    } finally {
      setLoadingMore(false);
    }
  };

  const open = (session: Session) => {
    void Taro.navigateTo({ url: sessionDetailUrl(session._id) });
  };

  return {
    sessions: shown,
    total,
    loaded: page.loaded,
    error: page.error,
    open,
    hasMore: page.loaded && shown.length < total,
    loadingMore,
    loadMore,
  };
}
