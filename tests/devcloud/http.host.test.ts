/**
 * The local cloud's HTTP face, in process: the built functions, the real SDK, an in-memory store.
 */
import { join } from 'path';
import { startLocalCloud, type LocalCloud } from '../../devcloud/local-cloud';
import { signIngestRequest } from '../../cloudfunctions/common/events/signature';
import { DEMO_INGEST_SOURCE } from '../../devcloud/demo/demo.seed';
import { buildFunctions, FUNCTIONS_OUT } from '../../scripts/build-functions';

jest.setTimeout(120_000);

let cloud: LocalCloud;

beforeAll(async () => {
  await buildFunctions();
  cloud = await startLocalCloud({
    port: 0,
    dataDir: ':memory:',
    functionsDir: FUNCTIONS_OUT,
    h5Dir: join(__dirname, 'no-such-h5-build'),
    demo: true,
  });
});
afterAll(() => cloud.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${cloud.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });

describe('local cloud over HTTP', () => {
  it('answers /healthz with the loaded functions', async () => {
    const r = await fetch(`${cloud.url}/healthz`);
    expect(await r.json()).toEqual({ ok: true, functions: ['api', 'ingest', 'sweep'] });
  });

  it('answers /healthz?memory=1 with the host process memory in bytes', async () => {
    const body = (await (await fetch(`${cloud.url}/healthz?memory=1`)).json()) as {
      memory: Record<string, number>;
    };
    expect(Object.keys(body.memory).sort()).toEqual(['external', 'heapTotal', 'heapUsed', 'rss']);
    expect(body.memory.rss).toBeGreaterThan(body.memory.heapUsed);
    expect(body.memory.heapUsed).toBeGreaterThan(1_000_000);
  });

  it('answers callFunction like wx.cloud.callFunction, identity from X-Openid', async () => {
    const r = await post('/api/callFunction', JSON.stringify({ name: 'api', data: { action: 'me/get' } }), {
      'X-Openid': 'demo-supervisor',
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      result: { ok: true, data: { _id: 'demo-supervisor', role: 'supervisor' } },
    });
  });

  it('answers 404 with a JSON error for an unknown function and 400 for bad JSON', async () => {
    const missing = await post('/api/callFunction', JSON.stringify({ name: 'nope', data: {} }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'FUNCTION_NOT_FOUND', message: expect.any(String) } });
    const bad = await post('/api/callFunction', '{"name":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_JSON' } });
  });

  it('delivers a customer-service push to ingest and answers success', async () => {
    const body = {
      ToUserName: 'gh_0123456789ab',
      FromUserName: 'oHostTest',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: '你好，我的订单三天了还没发货',
      MsgId: 42,
    };
    const r = await post('/push/wechat', JSON.stringify(body));
    expect(await r.text()).toBe('success');
    const live = await post('/api/callFunction', JSON.stringify({ name: 'api', data: { action: 'sessions/live' } }), {
      'X-Openid': 'demo-supervisor',
    });
    const { result } = (await live.json()) as { result: { data: { items: { customerId: string }[] } } };
    expect(result.data.items.map((s) => s.customerId)).toContain('oHostTest');
  });

  it('accepts a signed ingest batch and refuses an unsigned one with 401', async () => {
    const batch = JSON.stringify({
      source: DEMO_INGEST_SOURCE.id,
      events: [
        {
          id: 'm1',
          kind: 'message',
          at: Date.now(),
          customerId: 'oSigned',
          role: 'customer',
          channel: 'api',
          text: '在吗',
        },
      ],
    });
    const unsigned = await post('/ingest/events', batch);
    expect(unsigned.status).toBe(401);
    const headers = signIngestRequest(DEMO_INGEST_SOURCE.id, DEMO_INGEST_SOURCE.secret, batch);
    const signed = await post('/ingest/events', batch, headers);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ ok: true, data: { results: [{ status: 'stored' }] } });
  });

  it('pushes a new alert to the supervisor it is routed to over server-sent events', async () => {
    const controller = new AbortController();
    const ticket = await post('/live/alerts/ticket', '', { 'X-Openid': 'demo-supervisor' });
    const { ticket: id } = (await ticket.json()) as { ticket: string };
    const stream = await fetch(`${cloud.url}/live/alerts?ticket=${id}`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    let received = '';
    const next = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        received += new TextDecoder().decode(value);
      }
    };
    await next(/event: ready/);

    const call = (openid: string, data: Record<string, unknown>) =>
      post('/api/callFunction', JSON.stringify({ name: 'api', data }), { 'X-Openid': openid }).then(
        async (r) => ((await r.json()) as { result: { data: Record<string, unknown> } }).result.data,
      );
    const customer = 'oLiveFeed';
    await post(
      '/push/wechat',
      JSON.stringify({
        ToUserName: 'gh',
        FromUserName: customer,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: '在吗',
        MsgId: 77,
      }),
    );
    const open = (await call('demo-admin', { action: 'sessions/list', status: 'open', limit: 100 })) as {
      items: { _id: string; customerId: string }[];
    };
    const sessionId = open.items.find((s) => s.customerId === customer)!._id;
    await call('demo-agent', { action: 'messages/reply', sessionId, text: '爱买不买', confirmRedLine: true });
    await call('demo-agent', { action: 'sessions/close', sessionId });

    await next(new RegExp(`"type":"added".*${sessionId}`));
    controller.abort();
    const event = received.split('\n\n').find((e) => e.includes(sessionId))!;
    const alert = JSON.parse(event.split('data: ')[1]).alert;
    expect(alert).toMatchObject({ sessionId, routedTo: expect.arrayContaining(['demo-supervisor']) });
  });

  it('refuses the alert stream to an agent, and to anyone naming a supervisor in the query', async () => {
    const r = await post('/live/alerts/ticket', '', { 'X-Openid': 'demo-agent' });
    expect(r.status).toBe(403);
    expect((await fetch(`${cloud.url}/live/alerts?openid=demo-supervisor`)).status).toBe(401);
  });

  it('lists the demo users for the local sign-in screen', async () => {
    const users = (await (await fetch(`${cloud.url}/dev/users`)).json()) as { _id: string; role: string }[];
    expect(users.map((u) => u._id)).toEqual(
      expect.arrayContaining(['demo-admin', 'demo-supervisor', 'demo-inspector', 'demo-agent']),
    );
  });

  it('answers 503 with a clear message when the H5 app is not built', async () => {
    const r = await fetch(`${cloud.url}/`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ error: { code: 'H5_NOT_BUILT' } });
  });
});
