/**
 * Shared by the e2e run, the benchmarks and the fault tests: the local cloud started as a child
 * process exactly as `npm start` starts it, and Debian's Chromium launched the way this
 * machine's closed network needs.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'child_process';
import { join, resolve } from 'path';
import { chromium, type Browser } from 'playwright-core';

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
}): Promise<HostProcess> {
  const base = `http://localhost:${opts.port}`;
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'scripts', 'kefu-qa.js'),
      'serve',
      '--port',
      String(opts.port),
      '--data-dir',
      opts.dataDir,
      ...(opts.args ?? []),
    ],
    { cwd: ROOT, stdio: opts.stdio ?? 'ignore' },
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
