/**
 * End-to-end: the H5 build in headless Chromium (Debian's `chromium` + playwright-core) against
 * the local cloud started exactly as `npm start` starts it, on a throwaway data dir and port.
 * Screenshots land in test-results/e2e/. Prints "N passed, N failed" and exits non-zero on a failure.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '..');
const PORT = Number(process.env.E2E_PORT ?? 18787);
const BASE = `http://localhost:${PORT}`;
const SHOTS = join(ROOT, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function waitForHealth(child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the local cloud exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${BASE}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the local cloud did not become healthy in time');
}

async function callApi(openid: string, data: Record<string, unknown>) {
  const r = await fetch(`${BASE}/api/callFunction`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Openid': openid },
    body: JSON.stringify({ name: 'api', data }),
  });
  const body = (await r.json()) as { result: { ok: boolean; data?: unknown; code?: string } };
  if (!body.result.ok) throw new Error(`api ${String(data.action)} failed: ${JSON.stringify(body.result)}`);
  return body.result.data as Record<string, unknown>;
}

async function push(body: unknown): Promise<string> {
  const r = await fetch(`${BASE}/push/wechat`, { method: 'POST', body: JSON.stringify(body) });
  return r.text();
}

type Check = { name: string; run: (page: Page) => Promise<void> };

const checks: Check[] = [
  {
    name: 'the sign-in screen lists the demo users and signs a supervisor in',
    async run(page) {
      await page.goto(`${BASE}/`);
      await page.getByText('林主管').first().click({ timeout: 20_000 });
      await page
        .getByText(/红线违规|低分会话/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SHOTS, 'sign-in-to-alerts.png') });
    },
  },
  {
    name: 'a supervisor opening /?as=demo-supervisor sees the alerts of their team',
    async run(page) {
      await page.goto(`${BASE}/?as=demo-supervisor`);
      await page
        .getByText(/红线违规|低分会话/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SHOTS, 'supervisor-alerts.png') });
    },
  },
  {
    name: 'a pushed chat with a rude agent reply, once closed, appears on the alerts page',
    async run(page) {
      const customer = `oE2E_${Date.now()}`;
      const answer = await push({
        ToUserName: 'gh_0123456789ab',
        FromUserName: customer,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: '你好，我的订单三天了还没发货',
        MsgId: Date.now(),
      });
      if (answer !== 'success') throw new Error(`push answered ${answer}`);
      const open = (await callApi('demo-agent', { action: 'sessions/list', status: 'open', limit: 100 })) as {
        items: { _id: string; customerId: string }[];
      };
      // The agent does not see an unanswered session yet: find it as the admin.
      const all = (await callApi('demo-admin', { action: 'sessions/list', status: 'open', limit: 100 })) as typeof open;
      const session = all.items.find((s) => s.customerId === customer);
      if (!session) throw new Error(`no open session for ${customer} (agent saw ${open.items.length})`);
      await callApi('demo-agent', { action: 'messages/reply', sessionId: session._id, text: '爱买不买，别烦我' });
      await callApi('demo-agent', { action: 'sessions/close', sessionId: session._id });

      await page.goto(`${BASE}/?as=demo-supervisor`);
      await page
        .getByText(/红线违规/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.locator(`text=${'红线违规'}`).first().click();
      await page.getByText('爱买不买').first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SHOTS, 'session-detail.png') });
    },
  },
];

async function main(): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-qa-e2e-'));
  const host = spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'kefu-qa.js'), 'serve', '--port', String(PORT), '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env },
    },
  );
  host.stdout?.on('data', (b: Buffer) => process.stdout.write(b));
  let browser: Browser | null = null;
  let passed = 0;
  let failed = 0;
  try {
    await waitForHealth(host, 240_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const check of checks) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      try {
        await check.run(page);
        passed++;
        console.log(`  ✓ ${check.name}`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${check.name}\n    ${(e as Error).message}`);
        await page.screenshot({ path: join(SHOTS, `FAILED-${passed + failed}.png`) }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    host.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed === checks.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
