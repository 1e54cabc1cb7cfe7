/**
 * Shared by the e2e run, the benchmarks and the fault tests: the local cloud started as a child
 * process exactly as `npm start` starts it, and Debian's Chromium launched the way this
 * machine's closed network needs.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'child_process';
import { join, resolve } from 'path';
import { chromium, type Browser } from 'playwright-core';
import { signIngestRequest } from '../../cloudfunctions/common/events/signature';
import { DEMO_INGEST_SOURCE } from '../../devcloud/demo/demo.seed';

export const ROOT = resolve(__dirname, '..', '..');

export interface HostProcess {
  base: string;
  child: ChildProcess;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

export async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the local cloud exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the local cloud did not answer ${base}/healthz within ${timeoutMs} ms`);
}

export async function startHost(opts: {
  port: number;
  dataDir: string;
  args?: string[];
  stdio?: StdioOptions;
  timeoutMs?: number;
  /** Node flags for the host process (`--cpu-prof`, `--cpu-prof-dir=…`). */
  nodeArgs?: string[];
  /** Environment added to this process's for the host (`KEFU_IDLE_TIMEOUT_MIN`). */
  env?: Record<string, string>;
}): Promise<HostProcess> {
  const base = `http://localhost:${opts.port}`;
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      join(ROOT, 'scripts', 'kefu-qa.js'),
      'serve',
      '--port',
      String(opts.port),
      '--data-dir',
      opts.dataDir,
      ...(opts.args ?? []),
    ],
    { cwd: ROOT, stdio: opts.stdio ?? 'ignore', env: { ...process.env, ...opts.env } },
  );
  await waitForHealth(base, child, opts.timeoutMs ?? 240_000);
  return {
    base,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * A customer's question and an agent's rude answer `agentDelayMs` later, through the signed
 * ingest API with the demo source's secret: how the e2e run and the latency bench provoke a
 * live red-line alert routed to demo-supervisor (the agent kf001 is in their team).
 */
export async function postRudeExchange(
  base: string,
  customer: string,
  texts: { customer: string; agent: string },
  agentDelayMs = 5_000,
): Promise<void> {
  const now = Date.now();
  const message = (n: number, at: number, role: 'customer' | 'agent', text: string) => ({
    id: `${customer}-${n}`,
    kind: 'message',
    at,
    customerId: customer,
    channel: 'api',
    role,
    ...(role === 'agent' ? { agentId: 'kf001' } : {}),
    text,
  });
  const batch = JSON.stringify({
    source: DEMO_INGEST_SOURCE.id,
    events: [message(1, now - agentDelayMs, 'customer', texts.customer), message(2, now, 'agent', texts.agent)],
  });
  const headers = {
    'Content-Type': 'application/json',
    ...signIngestRequest(DEMO_INGEST_SOURCE.id, DEMO_INGEST_SOURCE.secret, batch),
  };
  const r = await fetch(`${base}/ingest/events`, { method: 'POST', body: batch, headers });
  if (r.status !== 200) throw new Error(`ingest answered ${r.status}: ${await r.text()}`);
}
