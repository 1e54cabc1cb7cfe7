/**
 * Figures a report shows, computed from summed rollup counters only: rates with Wilson 95%
 * intervals, means with t intervals (from count, sum and sum of squares), p90 from histogram
 * buckets, NPS, and the change from the previous period. Pure.
 */
import type { Increments } from '../rollups/rollup.counters';
import { wilsonInterval } from '../stats/proportion';
import { normalQuantile, studentTQuantile } from '../stats/distributions';
import { meanAndSd } from '../stats/sampling';
import { TIME_BUCKET_EDGES_S } from './report.contribution';

export interface RateFigure {
  k: number;
  n: number;
  /** k / n; null when n = 0. */
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface MeanFigure {
  n: number;
  value: number | null;
  /** t interval (95%); null below two observations. */
  low: number | null;
  high: number | null;
  sd: number | null;
}

export interface TimeFigure extends MeanFigure {
  /** 90th percentile (seconds) interpolated in the histogram; `p90Open` when it lies in the open last bucket. */
  p90: number | null;
  p90Open: boolean;
}

export interface Figures {
  sessions: number;
  messages: number;
  unanswered: number;
  alerted: number;
  firstResponse: TimeFigure;
  reply: TimeFigure;
  handle: MeanFigure;
  resolution: RateFigure;
  csat: MeanFigure;
  satisfied: RateFigure;
  /** Promoters − detractors, in points (−100…100); null without answers. */
  nps: { n: number; promoters: number; passives: number; detractors: number; value: number | null };
  score: MeanFigure;
  passRate: RateFigure;
  redLine: number;
  scoreBuckets: Record<string, number>;
  alertsByPolicy: Record<string, number>;
  /** Per policy: alerts later marked a false alarm over the alerts raised (Wilson 95%). */
  falseAlarmShare: Record<string, RateFigure>;
  ruleHits: Record<string, number>;
  /** First-contact resolution over settled sessions with a resolution answer; repeat contacts over settled sessions. */
  fcr: RateFigure;
  repeatContact: RateFigure;
  review: ReviewFigures;
}

/** Manual inspection against the machine, over reviewed sessions. */
export interface ReviewFigures {
  n: number;
  /** The inspected score (after appeal decisions). */
  inspected: MeanFigure;
  /** Inspected − automatic score, with its t interval. */
  difference: MeanFigure;
  /** Reviews whose pass/fail differs from the automatic one. */
  overturn: RateFigure;
  /** Appeal items decided the agent's way (overturned or partly) over those decided. */
  appealOverturn: RateFigure;
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const obj = (x: unknown): Increments => (x && typeof x === 'object' ? (x as Increments) : {});
const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function rate(k: number, n: number): RateFigure {
  if (n <= 0) return { k, n, value: null, low: null, high: null };
  const w = wilsonInterval(Math.round(k), Math.round(n));
  return { k, n, value: w.estimate, low: w.low, high: w.high };
}

const Z975 = normalQuantile(0.975);
const T975 = new Map<number, number>();

/**
 * t(0.975, df). A screen shows hundreds of means, each with its own df, and the exact inverse
 * costs ~0.1 ms: exact (and remembered) up to df = 100, above it the Cornish-Fisher expansion
 * in 1/df to the third order, within 1e-7 of the exact value there (tests/core/reports).
 */
export function t975(df: number): number {
  if (df > 100) {
    const z = Z975;
    return (
      z +
      (z ** 3 + z) / (4 * df) +
      (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
      (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
    );
  }
  let t = T975.get(df);
  if (t === undefined) T975.set(df, (t = studentTQuantile(0.975, df)));
  return t;
}

export function mean(n: number, sum: number, sumSq: number): MeanFigure {
  if (n <= 0) return { n, value: null, low: null, high: null, sd: null };
  const s = meanAndSd(n, sum, sumSq);
  if (n < 2) return { n, value: s.mean, low: null, high: null, sd: null };
  const margin = (t975(n - 1) * s.sd) / Math.sqrt(n);
  return { n, value: s.mean, low: s.mean - margin, high: s.mean + margin, sd: s.sd };
}

/** The q-quantile from bucket counts `h0…h9` over TIME_BUCKET_EDGES_S, linear inside a bucket. */
export function histogramQuantile(hist: Increments, q: number): { value: number | null; open: boolean } {
  const counts = Array.from({ length: TIME_BUCKET_EDGES_S.length + 1 }, (_, i) => num(hist[`h${i}`]));
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return { value: null, open: false };
  const target = q * n;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0 && below + counts[i] >= target) {
      if (i === TIME_BUCKET_EDGES_S.length) return { value: TIME_BUCKET_EDGES_S[i - 1], open: true };
      const lo = i === 0 ? 0 : TIME_BUCKET_EDGES_S[i - 1];
      const hi = TIME_BUCKET_EDGES_S[i];
      return { value: lo + ((target - below) / counts[i]) * (hi - lo), open: false };
    }
    below += counts[i];
  }
  return { value: null, open: false };
}

function time(t: Increments): TimeFigure {
  const m = mean(num(t.count), num(t.sum), num(t.sumSq));
  const p = histogramQuantile(obj(t.hist), 0.9);
  return { ...m, p90: p.value, p90Open: p.open };
}

function counters(x: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(x))) if (num(v) !== 0) out[k] = num(v);
  return out;
}

