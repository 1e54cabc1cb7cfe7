/**
 * `sessions/list` filters on a large local store, through the real wx-server-sdk binding:
 *   npm run bench:sessions -- [sessions=100000] [runs=7] [--no-indexes]
 * Builds the store in a temporary file (WAL, as in `npm start`) with the project's indexes
 * (KEFU_INDEXES) unless `--no-indexes`, then times `listSessions` (one page of 20 plus the total,
 * as the api answers) for each filter kind: median and p95 over `runs` runs after one warm-up.
 * Each kind is timed twice in the same run, on the same file: as `npm start` opens the store
 * (declared shapes: filter, sort, page and count in SQL) and without the shapes (candidates
 * decoded and tested by mingo, the reference), with the ratio between the two medians.
 * Prints a table, then one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore, KEFU_INDEXES, KEFU_SHAPES } from '../devcloud/store/document.store';
import { bindCloud } from '../devcloud/sdk/cloud.binding';
import type { Session } from '../cloudfunctions/core/model';
import type { SessionFilter } from '../cloudfunctions/common/sessions.repository';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const TEAMS = ['售前一组', '售前二组', '售后一组', '售后二组', '大客户组'];
const CHANNELS: Session['channel'][] = ['mp-kf', 'wecom-kf', 'api', 'import', 'call'];
const ISSUES = ['物流', '退款', '售后维修', '价格咨询', '投诉', '账户', '发票', '其他'];
const LINES = ['家电', '手机', '服饰', '生鲜'];
const RULES = Array.from({ length: 30 }, (_, i) => `rule-${i}`);

/** A deterministic pseudo-random stream, so every run builds the same store. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sessionAt(i: number, r: () => number): Session {
  const team = TEAMS[i % TEAMS.length];
  const agent = `kf${String(Math.floor(r() * 200)).padStart(3, '0')}`;
  const startedAt = NOW - Math.floor(r() * 90 * DAY);
  const open = r() < 0.03;
  const total = Math.round(40 + r() * 60);
  const hitCount = Math.floor(r() * 4);
  const ruleIds = [...new Set(Array.from({ length: hitCount }, () => RULES[Math.floor(r() * RULES.length)]))];
  return {
    _id: `s${String(i).padStart(6, '0')}`,
    channel: CHANNELS[Math.floor(r() * CHANNELS.length)],
    customerId: `c${Math.floor(r() * 40_000)}`,
    agentIds: [agent],
    agentId: agent,
    team,
    status: open ? 'open' : 'closed',
    startedAt,
    lastAt: startedAt + Math.floor(r() * 3_600_000),
    messageCount: 4 + Math.floor(r() * 30),
    issueType: ISSUES[Math.floor(r() * ISSUES.length)],
    businessLine: LINES[Math.floor(r() * LINES.length)],
    ...(open
      ? {}
      : { score: { total, passed: total >= 60, scoreId: `sc${i}`, redLine: r() < 0.02, revision: 0, ruleIds } }),
    ...(r() < 0.05 ? { alerted: true } : {}),
    preview: { text: '你好，我的快递三天了还没到，能帮我查一下吗', at: startedAt },
  };
}

const KINDS: Array<[string, SessionFilter]> = [
  ['none (all)', {}],
  ['agent', { agentId: 'kf042' }],
  ['team (supervisor scope)', { team: '售后二组', includeUnassigned: true }],
  ['time range 7 days', { from: NOW - 7 * DAY, to: NOW }],
  ['channel', { channel: 'wecom-kf' }],
  ['issue type', { issueType: '投诉' }],
  ['business line', { businessLine: '生鲜' }],
  ['score range 60-80', { scoreMin: 60, scoreMax: 80 }],
  ['passed=false', { passed: false }],
  ['rule hit', { ruleId: 'rule-7' }],
  ['alerted', { alerted: true }],
  ['status=open', { status: 'open' }],
  ['team + failed + 30 days', { team: '售前一组', passed: false, from: NOW - 30 * DAY }],
  ['page past 50 (skip 200)', { issueType: '退款' }],
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withIndexes = !args.includes('--no-indexes');
  const [count = 100_000, runs = 7] = args.filter((a) => !a.startsWith('--')).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-sessions-'));
  const file = join(dir, 'bench.db');
  const store = DocumentStore.open(file, withIndexes ? { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES } : {});
  bindCloud(store);
  // Imported after binding: the module's `cloud.init` must meet the local cloud.
  const { listSessions } = await import('../cloudfunctions/common/sessions.repository');
  const { database } = await import('../cloudfunctions/common/cloud');
  try {
    const r = rng(13);
    const built = performance.now();
    const coll = database().collection('sessions');
    for (let i = 0; i < count; i += 1) {
      const { _id, ...data } = sessionAt(i, r);
      await coll.doc(_id).set({ data });
    }
    const buildSeconds = (performance.now() - built) / 1000;
    console.log(`${count} sessions built in ${buildSeconds.toFixed(1)} s (indexes: ${withIndexes ? 'yes' : 'no'})`);
    // The same file again, without the shapes: the mingo path, timed in the same run.
    const reference = DocumentStore.open(file, withIndexes ? { indexes: KEFU_INDEXES } : {});
    const time = async (target: DocumentStore, filter: SessionFilter, skip: number) => {
      bindCloud(target);
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run <= runs; run += 1) {
        const started = performance.now();
        const page = await listSessions(filter, 20, skip);
        const ms = performance.now() - started;
        total = page.total;
        if (run > 0) times.push(ms); // the first run warms caches and statements
      }
      times.sort((a, b) => a - b);
      return { total, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
    };
    console.log(
      `${'filter'.padEnd(28)} ${'total'.padStart(7)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'mingo ms'.padStart(9)} ${'ratio'.padStart(7)}`,
    );
    const results: Array<{
      kind: string;
      total: number;
      medianMs: number;
      p95Ms: number;
      mingoMedianMs: number;
      ratio: number;
    }> = [];
    for (const [kind, filter] of KINDS) {
      const skip = kind.startsWith('page past') ? 200 : 0;
      const fast = await time(store, filter, skip);
      const slow = await time(reference, filter, skip);
      if (slow.total !== fast.total) throw new Error(`${kind}: totals differ (${fast.total} vs ${slow.total})`);
      const row = {
        kind,
        total: fast.total,
        medianMs: Math.round(fast.medianMs * 10) / 10,
        p95Ms: Math.round(fast.p95Ms * 10) / 10,
        mingoMedianMs: Math.round(slow.medianMs),
        ratio: Math.round((slow.medianMs / fast.medianMs) * 10) / 10,
      };
      results.push(row);
      console.log(
        `${kind.padEnd(28)} ${String(row.total).padStart(7)} ${String(row.medianMs).padStart(10)} ${String(row.p95Ms).padStart(8)} ${String(row.mingoMedianMs).padStart(9)} ${String(row.ratio).padStart(7)}`,
      );
    }
    reference.close();
    console.log(JSON.stringify({ bench: 'sessions', sessions: count, runs, indexes: withIndexes, results }));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
