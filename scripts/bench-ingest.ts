/**
 * `npm run bench:ingest [-- --messages N --concurrency C]`: pushes N mini-program messages
 * through the local host's /push/wechat, each delivered 4 times (the push plus WeChat's 3
 * retries, two of them racing the original), and reports throughput, latency and the duplicate
 * count read back from the store (must be 0). Runs the host exactly as `npm start` does, with
 * an empty store in a temp dir. Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DocumentStore } from '../devcloud/store/document.store';
import { parseFlags } from './cli/command';
import { percentile, startHost } from './support/local-host';

async function main() {
  const { flags } = parseFlags(process.argv.slice(2));
  const n = Number(flags.messages ?? 2000);
  const concurrency = Number(flags.concurrency ?? 8);
  const port = Number(flags.port ?? 18799);
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-qa-bench-'));
  const host = await startHost({ port, dataDir, args: ['--no-demo', '--no-h5'] });
  const base = host.base;
  try {
    const t0 = Date.now() / 1000;
    const body = (i: number) =>
      JSON.stringify({
        ToUserName: 'gh_bench',
        FromUserName: `oBench_${i % 200}`,
        CreateTime: Math.floor(t0) + Math.floor(i / 200),
        MsgType: 'text',
        Content: `第${i}条：我的订单 2026112300${i} 怎么还没发货？电话 138${String(10000000 + i).slice(-8)}`,
        MsgId: 7_000_000_000 + i,
      });
    const latencies: number[] = [];
    let failures = 0;
    const deliver = async (i: number) => {
      const t = performance.now();
      const r = await fetch(`${base}/push/wechat`, { method: 'POST', body: body(i) });
      const text = await r.text();
      latencies.push(performance.now() - t);
      if (text !== 'success') failures++;
    };
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) {
          await Promise.all([deliver(i), deliver(i), deliver(i)]); // the push and two racing retries
          await deliver(i); // a late retry
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await host.stop();

    const store = DocumentStore.open(join(dataDir, 'kefu-qa.sqlite'));
    const stored = store.count('messages', {});
    const rawPhones = store.count('messages', { text: { $regex: '138\\d{8}' } });
    const rollupMessages = store.find('rollups', {}).reduce((s, r) => s + Number(r.messages ?? 0), 0);
    store.close();
    latencies.sort((a, b) => a - b);
    const result = {
      messages: n,
      deliveries: n * 4,
      seconds: Number(seconds.toFixed(2)),
      messagesPerSec: Math.round(n / seconds),
      deliveriesPerSec: Math.round((n * 4) / seconds),
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      failures,
      stored,
      duplicates: stored - n,
      rollupMessages,
      unmaskedPhones: rawPhones,
    };
    console.log(`ingest: ${n} messages × 4 deliveries, concurrency ${concurrency}`);
    console.log(
      `  ${result.messagesPerSec} messages/s (${result.deliveriesPerSec} deliveries/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
    );
    console.log(
      `  stored ${stored}, duplicates ${result.duplicates}, rollup count ${rollupMessages}, failures ${failures}`,
    );
    console.log(JSON.stringify({ ingest: result }));
    if (result.duplicates !== 0 || stored !== n || rollupMessages !== n || failures > 0) process.exitCode = 1;
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
