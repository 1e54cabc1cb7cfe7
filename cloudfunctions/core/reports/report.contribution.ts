/**
 * What one closed, scored session adds to the report rollups, and under which keys.
 *
 * A session's contribution is a vector of counts, sums and sums of squares (plus histogram
 * buckets for percentiles and per-policy / per-rule counters), so every figure a report shows
 * can carry an interval without reading a session. The same vector is added to one document
 * per dimension value of the session's China day (see `contributionKeys`); the cloud side keeps
 * the vector it applied (`reportContribs`) and applies only the difference on a retry, a
 * re-scoring or a late rating, so a session is never counted twice.
 *
 * Times are whole seconds: integer sums stay exact under the add-then-subtract of re-scoring,
 * and sums of squares of a day's seconds stay far inside 2^53.
 */
import type { Increments } from '../rollups/rollup.counters';
import { dayKey, NO_AGENT, scoreBucket } from '../rollups/rollup.counters';
import type { Rating } from '../model';
import { timelineOf, type MessageTimeline, type ReviewFacts } from './report.later';

/** Upper edges (seconds, exclusive) of the response-time histogram buckets `h0`…; the last is open. */
export const TIME_BUCKET_EDGES_S = [10, 30, 60, 120, 180, 300, 600, 1800, 3600] as const;

export function timeBucket(seconds: number): string {
  const i = TIME_BUCKET_EDGES_S.findIndex((edge) => seconds < edge);
  return `h${i < 0 ? TIME_BUCKET_EDGES_S.length : i}`;
}

/** CSAT 4 or 5 of 5 counts as satisfied (top-2-box). */
export const CSAT_SATISFIED_AT = 4;

/** The raw facts a contribution is computed from (a session, its messages, score and alerts). */
export interface SessionFacts {
  sessionId: string;
  channel: string;
  startedAt: number;
  endedAt?: number;
  agentId?: string;
  team?: string;
  issueType?: string;
  businessLine?: string;
  rating?: Rating;
  messages: readonly { role: string; at: number }[];
  score: {
    total: number;
    passed: boolean;
    redLine: boolean;
    scorecardId: string;
    scorecardVersion: number;
    hits: readonly { ruleId: string }[];
  };
  alertPolicies: readonly string[];
  /** Policies of the session's alerts later marked a false alarm (one entry per alert). */
  falseAlarmPolicies?: readonly string[];
  /** Message figures kept on the session when its messages were erased or purged (used instead of `messages`). */
  kept?: MessageTimeline;
  /** Repeat contact within the FCR window: absent while pending (report.later.ts). */
  repeatContact?: boolean;
  /** While the repeat-contact window is open (`repeatContact` absent): when it closes. */
  fcrPendingUntil?: number;
  /** The latest submitted review outside calibration, when there is one. */
  review?: ReviewFacts;
}

/** Document field names may not hold `.` or start with `$` in the cloud database. */
export function fieldSafe(name: string): string {
  return name.replace(/[.$]/g, '_') || '_';
}

const secs = (ms: number) => Math.max(0, Math.round(ms / 1000));

function addTime(inc: Increments, field: string, seconds: number): void {
  const t = (inc[field] as Increments | undefined) ?? { count: 0, sum: 0, sumSq: 0, hist: {} };
  t.count = (t.count as number) + 1;
  t.sum = (t.sum as number) + seconds;
  t.sumSq = (t.sumSq as number) + seconds * seconds;
  const hist = t.hist as Increments;
  const b = timeBucket(seconds);
  hist[b] = ((hist[b] as number | undefined) ?? 0) + 1;
  inc[field] = t;
}

function bump(map: Increments, key: string): void {
  map[key] = ((map[key] as number | undefined) ?? 0) + 1;
}

/** Reply times (ms): each customer message that waits to the next agent message; the first is the first response. */
export function replyTimesMs(messages: readonly { role: string; at: number }[]): number[] {
  return timelineOf(messages).replyMs;
}

