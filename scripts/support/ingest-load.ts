/**
 * The push side of `npm run bench:ingest`: mini-program customer-service pushes to the local
 * host's /push/wechat, each message delivered 4 times as WeChat does when an answer is slow
 * (the push and two retries racing it, then a late retry once they are answered).
 *
 * Two ways to send:
 * - closed loop (`rate` absent): `concurrency` senders, each sends its next message when the
 *   previous one's deliveries are answered; latency is measured from each delivery's send.
 * - open loop (`rate` R): message i is due at start + i/R whatever the answers do, and latency
 *   is measured from that due time, so a host that falls behind shows its queue in the figures
 *   (a closed loop would only slow down and hide it).
 *
 * Customers come and go so that sessions close during the run: `slots` customers write in
 * turn; a slot alternates between two identities every `sessionMessages` of its messages, so an
 * identity is silent for as long as it was active. With an idle timeout shorter than that
 * silence, its next message finds the old session idle and closes (scores, rolls up) it on the
 * push path, and the sweep timer closes others: both close paths run under load.
 */
import { Agent, request } from 'node:http';

export interface PushPlan {
  base: string;
  messages: number;
  /** Messages per second, open loop; absent: closed loop with `concurrency` senders. */
  rate?: number;
  concurrency: number;
  /** Customer slots writing in turn. */
  slots: number;
  /** Messages of one identity before its slot switches to the other identity. */
  sessionMessages: number;
  /** Unix seconds; message ids and texts are unique per run start. */
  runTag: number;
}

export interface PushOutcome {
  /** One per delivery: ms from its due time (open loop) or its send (closed loop) to the answer. */
  latencies: number[];
  /**
   * p99 of the deliveries due in each 10 s of the run, in order: shows whether slow answers
   * gather at a moment (a timer's run, start-up, a collection growing) or spread evenly.
   */
  p99By10s: number[];
  /** Deliveries answered with anything but 200 `success`. */
  failures: number;
  /** The failures by kind: `http <status>` or the client error's code (ECONNRESET…). */
  failureKinds: Record<string, number>;
  /** First send to last answer. */
  seconds: number;
  /** Sending started at (performance.now()). */
  startedAt: number;
  /** How late the sender itself was (event-loop lag), p99 in ms: a loaded client shows here. */
  senderLagP99Ms: number;
}

// Idle sockets are dropped after 4 s, before the host's 5 s keep-alive timeout closes them
// under a request just sent (an ECONNRESET that is the client's doing, not the host's).
const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });

/** One POST over a kept-alive connection: status and body. */
export function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The customer (openid) of message `i`: its slot, and which of the slot's two identities. */
export function customerOf(plan: Pick<PushPlan, 'slots' | 'sessionMessages'>, i: number): string {
  const slot = i % plan.slots;
  const turn = Math.floor(i / plan.slots); // the slot's turn-th message
  const identity = Math.floor(turn / plan.sessionMessages) % 2;
  return `oBench_${slot}_${identity}`;
}

/** The marker every message text starts with: the read-back finds each message by it. */
export function markerOf(i: number): string {
  return `第${i}条`;
}

export const MARKER_PATTERN = /^第(\d+)条/;

function pushBody(plan: PushPlan, i: number, sentAtMs: number): string {
  return JSON.stringify({
    ToUserName: 'gh_bench',
    FromUserName: customerOf(plan, i),
    CreateTime: Math.floor(sentAtMs / 1000),
    MsgType: 'text',
    Content: `${markerOf(i)}：我的订单 2026112300${i} 怎么还没发货？电话 138${String(10000000 + i).slice(-8)}`,
    MsgId: plan.runTag * 1_000_000 + i,
  });
}

export async function runPushes(plan: PushPlan): Promise<PushOutcome> {
  const latencies: number[] = [];
  const windows: number[][] = [];
  const lags: number[] = [];
  let failures = 0;
  const failureKinds: Record<string, number> = {};
  const fail = (kind: string) => {
    failures++;
    failureKinds[kind] = (failureKinds[kind] ?? 0) + 1;
  };
  const url = `${plan.base}/push/wechat`;
  const deliver = async (body: string, from: number) => {
    try {
      const r = await post(url, body);
      if (r.status !== 200 || r.text !== 'success') fail(`http ${r.status}`);
    } catch (e) {
      fail(String((e as { code?: unknown }).code ?? (e as Error).name));
    }
    const ms = performance.now() - from;
    latencies.push(ms);
    const w = Math.max(0, Math.floor((from - startedAt) / 10_000));
    (windows[w] ??= []).push(ms);
  };
  // The push and two racing retries, then a late retry (measured from its own send).
  const message = async (i: number, due: number) => {
    const body = pushBody(plan, i, Date.now());
    await Promise.all([deliver(body, due), deliver(body, due), deliver(body, due)]);
    await deliver(body, performance.now());
  };

  const startedAt = performance.now();
  if (plan.rate === undefined) {
    let next = 0;
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        for (let i = next++; i < plan.messages; i = next++) await message(i, performance.now());
      }),
    );
  } else {
    const interval = 1000 / plan.rate;
    const inFlight: Promise<void>[] = [];
    let i = 0;
    while (i < plan.messages) {
      const now = performance.now();
      // Everything due by now goes out, each with its own due time (a late tick sends a batch).
      while (i < plan.messages && startedAt + i * interval <= now) {
        const due = startedAt + i * interval;
        lags.push(now - due);
        inFlight.push(message(i, due));
        i++;
      }
      if (i < plan.messages) {
        const wait = Math.max(0, startedAt + i * interval - performance.now());
        await new Promise((r) => setTimeout(r, wait));
      }
      if (inFlight.length > 4096) await Promise.all(inFlight.splice(0, 2048));
    }
    await Promise.all(inFlight);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  lags.sort((a, b) => a - b);
  const senderLagP99Ms = lags.length ? lags[Math.min(lags.length - 1, Math.ceil(0.99 * lags.length) - 1)] : 0;
  const p99By10s = Array.from(windows, (w) => {
    const sorted = (w ?? []).sort((a, b) => a - b);
    return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]) : 0;
  });
  return { latencies, p99By10s, failures, failureKinds, seconds, startedAt, senderLagP99Ms };
}
