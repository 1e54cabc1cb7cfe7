/**
 * Calibration: the same sessions given blind to several inspectors, then, per criterion (rule),
 * how far they agree on whether the rule hits each session. The statistic follows the data:
 * Cohen's κ for two raters, Fleiss' κ for more who rated every session, Krippendorff's α
 * (nominal) as soon as someone skipped a session, since the κs need complete data. Criteria
 * below 0.6 (the usual line between "moderate" and "substantial" agreement) are flagged
 * ambiguous with the sessions where the raters split: those are what the calibration meeting
 * discusses, and where the rule's wording needs work.
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { ScoreResult } from '../model';
import { cohenKappa, fleissKappa, krippendorffAlpha, type Rating } from '../stats/agreement';
import type { Scorecard } from '../scoring/scorecard.schema';
import { hitKey, type Review } from './review.model';

export const AMBIGUOUS_BELOW = 0.6;

export interface CalibrationRound {
  _id: string;
  scorecardId: string;
  scorecardVersion: number;
  sessionIds: string[];
  inspectorIds: string[];
  /** Sessions an inspector declined to rate (cannot judge): done for them, but left unrated. */
  skipped: { inspectorId: string; sessionId: string }[];
  createdBy: string;
  createdAt: number;
}

/** Marks a session as skipped by an inspector of the round. */
export function skipSession(round: CalibrationRound, inspectorId: string, sessionId: string): CalibrationRound {
  if (!round.inspectorIds.includes(inspectorId)) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '不是本轮校准的质检员');
  }
  if (!round.sessionIds.includes(sessionId)) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, `会话 ${sessionId} 不在本轮校准中`);
  }
  if (round.skipped.some((s) => s.inspectorId === inspectorId && s.sessionId === sessionId)) return round;
  return { ...round, skipped: [...round.skipped, { inspectorId, sessionId }] };
}

/** The round's submitted reviews, the latest per inspector and session. */
function roundReviews(round: CalibrationRound, reviews: readonly Review[]): Map<string, Review> {
  const out = new Map<string, Review>();
  for (const r of reviews) {
    if (r.calibrationRoundId !== round._id || r.status !== 'submitted') continue;
    if (!round.inspectorIds.includes(r.inspectorId) || !round.sessionIds.includes(r.sessionId)) continue;
    const key = `${r.inspectorId}\u0000${r.sessionId}`;
    const prev = out.get(key);
    if (!prev || (r.submittedAt ?? 0) > (prev.submittedAt ?? 0)) out.set(key, r);
  }
  return out;
}

export interface RoundProgress {
  /** Per inspector: sessions submitted or skipped, of the round's. */
  done: Record<string, number>;
  /** Inspectors who have not finished every session yet. */
  waitingFor: string[];
  complete: boolean;
}

export function roundProgress(round: CalibrationRound, reviews: readonly Review[]): RoundProgress {
  const submitted = roundReviews(round, reviews);
  const done: Record<string, number> = {};
  for (const i of round.inspectorIds) {
    done[i] = round.sessionIds.filter(
      (s) => submitted.has(`${i}\u0000${s}`) || round.skipped.some((k) => k.inspectorId === i && k.sessionId === s),
    ).length;
  }
  const waitingFor = round.inspectorIds.filter((i) => done[i] < round.sessionIds.length);
  return { done, waitingFor, complete: waitingFor.length === 0 };
}

/**
 * What a viewer may see of the round's answers. Blind until every inspector has finished: before
 * that an inspector sees only their own reviews (anyone else sees none), so nobody anchors on a
 * colleague's reading; afterwards everyone sees them all.
 */
export function visibleTo(
  viewerId: string,
  round: CalibrationRound,
  reviews: readonly Review[],
): { revealed: boolean; waitingFor: string[]; reviews: Review[] } {
  const { complete, waitingFor } = roundProgress(round, reviews);
  const mine = reviews.filter((r) => r.calibrationRoundId === round._id);
  return {
    revealed: complete,
    waitingFor,
    reviews: complete ? mine.filter((r) => r.status === 'submitted') : mine.filter((r) => r.inspectorId === viewerId),
  };
}

/** Rules a review finds hit: kept automatic hits (not rejected) and added ones. */
export function rulesHit(review: Review, automatic: ScoreResult | undefined): Set<string> {
  const rejected = new Set(review.verdicts.filter((v) => v.verdict === 'rejected').map((v) => v.key));
  const hit = new Set<string>();
  for (const h of automatic?.hits ?? []) if (!rejected.has(hitKey(h))) hit.add(h.ruleId);
  for (const a of review.added) hit.add(a.ruleId);
  return hit;
}

