import type { Message, Session, StoredScore } from '../core/model';
import { byId, COLLECTIONS, countOf, database, rows } from './cloud';

export interface SessionFilter {
  status?: 'open' | 'closed';
  team?: string;
  /** With `team`: also sessions no agent has taken yet (they have no team). */
  includeUnassigned?: boolean;
  agentId?: string;
}

function whereOf(f: SessionFilter) {
  const _ = database().command;
  const q: Record<string, unknown> = {};
  if (f.status) q.status = f.status;
  if (f.team) q.team = f.includeUnassigned ? _.eq(f.team).or(_.exists(false)) : f.team;
  if (f.agentId) q.agentIds = f.agentId;
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
    rows<Session>(coll.where(where).orderBy('lastAt', 'desc').skip(skip).limit(limit)),
    countOf(coll.where(where)),
  ]);
  return { items, total };
}

/**
 * Ids of open sessions whose last message is at or before `before` (idle), oldest first. Only
 * the ids are read: the sweep must never fail because some session document is large.
 */
export async function markSweepFailed(id: string, at: number): Promise<void> {
  await database()
    .collection(COLLECTIONS.sessions)
    .doc(id)
    .update({ data: { sweepFailedAt: at } });
}

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

/** Open idle sessions, whole (kept for callers that need the documents). */
export async function listIdleSessions(before: number, limit: number): Promise<Session[]> {
  const ids = await listIdleSessionIds(before, limit);
  const out: Session[] = [];
  for (const id of ids) {
    const s = await getSession(id);
    if (s) out.push(s);
  }
  return out;
}

/** What scoring and the session view read of a message: no more (a message may be large). */
const MESSAGE_FIELDS = {
  _id: true,
  sessionId: true,
  channel: true,
  role: true,
  type: true,
  text: true,
  at: true,
  customerId: true,
  agentId: true,
  pii: true,
  truncated: true,
  fullLength: true,
  delivery: true,
  segment: true,
} as const;

/** The cloud's "result over 1 MB" rejection (-602001 WX_DATABASE_QUERY_SIZE_EXCEED_LIMIT). */
export function isResultTooLarge(e: unknown): boolean {
  const err = e as { errCode?: number; errMsg?: string; message?: string };
  return err?.errCode === -602001 || /size exceed limit/i.test(String(err?.errMsg ?? err?.message ?? e));
}

/**
 * Every message of a session in time order. Pages of up to 1000 rows (the SDK's maximum); a page
 * that would exceed the 1 MB result limit is read again in halves, so a few large messages slow
 * the read down instead of failing it. A single message over 1 MB still fails (the caller
 * dead-letters the session).
 */
export async function listMessages(sessionId: string): Promise<Message[]> {
  const out: Message[] = [];
  let size = 1000;
  for (;;) {
    let page: Message[];
    try {
      page = await rows<Message>(
        database()
          .collection(COLLECTIONS.messages)
          .where({ sessionId })
          .orderBy('at', 'asc')
          .orderBy('_id', 'asc')
          .field(MESSAGE_FIELDS)
          .skip(out.length)
          .limit(size),
      );
    } catch (e) {
      if (!isResultTooLarge(e) || size === 1) throw e;
      size = Math.max(1, Math.floor(size / 2));
      continue;
    }
    out.push(...page);
    if (page.length < size) return out;
  }
}

export async function getScore(sessionId: string): Promise<StoredScore | null> {
  const [score] = await rows<StoredScore>(
    database().collection(COLLECTIONS.scores).where({ sessionId }).orderBy('scoredAt', 'desc').limit(1),
  );
  return score ?? null;
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
