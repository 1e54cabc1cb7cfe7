/**
 * Rankings on one figure (pass rate, mean score, CSAT, first-response time) with their
 * uncertainty, so a ranking never pretends to an order the data cannot support (pure):
 *
 * - Entries with fewer than `minN` observations (default 30) are not ranked: they are listed
 *   after the ranked ones with `small: true` and no rank, because their intervals are too wide.
 * - Ranked entries are ordered by the estimate (best first; first-response time: lower is
 *   better) with competition ranks (1, 2, 2, 4 for equal estimates).
 * - Each ranked entry carries the range of ranks its 95% interval allows: `best` is one plus the
 *   number of entries whose interval lies entirely better than its own, `worst` the number of
 *   entries whose interval does not lie entirely worse (itself included). `tiedWith` names the
 *   entries whose intervals overlap its own: the screen marks those as not distinguishable.
 */
import type { ReportDimension } from './report.contribution';
import type { Figures, MeanFigure, RateFigure } from './report.figures';

export const RANK_METRICS = ['passRate', 'score', 'csat', 'firstResponse'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];
export const RANK_DIMENSIONS = ['agent', 'team'] as const satisfies readonly ReportDimension[];
export type RankDimension = (typeof RANK_DIMENSIONS)[number];

/** Below this many observations an entry is shown but not ranked. */
export const RANK_MIN_N = 30;

/** Whether a larger value of the metric is better. */
export const HIGHER_IS_BETTER: Record<RankMetric, boolean> = {
  passRate: true,
  score: true,
  csat: true,
  firstResponse: false,
};

export interface RankEntry {
  value: string;
  n: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export interface RankedRow extends RankEntry {
  /** Competition rank among the ranked entries; null when not ranked (small or no estimate). */
  rank: number | null;
  /** The ranks the interval allows (best, worst); null when not ranked. */
  rankRange: { best: number; worst: number } | null;
  /** Ranked entries whose 95% intervals overlap this one's. */
  tiedWith: string[];
  small: boolean;
}

/** The figure a ranking reads from a row's figures. */
export function rankEntryOf(value: string, figures: Figures, metric: RankMetric): RankEntry {
  const f: RateFigure | MeanFigure = figures[metric];
  return { value, n: f.n, estimate: f.value, low: f.low, high: f.high };
}

const overlaps = (a: RankEntry, b: RankEntry) =>
  a.low !== null && a.high !== null && b.low !== null && b.high !== null && a.low <= b.high && b.low <= a.high;

export function rankEntries(
  entries: readonly RankEntry[],
  higherIsBetter: boolean,
  minN: number = RANK_MIN_N,
): RankedRow[] {
  const rankable = entries.filter((e) => e.n >= minN && e.estimate !== null && e.low !== null && e.high !== null);
  const better = (a: number, b: number) => (higherIsBetter ? a > b : a < b);
  const sorted = [...rankable].sort(
    (a, b) =>
      (higherIsBetter ? b.estimate! - a.estimate! : a.estimate! - b.estimate!) || a.value.localeCompare(b.value),
  );
  const ranked: RankedRow[] = sorted.map((e) => {
    const rank = 1 + sorted.filter((o) => better(o.estimate!, e.estimate!)).length;
    // Entirely better: the other's whole interval is on the better side of this one's.
    const entirelyBetter = sorted.filter(
      (o) => o !== e && better(higherIsBetter ? o.low! : o.high!, higherIsBetter ? e.high! : e.low!),
    );
    const entirelyWorse = sorted.filter(
      (o) => o !== e && better(higherIsBetter ? e.low! : e.high!, higherIsBetter ? o.high! : o.low!),
    );
    return {
      ...e,
      rank,
      rankRange: { best: 1 + entirelyBetter.length, worst: sorted.length - entirelyWorse.length },
      tiedWith: sorted.filter((o) => o !== e && overlaps(o, e)).map((o) => o.value),
      small: false,
    };
  });
  const rest = entries
    .filter((e) => !rankable.includes(e))
    .sort((a, b) => b.n - a.n || a.value.localeCompare(b.value))
    .map((e): RankedRow => ({ ...e, rank: null, rankRange: null, tiedWith: [], small: e.n < minN }));
  return [...ranked, ...rest];
}
