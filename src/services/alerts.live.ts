/**
 * Alerts routed to a supervisor, pushed as they change: one interface, a transport per build.
 * - weapp: the cloud database's realtime `watch()` on `alerts` where `routedTo` holds the
 *   supervisor's openid (the one query the security rule allows a client);
 * - H5 against the local host: Server-Sent Events from `GET /live/alerts?ticket=<ticket>`, the
 *   one-use ticket asked for with the caller's identity (`POST /live/alerts/ticket`, `X-Openid`,
 *   as `/api/callFunction` is called): EventSource cannot send that header itself;
 * - anything else: a poll of `alerts/list` every 10 s, diffed into the same events.
 * Transports reconnect by themselves with back-off and report their state, so a page only
 * merges events and shows whether it is live.
 */
import Taro from '@tarojs/taro';
import type { Alert } from '@core/model';
import { listAlerts } from './alerts';
import { isLocalH5 } from './platform';
import { ensureCloud } from './transport';

export interface LiveAlertEvent {
  /** snapshot: the transport's initial state; added: new alerts; updated: changed alerts. */
  type: 'snapshot' | 'added' | 'updated';
  alerts: Alert[];
}

/**
 * connecting: first attempt; live: events flow; reconnecting: lost, retrying with back-off;
 * polling: no push channel here, the 10 s poll stands in.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'polling';

export type Unsubscribe = () => void;

export interface SubscribeOptions {
  onState?: (state: LiveState) => void;
}

export const LIVE_ALERTS_PATH = '/live/alerts';
export const LIVE_TICKET_PATH = '/live/alerts/ticket';
/** The SSE event names the local host sends. */
export const SSE_EVENTS = { ready: 'ready', alert: 'alert' } as const;
export const POLL_INTERVAL_MS = 10_000;
/** Waits between reconnection attempts; the last repeats. */
export const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
const WATCH_LIMIT = 50;

export type LiveTransport = 'watch' | 'sse' | 'poll';

/** Which transport this build and runtime can use. */
export function liveTransport(): LiveTransport {
  if (isLocalH5()) return typeof EventSource === 'function' ? 'sse' : 'poll';
  const cloud = (Taro as { cloud?: { database?: unknown } }).cloud;
  return typeof cloud?.database === 'function' ? 'watch' : 'poll';
}

export function subscribeAlerts(
  openid: string,
  onChange: (event: LiveAlertEvent) => void,
  onError: (error: Error) => void = () => undefined,
  options: SubscribeOptions = {},
): Unsubscribe {
  const onState = options.onState ?? (() => undefined);
  switch (liveTransport()) {
    case 'sse':
      return viaEventSource(openid, onChange, onError, onState);
    case 'watch':
      return viaWatch(openid, onChange, onError, onState);
    default:
      return viaPolling(onChange, onError, onState);
  }
}

function backoff(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
}

function toError(e: unknown, fallback: string): Error {
  if (e instanceof Error) return e;
  const errMsg = (e as { errMsg?: unknown } | null)?.errMsg;
  return new Error(typeof errMsg === 'string' ? errMsg : fallback);
}

function isAlert(v: unknown): v is Alert {
  const a = v as Partial<Alert> | null;
  return typeof a === 'object' && a !== null && typeof a._id === 'string' && typeof a.status === 'string';
}

/** One SSE `alert` event's data: `{ "type": "added" | "updated", "alert": Alert }`. */
export function parseAlertEventData(data: string): LiveAlertEvent | null {
  try {
    const body = JSON.parse(data) as { type?: unknown; alert?: unknown };
    if ((body.type !== 'added' && body.type !== 'updated') || !isAlert(body.alert)) return null;
    return { type: body.type, alerts: [body.alert] };
  } catch {
    return null;
  }
}

const EVENT_SOURCE_CLOSED = 2;

/** A one-use ticket for the alert stream, asked for as the signed-in user (see the host). */
async function liveTicket(openid: string): Promise<string> {
  const res = await fetch(LIVE_TICKET_PATH, { method: 'POST', headers: { 'X-Openid': openid } });
  const body = (await res.json().catch(() => null)) as { ticket?: unknown; error?: { message?: unknown } } | null;
  if (res.ok && typeof body?.ticket === 'string') return body.ticket;
  const message = body?.error?.message;
  throw new Error(typeof message === 'string' ? message : `实时告警连接失败（HTTP ${res.status}）`);
}

function viaEventSource(
  openid: string,
  onChange: (event: LiveAlertEvent) => void,
  onError: (error: Error) => void,
  onState: (state: LiveState) => void,
): Unsubscribe {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  const later = () => {
    retry = setTimeout(open, backoff(attempt));
    attempt += 1;
  };

  const connect = (ticket: string) => {
    if (stopped) return;
    const es = new EventSource(`${LIVE_ALERTS_PATH}?ticket=${encodeURIComponent(ticket)}`);
    source = es;
    es.addEventListener(SSE_EVENTS.ready, () => {
      attempt = 0;
      onState('live');
    });
    es.addEventListener(SSE_EVENTS.alert, (e) => {
      const event = parseAlertEventData(String((e as MessageEvent).data));
      if (event) onChange(event);
      else onError(new Error('告警推送数据格式错误'));
    });
    es.onerror = () => {
      if (stopped) return;
      onState('reconnecting');
      // While CONNECTING the browser retries by itself (with the used ticket, which the host
      // refuses, so it ends CLOSED); once CLOSED the retry with back-off and a new ticket is ours.
      if (es.readyState !== EVENT_SOURCE_CLOSED) return;
      es.close();
      onError(new Error('实时告警连接已断开，正在重连'));
      later();
    };
  };

  const open = () => {
    onState(attempt === 0 ? 'connecting' : 'reconnecting');
    liveTicket(openid).then(connect, (e: unknown) => {
      if (stopped) return;
      onError(toError(e, '实时告警连接失败'));
      later();
    });
  };

  open();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}

