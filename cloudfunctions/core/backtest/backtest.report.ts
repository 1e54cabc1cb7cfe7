/**
 * The back-test's answer as the screen shows it, from a (partial or complete) aggregate:
 * pass rates, the flips, the mean score change (draft − live) overall, by agent and by team
 * with a 95% t-interval, alerts per day of each version, and per rule precision and recall of
 * each version with Wilson 95% intervals. Numbers that do not exist (a mean of nothing, an
 * interval from one session) are null, never NaN or Infinity: the answer travels as JSON.
 */
import { meanAndSd, meanInterval } from '../stats/sampling';
import { wilsonInterval } from '../stats/proportion';
import type { BacktestAggregate, ChangeSums, Confusion, Flip } from './backtest.aggregate';

export interface MeanChange {
  key: string;
  n: number;
  mean: number | null;
  low: number | null;
  high: number | null;
}

export interface Rate {
  k: number;
  n: number;
  estimate: number | null;
  low: number;
  high: number;
}

export interface RuleQuality extends Confusion {
  precision: Rate;
  recall: Rate;
}

export interface BacktestReport {
  sessions: number;
  reviewed: number;
  days: number;
  passRate: { live: number | null; draft: number | null };
  flips: { count: number; toFail: number; toPass: number; listed: Flip[] };
  change: MeanChange;
  byAgent: MeanChange[];
  byTeam: MeanChange[];
  alertsPerDay: {
    live: number;
    draft: number;
    byPolicy: { policy: string; live: number; draft: number; liveCount: number; draftCount: number }[];
  };
  rules: { ruleId: string; live: RuleQuality; draft: RuleQuality }[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function meanChange(s: Pick<ChangeSums, 'key' | 'n' | 'sum' | 'sumSq'>): MeanChange {
  const sample = meanAndSd(s.n, s.sum, s.sumSq);
  const ci = meanInterval(sample);
  return { key: s.key, n: s.n, mean: finite(sample.mean), low: finite(ci.low), high: finite(ci.high) };
}

export function rate(k: number, n: number): Rate {
  const w = wilsonInterval(k, n);
  return { k, n, estimate: finite(w.estimate), low: w.low, high: w.high };
}

function quality(c: Confusion): RuleQuality {
  return { ...c, precision: rate(c.tp, c.tp + c.fp), recall: rate(c.tp, c.tp + c.fn) };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Worst change first (the agents a draft costs most), then key. */
const byMean = (a: MeanChange, b: MeanChange) =>
  (a.mean ?? 0) - (b.mean ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function backtestReport(agg: BacktestAggregate, days: number): BacktestReport {
  const perDay = (count: number) => round2(count / Math.max(days, 1));
  const liveAlerts = agg.alerts.reduce((t, a) => t + a.live, 0);
  const draftAlerts = agg.alerts.reduce((t, a) => t + a.draft, 0);
  return {
    sessions: agg.sessions,
    reviewed: agg.reviewed,
    days,
    passRate: {
      live: agg.sessions ? agg.passed.live / agg.sessions : null,
      draft: agg.sessions ? agg.passed.draft / agg.sessions : null,
    },
    flips: {
      count: agg.flips.toFail + agg.flips.toPass,
      toFail: agg.flips.toFail,
      toPass: agg.flips.toPass,
      listed: agg.flips.listed,
    },
    change: meanChange({ key: 'all', ...agg.change }),
    byAgent: agg.byAgent.map(meanChange).sort(byMean),
    byTeam: agg.byTeam.map(meanChange).sort(byMean),
    alertsPerDay: {
      live: perDay(liveAlerts),
      draft: perDay(draftAlerts),
      byPolicy: agg.alerts.map((a) => ({
        policy: a.policy,
        live: perDay(a.live),
        draft: perDay(a.draft),
        liveCount: a.live,
        draftCount: a.draft,
      })),
    },
    rules: agg.rules.map((r) => ({ ruleId: r.ruleId, live: quality(r.live), draft: quality(r.draft) })),
  };
}
