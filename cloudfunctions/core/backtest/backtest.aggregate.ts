/**
 * The back-test accumulator (issue 14): a scorecard draft replayed over past sessions beside the
 * live version, folded into what an admin must see before publishing — sessions whose pass/fail
 * flips, the average score change by agent and by team, the alerts each version would raise, and
 * per rule the precision and recall of each version against reviewers' verdicts.
 *
 * Pure and mergeable: a job folds one chunk of sessions at a time into an aggregate it stores
 * beside its cursor, and `mergeAggregates` of two partial results equals folding both chunks
 * (sums, counts and a top-K flips list are associative), so a chunk redone after an
 * interruption is simply folded once. The aggregate holds arrays of keyed rows, never objects
 * keyed by agent or rule ids: a stored field name must not carry a dot.
 */
import { evaluateAfterScore } from '../alerts/alert.policy';
import type { AlertPolicySet, ScoreResult } from '../model';
import type { SessionJudgement } from './backtest.judgement';

/** How many flipped sessions are listed by name (all are counted). */
export const FLIPS_LISTED = 200;
/** The agent / team key of a session without one. */
export const NONE_KEY = '-';

/** One session replayed: its score with the live version and with the draft. */
export interface BacktestSample {
  sessionId: string;
  agentId?: string;
  team?: string;
  startedAt: number;
  live: ScoreResult;
  draft: ScoreResult;
  /** What submitted reviews say about the session's findings, when it was reviewed. */
  judgement?: SessionJudgement;
}

export interface Flip {
  sessionId: string;
  agentId?: string;
  team?: string;
  startedAt: number;
  live: { total: number; passed: boolean };
  draft: { total: number; passed: boolean };
}

/** Running sums of a score change (draft − live). */
export interface ChangeSums {
  key: string;
  n: number;
  sum: number;
  sumSq: number;
}

/** Findings of one version against reviewers: true positives, false positives, missed. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
}

export interface RuleCounts {
  ruleId: string;
  live: Confusion;
  draft: Confusion;
}

export interface AlertCount {
  policy: string;
  live: number;
  draft: number;
}

export interface BacktestAggregate {
  sessions: number;
  /** Sessions with a submitted review (the base of the precision and recall). */
  reviewed: number;
  passed: { live: number; draft: number };
  flips: { toFail: number; toPass: number; listed: Flip[] };
  change: { n: number; sum: number; sumSq: number };
  byAgent: ChangeSums[];
  byTeam: ChangeSums[];
  alerts: AlertCount[];
  rules: RuleCounts[];
}

export function emptyAggregate(): BacktestAggregate {
  return {
    sessions: 0,
    reviewed: 0,
    passed: { live: 0, draft: 0 },
    flips: { toFail: 0, toPass: 0, listed: [] },
    change: { n: 0, sum: 0, sumSq: 0 },
    byAgent: [],
    byTeam: [],
    alerts: [],
    rules: [],
  };
}

const zero = (): Confusion => ({ tp: 0, fp: 0, fn: 0 });

/** Largest change first, then session id: the same K whatever order the chunks came in. */
function flipOrder(a: Flip, b: Flip): number {
  const da = Math.abs(a.draft.total - a.live.total);
  const db = Math.abs(b.draft.total - b.live.total);
  return db - da || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);
}

function byKey<T extends { key: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.key, { ...r }]));
}

