/**
 * The parts of a session's report contribution that are only known later than its close, and
 * the message figures an erased session keeps (pure):
 *
 * - **First-contact resolution.** A closed session is a repeat contact when the same customer
 *   started another session within `fcrHours` after it ended. That is known when such a session
 *   exists, or once the window has passed without one; until then the session is *pending* and
 *   counts in neither figure (never wrongly, only later). FCR = resolved (the customer's answer)
 *   and not a repeat contact, over the settled sessions that carry a resolution answer.
 * - **Review figures.** The session's latest submitted review outside calibration rounds: the
 *   inspected score (`finalScore ?? manual`) beside the automatic one, whether it turns the
 *   automatic pass/fail over, and the appeal items decided on it and how many went the agent's way.
 * - **Kept message figures.** Erasure and retention delete messages; the counts and reply times a
 *   contribution needs are kept on the session first (`reportKept`), so recomputing it later
 *   gives the same figures.
 */
import type { Appeal, AppealItemStatus } from '../inspection/appeal.model';
import type { StoredReview } from '../inspection/review.model';
import type { MessageTimeline } from '../model';

export const FCR_HOURS_DEFAULT = 24;
export const FCR_HOURS_MIN = 1;
export const FCR_HOURS_MAX = 168;

export type { MessageTimeline };

export function timelineOf(messages: readonly { role: string; at: number }[]): MessageTimeline {
  const replyMs: number[] = [];
  let waitingSince: number | null = null;
  for (const m of messages) {
    if (m.role === 'customer' && waitingSince === null) waitingSince = m.at;
    else if (m.role === 'agent' && waitingSince !== null) {
      replyMs.push(m.at - waitingSince);
      waitingSince = null;
    }
  }
  return { count: messages.length, replyMs, customerSpoke: messages.some((m) => m.role === 'customer') };
}

/** When a session's repeat-contact window closes (epoch ms). */
export function fcrWindowEnd(session: { startedAt: number; endedAt?: number }, fcrHours: number): number {
  return (session.endedAt ?? session.startedAt) + fcrHours * 3600_000;
}

/**
 * Whether a session is a repeat contact: `true` when the customer's next session started by the
 * window's end, `false` once the window passed without one, `null` while it is still open.
 * `laterStarts` are the start times of the same customer's other sessions that started after it.
 */
export function repeatContact(
  session: { startedAt: number; endedAt?: number },
  laterStarts: readonly number[],
  fcrHours: number,
  at: number,
): boolean | null {
  const end = fcrWindowEnd(session, fcrHours);
  if (laterStarts.some((t) => t > session.startedAt && t <= end)) return true;
  return at >= end ? false : null;
}

/** The review figures of one session (see the header). */
export interface ReviewFacts {
  inspectorId: string;
  /** The inspected score: after appeal decisions when there were any. */
  total: number;
  passed: boolean;
  /** Appeal items decided (upheld, overturned, partly, or expired: the finding stands). */
  appealItems: number;
  /** Of those, overturned or partly adjusted: decided the agent's way. */
  appealOverturned: number;
}

const DECIDED: readonly AppealItemStatus[] = ['upheld', 'overturned', 'partly', 'expired'];

export function reviewFactsOf(
  reviews: readonly StoredReview[],
  appeals: readonly (Pick<Appeal, 'items'> & { reviewId: string })[],
): ReviewFacts | undefined {
  const review = reviews
    .filter((r) => r.status === 'submitted' && !r.calibrationRoundId && r.manual)
    .sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0) || b._id.localeCompare(a._id))[0];
  if (!review?.manual) return undefined;
  const inspected = review.finalScore ?? review.manual;
  const items = appeals.filter((a) => a.reviewId === review._id).flatMap((a) => a.items);
  const decided = items.filter((i) => DECIDED.includes(i.status));
  return {
    inspectorId: review.inspectorId,
    total: inspected.total,
    passed: inspected.passed,
    appealItems: decided.length,
    appealOverturned: decided.filter((i) => i.status === 'overturned' || i.status === 'partly').length,
  };
}
