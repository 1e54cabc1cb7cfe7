/**
 * The reports benchmark (`npm run bench`, or alone: `npx tsx scripts/bench.ts --only reports
 * [--report-sessions N]`): N closed sessions (default 1,000,000) over four months in a local
 * store on disk (WAL, the project's indexes), and their report rollups generated directly from
 * the same sessions with the production contribution code (day documents, week and month
 * documents with their build marks, as the nightly job leaves them).
 *
 * Measured in the same run, through the real wx-server-sdk binding:
 * - the overview: `reports/overview` for a month (everyone's total and the previous month, as
 *   the overview screen asks) through the `api` function as an inspector: median of 15 runs;
 * - the aggregate: the same session-level figures (sessions, score n/Σ/Σ²/passed/red lines,
 *   CSAT n/Σ/Σ²/satisfied, resolution, NPS, handling time) for both months by
 *   `aggregate().match().group()` over the raw sessions (the `startedAt` index narrows the
 *   candidates): median of 3 runs. Response times are left out of the aggregate (they would need
 *   the messages too), which only flatters it.
 * The two answers are checked against each other before any figure is printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore, KEFU_INDEXES } from '../../devcloud/store/document.store';
import { bindCloud, runWithContext } from '../../devcloud/sdk/cloud.binding';
import type { Increments } from '../../cloudfunctions/core/rollups/rollup.counters';
import {
  addStats,
  contributionSlots,
  sessionContribution,
  slotId,
  slotKey,
  type RollupSlot,
  type SessionFacts,
} from '../../cloudfunctions/core/reports/report.contribution';
import { periodOf, previousPeriod } from '../../cloudfunctions/core/reports/report.periods';
import { rangeOf } from '../../cloudfunctions/core/reports/report.overview';

const TEAMS = ['售前一组', '售前二组', '售后一组', '售后二组', '大客户组'];
const CHANNELS = ['mp-kf', 'wecom-kf', 'api', 'import', 'call'];
const ISSUES = ['物流', '退款', '售后维修', '价格咨询', '投诉', '账户', '发票', '其他'];
const LINES = ['家电', '手机', '服饰', '生鲜'];
const RULES = Array.from({ length: 30 }, (_, i) => `rule-${i}`);
const FIRST = Date.parse('2026-08-01T00:00:00+08:00');
const LAST = Date.parse('2026-12-01T00:00:00+08:00'); // exclusive: Aug-Nov, 122 China days
const MONTH = '2026-11';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Generated {
  doc: Record<string, unknown>;
  facts: SessionFacts;
}

function sessionAt(i: number, r: () => number): Generated {
  const agentNo = Math.floor(r() * 200);
  const agentId = `kf${String(agentNo).padStart(3, '0')}`;
  const team = TEAMS[agentNo % TEAMS.length];
  const startedAt = FIRST + Math.floor(r() * (LAST - FIRST));
  const endedAt = startedAt + 60_000 + Math.floor(r() * 1_800_000);
  const frt = Math.floor(r() * r() * 600_000);
  const total = Math.round(40 + r() * 60);
  const rated = r() < 0.4;
  const rating = rated
    ? { csat: 1 + Math.floor(r() * 5), nps: Math.floor(r() * 11), resolved: r() < 0.8 }
    : r() < 0.3
      ? { resolved: r() < 0.7 }
      : undefined;
  const hits = Array.from({ length: Math.floor(r() * 3) }, () => ({ ruleId: RULES[Math.floor(r() * RULES.length)] }));
  const score = {
    total,
    passed: total >= 60,
    redLine: r() < 0.02,
    scorecardId: 'default',
    scorecardVersion: r() < 0.3 ? 1 : 2,
    hits,
  };
  const channel = CHANNELS[Math.floor(r() * CHANNELS.length)];
  const issueType = ISSUES[Math.floor(r() * ISSUES.length)];
  const businessLine = LINES[Math.floor(r() * LINES.length)];
  const _id = `s${String(i).padStart(7, '0')}`;
  const doc = {
    _id,
    channel,
    customerId: `c${Math.floor(r() * 400_000)}`,
    agentIds: [agentId],
    agentId,
    team,
    status: 'closed',
    startedAt,
    lastAt: endedAt,
    endedAt,
    messageCount: 6,
    issueType,
    businessLine,
    ...(rating ? { rating } : {}),
    score: { total, passed: score.passed, scoreId: `sc${i}`, redLine: score.redLine, revision: 0 },
  };
  const facts: SessionFacts = {
    sessionId: _id,
    channel,
    startedAt,
    endedAt,
    agentId,
    team,
    issueType,
    businessLine,
    rating,
    messages: [
      { role: 'customer', at: startedAt },
      { role: 'agent', at: startedAt + frt },
      { role: 'customer', at: startedAt + frt + 30_000 },
      { role: 'agent', at: startedAt + frt + 30_000 + Math.floor(r() * 120_000) },
      { role: 'customer', at: endedAt - 20_000 },
      { role: 'agent', at: endedAt },
    ],
    score,
    alertPolicies: total < 60 ? ['score-low'] : [],
  };
  return { doc, facts };
}

function flatten(inc: Increments, prefix = '', out: [string, number][] = []): [string, number][] {
  for (const [k, v] of Object.entries(inc)) {
    if (typeof v === 'number') out.push([prefix + k, v]);
    else flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}

function unflatten(flat: Record<string, number>): Increments {
  const out: Increments = {};
  for (const [path, v] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] as Increments | undefined) ?? (node[k] = {});
    node[keys[keys.length - 1]] = v;
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number) => Number(x.toFixed(2));

export interface ReportsBench {
  sessions: number;
  rollupDocs: number;
  buildSeconds: number;
  overviewMs: number;
  overviewAgentsMs: number;
  agentReadMs: number;
  aggregateMs: number;
  ratio: number;
}

/**
 * Fills the store: the sessions, and their rollups as the production code would leave them. In
 * a function of its own so that nothing it built stays reachable while the reads are timed.
 */
