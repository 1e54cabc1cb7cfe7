/**
 * Per-inspector figures for supervisors: reviews submitted, time per review, agreement with the
 * calibration consensus, and how often appeals overturn what they found. Pure: the caller loads
 * the reviews, appeals and rounds of the period.
 */
import type { ScoreResult } from '../model';
import type { Appeal } from './appeal.model';
import { rulesHit, type CalibrationRound } from './calibration.model';
import type { Review } from './review.model';

export interface InspectorStats {
  inspectorId: string;
  reviews: number;
  /** Median of submission minus creation (the review opened), in ms; NaN without reviews. */
  medianMsPerReview: number;
  /**
   * Calibration: the share of (session, rule) judgements that match the majority of the other
   * inspectors, over the rules anyone found in that session (the rules nobody found would make
   * everyone look alike). Ties among the others are left out. NaN without calibration data.
   */
  consensus: { agreed: number; compared: number; share: number };
  /** Decided appeal items against this inspector's reviews: how many were overturned (fully or partly). */
  appeals: { decided: number; overturned: number; partly: number; share: number };
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function consensusCounts(
  rounds: readonly CalibrationRound[],
  reviews: readonly Review[],
  automatic: ReadonlyMap<string, ScoreResult>,
): Map<string, { agreed: number; compared: number }> {
  const out = new Map<string, { agreed: number; compared: number }>();
  for (const round of rounds) {
    for (const sessionId of round.sessionIds) {
      const judged = new Map<string, Set<string>>();
      for (const r of reviews) {
        if (r.calibrationRoundId !== round._id || r.sessionId !== sessionId || r.status !== 'submitted') continue;
        if (round.inspectorIds.includes(r.inspectorId))
          judged.set(r.inspectorId, rulesHit(r, automatic.get(sessionId)));
      }
      if (judged.size < 2) continue;
      const rules = new Set([...judged.values()].flatMap((s) => [...s]));
      for (const [inspector, mine] of judged) {
        const counts = out.get(inspector) ?? { agreed: 0, compared: 0 };
        for (const rule of rules) {
          let yes = 0;
          let no = 0;
          for (const [other, theirs] of judged) {
            if (other === inspector) continue;
            if (theirs.has(rule)) yes++;
            else no++;
          }
          if (yes === no) continue;
          counts.compared++;
          if (mine.has(rule) === yes > no) counts.agreed++;
        }
        out.set(inspector, counts);
      }
    }
  }
  return out;
}

export function inspectorStats(
  reviews: readonly Review[],
  appeals: readonly Appeal[],
  calibration: { rounds: readonly CalibrationRound[]; automatic: ReadonlyMap<string, ScoreResult> } = {
    rounds: [],
    automatic: new Map(),
  },
): InspectorStats[] {
  const submitted = reviews.filter((r) => r.status === 'submitted' && r.submittedAt !== undefined);
  const ids = new Set([...submitted.map((r) => r.inspectorId), ...appeals.map((a) => a.inspectorId)]);
  const consensus = consensusCounts(calibration.rounds, submitted, calibration.automatic);
  return [...ids].sort().map((inspectorId) => {
    const mine = submitted.filter((r) => r.inspectorId === inspectorId);
    const c = consensus.get(inspectorId) ?? { agreed: 0, compared: 0 };
    const items = appeals.filter((a) => a.inspectorId === inspectorId).flatMap((a) => a.items);
    const decided = items.filter((i) => i.status === 'upheld' || i.status === 'overturned' || i.status === 'partly');
    const overturned = decided.filter((i) => i.status === 'overturned').length;
    const partly = decided.filter((i) => i.status === 'partly').length;
    return {
      inspectorId,
      reviews: mine.length,
      medianMsPerReview: median(mine.map((r) => r.submittedAt! - r.createdAt)),
      consensus: { ...c, share: c.compared ? c.agreed / c.compared : NaN },
      appeals: {
        decided: decided.length,
        overturned,
        partly,
        share: decided.length ? (overturned + partly) / decided.length : NaN,
      },
    };
  });
}
