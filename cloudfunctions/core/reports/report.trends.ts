/**
 * Trends with control bands, from per-period counters (pure). Each point is judged against a
 * band computed from the periods before it, so a flag means "this period left what its history
 * predicts", not "it differs from an average that already contains it":
 * - pass rate: a p-chart (core/stats/control.ts), centre p̄ = Σ passed / Σ scored over the
 *   history, 3σ limits for the period's own n;
 * - first-response time: an EWMA chart of the period means (λ = 0.2, L = 3), target the pooled
 *   mean of the history and σ of a period mean = the pooled per-session sd / √(mean n per period).
 * A point with fewer than `minHistory` periods before it (default 3) gets no band.
 */
import type { Increments } from '../rollups/rollup.counters';
import { ewmaChart, pChart } from '../stats/control';
import { meanAndSd } from '../stats/sampling';

export interface TrendInput {
  key: string;
  stats: Increments;
}

export interface Band {
  centre: number;
  low: number;
  high: number;
  out: boolean;
}

export interface TrendPoint {
  key: string;
  sessions: number;
  passRate: { value: number | null; n: number; band: Band | null };
  firstResponse: { value: number | null; n: number; ewma: number | null; band: Band | null };
  score: { value: number | null; n: number };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const obj = (x: unknown): Increments => (x && typeof x === 'object' ? (x as Increments) : {});

interface Row {
  passed: number;
  scored: number;
  scoreSum: number;
  frN: number;
  frSum: number;
  frSumSq: number;
}

function rowOf(stats: Increments): Row {
  const score = obj(stats.score);
  const fr = obj(stats.firstResponse);
  return {
    passed: num(score.passed),
    scored: num(score.count),
    scoreSum: num(score.sum),
    frN: num(fr.count),
    frSum: num(fr.sum),
    frSumSq: num(fr.sumSq),
  };
}

/** The p-chart band of the last period given the ones before it; null without enough history. */
export function passRateBand(history: readonly Row[], current: Row, minHistory = 3): Band | null {
  const base = history.filter((r) => r.scored > 0);
  if (base.length < minHistory || current.scored === 0) return null;
  const { points } = pChart([{ successes: current.passed, trials: current.scored }], {
    baseline: base.map((r) => ({ successes: r.passed, trials: r.scored })),
  });
  const [p] = points;
  return { centre: p.centre, low: p.low, high: p.high, out: p.out };
}

/**
 * EWMA over the period means of first-response time, target and σ from the history before the
 * first point judged; returns each point's EWMA and band (null before `minHistory`).
 */
export function responseEwma(
  rows: readonly Row[],
  opts: { lambda?: number; minHistory?: number } = {},
): { ewma: number | null; band: Band | null }[] {
  const minHistory = opts.minHistory ?? 3;
  const withData = rows.map((r) => r.frN > 0);
  const history = rows.slice(0, minHistory).filter((r) => r.frN > 0);
  if (history.length < minHistory) return rows.map(() => ({ ewma: null, band: null }));
  const n = history.reduce((s, r) => s + r.frN, 0);
  const pooled = meanAndSd(
    n,
    history.reduce((s, r) => s + r.frSum, 0),
    history.reduce((s, r) => s + r.frSumSq, 0),
  );
  const sigma = pooled.sd / Math.sqrt(n / history.length);
  const judged = rows.slice(minHistory);
  // A period without answers carries the target forward (its mean is unknown, not zero).
  const values = judged.map((r) => (r.frN > 0 ? r.frSum / r.frN : pooled.mean));
  const points = sigma > 0 ? ewmaChart(values, { target: pooled.mean, sigma, lambda: opts.lambda ?? 0.2 }) : [];
  return rows.map((_, i) => {
    if (i < minHistory || !withData[i] || points.length === 0) return { ewma: null, band: null };
    const p = points[i - minHistory];
    return { ewma: p.value, band: { centre: p.centre, low: p.low, high: p.high, out: p.out } };
  });
}

export function trendOf(series: readonly TrendInput[], opts: { minHistory?: number } = {}): TrendPoint[] {
  const rows = series.map((s) => rowOf(s.stats));
  const ewma = responseEwma(rows, opts);
  return series.map((s, i) => {
    const r = rows[i];
    return {
      key: s.key,
      sessions: num(s.stats.sessions),
      passRate: {
        value: r.scored > 0 ? r.passed / r.scored : null,
        n: r.scored,
        band: passRateBand(rows.slice(0, i), r, opts.minHistory),
      },
      firstResponse: { value: r.frN > 0 ? r.frSum / r.frN : null, n: r.frN, ...ewma[i] },
      score: { value: r.scored > 0 ? r.scoreSum / r.scored : null, n: r.scored },
    };
  });
}