function populate(store: DocumentStore, count: number, built: number, log: (line: string) => void): number {
  store.insert('users', [{ _id: 'bench-inspector', role: 'inspector', name: '基准质检员' }]);
  const r = rng(2026);
  // Sums kept flat (`score.sum`) while generating: a million nested merges would dominate the build.
  const days = new Map<string, Record<string, number>>();
  const BATCH = 5000;
  let insertMs = 0;
  for (let i = 0; i < count; i += BATCH) {
    const docs: Record<string, unknown>[] = [];
    for (let j = i; j < Math.min(count, i + BATCH); j++) {
      const { doc, facts } = sessionAt(j, r);
      docs.push(doc);
      const flat = flatten(sessionContribution(facts));
      for (const slot of contributionSlots(facts)) {
        const id = slotId(slot);
        let acc = days.get(id);
        if (!acc) days.set(id, (acc = {}));
        for (const [k, v] of flat) acc[k] = (acc[k] ?? 0) + v;
      }
    }
    const t = performance.now();
    store.insert('sessions', docs);
    insertMs += performance.now() - t;
  }
  log(
    `reports: sessions generated and summed in ${((performance.now() - built - insertMs) / 1000).toFixed(1)} s, inserted in ${(insertMs / 1000).toFixed(1)} s`,
  );
  // Day documents, then weeks and months summed from them, marked built through their last day.
  const toDoc = (id: string, stats: Increments) => {
    const [head, inTeam, dim, ...rest] = id.split('|');
    const slot: RollupSlot = {
      level: head[0] as RollupSlot['level'],
      period: head.slice(2),
      in: inTeam,
      dim: dim as RollupSlot['dim'],
      value: rest.join('|'),
    };
    return { _id: id, ...slot, slot: slotKey(slot), ...stats };
  };
  const periods = new Map<string, Increments>();
  const builds = new Map<string, string>();
  const dayStats = new Map([...days].map(([id, flat]) => [id, unflatten(flat)]));
  for (const [id, stats] of dayStats) {
    const [head, ...tail] = id.split('|');
    const day = head.slice(2);
    for (const kind of ['week', 'month'] as const) {
      const p = periodOf(kind, day);
      const pid = `${kind === 'week' ? 'w' : 'm'}:${p.key}|${tail.join('|')}`;
      periods.set(pid, addStats(periods.get(pid) ?? {}, stats));
      builds.set(`build:${kind === 'week' ? 'w' : 'm'}:${p.key}`, p.last);
    }
  }
  const all = [...[...dayStats].map(([id, s]) => toDoc(id, s)), ...[...periods].map(([id, s]) => toDoc(id, s))];
  for (let i = 0; i < all.length; i += BATCH) store.insert('reportRollups', all.slice(i, i + BATCH));
  store.insert(
    'reportMeta',
    [...builds].map(([_id, throughDay]) => ({ _id, kind: 'build', throughDay, builtAt: Date.now() })),
  );
  return all.length;
}

