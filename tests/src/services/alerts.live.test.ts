import type { Alert } from '@core/model';
import {
  BACKOFF_MS,
  POLL_INTERVAL_MS,
  eventsFromSnapshot,
  subscribeAlerts,
  type LiveAlertEvent,
  type LiveState,
  type WatchSnapshot,
} from '../../../src/services/alerts.live';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok } from '../support/fake-host';
import { makeAlert } from '../support/factories';

/** The browser's EventSource as the local host drives it: named events, errors, readyState. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readyState = FakeEventSource.CONNECTING;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, Array<(e: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, fn: (e: { data: string }) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  // Test controls.
  emit(name: string, data = '') {
    if (name === 'ready') this.readyState = FakeEventSource.OPEN;
    this.listeners.get(name)?.forEach((fn) => fn({ data }));
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.();
  }
}

function record() {
  const events: LiveAlertEvent[] = [];
  const states: LiveState[] = [];
  const errors: Error[] = [];
  return {
    events,
    states,
    errors,
    onChange: (e: LiveAlertEvent) => events.push(e),
    onError: (e: Error) => errors.push(e),
    onState: (s: LiveState) => states.push(s),
  };
}

/** Lets the ticket request (a fake fetch: a few promise turns) settle. */
async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('live alerts over SSE (H5)', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
    installFakeHost({});
  });
  afterEach(() => {
    delete (globalThis as { EventSource?: unknown }).EventSource;
    jest.useRealTimers();
  });

  test('asks a ticket as the user, connects to /live/alerts with it, and turns alert events into added/updated', async () => {
    const r = record();
    subscribeAlerts('demo supervisor', r.onChange, r.onError, { onState: r.onState });
    await settle();
    const es = FakeEventSource.instances[0];
    expect(es.url).toBe('/live/alerts?ticket=ticket-1-for-demo%20supervisor');
    expect(es.url).not.toContain('openid');
    es.emit('ready');
    const alert = makeAlert({ _id: 'a9' });
    es.emit('alert', JSON.stringify({ type: 'added', alert }));
    es.emit('alert', JSON.stringify({ type: 'updated', alert: { ...alert, status: 'acknowledged' } }));
    expect(r.events).toEqual([
      { type: 'added', alerts: [alert] },
      { type: 'updated', alerts: [{ ...alert, status: 'acknowledged' }] },
    ]);
    expect(r.states).toEqual(['connecting', 'live']);
  });

  test('reports malformed events as errors without dropping the connection', async () => {
    const r = record();
    subscribeAlerts('u', r.onChange, r.onError);
    await settle();
    FakeEventSource.instances[0].emit('alert', '{"type":"added"}');
    expect(r.events).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(FakeEventSource.instances[0].closed).toBe(false);
  });

  test('while the browser retries by itself it only reports reconnecting', async () => {
    const r = record();
    subscribeAlerts('u', r.onChange, r.onError, { onState: r.onState });
    await settle();
    FakeEventSource.instances[0].fail(FakeEventSource.CONNECTING);
    expect(r.states).toEqual(['connecting', 'reconnecting']);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  test('once the browser gives up, reconnects with growing back-off and a new ticket until ready', async () => {
    jest.useFakeTimers();
    const r = record();
    subscribeAlerts('u', r.onChange, r.onError, { onState: r.onState });
    await settle();
    FakeEventSource.instances[0].fail(FakeEventSource.CLOSED);
    jest.advanceTimersByTime(BACKOFF_MS[0] - 1);
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    jest.advanceTimersByTime(1);
    await settle();
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[1].url).toBe('/live/alerts?ticket=ticket-2-for-u');
    FakeEventSource.instances[1].fail(FakeEventSource.CLOSED);
    jest.advanceTimersByTime(BACKOFF_MS[1] - 1);
    await settle();
    expect(FakeEventSource.instances).toHaveLength(2);
    jest.advanceTimersByTime(1);
    await settle();
    FakeEventSource.instances[2].emit('ready');
    expect(r.states[r.states.length - 1]).toBe('live');
  });

  test('unsubscribing closes the stream and cancels a pending reconnect', async () => {
    jest.useFakeTimers();
    const r = record();
    const stop = subscribeAlerts('u', r.onChange, r.onError);
    await settle();
    FakeEventSource.instances[0].fail(FakeEventSource.CLOSED);
    stop();
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(FakeEventSource.instances[0].closed).toBe(true);
  });
});

