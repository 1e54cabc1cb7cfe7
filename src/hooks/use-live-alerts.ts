import { useEffect, useRef, useState } from 'react';
import { subscribeAlerts, type LiveAlertEvent, type LiveState } from '../services/alerts.live';

/**
 * Keeps a page subscribed to the supervisor's alerts while it exists. Events go to the latest
 * `onEvent` (no resubscribing on every render); `onReconnected` runs when a lost channel is back,
 * so the page can re-list what it may have missed.
 */
export function useLiveAlerts(
  openid: string | null,
  onEvent: (event: LiveAlertEvent) => void,
  onReconnected?: () => void,
): LiveState | null {
  const [state, setState] = useState<LiveState | null>(null);
  const handlers = useRef({ onEvent, onReconnected });
  handlers.current = { onEvent, onReconnected };

  useEffect(() => {
    if (!openid) return undefined;
    let lost = false;
    return subscribeAlerts(
      openid,
      (event) => handlers.current.onEvent(event),
      () => undefined,
      {
        onState: (next) => {
          if (next === 'reconnecting') lost = true;
          if (next === 'live' && lost) {
            lost = false;
            handlers.current.onReconnected?.();
          }
          setState(next);
        },
      },
    );
  }, [openid]);

  return state;
}