export async function benchReports(count: number, log: (line: string) => void): Promise<ReportsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-reports-'));
  const store = DocumentStore.open(join(dir, 'bench.db'), { indexes: KEFU_INDEXES });
  bindCloud(store);
  // Imported after binding: the functions' module-level `cloud.init` must meet the local cloud.
  const api = (await import('../../cloudfunctions/api')) as typeof import('../../cloudfunctions/api');
  const { database } = await import('../../cloudfunctions/common/cloud');
  try {
    const built = performance.now();
    const rollupDocs = populate(store, count, built, log);
    const buildSeconds = (performance.now() - built) / 1000;
    log(
      `reports: ${count} sessions and ${rollupDocs} rollup documents built in ${buildSeconds.toFixed(1)} s (store on disk, indexes)`,
    );

    // The overview, as the screen asks it, through the api function.
    const overview = (dim: string) =>
      runWithContext({ OPENID: 'bench-inspector', SOURCE: 'wx_client' }, () =>
        api.main({ action: 'reports/overview', period: 'month', key: MONTH, dim }),
      ) as Promise<{
        ok: boolean;
        data: { total: { figures: Record<string, unknown>; previous: Record<string, unknown> } };
      }>;
    const timeIt = async (fn: () => Promise<unknown>, runs: number, warm = true) => {
      if (warm) await fn();
      const times: number[] = [];
      for (let k = 0; k < runs; k++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      return median(times);
    };
    const answer = await overview('all');
    if (!answer.ok) throw new Error(`reports/overview failed: ${JSON.stringify(answer)}`);
    const overviewMs = await timeIt(() => overview('all'), 15);
    const overviewAgentsMs = await timeIt(() => overview('agent'), 7);
    // Of which reading the 2 × 200 agent documents alone (the rest is figures and the answer).
    const { readPeriod } = await import('../../cloudfunctions/common/report.reader');
    const month = periodOf('month', `${MONTH}-01`);
    const agentReadMs = await timeIt(
      () => Promise.all([month, previousPeriod(month)].map((p) => readPeriod(p, { in: '*', dim: 'agent' }))),
      7,
    );

    // The same figures by an aggregate over the raw sessions.
    const db = database();
    const $ = db.command.aggregate;
    const _ = db.command;
    const cur = rangeOf(periodOf('month', `${MONTH}-01`));
    const prev = rangeOf(previousPeriod(periodOf('month', `${MONTH}-01`)));
    const flag = (cond: unknown) => $.cond([cond, 1, 0]);
    const aggregateOf = async (from: number, to: number) => {
      const { list } = (await db
        .collection('sessions')
        .aggregate()
        .match({ startedAt: _.gte(from).and(_.lt(to)), status: 'closed' })
        .group({
          _id: null,
          sessions: $.sum(1),
          scoreSum: $.sum('$score.total'),
          scoreSumSq: $.sum($.multiply(['$score.total', '$score.total'])),
          passed: $.sum(flag('$score.passed')),
          redLine: $.sum(flag('$score.redLine')),
          csatN: $.sum(flag($.gt(['$rating.csat', 0]))),
          csatSum: $.sum('$rating.csat'),
          csatSumSq: $.sum($.multiply(['$rating.csat', '$rating.csat'])),
          satisfied: $.sum(flag($.gte(['$rating.csat', 4]))),
          resolvedN: $.sum(flag($.in(['$rating.resolved', [true, false]]))),
          resolvedYes: $.sum(flag($.eq(['$rating.resolved', true]))),
          npsN: $.sum(flag($.gte(['$rating.nps', 0]))),
          promoters: $.sum(flag($.gte(['$rating.nps', 9]))),
          detractors: $.sum(flag($.and([$.gte(['$rating.nps', 0]), $.lte(['$rating.nps', 6])]))),
          handleSum: $.sum($.divide([$.subtract(['$endedAt', '$startedAt']), 1000])),
        })
        .end()) as { list: Record<string, number>[] };
      return list[0];
    };
    const both = () => Promise.all([aggregateOf(cur.from, cur.to), aggregateOf(prev.from, prev.to)]);
    const [aggCur] = await both();
    const figures = answer.data.total.figures as {
      sessions: number;
      score: { n: number; value: number };
      passRate: { k: number };
      csat: { n: number; value: number };
      satisfied: { k: number };
      resolution: { k: number; n: number };
      nps: { n: number; promoters: number; detractors: number };
    };
    const agree =
      figures.sessions === aggCur.sessions &&
      Math.abs(figures.score.value * figures.score.n - aggCur.scoreSum) < 1e-6 &&
      figures.passRate.k === aggCur.passed &&
      figures.csat.n === aggCur.csatN &&
      figures.satisfied.k === aggCur.satisfied &&
      figures.resolution.n === aggCur.resolvedN &&
      figures.resolution.k === aggCur.resolvedYes &&
      figures.nps.promoters === aggCur.promoters &&
      figures.nps.detractors === aggCur.detractors;
    if (!agree) throw new Error(`overview and aggregate disagree: ${JSON.stringify({ figures, aggregate: aggCur })}`);
    log(`reports: overview and aggregate agree on ${MONTH}: ${aggCur.sessions} sessions, score Σ ${aggCur.scoreSum}`);
    const aggregateMs = await timeIt(both, 3, false); // the checked run above was the warm-up
    const ratio = aggregateMs / overviewMs;
    log(
      `reports: overview (month, total + previous) ${overviewMs.toFixed(2)} ms median; by agent (200 rows) ${overviewAgentsMs.toFixed(2)} ms, of which reading the documents ${agentReadMs.toFixed(2)} ms; aggregate over raw sessions ${aggregateMs.toFixed(0)} ms; ratio ${ratio.toFixed(0)}x`,
    );
    return {
      sessions: count,
      rollupDocs,
      buildSeconds: round(buildSeconds),
      overviewMs: round(overviewMs),
      overviewAgentsMs: round(overviewAgentsMs),
      agentReadMs: round(agentReadMs),
      aggregateMs: round(aggregateMs),
      ratio: round(ratio),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
