/**
 * The local host stamps each entry point with the SOURCE the cloud would give it, so the
 * functions' caller checks run for real: `/api/callFunction` is a mini-program client, the push
 * route is a WeChat push, the timer is `wx_trigger`, and a function calling another gets the
 * caller's chain plus `scf`.
 */
import { join } from 'path';
import { startLocalCloud, type LocalCloud } from '../../devcloud/local-cloud';
import { getCloud, runWithContext } from '../../devcloud/sdk/cloud.binding';
import { buildFunctions, FUNCTIONS_OUT } from '../../scripts/build-functions';
import { documentCounts } from '../cloud/store.counts';

jest.setTimeout(120_000);

let cloud: LocalCloud;

beforeAll(async () => {
  await buildFunctions();
  cloud = await startLocalCloud({
    port: 0,
    dataDir: ':memory:',
    functionsDir: FUNCTIONS_OUT,
    h5Dir: join(__dirname, 'no-such-h5-build'),
    demo: false,
  });
});
afterAll(() => cloud.close());

function snapshot(): Record<string, number> {
  return documentCounts(cloud.store);
}

let seq = 0;
function push(from = 'oHostCaller') {
  seq += 1;
  return {
    ToUserName: 'gh_0123456789ab',
    FromUserName: from,
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'text',
    Content: '你好，我的订单还没发货',
    MsgId: `${Date.now()}${seq}`,
  };
}

const callFunction = (name: string, data: unknown, openid = 'oHostCaller') =>
  fetch(`${cloud.url}/api/callFunction`, {
    method: 'POST',
    body: JSON.stringify({ name, data }),
    headers: { 'Content-Type': 'application/json', 'X-Openid': openid },
  }).then((r) => r.json() as Promise<{ result: unknown }>);

describe('the local host gives each entry point its SOURCE', () => {
  it('refuses ingest and sweep called through /api/callFunction (a mini-program client), writing nothing', async () => {
    const before = snapshot();
    const conversation = {
      id: 'c1',
      customerId: 'x',
      messages: [{ role: 'customer', at: Date.now(), text: '你好' }],
    };
    for (const [name, data] of [
      ['ingest', push()],
      ['ingest', { kind: 'import-conversation', conversation }],
      ['sweep', {}],
    ] as const) {
      expect((await callFunction(name, data)).result).toMatchObject({ ok: false, code: 'CALLER.REFUSED' });
    }
    expect(snapshot()).toEqual(before);
  });

  it('delivers /push/wechat as a WeChat push, which ingest serves', async () => {
    const before = snapshot().messages ?? 0;
    const r = await fetch(`${cloud.url}/push/wechat`, { method: 'POST', body: JSON.stringify(push()) });
    expect(await r.text()).toBe('success');
    expect(snapshot().messages).toBe(before + 1);
  });

  it('fires timers as wx_trigger, which sweep serves', async () => {
    await expect(cloud.runtime.fireTimer('sweep')).resolves.toEqual({ closed: 0, failed: 0 });
  });

  it('runs cloud.callFunction with the caller chain plus scf: refused from a client, served from a server', async () => {
    const before = snapshot().messages ?? 0;
    const fromClient = await runWithContext({ SOURCE: 'wx_client', OPENID: 'oHostCaller' }, () =>
      getCloud().callFunction({ name: 'ingest', data: push() }),
    );
    expect((fromClient as { result: unknown }).result).toMatchObject({ code: 'CALLER.REFUSED' });
    expect(snapshot().messages ?? 0).toBe(before);
    const fromServer = await runWithContext({ SOURCE: 'wx_http' }, () =>
      getCloud().callFunction({ name: 'ingest', data: push() }),
    );
    expect((fromServer as { result: unknown }).result).toBe('success');
    expect(snapshot().messages).toBe(before + 1);
  });
});