export type AgreementMethod = 'cohen' | 'fleiss' | 'krippendorff' | 'none';

export interface CriterionAgreement {
  ruleId: string;
  ruleName: string;
  method: AgreementMethod;
  /** κ or α; NaN when fewer than two inspectors rated. */
  value: number;
  raters: number;
  ambiguous: boolean;
  /** Sessions where the inspectors did not all say the same. */
  splits: { sessionId: string; hit: string[]; clear: string[] }[];
  /** Every inspector's reading against the machine's, pooled: Cohen's κ and the share agreeing. */
  humanVsAutomatic: { kappa: number; observed: number; n: number };
}

const HIT = 'hit';
const CLEAR = 'clear';

function agreement(ratings: Rating[][]): { method: AgreementMethod; value: number } {
  const raters = ratings.length;
  if (raters < 2) return { method: 'none', value: NaN };
  const complete = ratings.every((row) => row.every((x) => x !== null));
  if (!complete) return { method: 'krippendorff', value: krippendorffAlpha(ratings, 'nominal').alpha };
  if (raters === 2) return { method: 'cohen', value: cohenKappa(ratings[0], ratings[1]).kappa };
  const items = ratings[0].length;
  const counts = Array.from({ length: items }, (_, u) => {
    const hits = ratings.filter((row) => row[u] === HIT).length;
    return [hits, raters - hits];
  });
  return { method: 'fleiss', value: fleissKappa(counts).kappa };
}

/**
 * Agreement per enabled rule of the scorecard over the round's submitted reviews. `automatic`
 * holds each session's automatic score (for the human-vs-automatic figure and for the hits the
 * reviews judged). Raters are the round's inspectors with at least one submitted review.
 */
export function calibrationResults(
  round: CalibrationRound,
  reviews: readonly Review[],
  scorecard: Scorecard,
  automatic: ReadonlyMap<string, ScoreResult>,
  threshold: number = AMBIGUOUS_BELOW,
): { complete: boolean; raters: string[]; criteria: CriterionAgreement[] } {
  if (scorecard.id !== round.scorecardId || scorecard.version !== round.scorecardVersion) {
    throw new DomainError(
      ERROR_CODES.REVIEW_SCORECARD_MISMATCH,
      `本轮校准按评分卡 ${round.scorecardId} v${round.scorecardVersion}`,
    );
  }
  const submitted = roundReviews(round, reviews);
  const raters = round.inspectorIds.filter((i) => round.sessionIds.some((s) => submitted.has(`${i}\u0000${s}`)));
  // rulesHit per (rater, session), computed once: null where the rater has no submitted review.
  const found = raters.map((i) =>
    round.sessionIds.map((s) => {
      const r = submitted.get(`${i}\u0000${s}`);
      return r ? rulesHit(r, automatic.get(s)) : null;
    }),
  );
  const criteria: CriterionAgreement[] = [];
  for (const section of scorecard.sections) {
    for (const rule of section.rules) {
      if (!rule.enabled) continue;
      const ratings: Rating[][] = found.map((row) =>
        row.map((set) => (set === null ? null : set.has(rule.id) ? HIT : CLEAR)),
      );
      const { method, value } = agreement(ratings);
      const splits = round.sessionIds.flatMap((sessionId, u) => {
        const hit = raters.filter((_, r) => ratings[r][u] === HIT);
        const clear = raters.filter((_, r) => ratings[r][u] === CLEAR);
        return hit.length > 0 && clear.length > 0 ? [{ sessionId, hit, clear }] : [];
      });
      const human: Rating[] = [];
      const machine: Rating[] = [];
      round.sessionIds.forEach((s, u) => {
        const auto = automatic.get(s);
        if (!auto) return;
        const autoHit = auto.hits.some((h) => h.ruleId === rule.id) ? HIT : CLEAR;
        for (const row of ratings) {
          if (row[u] === null) continue;
          human.push(row[u]);
          machine.push(autoHit);
        }
      });
      const vs = cohenKappa(human, machine);
      criteria.push({
        ruleId: rule.id,
        ruleName: rule.name,
        method,
        value,
        raters: raters.length,
        // A hair of tolerance: κ = .6 worked out by hand must not turn ambiguous on float dust.
        ambiguous: value < threshold - 1e-9,
        splits,
        humanVsAutomatic: { kappa: vs.kappa, observed: vs.observed, n: vs.n },
      });
    }
  }
  return { complete: roundProgress(round, reviews).complete, raters, criteria };
}
