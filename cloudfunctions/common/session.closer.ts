/**
 * Closing a session: score it with the scorecard in force, store the score, count it, raise
 * alerts. The close itself (session state, score, counters) is one transaction that does
 * nothing when the session is already closed, so a retried call or the idle timer racing an
 * explicit close scores and counts once; alert ids are deterministic for the same reason.
 * A closed session is scored again when something the score depends on arrives later (a
 * rating): the counters move from the old result to the new one in the same way, once.
 */
import type { Conversation, Message, Rating, ScoreResult, Session, StoredScore } from '../core/model';
import { dayKey, incrementsDelta, NO_AGENT, sessionIncrements, type RollupKey } from '../core/rollups/rollup.counters';
import { conversationOf } from '../core/sessions/session.lifecycle';
import { now, type Transaction } from './cloud';
import { raiseAfterScore } from './alerts/alert.raiser';
import { runStrandedRepeatCheck } from './alerts/repeat-contact.check';
import { rectifyRedLines } from './rectification/rectifications.service';
import { applyRollup, shardAfterConflict } from './rollups';
import { transactionInRounds } from './transaction.rounds';
import { forgetLiveMessages, heldMessagesOf } from './alerts/live.messages';
import { currentIssueClassifier } from './issue-types.repository';
import { issueTypeOf, scoreSession } from './scoring.service';
import { lostRules } from '../core/scoring/score.hits';
import { listMessages } from './messages.repository';
import { getScore, scoresIn } from './scores.repository';
import { getSession, sessionsIn } from './sessions.repository';
import { recordEarlierContacts, recordSessionReport } from './report.rollups';
import { logFailure } from './log';

/**
 * The report rollups follow a close or re-scoring after it is committed; a failure here never
 * undoes the close (the nightly job recomputes from the raw data), it is only logged.
 */
async function recordReport(sessionId: string, known: { messages?: Message[]; session?: Session } = {}): Promise<void> {
  await recordSessionReport(sessionId, undefined, known).catch((e: unknown) =>
    logFailure('reports/record', e, { session: sessionId }),
  );
}

export interface CloseResult {
  session: Session;
  score: StoredScore | null;
}

/**
 * The session as the engine sees it, with its issue type (as tagged, else classified). The
 * back-test passes the session's stored messages it read in bulk (`messages`).
 */
export async function conversationFor(
  session: Session,
  messages?: Message[],
): Promise<{ conversation: Conversation; issueType?: string }> {
  const untagged = conversationOf(session, messages ?? (await listMessages(session._id)));
  const issueType = session.issueType ?? issueTypeOf(session, untagged, (await currentIssueClassifier()).classifier);
  return { conversation: { ...untagged, tags: { ...untagged.tags, issueType } }, issueType };
}

function storedScore(session: Session, result: ScoreResult, at: number, rating: Rating | undefined): StoredScore {
  return {
    _id: `${session._id}_${result.scorecardId}_v${result.scorecardVersion}`,
    sessionId: session._id,
    ...(rating ? { ratingUsed: rating } : {}),
    ...(session.agentId ? { agentId: session.agentId } : {}),
    ...(session.team ? { team: session.team } : {}),
    channel: session.channel,
    scoredAt: at,
    ...result,
  };
}

function summaryOf(score: StoredScore, revision = 0): NonNullable<Session['score']> {
  const lost = lostRules(score);
  const ruleIds = [...new Set(score.hits.map((h) => h.ruleId))];
  return {
    total: score.total,
    passed: score.passed,
    scoreId: score._id,
    redLine: score.redLine,
    revision,
    ...(lost.length ? { lost } : {}),
    ruleIds,
  };
}

function rollupKeyOf(session: Session): RollupKey {
  return {
    day: dayKey(session.startedAt),
    agentId: session.agentId ?? NO_AGENT,
    channel: session.channel,
    team: session.team,
  };
}

