/**
 * Scores (`scores`): written only inside the closing and re-scoring transactions of
 * session.closer.ts (with the session's summary and the counters, so all move together), read
 * by the session view. A score's `_id` is `<session>_<scorecard>_v<version>`: scoring the same
 * session with the same scorecard again replaces it.
 */
import type { StoredScore } from '../core/model';
import { COLLECTIONS, database, rows, type Transaction } from './cloud';

/** The session's latest score, or null. */
export async function getScore(sessionId: string): Promise<StoredScore | null> {
  const [score] = await rows<StoredScore>(
    database().collection(COLLECTIONS.scores).where({ sessionId }).orderBy('scoredAt', 'desc').limit(1),
  );
  return score ?? null;
}

/** The score writes a transaction makes. */
export function scoresIn(t: Transaction) {
  return {
    async put(score: StoredScore): Promise<void> {
      const { _id, ...fields } = score;
      await t.collection(COLLECTIONS.scores).doc(_id).set({ data: fields });
    },
  };
}
