/**
 * What runs beside the pushes in `npm run bench:ingest`, each started and stopped by it:
 * - readers: a supervisor's screens read through the `api` function (alerts list, live
 *   sessions, the reports overview), each reader in a loop with a pause, latency per action;
 * - the alert probe: a red-line exchange posted through the signed ingest API every few seconds,
 *   timed until its alert arrives on the supervisor's open alert stream (/live/alerts, the
 *   server-sent events the H5 alert page listens to; read here directly, not through Chromium,
 *   so the probe adds no browser to the machine under load);
 * - the memory sampler: the host's RSS and heap (/healthz?memory=1) every few seconds, and
 *   their least-squares slope.
 */
import { get, type IncomingMessage } from 'node:http';
import { idDigest } from '../../cloudfunctions/core/id.digest';
import { percentile, postRudeExchange } from './local-host';
import { post } from './ingest-load';

export const SUPERVISOR = 'demo-supervisor';

export interface Stoppable<T> {
  stop(): Promise<T>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(values: number[]): { n: number; p50Ms: number; p95Ms: number; p99Ms: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | undefined) => Number((v ?? 0).toFixed(1));
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

// ------------------------------------------------------------------------------------ readers

export const READS: Array<{ action: string; params: Record<string, unknown> }> = [
  { action: 'alerts/list', params: { limit: 20 } },
  { action: 'sessions/live', params: {} },
  { action: 'reports/overview', params: { period: 'day' } },
];

export interface ReadOutcome {
  readers: number;
  failures: number;
  byAction: Record<string, ReturnType<typeof summary>>;
}

export function startReaders(base: string, readers: number, pauseMs: number): Stoppable<ReadOutcome> {
  const latencies: Record<string, number[]> = Object.fromEntries(READS.map((r) => [r.action, []]));
  let failures = 0;
  let running = true;
  const loops = Array.from({ length: readers }, async (_, k) => {
    await sleep((k * pauseMs) / Math.max(1, readers)); // spread the readers over the pause
    while (running) {
      for (const { action, params } of READS) {
        const t = performance.now();
        try {
          const r = await post(
            `${base}/api/callFunction`,
            JSON.stringify({ name: 'api', data: { action, ...params } }),
            {
              'X-Openid': SUPERVISOR,
            },
          );
          const ok = r.status === 200 && (JSON.parse(r.text) as { result?: { ok?: boolean } }).result?.ok === true;
          if (!ok) failures++;
        } catch {
          failures++;
        }
        latencies[action].push(performance.now() - t);
      }
      await sleep(pauseMs);
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return {
        readers,
        failures,
        byAction: Object.fromEntries(Object.entries(latencies).map(([a, v]) => [a, summary(v)])),
      };
    },
  };
}

// ------------------------------------------------------------------------------- alert probe

export interface AlertOutcome {
  via: 'live-alert-stream';
  probes: number;
  /** Probes whose alert did not arrive within the wait. */
  missed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Opens the supervisor's alert stream; `onData` gets each `alert` event's data text. */
async function openAlertStream(base: string, onData: (data: string) => void): Promise<IncomingMessage> {
  const answer = await post(`${base}/live/alerts/ticket`, '{}', { 'X-Openid': SUPERVISOR });
  if (answer.status !== 200) throw new Error(`alert ticket refused: ${answer.status} ${answer.text}`);
  const { ticket } = JSON.parse(answer.text) as { ticket: string };
  return new Promise((resolve, reject) => {
    get(`${base}/live/alerts?ticket=${encodeURIComponent(ticket)}`, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`alert stream refused: ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!event.startsWith('event: alert')) continue;
          const data = event.split('\n').find((l) => l.startsWith('data: '));
          if (data) onData(data.slice(6));
        }
      });
      resolve(res);
    }).on('error', reject);
  });
}

export async function startAlertProbe(
  base: string,
  everyMs: number,
  waitMs = 10_000,
): Promise<Stoppable<AlertOutcome>> {
  const waiting = new Map<string, () => void>();
  // An alert names its session, whose id carries the customer's digest (never the raw id).
  const stream = await openAlertStream(base, (data) => {
    for (const [digest, arrived] of waiting) if (data.includes(digest)) arrived();
  });
  const latencies: number[] = [];
  let missed = 0;
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const customer = `oProbe${Date.now()}x${n++}`;
      const t0 = performance.now();
      const digest = `_${idDigest(customer)}_`;
      const arrived = new Promise<boolean>((resolve) => {
        waiting.set(digest, () => resolve(true));
        setTimeout(() => resolve(false), waitMs);
      });
      try {
        await postRudeExchange(base, customer, { customer: '在吗，订单还没发货', agent: '爱买不买，别烦我' });
        if (await arrived) latencies.push(performance.now() - t0);
        else missed++;
      } catch {
        missed++;
      }
      waiting.delete(digest);
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      stream.destroy();
      const s = summary(latencies);
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        via: 'live-alert-stream',
        probes: latencies.length + missed,
        missed,
        p50Ms: s.p50Ms,
        p95Ms: s.p95Ms,
        maxMs: Number((sorted[sorted.length - 1] ?? 0).toFixed(1)),
      };
    },
  };
}

// ----------------------------------------------------------------------------------- memory

export interface MemorySample {
  /** Seconds since the sampler started. */
  t: number;
  rss: number;
  heapUsed: number;
}

export interface MemoryOutcome {
  samples: number;
  everyMs: number;
  rssStartMb: number;
  rssEndMb: number;
  heapStartMb: number;
  heapEndMb: number;
  /** Least-squares slopes over the samples after the first fifth (warm-up), MB per minute. */
  rssSlopeMbPerMin: number;
  heapSlopeMbPerMin: number;
  /**
   * The slope of the heap's floor: the lowest sample of each `FLOOR_WINDOW_S` after the warm-up.
   * A sample between collections counts garbage not yet collected (at 800 deliveries/s the heap
   * swings by 100 MB between scavenges), so what the process keeps shows in the floor.
   */
  heapFloorSlopeMbPerMin: number;
}

export const FLOOR_WINDOW_S = 30;

/** The lowest sample of each window of `windowS` seconds, as [minute, MB] points. */
export function floorPoints(samples: MemorySample[], windowS: number): Array<[number, number]> {
  const lowest = new Map<number, MemorySample>();
  for (const s of samples) {
    const w = Math.floor(s.t / windowS);
    const seen = lowest.get(w);
    if (!seen || s.heapUsed < seen.heapUsed) lowest.set(w, s);
  }
  return [...lowest.values()].map((s) => [s.t / 60, s.heapUsed / 1048576]);
}

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function memoryOutcome(samples: MemorySample[], everyMs: number): MemoryOutcome {
  const mb = (b: number) => Number((b / 1048576).toFixed(1));
  const steady = samples.slice(Math.floor(samples.length / 5));
  const perMin = (pick: (s: MemorySample) => number) =>
    Number((slope(steady.map((s) => [s.t / 60, pick(s) / 1048576])) || 0).toFixed(2));
  const first = samples[0];
  const last = samples[samples.length - 1];
  return {
    samples: samples.length,
    everyMs,
    rssStartMb: first ? mb(first.rss) : 0,
    rssEndMb: last ? mb(last.rss) : 0,
    heapStartMb: first ? mb(first.heapUsed) : 0,
    heapEndMb: last ? mb(last.heapUsed) : 0,
    rssSlopeMbPerMin: perMin((s) => s.rss),
    heapSlopeMbPerMin: perMin((s) => s.heapUsed),
    heapFloorSlopeMbPerMin: Number((slope(floorPoints(steady, FLOOR_WINDOW_S)) || 0).toFixed(2)),
  };
}

export function startMemorySampler(base: string, everyMs: number): Stoppable<MemoryOutcome> {
  const samples: MemorySample[] = [];
  const t0 = performance.now();
  const take = async () => {
    try {
      const r = await fetch(`${base}/healthz?memory=1`);
      const { memory } = (await r.json()) as { memory: { rss: number; heapUsed: number } };
      samples.push({ t: (performance.now() - t0) / 1000, rss: memory.rss, heapUsed: memory.heapUsed });
    } catch {
      /* a missed sample is only a gap */
    }
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await take();
      return memoryOutcome(samples, everyMs);
    },
  };
}
