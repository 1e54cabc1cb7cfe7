import { useCallback, useEffect, useRef, useState } from 'react';

export interface Action<A extends unknown[]> {
  /** Runs the action unless one is already running (a double tap sends once). */
  run: (...args: A) => Promise<void>;
  /** The arguments of the running call, e.g. which example is being removed; null when idle. */
  running: A | null;
  busy: boolean;
}

export interface ActionHandlers<A extends unknown[], R> {
  /** After success; the action stays busy until a returned promise settles (e.g. a reload). */
  onDone?: (value: R, ...args: A) => void | Promise<void>;
  onError?: (error: unknown, ...args: A) => void;
}

/**
 * The counterpart of useRemote for what a tap starts (add, remove, try): busy while it runs, one
 * at a time, and its handlers run only while the component is mounted, so a page closed
 * mid-request is never written to.
 */
export function useAction<A extends unknown[], R>(
  perform: (...args: A) => Promise<R>,
  handlers: ActionHandlers<A, R> = {},
): Action<A> {
  const [running, setRunning] = useState<A | null>(null);
  const mounted = useRef(false);
  const busy = useRef(false);
  const latest = useRef({ perform, handlers });
  latest.current = { perform, handlers };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<void> => {
    if (busy.current || !mounted.current) return;
    busy.current = true;
    setRunning(args);
    try {
      const value = await latest.current.perform(...args);
      if (mounted.current) await latest.current.handlers.onDone?.(value, ...args);
    } catch (e) {
      if (mounted.current) latest.current.handlers.onError?.(e, ...args);
    } finally {
      busy.current = false;
      if (mounted.current) setRunning(null);
    }
  }, []);

  return { run, running, busy: running !== null };
}
