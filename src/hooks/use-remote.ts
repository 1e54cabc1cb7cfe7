import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from '../services/api.error';

export interface Remote<T> {
  /** The last answer; kept through a failed refresh so the page does not go blank. */
  data: T | undefined;
  /** The last failure in Chinese (the server's message or the transport's); null once a load succeeds. */
  error: string | null;
  /** The raw error behind `error`, for pages that act on its code. */
  cause: unknown;
  /** A request is in flight. */
  loading: boolean;
  /** The current query has answered at least once (success or failure): the page can stop saying 加载中. */
  loaded: boolean;
  /** Loads again; resolves once this request has settled (or was superseded). */
  reload: () => Promise<void>;
  /** Changes the data in place (a live event, a message just sent), as `setState` does; no-op after unmount. */
  setData: (update: (previous: T | undefined) => T | undefined) => void;
}

interface State<T> {
  data: T | undefined;
  error: string | null;
  cause: unknown;
  loading: boolean;
  loaded: boolean;
}

const IDLE: State<never> = { data: undefined, error: null, cause: null, loading: false, loaded: false };

/**
 * One way for a page to load something: loading, error and cancellation in one place.
 *
 * `load` runs when the component mounts and again whenever `deps` change (pass `null` while
 * the query still depends on something that is loading, e.g. the user). Only the newest request
 * counts: the answer to a superseded one (older deps, an earlier `reload`) or one arriving after
 * unmount is dropped, never written to state. (Dropped, not aborted: `wx.cloud.callFunction`
 * cannot be aborted, and the mini-program runtime has no `AbortController`.) New deps mean a
 * new query, so `loaded` goes back to false until it answers; `reload` (pull-down, a poll,
 * after a change) keeps what is shown while it runs.
 */
export function useRemote<T>(load: (() => Promise<T>) | null, deps: DependencyList): Remote<T> {
  const [state, setState] = useState<State<T>>(() => (load ? { ...IDLE, loading: true } : IDLE));
  const mounted = useRef(false);
  // The request whose answer may be shown: replaced by every new request, cleared on unmount.
  const current = useRef<object | null>(null);
  const loader = useRef(load);
  loader.current = load;
  // The deps the state belongs to. In the render where they change, the state still describes
  // the old query: report it as loading rather than flash the old answer under the new deps.
  const answered = useRef<DependencyList | null>(null);
  const stale = answered.current !== null && !sameDeps(answered.current, deps);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (fresh: boolean): Promise<void> => {
    const fn = loader.current;
    if (!mounted.current) return; // a pull-down or a timer firing after the page has gone
    if (!fn) {
      current.current = null;
      if (fresh) setState(IDLE);
      return;
    }
    const request = {};
    current.current = request;
    setState((s) => (fresh ? { ...s, loading: true, loaded: false } : { ...s, loading: true }));
    let outcome: Partial<State<T>>;
    try {
      outcome = { data: await fn(), error: null, cause: null };
    } catch (e) {
      outcome = { error: errorMessage(e), cause: e };
    }
    if (current.current !== request) return; // superseded or unmounted: someone newer owns the state
    current.current = null;
    setState((s) => ({ ...s, ...outcome, loading: false, loaded: true }));
  }, []);

  useEffect(() => {
    answered.current = deps;
    void run(true);
    return () => {
      current.current = null;
    };
    // The caller's deps decide when the query changes; `load` is read fresh from the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const reload = useCallback(() => run(false), [run]);
  const setData = useCallback((update: (previous: T | undefined) => T | undefined) => {
    if (mounted.current) setState((s) => ({ ...s, data: update(s.data) }));
  }, []);

  if (stale) return { ...state, loading: load !== null, loaded: false, reload, setData };
  return { ...state, reload, setData };
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
