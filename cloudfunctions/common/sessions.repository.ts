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

/** Open sessions whose last message is at or before `before` (idle), oldest first. */
export async function listIdleSessions(before: number, limit: number): Promise<Session[]> {
  const _ = database().command;
  return rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where({ status: 'open', lastAt: _.lte(before) })
      .orderBy('lastAt', 'asc')
      .limit(limit),
  );
}

/** Every message of a session in time order (the SDK pages at 1000 rows). */
export async function listMessages(sessionId: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const page = await rows<Message>(
      database()
        .collection(COLLECTIONS.messages)
        .where({ sessionId })
        .orderBy('at', 'asc')
        .skip(out.length)
        .limit(1000),
    );
    out.push(...page);
    if (page.length < 1000) return out;
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
