/**
 * How often the machine is right when a rule fires, from every reviewer's verdicts: precision =
 * confirmed / (confirmed + rejected), with the count behind it and a Wilson 95% interval (a
 * precision of 3/4 and one of 300/400 are not the same news). Rules below 0.8 on enough
 * verdicts are flagged for the admins' settings page: they fire on too much that is not there.
 * Only submitted reviews count; a draft's verdicts may still change.
 */
import { wilsonInterval, type Interval } from '../stats/proportion';
import type { Review } from './review.model';

export const PRECISION_FLAG_BELOW = 0.8;
/** Fewer verdicts than this say too little to flag a rule (10/10 is 0.72–1.00). */
export const PRECISION_MIN_VERDICTS = 10;

export interface RulePrecision {
  ruleId: string;
  /** The version judged; with `byVersion: false`, the newest version among the verdicts. */
  ruleVersion: number;
  confirmed: number;
  rejected: number;
  n: number;
  /** confirmed / n, NaN without verdicts; `interval` is the Wilson 95% interval around it. */
  precision: number;
  interval: Interval;
  flagged: boolean;
  /** The reasons given for rejections, most frequent first (at most five): what to fix. */
  rejectReasons: { reason: string; count: number }[];
}

export interface PrecisionOptions {
  /** Only reviews submitted in [from, to). */
  from?: number;
  to?: number;
  /** One row per rule version (default), or one per rule over all its versions. */
  byVersion?: boolean;
  flagBelow?: number;
  minVerdicts?: number;
}

export function rulePrecision(reviews: readonly Review[], options: PrecisionOptions = {}): RulePrecision[] {
  const { from = -Infinity, to = Infinity, byVersion = true } = options;
  const flagBelow = options.flagBelow ?? PRECISION_FLAG_BELOW;
  const minVerdicts = options.minVerdicts ?? PRECISION_MIN_VERDICTS;
  const groups = new Map<
    string,
    { ruleId: string; ruleVersion: number; confirmed: number; rejected: number; reasons: Map<string, number> }
  >();
  for (const review of reviews) {
    if (review.status !== 'submitted' || review.submittedAt === undefined) continue;
    if (review.submittedAt < from || review.submittedAt >= to) continue;
    for (const v of review.verdicts) {
      const key = byVersion ? `${v.ruleId}@${v.ruleVersion}` : v.ruleId;
      let g = groups.get(key);
      if (!g) {
        g = { ruleId: v.ruleId, ruleVersion: v.ruleVersion, confirmed: 0, rejected: 0, reasons: new Map() };
        groups.set(key, g);
      }
      g.ruleVersion = Math.max(g.ruleVersion, v.ruleVersion);
      if (v.verdict === 'confirmed') g.confirmed++;
      else {
        g.rejected++;
        if (v.reason) g.reasons.set(v.reason, (g.reasons.get(v.reason) ?? 0) + 1);
      }
    }
  }
  return [...groups.values()]
    .map((g) => {
      const n = g.confirmed + g.rejected;
      const interval = wilsonInterval(g.confirmed, n);
      return {
        ruleId: g.ruleId,
        ruleVersion: g.ruleVersion,
        confirmed: g.confirmed,
        rejected: g.rejected,
        n,
        precision: interval.estimate,
        interval,
        flagged: n >= minVerdicts && interval.estimate < flagBelow,
        rejectReasons: [...g.reasons]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
          .slice(0, 5),
      };
    })
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.ruleVersion - b.ruleVersion);
}