function reviewFigures(r: Increments): ReviewFigures {
  const n = num(r.count);
  return {
    n,
    inspected: mean(n, num(r.sum), num(r.sumSq)),
    difference: mean(n, num(r.diffSum), num(r.diffSumSq)),
    overturn: rate(num(r.overturned), n),
    appealOverturn: rate(num(r.appealOverturned), num(r.appealItems)),
  };
}

function shares(alerts: Record<string, number>, falseAlarms: Record<string, number>): Record<string, RateFigure> {
  const out: Record<string, RateFigure> = {};
  for (const [policy, n] of Object.entries(alerts)) out[policy] = rate(falseAlarms[policy] ?? 0, n);
  return out;
}

export function figuresOf(stats: Increments): Figures {
  const resolved = obj(stats.resolved);
  const csat = obj(stats.csat);
  const nps = obj(stats.nps);
  const score = obj(stats.score);
  const handle = obj(stats.handle);
  const npsN = num(nps.count);
  const alertsByPolicy = counters(stats.alerts);
  const fcr = obj(stats.fcr);
  const repeat = obj(stats.repeat);
  return {
    sessions: num(stats.sessions),
    messages: num(stats.messages),
    unanswered: num(stats.unanswered),
    alerted: num(stats.alerted),
    firstResponse: time(obj(stats.firstResponse)),
    reply: time(obj(stats.reply)),
    handle: mean(num(handle.count), num(handle.sum), num(handle.sumSq)),
    resolution: rate(num(resolved.yes), num(resolved.count)),
    csat: mean(num(csat.count), num(csat.sum), num(csat.sumSq)),
    satisfied: rate(num(csat.satisfied), num(csat.count)),
    nps: {
      n: npsN,
      promoters: num(nps.promoters),
      passives: num(nps.passives),
      detractors: num(nps.detractors),
      value: npsN > 0 ? fin((100 * (num(nps.promoters) - num(nps.detractors))) / npsN) : null,
    },
    score: mean(num(score.count), num(score.sum), num(score.sumSq)),
    passRate: rate(num(score.passed), num(score.count)),
    redLine: num(score.redLine),
    scoreBuckets: counters(score.buckets),
    alertsByPolicy,
    falseAlarmShare: shares(alertsByPolicy, counters(stats.falseAlarms)),
    ruleHits: counters(stats.ruleHits),
    fcr: rate(num(fcr.yes), num(fcr.count)),
    repeatContact: rate(num(repeat.yes), num(repeat.count)),
    review: reviewFigures(obj(stats.review)),
  };
}

/** The headline figures compared with the previous period: current − previous (null when either is missing). */
export interface Changes {
  sessions: number;
  firstResponse: number | null;
  reply: number | null;
  handle: number | null;
  resolution: number | null;
  csat: number | null;
  satisfied: number | null;
  nps: number | null;
  score: number | null;
  passRate: number | null;
  redLine: number;
  fcr: number | null;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export function changesOf(cur: Figures, prev: Figures): Changes {
  return {
    sessions: cur.sessions - prev.sessions,
    firstResponse: diff(cur.firstResponse.value, prev.firstResponse.value),
    reply: diff(cur.reply.value, prev.reply.value),
    handle: diff(cur.handle.value, prev.handle.value),
    resolution: diff(cur.resolution.value, prev.resolution.value),
    csat: diff(cur.csat.value, prev.csat.value),
    satisfied: diff(cur.satisfied.value, prev.satisfied.value),
    nps: diff(cur.nps.value, prev.nps.value),
    score: diff(cur.score.value, prev.score.value),
    passRate: diff(cur.passRate.value, prev.passRate.value),
    redLine: cur.redLine - prev.redLine,
    fcr: diff(cur.fcr.value, prev.fcr.value),
  };
}