export async function closeAndScore(sessionId: string, at: number = now()): Promise<CloseResult | null> {
  const session = await getSession(sessionId);
  if (!session) return null;
  if (session.status === 'closed' && session.score) return { session, score: await getScore(sessionId) };

  // The live checks' list when this instance holds it whole (a returning customer's close); else read.
  const messages = heldMessagesOf(session) ?? (await listMessages(sessionId));
  const { conversation, issueType } = await conversationFor(session, messages);
  const result = await scoreSession(session, conversation, at);
  const score = storedScore(session, result, at, conversation.rating);
  const endedAt = Math.max(session.lastAt, session.startedAt);
  const summary = summaryOf(score);
  const closing = {
    status: 'closed' as const,
    endedAt,
    waitingSince: null,
    score: summary,
    ...(issueType ? { issueType } : {}),
  };

  // In rounds, like a message's store: a close races the pushes counting in the same day bucket.
  const closedNow = await transactionInRounds(async (t: Transaction, attempt) => {
    const current = await sessionsIn(t).get(sessionId);
    if (current.status === 'closed' && current.score) return false;
    await scoresIn(t).put(score);
    await sessionsIn(t).update(sessionId, closing);
    await applyRollup(t, rollupKeyOf(session), sessionIncrements(conversation, result), shardAfterConflict(attempt));
    return true;
  });
  forgetLiveMessages(sessionId);
  if (!closedNow) {
    const settled = await getSession(sessionId);
    return settled ? { session: settled, score: await getScore(sessionId) } : null;
  }

  const closed: Session = { ...session, ...closing };
  await raiseAfterScore(closed, result, at);
  await runStrandedRepeatCheck(closed, messages, at); // a push's check its instance never ran
  await rectifyRedLines(closed, result.hits, score._id, at).catch((e: unknown) => logFailure('close/rectify', e));
  await recordReport(sessionId, { messages, session: closed });
  // First-contact resolution: this close may make the customer's earlier sessions repeat contacts.
  await recordEarlierContacts(sessionId, undefined, { session: closed }).catch((e: unknown) =>
    logFailure('reports/fcr', e, { session: sessionId }),
  );
  return { session: closed, score };
}

/**
 * Scores a closed session again because something its score depends on arrived later (a
 * rating). The new score replaces the old in the session and in the counters (the old
 * increments out, the new in) in one transaction that applies only if the session was not
 * re-scored meanwhile; a concurrent re-scoring makes this one start over on fresh state (three
 * times at most, then the later re-scoring's result stands).
 */
export async function rescoreSession(sessionId: string, at: number = now()): Promise<CloseResult | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const session = await getSession(sessionId);
    if (!session || session.status !== 'closed' || !session.score) return null;
    const previous = await getScore(sessionId);
    if (!previous) return null;
    const revision = session.score.revision ?? 0;

    const { conversation } = await conversationFor(session);
    const result = await scoreSession(session, conversation, at);
    const score = storedScore(session, result, at, conversation.rating);
    const delta = incrementsDelta(
      sessionIncrements({ ...conversation, rating: previous.ratingUsed }, previous),
      sessionIncrements(conversation, result),
    );
    // In rounds, as the close: the day's counter is hot, and a conflict with a push is no reason
    // to drop a re-scoring (the revision check alone decides whether another one won).
    const applied = await transactionInRounds(async (t: Transaction, attempt) => {
      const current = await sessionsIn(t).get(sessionId);
      if ((current.score?.revision ?? 0) !== revision) return false;
      await scoresIn(t).put(score);
      await sessionsIn(t).update(sessionId, { score: summaryOf(score, revision + 1) });
      if (Object.keys(delta).length > 0) await applyRollup(t, rollupKeyOf(session), delta, shardAfterConflict(attempt));
      return true;
    });
    if (!applied) continue;
    const rescored: Session = { ...session, score: summaryOf(score, revision + 1) };
    await raiseAfterScore(rescored, result, at);
    await rectifyRedLines(rescored, result.hits, score._id, at).catch((e: unknown) => logFailure('rescore/rectify', e));
    await recordReport(sessionId);
    return { session: rescored, score };
  }
  return null;
}
