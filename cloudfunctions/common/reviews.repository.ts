/**
 * Reviews (`reviews`): one inspector's reading of one session (core/inspection/review.model.ts),
 * written by the review actions, read by appeals, calibration, rule precision and inspector
 * statistics. A review's `_id` is `rv_<session>_<inspector>` (plus `_<round>` inside a
 * calibration round), so opening the same session twice resumes the same draft.
 */
import type { Review, StoredReview } from '../core/inspection/review.model';
import { byId, COLLECTIONS, database, rows } from './cloud';

export type { StoredReview };

export function reviewIdOf(sessionId: string, inspectorId: string, calibrationRoundId?: string): string {
  return `rv_${sessionId}_${inspectorId}${calibrationRoundId ? `_${calibrationRoundId}` : ''}`;
}

export async function getReview(id: string): Promise<StoredReview | null> {
  return byId<StoredReview>(COLLECTIONS.reviews, id);
}

/** Writes the whole review (the pure edits of review.model.ts return a new one). */
export async function putReview(review: StoredReview): Promise<void> {
  const { _id, ...fields } = review;
  await database().collection(COLLECTIONS.reviews).doc(_id).set({ data: fields });
}

export interface ReviewFilter {
  sessionId?: string;
  inspectorId?: string;
  agentId?: string;
  team?: string;
  status?: Review['status'];
  calibrationRoundId?: string;
}

/** Reviews matching every given field, newest change first (at most `limit`, ≤ 1000). */
export async function listReviews(f: ReviewFilter, limit = 1000, skip = 0): Promise<StoredReview[]> {
  const where: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) where[k] = v;
  return rows<StoredReview>(
    database().collection(COLLECTIONS.reviews).where(where).orderBy('updatedAt', 'desc').skip(skip).limit(limit),
  );
}

/** The reviews with these ids (any order; unknown ids are skipped), read 100 at a time. */
export async function reviewsByIds(ids: readonly string[]): Promise<StoredReview[]> {
  const _ = database().command;
  const out: StoredReview[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    out.push(
      ...(await rows<StoredReview>(
        database()
          .collection(COLLECTIONS.reviews)
          .where({ _id: _.in(chunk) })
          .limit(100),
      )),
    );
  }
  return out;
}

/** Submitted reviews of these sessions (the back-test's verdicts), at most 1000 per call. */
export async function submittedReviewsOf(sessionIds: string[]): Promise<StoredReview[]> {
  if (sessionIds.length === 0) return [];
  const _ = database().command;
  return rows<StoredReview>(
    database()
      .collection(COLLECTIONS.reviews)
      .where({ sessionId: _.in(sessionIds), status: 'submitted' })
      .limit(1000),
  );
}
