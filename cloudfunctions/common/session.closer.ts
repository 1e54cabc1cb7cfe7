/**
 * Closing a session: score it with the scorecard in force, store the score, count it, raise
 * alerts. The close itself (session state, score, counters) is one transaction that does
 * nothing when the session is already closed, so a retried call or the idle timer racing an
 * explicit close scores and counts once; alert ids are deterministic for the same reason.
 */
import type { Session, StoredScore } from '../core/model';
import { dayKey, NO_AGENT, sessionIncrements } from '../core/rollups/rollup.counters';
import { conversationOf } from '../core/sessions/session.lifecycle';
import { COLLECTIONS, database, now, type Transaction } from './cloud';
import { raiseAfterScore } from './alerts/alert.raiser';
import { applyRollup } from './rollups';
import { issueTypeOf, scoreSession } from './scoring.service';
import { getScore, getSession, listMessages } from './sessions.repository';

export interface CloseResult {
  session: Session;
  score: StoredScore | null;
}

export async function closeAndScore(sessionId: string, at: number = now()): Promise<CloseResult | null> {
  const session = await getSession(sessionId);
  if (!session) return null;
  if (session.status === 'closed' && session.score) return { session, score: await getScore(sessionId) };

  const messages = await listMessages(sessionId);
  const untagged = conversationOf(session, messages);
  const issueType = issueTypeOf(session, untagged);
  const conversation = { ...untagged, tags: { ...untagged.tags, issueType } };
  const result = await scoreSession(session, conversation, at);
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
  const endedAt = Math.max(session.lastAt, session.startedAt);
  const summary = { total: result.total, passed: result.passed, scoreId, redLine: result.redLine };
  const closing = {
    status: 'closed' as const,
    endedAt,
    waitingSince: null,
    score: summary,
    ...(issueType ? { issueType } : {}),
  };

  const db = database();
  const closedNow = await db.runTransaction(async (t: Transaction) => {
    const { data: current } = await t.collection(COLLECTIONS.sessions).doc(sessionId).get();
    if ((current as Session).status === 'closed' && (current as Session).score) return false;
    const { _id, ...scoreFields } = score;
    await t.collection(COLLECTIONS.scores).doc(_id).set({ data: scoreFields });
    await t.collection(COLLECTIONS.sessions).doc(sessionId).update({ data: closing });
    await applyRollup(
      t,
      {
        day: dayKey(session.startedAt),
        agentId: session.agentId ?? NO_AGENT,
        channel: session.channel,
        team: session.team,
      },
      sessionIncrements(conversation, result),
    );
    return true;
  });
  if (!closedNow) {
    const settled = await getSession(sessionId);
    return settled ? { session: settled, score: await getScore(sessionId) } : null;
  }

  const closed: Session = { ...session, ...closing };
  await raiseAfterScore(closed, result, at);
  return { session: closed, score };
}