/** The cloud database's realtime watch, as WeChat's SDK drives it. */
function fakeDatabase() {
  const watches: Array<{
    where: Record<string, unknown>;
    orderBy: [string, string];
    limit: number;
    onChange: (s: WatchSnapshot) => void;
    onError: (e: unknown) => void;
    close: jest.Mock;
  }> = [];
  const database = () => ({
    command: {
      elemMatch: (condition: unknown) => ({ $elemMatch: condition }),
      eq: (value: unknown) => ({ $eq: value }),
    },
    collection: (name: string) => {
      expect(name).toBe('alerts');
      const q = { where: {} as Record<string, unknown>, orderBy: ['', ''] as [string, string], limit: 0 };
      const query = {
        where: (c: Record<string, unknown>) => ((q.where = c), query),
        orderBy: (f: string, o: string) => ((q.orderBy = [f, o]), query),
        limit: (n: number) => ((q.limit = n), query),
        watch: (opts: { onChange: (s: WatchSnapshot) => void; onError: (e: unknown) => void }) => {
          const close = jest.fn(() => Promise.resolve());
          watches.push({ ...q, ...opts, close });
          return { close };
        },
      };
      return query;
    },
  });
  return { watches, database };
}

const change = (dataType: string, doc: Alert) => ({ dataType, queueType: 'update', doc, docId: doc._id });

describe('live alerts over the cloud database watch (weapp)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });
  afterEach(() => jest.useRealTimers());

  test('watches the alerts routed to the supervisor, newest first', () => {
    const db = fakeDatabase();
    taroTest.cloud.database.mockImplementation(db.database);
    subscribeAlerts('oSupervisor', jest.fn());
    expect(taroTest.cloud.init).toHaveBeenCalled();
    expect(db.watches[0]).toMatchObject({
      where: { routedTo: { $elemMatch: { $eq: 'oSupervisor' } } },
      orderBy: ['createdAt', 'desc'],
      limit: 50,
    });
  });

  test('maps the init snapshot and later doc changes to snapshot, added and updated events', () => {
    const db = fakeDatabase();
    taroTest.cloud.database.mockImplementation(db.database);
    const r = record();
    subscribeAlerts('o', r.onChange, r.onError, { onState: r.onState });
    const a1 = makeAlert({ _id: 'a1' });
    const a2 = makeAlert({ _id: 'a2' });
    db.watches[0].onChange({ type: 'init', docs: [a1], docChanges: [change('init', a1)] });
    db.watches[0].onChange({
      docs: [a2, a1],
      docChanges: [change('add', a2), change('update', { ...a1, status: 'resolved' }), change('remove', a1)],
    });
    expect(r.events).toEqual([
      { type: 'snapshot', alerts: [a1] },
      { type: 'added', alerts: [a2] },
      { type: 'updated', alerts: [{ ...a1, status: 'resolved' }] },
    ]);
    expect(r.states).toEqual(['connecting', 'live', 'live']);
  });

  test('re-opens the watch with back-off after an error and reports it', () => {
    jest.useFakeTimers();
    const db = fakeDatabase();
    taroTest.cloud.database.mockImplementation(db.database);
    const r = record();
    subscribeAlerts('o', r.onChange, r.onError, { onState: r.onState });
    db.watches[0].onError({ errMsg: 'realtime listener disconnected' });
    expect(r.errors.map((e) => e.message)).toEqual(['realtime listener disconnected']);
    expect(r.states).toContain('reconnecting');
    jest.advanceTimersByTime(BACKOFF_MS[0]);
    expect(db.watches).toHaveLength(2);
  });

  test('unsubscribing closes the watcher', () => {
    const db = fakeDatabase();
    taroTest.cloud.database.mockImplementation(db.database);
    const stop = subscribeAlerts('o', jest.fn());
    stop();
    expect(db.watches[0].close).toHaveBeenCalled();
  });

  test('ignores documents that are not alerts', () => {
    expect(eventsFromSnapshot({ docs: [], docChanges: [{ dataType: 'add', doc: { foo: 1 } }] })).toEqual([]);
  });
});

describe('live alerts without a push channel', () => {
  afterEach(() => jest.useRealTimers());

  test('polls alerts/list every 10 s and reports only what changed', async () => {
    jest.useFakeTimers();
    signIn('demo-supervisor');
    let items = [makeAlert({ _id: 'a1', updatedAt: 1 })];
    const host = installFakeHost({ api: () => ok({ items, total: items.length, unread: 1 }) });
    const r = record();
    subscribeAlerts('demo-supervisor', r.onChange, r.onError, { onState: r.onState });
    await jest.advanceTimersByTimeAsync(0);
    items = [makeAlert({ _id: 'a2', updatedAt: 2 }), makeAlert({ _id: 'a1', updatedAt: 3, status: 'acknowledged' })];
    await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(r.states).toEqual(['polling']);
    expect(r.events.map((e) => [e.type, e.alerts.map((a) => a._id)])).toEqual([
      ['snapshot', ['a1']],
      ['added', ['a2']],
      ['updated', ['a1']],
    ]);
    expect(host.calls.map((c) => c.action)).toEqual(['alerts/list', 'alerts/list', 'alerts/list']);
  });
});
