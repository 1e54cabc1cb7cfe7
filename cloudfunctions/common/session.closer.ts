/**
 * Closing a session: score it with the scorecard in force, store the score, raise alerts.
 * Every write is keyed deterministically, so closing twice (a retried call, the idle timer
 * racing an explicit close) stores one score and one alert per policy.
 */
import { alertsForScore } from '../core/alerts/alert.policy';
import type { Session, StoredScore } from '../core/model';
import { conversationOf } from '../core/sessions/session.lifecycle';
import { COLLECTIONS, database, isDuplicateKeyError, now } from './cloud';
import { scoreConversation } from './scoring.service';
import { getScore, getSession, listMessages } from './sessions.repository';
import { listSupervisors } from './users.repository';

export interface CloseResult {
  session: Session;
  score: StoredScore | null;
}

export async function closeAndScore(sessionId: string, at: number = now()): Promise<CloseResult | null> {
  const session = await getSession(sessionId);
  if (!session) return null;
  if (session.status === 'closed' && session.score) return { session, score: await getScore(sessionId) };

  const messages = await listMessages(sessionId);
  const result = scoreConversation(conversationOf(session, messages));
  const scoreId = `${sessionId}_${result.scorecardId}_v${result.scorecardVersion}`;
  const score: StoredScore = {
    _id: scoreId,
    sessionId,
    ...(session.agentId ? { agentId: session.agentId } : {}),
    ...(session.team ? { team: session.team } : {}),
    channel: session.channel,
    scoredAt: at,
    ...result,
  };
  const db = database();
  const { _id, ...scoreFields } = score;
  await db.collection(COLLECTIONS.scores).doc(_id).set({ data: scoreFields });

  const endedAt = Math.max(session.lastAt, session.startedAt);
  const summary = { total: result.total, passed: result.passed, scoreId, redLine: result.redLine };
  await db
    .collection(COLLECTIONS.sessions)
    .doc(sessionId)
    .update({ data: { status: 'closed', endedAt, waitingSince: null, score: summary } });

  const closed: Session = { ...session, status: 'closed', endedAt, waitingSince: null, score: summary };
  const alerts = alertsForScore(closed, result, await listSupervisors(), at);
  for (const alert of alerts) {
    try {
      await db.collection(COLLECTIONS.alerts).add({ data: alert });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
  return { session: closed, score };
}
