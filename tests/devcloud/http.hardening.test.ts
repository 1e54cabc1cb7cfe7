/**
 * The local host's answers a prober saw, in process with a real store: 413 for oversized
 * bodies (an answer, not a reset), 500 bodies without internal text, and the alert stream
 * opened only with a ticket bound to the X-Openid caller, capped per user and in total.
 */
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { AlertLiveFeed } from '../../devcloud/alerts.live-feed';
import type { FunctionsRuntime } from '../../devcloud/functions.runtime';
import { createHttpHost, MAX_BODY } from '../../devcloud/http.host';
import { DocumentStore } from '../../devcloud/store/document.store';

const SECRET_TEXT = 'connect ECONNREFUSED mongodb://admin:hunter2@10.0.0.7 KEFU_ROBOT_WEBHOOK not set';

/** A runtime whose every function fails with an internal message (what the probe provoked). */
const failingRuntime = {
  names: () => ['api'],
  has: (name: string) => name === 'api',
  invoke: async () => {
    throw new Error(SECRET_TEXT);
  },
} as unknown as FunctionsRuntime;

let server: Server;
let base: string;
let feed: AlertLiveFeed;
const store = DocumentStore.open(':memory:');
const logged: string[] = [];

beforeAll(async () => {
  store.insert('users', [
    { _id: 'sup-a', role: 'supervisor', name: '主管甲', team: 'A' },
    { _id: 'sup-b', role: 'supervisor', name: '主管乙', team: 'B' },
    { _id: 'agent-a', role: 'agent', name: '客服甲', agentId: 'kf1' },
  ]);
  feed = new AlertLiveFeed(store, { perUser: 2, total: 3, ticketTtlMs: 60_000 });
  server = createHttpHost({
    runtime: failingRuntime,
    liveAlerts: feed,
    h5Dir: '/nonexistent',
    listUsers: async () => [],
    log: (line) => logged.push(line),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  feed.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  store.close();
});

const callFunction = (body: string, openid = 'sup-a') =>
  fetch(`${base}/api/callFunction`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'X-Openid': openid },
  });

async function ticketFor(openid: string | undefined): Promise<{ status: number; ticket?: string; code?: string }> {
  const r = await fetch(`${base}/live/alerts/ticket`, {
    method: 'POST',
    headers: openid ? { 'X-Openid': openid } : {},
  });
  const body = (await r.json()) as { ticket?: string; error?: { code: string } };
  return { status: r.status, ticket: body.ticket, code: body.error?.code };
}

const streams: AbortController[] = [];
async function openStream(ticket: string | undefined): Promise<Response> {
  const controller = new AbortController();
  streams.push(controller);
  return fetch(`${base}/live/alerts${ticket === undefined ? '' : `?ticket=${encodeURIComponent(ticket)}`}`, {
    signal: controller.signal,
  });
}
afterEach(async () => {
  for (const c of streams.splice(0)) c.abort();
  // Let the host see the aborted sockets close before the next case counts streams.
  for (let i = 0; i < 50 && feed.connections > 0; i++) await new Promise((r) => setTimeout(r, 10));
});

describe('request bodies over the limit', () => {
  it('answers 413 BODY_TOO_LARGE instead of resetting the connection', async () => {
    const big = JSON.stringify({ name: 'api', data: { text: 'x'.repeat(MAX_BODY + 1024) } });
    const r = await callFunction(big);
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
  });

  it('still serves the next request on the same host', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
  });
});

describe('500 answers', () => {
  it('carry a fixed text, never the internal message, which goes to the log', async () => {
    const r = await callFunction(JSON.stringify({ name: 'api', data: { action: 'me/get' } }));
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'FUNCTION_EXECUTION_FAILED', message: expect.any(String) } });
    expect(text).not.toMatch(/ECONNREFUSED|hunter2|KEFU_ROBOT_WEBHOOK/);
    expect(logged.join('\n')).toContain(SECRET_TEXT);
  });
});

describe('the alert stream: the X-Openid caller, through a one-use ticket', () => {
  it('issues tickets to supervisors, and refuses agents (403) and unknown or missing callers (401)', async () => {
    expect(await ticketFor('sup-a')).toMatchObject({ status: 200, ticket: expect.stringMatching(/^[\w-]{43}$/) });
    expect(await ticketFor('agent-a')).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    expect(await ticketFor('o-stranger')).toMatchObject({ status: 401, code: 'AUTH.UNKNOWN_USER' });
    expect(await ticketFor(undefined)).toMatchObject({ status: 401, code: 'AUTH.UNKNOWN_USER' });
  });

  it('refuses a deactivated supervisor a ticket (issue 14: refused everywhere)', async () => {
    const quick = new AlertLiveFeed(store);
    store.insert('users', [{ _id: 'sup-gone', role: 'supervisor', name: '已停用', deactivated: true }]);
    expect(quick.issueTicket('sup-gone')).toMatchObject({ status: 403, body: { error: { code: 'AUTH.DEACTIVATED' } } });
    quick.close();
  });

  it('no longer trusts ?openid=: without a valid ticket the stream is refused', async () => {
    const byQuery = await fetch(`${base}/live/alerts?openid=sup-a`);
    expect(byQuery.status).toBe(401);
    expect(await byQuery.json()).toMatchObject({ error: { code: 'LIVE.BAD_TICKET' } });
    expect((await openStream('made-up-ticket')).status).toBe(401);
  });

  it('opens a stream with a ticket once; the same ticket again is refused', async () => {
    const { ticket } = await ticketFor('sup-a');
    const first = await openStream(ticket);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect((await openStream(ticket)).status).toBe(401);
  });

  it('refuses an expired ticket', async () => {
    let now = 1_000_000;
    const quick = new AlertLiveFeed(store, { ticketTtlMs: 1_000 }, () => now);
    const { body } = quick.issueTicket('sup-a') as { body: { ticket: string } };
    now += 1_001;
    const answers: number[] = [];
    const res = {
      writeHead: (status: number) => answers.push(status),
      end: () => undefined,
    } as never;
    quick.connect({ on: () => undefined } as never, res, body.ticket);
    quick.close();
    expect(answers).toEqual([401]);
  });

  it('caps streams per user and in total with 429', async () => {
    const open = async (openid: string) => (await openStream((await ticketFor(openid)).ticket)).status;
    expect(await open('sup-a')).toBe(200);
    expect(await open('sup-a')).toBe(200);
    expect(await open('sup-a')).toBe(429);
    expect(feed.connections).toBe(2);
    expect(await open('sup-b')).toBe(200);
    expect(await open('sup-b')).toBe(429);
    expect(feed.connections).toBe(3);
  });
});
