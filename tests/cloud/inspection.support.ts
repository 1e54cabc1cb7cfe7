/**
 * Manual-inspection records for cloud tests: a scored session (imported, so closed and scored
 * by the real pipeline) and a submitted review of it, built with the core's review model and
 * stored as the review actions store it.
 */
import { DEFAULT_SCORECARD } from '../../cloudfunctions/core/scoring';
import { hitKey, newReview, submitReview, type StoredReview } from '../../cloudfunctions/core/inspection/review.model';
import type { Session, StoredScore } from '../../cloudfunctions/core/model';
import { reviewIdOf } from '../../cloudfunctions/common/reviews.repository';
import { inStore, putDoc } from './alerts.support';
import { importAsServer } from './harness';

let sessions = 0;

/**
 * A closed, scored session of `agentId` where the agent is rude and never greets: hits that cost
 * points, to review and appeal. Returns the session and its score.
 */
export async function scoredSession(agentId: string, at = Date.now() - 3 * 3600_000) {
  const n = ++sessions;
  const iso = (ms: number) => new Date(ms).toISOString();
  const answer = (await importAsServer({
    id: `insp-${agentId}-${n}`,
    channel: 'import',
    customerId: `oInspCust${n}`,
    agentId,
    messages: [
      { role: 'customer', at: iso(at), text: '我的快递三天了还没到，怎么回事' },
      { role: 'agent', at: iso(at + 30_000), text: '不知道，你自己查' },
      { role: 'customer', at: iso(at + 60_000), text: '你这什么态度' },
      { role: 'agent', at: iso(at + 90_000), text: '爱买不买' },
    ],
  })) as { ok: boolean; sessionId: string };
  if (!answer.ok) throw new Error(`import failed: ${JSON.stringify(answer)}`);
  const [session] = await inStore<Session>('sessions', { _id: answer.sessionId });
  const [score] = await inStore<StoredScore>('scores', { sessionId: answer.sessionId });
  if (!score || score.hits.every((h) => h.points === 0)) throw new Error('the fixture session must lose points');
  return { session, score };
}

/** A review of the session by `inspectorId`, submitted at `at` with no verdicts (the machine's hits stand). */
export async function submittedReviewOf(
  s: { session: Session; score: StoredScore },
  inspectorId = 'insp-1',
  at = Date.now() - 3600_000,
): Promise<StoredReview> {
  const draft = newReview(
    { sessionId: s.session._id, inspectorId, agentId: s.session.agentId, team: s.session.team },
    s.score,
    at,
  );
  const ctx = {
    scorecard: DEFAULT_SCORECARD,
    automatic: s.score,
    conversation: { id: s.session._id, channel: s.session.channel, customerId: s.session.customerId, messages: [] },
  };
  const submitted = submitReview(draft, ctx, at);
  const _id = reviewIdOf(s.session._id, inspectorId);
  await putDoc('reviews', _id, submitted as unknown as Record<string, unknown>);
  return { ...submitted, _id };
}

/** The keys of the hits that cost points in a review's automatic score. */
export function costlyKeys(score: StoredScore): string[] {
  return score.hits.filter((h) => h.points < 0).map(hitKey);
}