function sortedRows<T>(m: Map<string, T>, key: (t: T) => string): T[] {
  return [...m.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function addChange(m: Map<string, ChangeSums>, key: string, n: number, sum: number, sumSq: number): void {
  const row = m.get(key) ?? { key, n: 0, sum: 0, sumSq: 0 };
  row.n += n;
  row.sum += sum;
  row.sumSq += sumSq;
  m.set(key, row);
}

/** Where a finding sits: a rule on a message, or on the whole session (null). */
const siteOf = (ruleId: string, messageIndex: number | null) => `${ruleId}@${messageIndex ?? '-'}`;

/**
 * One version's findings on a reviewed session against the verdicts: a finding where reviewers
 * confirmed one (or added one the machine missed) is a true positive, where they rejected one a
 * false positive, a confirmed or added finding the version does not make is missed; a finding
 * nobody judged counts nowhere (nothing is known about it).
 */
export function judge(score: ScoreResult, judgement: SessionJudgement): Map<string, Confusion> {
  const out = new Map<string, Confusion>();
  const at = (ruleId: string) => {
    let c = out.get(ruleId);
    if (!c) out.set(ruleId, (c = zero()));
    return c;
  };
  const present = new Set(judgement.present.map((j) => siteOf(j.ruleId, j.messageIndex)));
  const absent = new Set(judgement.absent.map((j) => siteOf(j.ruleId, j.messageIndex)));
  // One finding per site: two spans of one rule in one message are one finding, as a verdict is.
  const found = new Map(score.hits.map((h) => [siteOf(h.ruleId, h.messageIndex), h.ruleId]));
  for (const [site, ruleId] of found) {
    if (present.has(site)) at(ruleId).tp++;
    else if (absent.has(site)) at(ruleId).fp++;
  }
  for (const j of judgement.present) {
    if (!found.has(siteOf(j.ruleId, j.messageIndex))) at(j.ruleId).fn++;
  }
  return out;
}

/**
 * Folds replayed sessions into an aggregate (a new one; the argument is not changed). The alert
 * policies are those in force: what each version's scores would raise after scoring.
 */
export function foldSamples(
  agg: BacktestAggregate,
  samples: readonly BacktestSample[],
  policies: Pick<AlertPolicySet, 'policies'>,
): BacktestAggregate {
  const out: BacktestAggregate = {
    ...agg,
    passed: { ...agg.passed },
    flips: { ...agg.flips, listed: [...agg.flips.listed] },
    change: { ...agg.change },
  };
  const agents = byKey(agg.byAgent);
  const teams = byKey(agg.byTeam);
  const alerts = new Map(agg.alerts.map((a) => [a.policy, { ...a }]));
  const rules = new Map(
    agg.rules.map((r) => [r.ruleId, { ruleId: r.ruleId, live: { ...r.live }, draft: { ...r.draft } }]),
  );

  for (const s of samples) {
    out.sessions++;
    if (s.live.passed) out.passed.live++;
    if (s.draft.passed) out.passed.draft++;
    const d = s.draft.total - s.live.total;
    out.change.n++;
    out.change.sum += d;
    out.change.sumSq += d * d;
    addChange(agents, s.agentId ?? NONE_KEY, 1, d, d * d);
    addChange(teams, s.team ?? NONE_KEY, 1, d, d * d);
    if (s.live.passed !== s.draft.passed) {
      if (s.live.passed) out.flips.toFail++;
      else out.flips.toPass++;
      out.flips.listed.push({
        sessionId: s.sessionId,
        ...(s.agentId ? { agentId: s.agentId } : {}),
        ...(s.team ? { team: s.team } : {}),
        startedAt: s.startedAt,
        live: { total: s.live.total, passed: s.live.passed },
        draft: { total: s.draft.total, passed: s.draft.passed },
      });
    }
    for (const [version, score] of [
      ['live', s.live],
      ['draft', s.draft],
    ] as const) {
      for (const a of evaluateAfterScore(score, policies)) {
        const row = alerts.get(a.policy) ?? { policy: a.policy, live: 0, draft: 0 };
        row[version]++;
        alerts.set(a.policy, row);
      }
      if (s.judgement) {
        for (const [ruleId, c] of judge(score, s.judgement)) {
          const row = rules.get(ruleId) ?? { ruleId, live: zero(), draft: zero() };
          row[version].tp += c.tp;
          row[version].fp += c.fp;
          row[version].fn += c.fn;
          rules.set(ruleId, row);
        }
      }
    }
    if (s.judgement) out.reviewed++;
  }
  out.flips.listed.sort(flipOrder);
  out.flips.listed.length = Math.min(out.flips.listed.length, FLIPS_LISTED);
  out.byAgent = sortedRows(agents, (r) => r.key);
  out.byTeam = sortedRows(teams, (r) => r.key);
  out.alerts = sortedRows(alerts, (r) => r.policy);
  out.rules = sortedRows(rules, (r) => r.ruleId);
  return out;
}

/** Two partial results as one: the same as folding both chunks' sessions into one aggregate. */
export function mergeAggregates(a: BacktestAggregate, b: BacktestAggregate): BacktestAggregate {
  const agents = byKey(a.byAgent);
  for (const r of b.byAgent) addChange(agents, r.key, r.n, r.sum, r.sumSq);
  const teams = byKey(a.byTeam);
  for (const r of b.byTeam) addChange(teams, r.key, r.n, r.sum, r.sumSq);
  const alerts = new Map(a.alerts.map((r) => [r.policy, { ...r }]));
  for (const r of b.alerts) {
    const row = alerts.get(r.policy) ?? { policy: r.policy, live: 0, draft: 0 };
    row.live += r.live;
    row.draft += r.draft;
    alerts.set(r.policy, row);
  }
  const rules = new Map(
    a.rules.map((r) => [r.ruleId, { ruleId: r.ruleId, live: { ...r.live }, draft: { ...r.draft } }]),
  );
  for (const r of b.rules) {
    const row = rules.get(r.ruleId) ?? { ruleId: r.ruleId, live: zero(), draft: zero() };
    for (const v of ['live', 'draft'] as const) {
      row[v].tp += r[v].tp;
      row[v].fp += r[v].fp;
      row[v].fn += r[v].fn;
    }
    rules.set(r.ruleId, row);
  }
  const listed = [...a.flips.listed, ...b.flips.listed].sort(flipOrder).slice(0, FLIPS_LISTED);
  return {
    sessions: a.sessions + b.sessions,
    reviewed: a.reviewed + b.reviewed,
    passed: { live: a.passed.live + b.passed.live, draft: a.passed.draft + b.passed.draft },
    flips: { toFail: a.flips.toFail + b.flips.toFail, toPass: a.flips.toPass + b.flips.toPass, listed },
    change: {
      n: a.change.n + b.change.n,
      sum: a.change.sum + b.change.sum,
      sumSq: a.change.sumSq + b.change.sumSq,
    },
    byAgent: sortedRows(agents, (r) => r.key),
    byTeam: sortedRows(teams, (r) => r.key),
    alerts: sortedRows(alerts, (r) => r.policy),
    rules: sortedRows(rules, (r) => r.ruleId),
  };
}