/** The slice of the cloud database this module uses (Taro's typings lack `watch` on queries). */
export interface WatchSnapshot {
  type?: string;
  docs: unknown[];
  docChanges: Array<{ dataType: string; queueType?: string; doc: unknown; docId?: string }>;
}
interface Watcher {
  close(): Promise<unknown>;
}
interface WatchableQuery {
  where(condition: Record<string, unknown>): WatchableQuery;
  orderBy(field: string, order: 'asc' | 'desc'): WatchableQuery;
  limit(n: number): WatchableQuery;
  watch(options: { onChange: (snapshot: WatchSnapshot) => void; onError: (error: unknown) => void }): Watcher;
}
interface WatchableDatabase {
  collection(name: string): WatchableQuery;
  command: { elemMatch(condition: unknown): unknown; eq(value: unknown): unknown };
}

/**
 * A watch snapshot as events: the first (`type: 'init'`) is the snapshot of the watched query;
 * later ones carry `docChanges`, grouped into one `added` (dataType add) and one `updated`
 * (update, replace) event. Removals are ignored: alerts are never deleted, only closed.
 */
export function eventsFromSnapshot(snapshot: WatchSnapshot): LiveAlertEvent[] {
  if (snapshot.type === 'init') return [{ type: 'snapshot', alerts: snapshot.docs.filter(isAlert) }];
  const added: Alert[] = [];
  const updated: Alert[] = [];
  for (const change of snapshot.docChanges) {
    if (!isAlert(change.doc)) continue;
    if (change.dataType === 'add') added.push(change.doc);
    else if (change.dataType === 'update' || change.dataType === 'replace') updated.push(change.doc);
  }
  const events: LiveAlertEvent[] = [];
  if (added.length > 0) events.push({ type: 'added', alerts: added });
  if (updated.length > 0) events.push({ type: 'updated', alerts: updated });
  return events;
}

function viaWatch(
  openid: string,
  onChange: (event: LiveAlertEvent) => void,
  onError: (error: Error) => void,
  onState: (state: LiveState) => void,
): Unsubscribe {
  let watcher: Watcher | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  const reconnect = (e: unknown) => {
    watcher = null;
    if (stopped) return;
    onError(toError(e, '实时告警监听出错'));
    onState('reconnecting');
    retry = setTimeout(open, backoff(attempt));
    attempt += 1;
  };

  const open = () => {
    onState(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      ensureCloud();
      const db = Taro.cloud.database() as unknown as WatchableDatabase;
      const _ = db.command;
      // The security rule is `auth.openid in doc.routedTo`; WeChat accepts a query on an array
      // field under an `in` rule in this form (with the real openid: '{openid}' cannot be used
      // inside a query command).
      watcher = db
        .collection('alerts')
        .where({ routedTo: _.elemMatch(_.eq(openid)) })
        .orderBy('createdAt', 'desc')
        .limit(WATCH_LIMIT)
        .watch({
          onChange: (snapshot) => {
            if (stopped) return;
            attempt = 0;
            onState('live');
            for (const event of eventsFromSnapshot(snapshot)) onChange(event);
          },
          onError: reconnect,
        });
    } catch (e) {
      reconnect(e);
    }
  };

  open();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    void watcher?.close().catch(() => undefined);
  };
}

function viaPolling(
  onChange: (event: LiveAlertEvent) => void,
  onError: (error: Error) => void,
  onState: (state: LiveState) => void,
): Unsubscribe {
  // id → updatedAt of every alert seen, so a poll reports only what changed since.
  let seen: Map<string, number> | null = null;
  let stopped = false;

  const poll = async () => {
    try {
      const page = await listAlerts({ limit: WATCH_LIMIT });
      if (stopped) return;
      if (seen === null) {
        seen = new Map(page.items.map((a) => [a._id, a.updatedAt]));
        onChange({ type: 'snapshot', alerts: page.items });
        return;
      }
      const known = seen;
      const added = page.items.filter((a) => !known.has(a._id));
      const updated = page.items.filter((a) => known.has(a._id) && known.get(a._id) !== a.updatedAt);
      for (const a of page.items) known.set(a._id, a.updatedAt);
      if (added.length > 0) onChange({ type: 'added', alerts: added });
      if (updated.length > 0) onChange({ type: 'updated', alerts: updated });
    } catch (e) {
      if (!stopped) onError(toError(e, '刷新告警失败'));
    }
  };

  onState('polling');
  // The first poll is the baseline (a snapshot) the later ones are diffed against.
  void poll();
  const timer = setInterval(() => void poll(), POLL_INTERVAL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
