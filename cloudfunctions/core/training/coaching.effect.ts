/**
 * Did coaching work (issue 16): for a notice or a training assignment at time `at`, the failure
 * rate of its rules for that agent in the window before and in a window of the same length
 * after, the difference after − before with a 95% interval (Newcombe's hybrid score interval,
 * method 10 of Newcombe 1998, built from the two Wilson intervals), and whether the samples
 * allow saying anything.
 *
 * The after window is as long as the time since `at` allows, at most `windowDays`, and the
 * before window is made exactly as long, so a week after training is compared with the week
 * before it, not with a month. A session "fails" when any of the rules cost points in it.
 *
 * Shown only when each side has at least MIN_SESSIONS_EACH sessions: with fewer, a Wilson
 * interval of a rate near 30% is wider than ±0.2 on each side, the difference's interval spans
 * most of [-0.5, 0.5], and any "improvement" would be noise read as a verdict.
 */
import { wilsonInterval, Z_95 } from '../stats/proportion';
import type { RuleOutcome } from './weakness';

export const MIN_SESSIONS_EACH = 20;
const DAY = 86_400_000;

export interface RateCount {
  failures: number;
  sessions: number;
  rate: number | null;
}

export interface DifferenceInterval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Newcombe's hybrid score interval for p2 − p1 (k2/n2 − k1/n1). With the Wilson bounds
 * (l1, u1) and (l2, u2), which already carry z: low = d − √((p2 − l2)² + (u1 − p1)²),
 * high = d + √((u2 − p2)² + (p1 − l1)²). Unlike the Wald interval it stays inside [−1, 1] and
 * keeps its coverage for small samples and rates near 0 or 1.
 */
export function newcombeDifference(k1: number, n1: number, k2: number, n2: number, z = Z_95): DifferenceInterval {
  if (n1 === 0 || n2 === 0) throw new RangeError('newcombeDifference: both samples need sessions');
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const w1 = wilsonInterval(k1, n1, z);
  const w2 = wilsonInterval(k2, n2, z);
  const d = p2 - p1;
  return {
    estimate: d,
    low: d - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2),
    high: d + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2),
  };
}

export interface CoachingEffect {
  ruleIds: string[];
  at: number;
  windowDays: number;
  before: RateCount & { from: number; to: number };
  after: RateCount & { from: number; to: number };
  /** After − before with its 95% interval; null while either side has too few sessions. */
  difference: DifferenceInterval | null;
  enough: boolean;
  minSessions: number;
  /** 改善 / 变差 / 无显著变化 when enough; otherwise 样本不足. */
  verdict: 'better' | 'worse' | 'no-change' | 'too-few';
}

export function coachingEffect(args: {
  outcomes: readonly RuleOutcome[];
  agentId: string;
  ruleIds: readonly string[];
  at: number;
  now: number;
  windowDays: number;
  minSessions?: number;
}): CoachingEffect {
  const min = args.minSessions ?? MIN_SESSIONS_EACH;
  const length = Math.max(0, Math.min(args.windowDays * DAY, args.now - args.at));
  const side = (from: number, to: number) => {
    const mine = args.outcomes.filter((o) => o.agentId === args.agentId && o.at >= from && o.at < to);
    const failures = mine.filter((o) => o.failedRules.some((r) => args.ruleIds.includes(r))).length;
    return { failures, sessions: mine.length, rate: mine.length ? failures / mine.length : null, from, to };
  };
  const before = side(args.at - length, args.at);
  const after = side(args.at, args.at + length);
  const enough = before.sessions >= min && after.sessions >= min;
  const difference = enough
    ? newcombeDifference(before.failures, before.sessions, after.failures, after.sessions)
    : null;
  const verdict = !difference ? 'too-few' : difference.high < 0 ? 'better' : difference.low > 0 ? 'worse' : 'no-change';
  return {
    ruleIds: [...args.ruleIds],
    at: args.at,
    windowDays: Math.round((length / DAY) * 10) / 10,
    before,
    after,
    difference,
    enough,
    minSessions: min,
    verdict,
  };
}

/** `training/effect`: one notice or assigned training and the before/after of its rules. */
export interface EffectItem {
  kind: 'notice' | 'training';
  id: string;
  title: string;
  effect: CoachingEffect;
}
