import { useState } from 'react';
import type { Notice } from '@core/model';
import { errorMessage } from '../services/api.error';
import { ackNotice, listNotices } from '../services/notices';
import { useRemote } from './use-remote';

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
  const inbox = useRemote(enabled ? () => listNotices({ limit: 20 }) : null, [enabled]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);

  const open = (notice: Notice) => {
    setOpenId((id) => (id === notice._id ? null : notice._id));
    if (notice.readAt !== null) return;
    ackNotice(notice._id)
      .then((acked) => {
        inbox.setData(
          (page) =>
            page && {
              ...page,
              items: page.items.map((n) => (n._id === acked._id ? acked : n)),
              unread: Math.max(0, page.unread - 1),
            },
        );
      })
      .catch((e: unknown) => setAckError(errorMessage(e)));
  };

  const reload = async () => {
    await inbox.reload();
    setAckError(null);
  };

  return {
    notices: inbox.data?.items ?? [],
    unread: inbox.data?.unread ?? 0,
    openId,
    error: inbox.error ?? ackError,
    open,
    reload,
  };
}
