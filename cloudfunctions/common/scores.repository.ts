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

/**
 * When each of these sessions was scored (its latest score), for the back-test, which replays
 * a session at the instant it was scored live (timing rules measure waits up to that instant).
 */
export async function scoredAtOf(sessionIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (sessionIds.length === 0) return out;
  const _ = database().command;
  for (let skip = 0; ; skip += 1000) {
    const page = await rows<{ sessionId: string; scoredAt: number }>(
      database()
        .collection(COLLECTIONS.scores)
        .where({ sessionId: _.in(sessionIds) })
        .field({ sessionId: true, scoredAt: true })
        .skip(skip)
        .limit(1000),
    );
    for (const s of page) out.set(s.sessionId, Math.max(out.get(s.sessionId) ?? -Infinity, s.scoredAt));
    if (page.length < 1000) return out;
  }
}

/** What the training profile reads of a score: whose, when, and its hits' rules and points. */
export type ScoreOutcomeFields = Pick<StoredScore, 'sessionId' | 'agentId' | 'team' | 'scoredAt' | 'hits'>;

/**
 * Scores of an agent or a team scored in [from, to), newest first, at most `limit` (a bounded
 * read for the training profile and the before/after measure: issue 16, kb).
 */
export async function scoresBetween(
  who: { agentId: string } | { team: string },
  from: number,
  to: number,
  limit: number,
): Promise<ScoreOutcomeFields[]> {
  const _ = database().command;
  const out: ScoreOutcomeFields[] = [];
  while (out.length < limit) {
    const size = Math.min(1000, limit - out.length);
    const page = await rows<ScoreOutcomeFields>(
      database()
        .collection(COLLECTIONS.scores)
        .where({ ...who, scoredAt: _.gte(from).and(_.lt(to)) })
        .orderBy('scoredAt', 'desc')
        .field({ sessionId: true, agentId: true, team: true, scoredAt: true, hits: true })
        .skip(out.length)
        .limit(size),
    );
    out.push(...page);
    if (page.length < size) break;
  }
  return out;
}

/** The latest score of each of these sessions (hits included), read together: the insights job (issue 15). */
export async function latestScoresOf(sessionIds: string[]): Promise<Map<string, StoredScore>> {
  const out = new Map<string, StoredScore>();
  if (sessionIds.length === 0) return out;
  const _ = database().command;
  for (let skip = 0; ; skip += 1000) {
    const page = await rows<StoredScore>(
      database()
        .collection(COLLECTIONS.scores)
        .where({ sessionId: _.in(sessionIds) })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000),
    );
    for (const s of page) if ((out.get(s.sessionId)?.scoredAt ?? -Infinity) < s.scoredAt) out.set(s.sessionId, s);
    if (page.length < 1000) return out;
  }
}