export function sessionContribution(f: SessionFacts): Increments {
  const timeline = f.kept ?? timelineOf(f.messages);
  const inc: Increments = { sessions: 1, messages: timeline.count };
  const replies = timeline.replyMs;
  if (replies.length > 0) addTime(inc, 'firstResponse', secs(replies[0]));
  else if (timeline.customerSpoke) inc.unanswered = 1;
  for (const r of replies) addTime(inc, 'reply', secs(r));
  if (f.endedAt !== undefined) {
    const h = secs(f.endedAt - f.startedAt);
    inc.handle = { count: 1, sum: h, sumSq: h * h };
  }
  const rating = f.rating ?? {};
  if (rating.resolved !== undefined) inc.resolved = { count: 1, yes: rating.resolved ? 1 : 0 };
  if (rating.csat !== undefined) {
    inc.csat = {
      count: 1,
      sum: rating.csat,
      sumSq: rating.csat * rating.csat,
      satisfied: rating.csat >= CSAT_SATISFIED_AT ? 1 : 0,
    };
  }
  if (rating.nps !== undefined) {
    inc.nps = {
      count: 1,
      promoters: rating.nps >= 9 ? 1 : 0,
      passives: rating.nps >= 7 && rating.nps < 9 ? 1 : 0,
      detractors: rating.nps < 7 ? 1 : 0,
    };
  }
  const s = f.score;
  inc.score = {
    count: 1,
    sum: s.total,
    sumSq: s.total * s.total,
    passed: s.passed ? 1 : 0,
    redLine: s.redLine ? 1 : 0,
    buckets: { [scoreBucket(s.total)]: 1 },
  };
  if (s.hits.length > 0) {
    const hits: Increments = {};
    for (const h of s.hits) bump(hits, fieldSafe(h.ruleId));
    inc.ruleHits = hits;
  }
  if (f.alertPolicies.length > 0) {
    const alerts: Increments = {};
    for (const p of f.alertPolicies) bump(alerts, fieldSafe(p));
    inc.alerts = alerts;
    inc.alerted = 1;
  }
  if (f.falseAlarmPolicies && f.falseAlarmPolicies.length > 0) {
    const falseAlarms: Increments = {};
    for (const p of f.falseAlarmPolicies) bump(falseAlarms, fieldSafe(p));
    inc.falseAlarms = falseAlarms;
  }
  if (f.repeatContact !== undefined) {
    inc.repeat = { count: 1, yes: f.repeatContact ? 1 : 0 };
    if (rating.resolved !== undefined) inc.fcr = { count: 1, yes: rating.resolved && !f.repeatContact ? 1 : 0 };
  }
  if (f.review) {
    const r = f.review;
    const diff = r.total - s.total;
    inc.review = {
      count: 1,
      sum: r.total,
      sumSq: r.total * r.total,
      passed: r.passed ? 1 : 0,
      diffSum: diff,
      diffSumSq: diff * diff,
      overturned: r.passed !== s.passed ? 1 : 0,
      appealItems: r.appealItems,
      appealOverturned: r.appealOverturned,
    };
  }
  return inc;
}

/** The dimensions a report breaks figures down by. `all` is the whole scope's total. */
export const REPORT_DIMENSIONS = [
  'all',
  'agent',
  'team',
  'channel',
  'issueType',
  'businessLine',
  'scorecard',
  'inspector',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** `in` of a document that is not inside one team. */
export const ALL_TEAMS = '*';
export const NO_VALUE = NO_AGENT;

/** One rollup document's identity: period level and key, the team it is inside, dimension and value. */
export interface RollupSlot {
  level: 'd' | 'w' | 'm';
  period: string;
  /** A team's name for a document counting only that team's sessions; `*` for everyone. */
  in: string;
  dim: ReportDimension;
  value: string;
}

/** The query key of every document sharing level, period, team and dimension. */
export function slotKey(s: Pick<RollupSlot, 'level' | 'period' | 'in' | 'dim'>): string {
  return `${s.level}:${s.period}|${s.in}|${s.dim}`;
}

export function slotId(s: RollupSlot): string {
  return `${slotKey(s)}|${s.value}`;
}

/**
 * The slots a session counts in on its day: everyone's total and each dimension's value, and
 * inside its team the same breakdowns (so a supervisor's team view and per-agent figures never
 * need another team's documents). An agent is counted overall and inside the session's team.
 */
export function contributionSlots(f: SessionFacts): RollupSlot[] {
  const day = dayKey(f.startedAt);
  const team = f.team || NO_VALUE;
  const values: Record<Exclude<ReportDimension, 'all' | 'agent' | 'team' | 'inspector'>, string> = {
    channel: f.channel,
    issueType: f.issueType || NO_VALUE,
    businessLine: f.businessLine || NO_VALUE,
    scorecard: `${f.score.scorecardId}@v${f.score.scorecardVersion}`,
  };
  const slot = (inTeam: string, dim: ReportDimension, value: string): RollupSlot => ({
    level: 'd',
    period: day,
    in: inTeam,
    dim,
    value: fieldSafe(value),
  });
  const agent = f.agentId || NO_VALUE;
  const out = [
    slot(ALL_TEAMS, 'all', 'all'),
    slot(ALL_TEAMS, 'team', team),
    slot(ALL_TEAMS, 'agent', agent),
    slot(team, 'agent', agent),
  ];
  for (const [dim, value] of Object.entries(values) as [ReportDimension, string][]) {
    out.push(slot(ALL_TEAMS, dim, value), slot(team, dim, value));
  }
  // Review figures by inspector: only a reviewed session counts under its inspector.
  if (f.review)
    out.push(slot(ALL_TEAMS, 'inspector', f.review.inspectorId), slot(team, 'inspector', f.review.inspectorId));
  return out;
}

/** Sums contributions (or rollup documents' stats) into one: the same shape, fields added. */
export function addStats(into: Increments, more: Increments): Increments {
  for (const [k, v] of Object.entries(more)) {
    if (typeof v === 'number') into[k] = ((into[k] as number | undefined) ?? 0) + v;
    else into[k] = addStats(typeof into[k] === 'object' ? (into[k] as Increments) : {}, v);
  }
  return into;
}

/** The fields of a rollup document that are its identity, not its counters. */
export const SLOT_FIELDS = ['_id', 'level', 'period', 'in', 'dim', 'value', 'slot', 'team'] as const;

export function statsOf(doc: Record<string, unknown>): Increments {
  const out: Increments = {};
  for (const [k, v] of Object.entries(doc)) {
    if ((SLOT_FIELDS as readonly string[]).includes(k)) continue;
    if (typeof v === 'number' || (v && typeof v === 'object' && !Array.isArray(v))) out[k] = v as number | Increments;
  }
  return out;
}
