/**
 * `npx tsx scripts/bench-ingest-path.ts [--messages N --concurrency C --sessions S --seed-only]`:
 * the push path alone, in one process and without HTTP, to see where a push's work goes: the
 * `ingest` function's TypeScript sources on the real wx-server-sdk bound to an in-memory store
 * (as the cloud tests run them), N messages each delivered 4 times (the push, two racing
 * retries, a late retry) by C concurrent senders, over a store already holding S closed
 * sessions of other customers (a store some hours into a busy day).
 *
 * Reports ms per message, the store's transaction conflicts (by the collection of the document
 * that changed), deliveries that failed (WeChat would retry them), messages stored and lost,
 * and database calls per message by action: the figures `npm run bench:ingest` cannot show from
 * outside the host. Then the closes of the sessions those pushes opened (200 customers), one
 * at a time as the close queue runs them: ms and database calls per close. Then the same
 * customers return (a wave, as after a campaign): each one's first push opens a new session and
 * raises a repeat-contact alert routed to the two supervisors (with banked consents): ms and
 * database calls per returning push, alerts raised, and what still runs after the answers (the
 * close queue and whatever else waits for the push to answer), timed apart. A/B use: run it in
 * two checkouts alternately (ratios, not absolutes, on a shared machine). `--profile FILE` writes
 * a CPU profile (.cpuprofile, for Chrome DevTools) of one phase alone: `--profile-phase returns`
 * (the default: the wave and what runs after its answers) or `closes`. Last line: one JSON object.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'os';
import { parseFlags } from './cli/command';
import { LOCAL_PUSH_SOURCE } from '../cloudfunctions/core/ingest/caller.policy';
import { bindCloud, runWithContext } from '../devcloud/sdk/cloud.binding';
import { DbRequestHandler } from '../devcloud/sdk/db.requester';
import { DocumentStore, KEFU_INDEXES, KEFU_SHAPES, StoreError } from '../devcloud/store/document.store';

const { flags } = parseFlags(process.argv.slice(2));
const n = Number(flags.messages ?? 1000);
const concurrency = Number(flags.concurrency ?? 8);
const prefill = Number(flags.sessions ?? 5000);
const profiledPhase = typeof flags.profile === 'string' ? String(flags['profile-phase'] ?? 'returns') : undefined;

const store = DocumentStore.open(':memory:', { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES });
bindCloud(store);
// After binding, so the function's module-level cloud.init meets the local store.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ingest = require('../cloudfunctions/ingest') as typeof import('../cloudfunctions/ingest');
type Closer = typeof import('../cloudfunctions/common/session.closer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { closeAndScore } = require('../cloudfunctions/common/session.closer') as Closer;
type Queue = typeof import('../cloudfunctions/common/after-answer.queue');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { afterAnswerSettled } = require('../cloudfunctions/common/after-answer.queue') as Queue;

const calls = new Map<string, number>();
const send = DbRequestHandler.prototype.send;
DbRequestHandler.prototype.send = function counted(action: string, params: Record<string, unknown> = {}) {
  const key = `${action} ${String(params.collectionName ?? '')}${params.transactionId ? ' (in a transaction)' : ''}`;
  calls.set(key, (calls.get(key) ?? 0) + 1);
  return send.call(this, action, params);
};
const conflicts = new Map<string, number>();
const commit = store.commitTransaction.bind(store);
store.commitTransaction = (txId: string) => {
  try {
    commit(txId);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'TRANSACTION_CONFLICT') {
      const coll = /document ([^/]+)\//.exec(e.message)?.[1] ?? '?';
      conflicts.set(coll, (conflicts.get(coll) ?? 0) + 1);
    }
    throw e;
  }
};

function prefillSessions(count: number, now: number): void {
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: `mp-kf_prefill${i}_${now - 86_400_000 + i}`,
    channel: 'mp-kf',
    customerId: `oPrefill${i % Math.max(1, Math.floor(count / 3))}`,
    status: 'closed',
    startedAt: now - 86_400_000 + i,
    lastAt: now - 86_400_000 + i + 60_000,
    agentIds: [],
    messageCount: 4,
  }));
  for (let i = 0; i < docs.length; i += 500) store.insert('sessions', docs.slice(i, i + 500));
}

/** Two supervisors, each with consents banked for every alert the run raises. */
function seedSupervisors(now: number): void {
  store.insert(
    'users',
    ['oSupA', 'oSupB'].map((_id) => ({ _id, role: 'supervisor', name: _id, createdAt: now })),
  );
  const templateId = process.env.KEFU_ALERT_TEMPLATE_ID || 'KEFU_ALERT_TEMPLATE_ID_NOT_SET';
  store.insert(
    'subscriptions',
    ['oSupA', 'oSupB'].map((_id) => ({ _id, banked: 1_000_000, templateId, updatedAt: now })),
  );
}

const perOf = (count: number) => (v: number) => Number((v / Math.max(1, count)).toFixed(2));
const sortedPer = (m: Map<string, number>, per: (v: number) => number) =>
  Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, per(v)]));

