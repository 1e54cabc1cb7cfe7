/**
 * Sessions (`sessions`): opened by live ingest (message.store.ts), imports and calls, patched by
 * ingest events (ratings, agent ops), closed by session.closer.ts, read by the api, scoring, the
 * sweep and the alert checks. The writes that must see the session as it is (a message's effect,
 * a close, an agent op) run in a transaction through `sessionsIn`.
 */
import type { Session } from '../core/model';
import { byId, COLLECTIONS, countOf, database, isDuplicateKeyError, rows, type Transaction } from './cloud';

export interface SessionFilter {
  status?: 'open' | 'closed';
  team?: string;
  /** With `team`: also sessions no agent has taken yet (they have no team). */
  includeUnassigned?: boolean;
  agentId?: string;
  /** Time range on `startedAt` (ms, inclusive from, exclusive to). */
  from?: number;
  to?: number;
  channel?: string;
  issueType?: string;
  businessLine?: string;
  scoreMin?: number;
  scoreMax?: number;
  passed?: boolean;
  /** Sessions whose score hit this rule (`score.ruleIds`). */
  ruleId?: string;
  /** true: an alert was raised on it; false: none was. */
  alerted?: boolean;
}

function whereOf(f: SessionFilter) {
  const _ = database().command;
  const q: Record<string, unknown> = {};
  if (f.status) q.status = f.status;
  if (f.team) q.team = f.includeUnassigned ? _.eq(f.team).or(_.exists(false)) : f.team;
  if (f.agentId) q.agentIds = f.agentId;
  if (f.from !== undefined && f.to !== undefined) q.startedAt = _.gte(f.from).and(_.lt(f.to));
  else if (f.from !== undefined) q.startedAt = _.gte(f.from);
  else if (f.to !== undefined) q.startedAt = _.lt(f.to);
  if (f.channel) q.channel = f.channel;
  if (f.issueType) q.issueType = f.issueType;
  if (f.businessLine) q.businessLine = f.businessLine;
  if (f.scoreMin !== undefined && f.scoreMax !== undefined) q['score.total'] = _.gte(f.scoreMin).and(_.lte(f.scoreMax));
  else if (f.scoreMin !== undefined) q['score.total'] = _.gte(f.scoreMin);
  else if (f.scoreMax !== undefined) q['score.total'] = _.lte(f.scoreMax);
  if (f.passed !== undefined) q['score.passed'] = f.passed;
  if (f.ruleId) q['score.ruleIds'] = f.ruleId;
  if (f.alerted === true) q.alerted = true;
  else if (f.alerted === false) q.alerted = _.neq(true);
  return q;
}

export async function getSession(id: string): Promise<Session | null> {
  return byId<Session>(COLLECTIONS.sessions, id);
}

export async function findOpenSession(channel: string, customerId: string): Promise<Session | null> {
  const [session] = await rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where({ channel, customerId, status: 'open' })
      .orderBy('startedAt', 'desc')
      .limit(1),
  );
  return session ?? null;
}

export async function listSessions(
  f: SessionFilter,
  limit: number,
  skip: number,
): Promise<{ items: Session[]; total: number }> {
  const coll = database().collection(COLLECTIONS.sessions);
  const where = whereOf(f);
  const [items, total] = await Promise.all([
    rows<Session>(coll.where(where).orderBy('lastAt', 'desc').orderBy('_id', 'desc').skip(skip).limit(limit)),
    countOf(coll.where(where)),
  ]);
  return { items, total };
}

function sessions() {
  return database().collection(COLLECTIONS.sessions);
}

/**
 * Stores a new session under its `_id`. False when one is stored there already: a concurrent
 * delivery (or an earlier run of the same import) opened it first; the caller decides whether
 * that one is theirs.
 */
export async function insertSession(session: Session): Promise<boolean> {
  try {
    await sessions().add({ data: session });
    return true;
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    return false;
  }
}

/** Writes the whole session (an import or a call, built complete before it is written). */
export async function replaceSession(session: Session): Promise<void> {
  const { _id, ...fields } = session;
  await sessions().doc(_id).set({ data: fields });
}

export async function updateSession(id: string, patch: Partial<Omit<Session, '_id'>>): Promise<void> {
  await sessions().doc(id).update({ data: patch });
}

/**
 * Claims the session's pending repeat-contact check (`repeatCheck`) by removing it where it is
 * still there: true for the one caller that removed it (the check is then its to run), false
 * when it was run or claimed already.
 */
export async function claimRepeatCheck(id: string): Promise<boolean> {
  const _ = database().command;
  const answer = (await sessions()
    .where({ _id: id, repeatCheck: 'pending' })
    .update({ data: { repeatCheck: _.remove() } })) as { stats?: { updated?: number } };
  return (answer.stats?.updated ?? 0) > 0;
}

/** The session reads and writes a transaction makes (the session must exist). */
export function sessionsIn(t: Transaction) {
  return {
    async get(id: string): Promise<Session> {
      const { data } = await t.collection(COLLECTIONS.sessions).doc(id).get();
      return data as Session;
    },
    async update(id: string, patch: Partial<Omit<Session, '_id'>>): Promise<void> {
      await t.collection(COLLECTIONS.sessions).doc(id).update({ data: patch });
    },
  };
}

