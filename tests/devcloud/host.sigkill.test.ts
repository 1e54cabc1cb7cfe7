/**
 * The local cloud killed with SIGKILL in the middle of a stream of pushes: after a restart every
 * push that was answered `success` is stored exactly once, and replaying the whole stream (as
 * WeChat's retries would) adds nothing.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildFunctions } from '../../scripts/build-functions';
import { DocumentStore } from '../../devcloud/store/document.store';
import { startHost } from '../../scripts/support/local-host';

jest.setTimeout(120_000);

const PORT = 18900 + Math.floor(Math.random() * 90);
const BASE = `http://localhost:${PORT}`;

const start = (dataDir: string) =>
  startHost({ port: PORT, dataDir, args: ['--no-demo', '--no-h5'], timeoutMs: 40_000 });

function pushBody(i: number) {
  return {
    ToUserName: 'gh_0123456789ab',
    FromUserName: `oKill_${i % 7}`,
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'text',
    Content: `第 ${i} 条：我的订单还没发货`,
    MsgId: 900000000 + i,
  };
}

function storedIds(dataDir: string): string[] {
  const store = DocumentStore.open(join(dataDir, 'kefu-qa.sqlite'));
  try {
    return store.find('messages', {}).map((d) => String(d._id));
  } finally {
    store.close();
  }
}

describe('local cloud killed mid-stream', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-qa-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged push exactly once across SIGKILL and a full replay', async () => {
    await buildFunctions();
    let host = (await start(dataDir)).child;

    const acknowledged = new Set<string>();
    let i = 0;
    const pusher = (async () => {
      for (; i < 5000; i++) {
        const r = await fetch(`${BASE}/push/wechat`, { method: 'POST', body: JSON.stringify(pushBody(i)) }).catch(
          () => null,
        );
        if (!r) return; // the host is gone
        if ((await r.text()) === 'success') acknowledged.add(`mp_${900000000 + i}`);
      }
    })();
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 5));
    host.kill('SIGKILL');
    await pusher;
    const sent = i;

    const afterKill = storedIds(dataDir);
    expect(afterKill.length).toBe(new Set(afterKill).size);
    for (const id of acknowledged) expect(afterKill).toContain(id);

    host = (await start(dataDir)).child;
    for (let j = 0; j <= sent; j++) {
      const r = await fetch(`${BASE}/push/wechat`, { method: 'POST', body: JSON.stringify(pushBody(j)) });
      expect(await r.text()).toBe('success');
    }
    host.kill('SIGKILL');
    await new Promise((r) => host.once('exit', r));

    const afterReplay = storedIds(dataDir);
    expect(afterReplay.length).toBe(sent + 1);
    expect(new Set(afterReplay).size).toBe(sent + 1);
  });
});