/** The V8 profiler of this process, started now; `stopInto` writes what it sampled. */
async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stopInto(file: string) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main() {
  const now = Date.now();
  prefillSessions(prefill, now);
  seedSupervisors(now);
  const t0 = Math.floor(now / 1000);
  const body = (i: number) => ({
    ToUserName: 'gh_bench',
    FromUserName: `oPath_${i % 200}`,
    CreateTime: t0 + Math.floor(i / 200),
    MsgType: 'text',
    Content: `第${i}条：我的订单怎么还没发货？`,
    MsgId: 8_000_000_000 + i,
  });
  let failed = 0;
  const deliver = (b: Record<string, unknown>) =>
    runWithContext({ OPENID: String(b.FromUserName), SOURCE: LOCAL_PUSH_SOURCE }, () => ingest.main(b)).catch(() => {
      failed++;
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        await Promise.all([deliver(body(i)), deliver(body(i)), deliver(body(i))]);
        await deliver(body(i));
      }
    }),
  );
  const ms = performance.now() - started;
  const stored = store.count('messages', {});
  const total = [...calls.values()].reduce((a, b) => a + b, 0);
  const pushCalls = new Map(calls);
  calls.clear();
  // What the first pushes left to run after answering (the new sessions' repeat-contact checks)
  // runs before their sessions close, as it does in the product (the close comes an idle timeout later).
  await afterAnswerSettled();
  const settleCalls = [...calls.values()].reduce((a, b) => a + b, 0);
  calls.clear();

  const open = store.find('sessions', { status: 'open' }).map((d) => String(d._id));
  const closeProfiler = profiledPhase === 'closes' ? await startProfile() : undefined;
  const closeStarted = performance.now();
  await runWithContext({ SOURCE: 'wx_trigger' }, async () => {
    for (const id of open) await closeAndScore(id);
  });
  const closeMs = performance.now() - closeStarted;
  if (closeProfiler) await closeProfiler.stopInto(String(flags.profile));
  const closeCalls = [...calls.values()].reduce((a, b) => a + b, 0);
  const perClose = perOf(open.length);
  const closeCallMap = new Map(calls);
  calls.clear();

  // The wave: every customer returns (an hour later, so the first push finds the session closed).
  const customers = 200;
  const returnBody = (c: number) => ({
    ...body(c),
    CreateTime: t0 + 3600 + c,
    Content: '又来问一次：我的订单怎么还没发货？',
    MsgId: 9_000_000_000 + c,
  });
  const alertsBefore = store.count('alerts', {});
  const profiler = profiledPhase === 'returns' ? await startProfile() : undefined;
  const returnStarted = performance.now();
  let nextReturn = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let c = nextReturn++; c < customers; c = nextReturn++) {
        await Promise.all([deliver(returnBody(c)), deliver(returnBody(c)), deliver(returnBody(c))]);
        await deliver(returnBody(c));
      }
    }),
  );
  const returnMs = performance.now() - returnStarted;
  const returnCalls = new Map(calls);
  calls.clear();
  const afterStarted = performance.now();
  await afterAnswerSettled();
  const afterMs = performance.now() - afterStarted;
  if (profiler) await profiler.stopInto(String(flags.profile));
  const perReturn = perOf(customers);
  const result = {
    messages: n,
    concurrency,
    prefilledSessions: prefill,
    msPerMessage: Number((ms / n).toFixed(2)),
    conflicts: Object.fromEntries(conflicts),
    failedDeliveries: failed,
    stored,
    lost: n - stored,
    dbCallsPerMessage: Number((total / n).toFixed(1)),
    afterAnswersDbCallsPerMessage: Number((settleCalls / n).toFixed(2)),
    dbCalls: Object.fromEntries(
      [...pushCalls].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Number((v / n).toFixed(2))]),
    ),
    closes: open.length,
    msPerClose: perClose(closeMs),
    dbCallsPerClose: perClose(closeCalls),
    closeDbCalls: sortedPer(closeCallMap, perClose),
    returns: customers,
    msPerReturn: perReturn(returnMs),
    alertsRaised: store.count('alerts', {}) - alertsBefore,
    dbCallsPerReturn: perReturn([...returnCalls.values()].reduce((a, b) => a + b, 0)),
    returnDbCalls: sortedPer(returnCalls, perReturn),
    afterAnswersMsPerReturn: perReturn(afterMs),
    afterAnswersDbCallsPerReturn: perReturn([...calls.values()].reduce((a, b) => a + b, 0)),
    loadAvg: loadavg().map((v) => Number(v.toFixed(1))),
  };
  console.log(`push path: ${n} messages × 4 deliveries, ${concurrency} senders, ${prefill} sessions in the store`);
  console.log(
    `  ${result.msPerMessage} ms/message, conflicts ${JSON.stringify(result.conflicts)}, failed deliveries ${failed}, lost ${result.lost}`,
  );
  console.log(`  ${result.dbCallsPerMessage} database calls per message:`);
  for (const [k, v] of Object.entries(result.dbCalls)) console.log(`    ${v.toFixed(2)}  ${k}`);
  console.log(`  after the answers: ${result.afterAnswersDbCallsPerMessage} database calls per message`);
  console.log(
    `  closes: ${open.length} sessions, ${result.msPerClose} ms and ${result.dbCallsPerClose} database calls each:`,
  );
  for (const [k, v] of Object.entries(result.closeDbCalls)) console.log(`    ${v.toFixed(2)}  ${k}`);
  console.log(
    `  returns: ${customers} customers' first pushes × 4 deliveries, ${result.alertsRaised} alerts: ${result.msPerReturn} ms and ${result.dbCallsPerReturn} database calls each:`,
  );
  for (const [k, v] of Object.entries(result.returnDbCalls)) console.log(`    ${v.toFixed(2)}  ${k}`);
  console.log(
    `  after the answers: ${result.afterAnswersMsPerReturn} ms and ${result.afterAnswersDbCallsPerReturn} database calls per return`,
  );
  console.log(JSON.stringify({ ingestPath: result }));
  store.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