/** The customer's latest session started at or before `at` (on `channel`, when given). */
export async function latestSessionStartedBy(
  customerId: string,
  at: number,
  channel?: string,
): Promise<Session | null> {
  const _ = database().command;
  const where: Record<string, unknown> = { customerId, startedAt: _.lte(at) };
  if (channel) where.channel = channel;
  const [latest] = await rows<Session>(sessions().where(where).orderBy('startedAt', 'desc').limit(1));
  return latest ?? null;
}

/** Open sessions whose customer has waited since `since` or longer, longest wait first. */
export async function sessionsWaitingSince(since: number, limit: number): Promise<Session[]> {
  const _ = database().command;
  return rows<Session>(
    sessions()
      .where({ status: 'open', waitingSince: _.lte(since) })
      .orderBy('waitingSince', 'asc')
      .limit(limit),
  );
}

export async function markSweepFailed(id: string, at: number): Promise<void> {
  await database()
    .collection(COLLECTIONS.sessions)
    .doc(id)
    .update({ data: { sweepFailedAt: at } });
}

/**
 * Ids of open sessions whose last message is at or before `before` (idle), oldest first. Only
 * the ids are read: the sweep must never fail because some session document is large.
 */
export async function listIdleSessionIds(before: number, limit: number, failedBefore?: number): Promise<string[]> {
  const _ = database().command;
  // A session the sweep failed to close is tried again only after `failedBefore`: fifty
  // broken sessions must not take every slot of every run.
  const where: Record<string, unknown> = { status: 'open', lastAt: _.lte(before) };
  if (failedBefore !== undefined) where.sweepFailedAt = _.exists(false).or(_.lt(failedBefore));
  const found = await rows<{ _id: string }>(
    database().collection(COLLECTIONS.sessions).where(where).orderBy('lastAt', 'asc').field({ _id: true }).limit(limit),
  );
  return found.map((s) => s._id);
}

/**
 * The customer's contacts in the `windowMs` before `session` started, newest first: the
 * history repeat-contact rules and alerts are given (the engine does no I/O of its own).
 */
export async function earlierContacts(
  session: Pick<Session, '_id' | 'customerId' | 'startedAt'>,
  windowMs: number,
): Promise<{ previousContacts: { at: number; issueType?: string }[] }> {
  const _ = database().command;
  const earlier = await rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where({
        customerId: session.customerId,
        startedAt: _.gte(session.startedAt - windowMs).and(_.lt(session.startedAt)),
      })
      .orderBy('startedAt', 'desc')
      .limit(50),
  );
  return {
    previousContacts: earlier
      .filter((s) => s._id !== session._id)
      .map((s) => ({ at: s.startedAt, ...(s.issueType ? { issueType: s.issueType } : {}) })),
  };
}

/**
 * The back-test's walk (issue 14): closed sessions started in [from, to) after `cursor` in
 * (`startedAt`, `_id`) order, at most `limit`. Sessions sharing the cursor's start time are
 * walked by id first, so a page boundary inside them neither repeats nor skips one. Two plain
 * range queries rather than one `or`: each uses the `startedAt` index.
 */
export async function closedSessionsAfter(
  from: number,
  to: number,
  cursor: { startedAt: number; sessionId: string } | null,
  limit: number,
): Promise<Session[]> {
  const _ = database().command;
  const coll = () => database().collection(COLLECTIONS.sessions);
  const same = cursor
    ? await rows<Session>(
        coll()
          .where({ status: 'closed', startedAt: cursor.startedAt, _id: _.gt(cursor.sessionId) })
          .orderBy('_id', 'asc')
          .limit(limit),
      )
    : [];
  if (same.length >= limit) return same;
  const later = await rows<Session>(
    coll()
      .where({ status: 'closed', startedAt: cursor ? _.gt(cursor.startedAt).and(_.lt(to)) : _.gte(from).and(_.lt(to)) })
      .orderBy('startedAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(limit - same.length),
  );
  return [...same, ...later];
}

/** How many closed sessions started in [from, to). */
export async function countClosedSessions(from: number, to: number): Promise<number> {
  const _ = database().command;
  return countOf(
    database()
      .collection(COLLECTIONS.sessions)
      .where({ status: 'closed', startedAt: _.gte(from).and(_.lt(to)) }),
  );
}

/**
 * Closed sessions started in [from, to) that went badly: failed, scored below `lowScore`, or
 * rated unresolved; newest first, at most `limit` (the knowledge-gap pool: issue 16, kb).
 * `team` narrows to a team's sessions.
 */
export async function sessionsGoneBadly(f: {
  from: number;
  to: number;
  team?: string;
  lowScore: number;
  limit: number;
}): Promise<Session[]> {
  const _ = database().command;
  const bad = _.or([{ 'score.passed': false }, { 'score.total': _.lt(f.lowScore) }, { 'rating.resolved': false }]);
  return rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where(
        _.and([
          { status: 'closed', startedAt: _.gte(f.from).and(_.lt(f.to)), ...(f.team ? { team: f.team } : {}) },
          bad,
        ]),
      )
      .orderBy('startedAt', 'desc')
      .limit(f.limit),
  );
}

/** These sessions (at most 100 ids), newest first: the drill-down of a hot topic or a driver. */
export async function sessionsByIds(ids: string[]): Promise<Session[]> {
  if (ids.length === 0) return [];
  const _ = database().command;
  return rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where({ _id: _.in(ids.slice(0, 100)) })
      .orderBy('lastAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(100),
  );
}
