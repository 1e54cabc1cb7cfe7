import { useCallback, useEffect, useState } from 'react';
import type { Notice } from '@core/api.contract';
import { errorMessage } from '../services/api.error';
import { ackNotice, listNotices } from '../services/notices';

export interface NoticesState {
  notices: Notice[];
  unread: number;
  openId: string | null;
  error: string | null;
  /** Shows a notice in full and marks it read (once) on the server. */
  open: (notice: Notice) => void;
  reload: () => Promise<void>;
}

/** The agent's inbox; `enabled` waits for the user so other roles never call `notices/list`. */
export function useNotices(enabled: boolean): NoticesState {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [unread, setUnread] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (!enabled) return;
    try {
      const page = await listNotices({ limit: 20 });
      setNotices(page.items);
      setUnread(page.unread);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [enabled]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const open = (notice: Notice) => {
    setOpenId((id) => (id === notice._id ? null : notice._id));
    if (notice.readAt !== null) return;
    ackNotice(notice._id)
      .then((acked) => {
        setNotices((list) => list.map((n) => (n._id === acked._id ? acked : n)));
        setUnread((u) => Math.max(0, u - 1));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  return { notices, unread, openId, error, open, reload };
}
