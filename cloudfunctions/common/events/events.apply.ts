/**
 * Applying a batch of generic ingest events, one at a time and each on its own: a rejected or
 * failing event is dead-lettered and reported, and the rest of the batch still goes in.
 *
 * Replays change nothing:
 *   - messages are stored under `ev_<source>_<id>` by storeMessage, which is idempotent on `_id`;
 *   - ratings, agent-ops and calls first claim `ev_<source>_<id>` in `events` (status
 *     `pending`), then apply, then mark it `applied`. A replay of an applied event is a
 *     duplicate; a replay of a pending one (the process died half-way) applies it again, which
 *     is safe because each step is itself idempotent (set fields, add-if-absent, keyed inserts,
 *     closeAndScore).
 */
import { DomainError, ERROR_CODES, isDomainError } from '../../core/errors';
import {
  agentOpMessage,
  agentOpPatch,
  callConversation,
  isRateable,
  messageFromEvent,
  overflowsTextCap,
  ratingPatch,
  RATING_WINDOW_MS,
} from '../../core/ingest/events.mapping';
import {
  eventDocId,
  parseEvent,
  type AgentOpEvent,
  type CallEvent,
  type EventWarning,
  type IngestEvent,
  type RatingEvent,
} from '../../core/ingest/events.schema';
import { MESSAGE_TEXT_LIMIT } from '../../core/ingest/text.cap';
import type { Session } from '../../core/model';
import { byId, COLLECTIONS, database, isDuplicateKeyError, now, type Transaction } from '../cloud';
import { storeMessage } from '../message.store';
import { insertMessageOnce } from '../messages.repository';
import { closeAndScore, rescoreSession } from '../session.closer';
import {
  findOpenSession,
  getSession,
  latestSessionStartedBy,
  replaceSession,
  sessionsIn,
  updateSession,
} from '../sessions.repository';
import { findAgent } from '../users.repository';
import { deadLetter } from './events.deadletter';
import { logFailure } from '../log';

export type EventStatus = 'stored' | 'duplicate' | 'rejected' | 'failed' | 'deferred';

export interface EventResult {
  /** Position in the batch. */
  index: number;
  id?: string;
  kind?: string;
  /**
   * `failed`: not the input's fault (a storage error); `deferred`: not attempted because the
   * request's time budget ran out. Sending either again is safe.
   */
  status: EventStatus;
  sessionId?: string;
  code?: string;
  reason?: string;
  warnings?: EventWarning[];
}

interface Applied {
  status: 'stored' | 'duplicate';
  sessionId?: string;
  warnings?: EventWarning[];
}

interface EventRecord {
  _id: string;
  status: 'pending' | 'applied';
  sessionId?: string;
}

type Claim = { state: 'fresh' | 'pending' } | { state: 'applied'; sessionId?: string };

async function claim(source: string, ev: IngestEvent): Promise<Claim> {
  const _id = eventDocId(source, ev.id);
  const coll = database().collection(COLLECTIONS.events);
  try {
    // No text is recorded here: the messages hold the (masked) text.
    await coll.add({
      data: {
        _id,
        source,
        eventId: ev.id,
        kind: ev.kind,
        customerId: ev.customerId,
        at: ev.at,
        status: 'pending',
        receivedAt: now(),
      },
    });
    return { state: 'fresh' };
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
  }
  const record = await byId<EventRecord>(COLLECTIONS.events, _id);
  return record?.status === 'applied' ? { state: 'applied', sessionId: record.sessionId } : { state: 'pending' };
}

async function settle(source: string, ev: IngestEvent, sessionId: string | undefined): Promise<void> {
  await database()
    .collection(COLLECTIONS.events)
    .doc(eventDocId(source, ev.id))
    .update({ data: { status: 'applied', appliedAt: now(), ...(sessionId ? { sessionId } : {}) } });
}

/** The customer's latest session a rating given at `at` can still land on. */
async function rateableSession(ev: RatingEvent): Promise<Session | null> {
  const latest = await latestSessionStartedBy(ev.customerId, ev.at, ev.channel);
  return latest && isRateable(latest, ev.at) ? latest : null;
}

async function applyRating(ev: RatingEvent): Promise<Applied> {
  const session = await rateableSession(ev);
  if (!session) {
    const days = RATING_WINDOW_MS / 86_400_000;
    throw new DomainError(
      ERROR_CODES.INGEST_BAD_PAYLOAD,
      `找不到客户 ${ev.customerId} 可评价的会话（评价须在会话开始之后、结束 ${days} 天之内）`,
    );
  }
  await updateSession(session._id, ratingPatch(ev.rating));
  // Customers often rate after the chat ended: the score (unresolved, CSAT) follows the rating.
  if (session.status === 'closed') await rescoreSession(session._id);
  return { status: 'stored', sessionId: session._id };
}

/** Who is responsible, read and written in one transaction so concurrent ops do not lose an agent. */
async function patchAgents(sessionId: string, ev: AgentOpEvent): Promise<void> {
  const agent = await findAgent(ev.agentId);
  await database().runTransaction(async (t: Transaction) => {
    const session = await sessionsIn(t).get(sessionId);
    const patch = agentOpPatch(session, ev);
    if (!session.team && agent?.team) patch.team = agent.team;
    if (Object.keys(patch).length) await sessionsIn(t).update(sessionId, patch);
  });
}

async function applyAgentOp(source: string, ev: AgentOpEvent): Promise<Applied> {
  if (ev.op === 'close') {
    const open = await findOpenSession(ev.channel, ev.customerId);
    // A close older than the open session belongs to one the idle timer already closed.
    if (!open || open.startedAt > ev.at) {
      return { status: 'stored', warnings: [{ field: 'op', reason: '该客户没有进行中的会话，无需结束' }] };
    }
    await closeAndScore(open._id, ev.at);
    return { status: 'stored', sessionId: open._id };
  }
  const line = agentOpMessage(source, ev);
  if (!line) throw new Error(`agent-op ${ev.op} has no conversation line`);
  const { sessionId } = await storeMessage(line);
  if (ev.op !== 'note') await patchAgents(sessionId, ev);
  return { status: 'stored', sessionId };
}

async function applyCall(source: string, ev: CallEvent): Promise<Applied> {
  const team = (await findAgent(ev.agentId))?.team;
  const { session, messages } = callConversation(source, ev, team);
  const existing = await getSession(session._id);
  if (existing?.status === 'closed') return { status: 'duplicate', sessionId: existing._id };
  // Keyed inserts: a line stored by an interrupted earlier attempt is kept as it is.
  for (const m of messages) await insertMessageOnce(m);
  await replaceSession(session);
  await closeAndScore(session._id, ev.endedAt);
  return { status: 'stored', sessionId: session._id };
}

/** One validated event. Throws DomainError for input that cannot be applied (dead-lettered by the caller). */
export async function applyEvent(source: string, ev: IngestEvent): Promise<Applied> {
  if (ev.kind === 'message') {
    const r = await storeMessage(messageFromEvent(source, ev), { sessionKey: ev.sessionKey, keySource: source });
    return { status: r.outcome, sessionId: r.sessionId };
  }
  const claimed = await claim(source, ev);
  if (claimed.state === 'applied')
    return { status: 'duplicate', ...(claimed.sessionId ? { sessionId: claimed.sessionId } : {}) };
  const applied =
    ev.kind === 'rating'
      ? await applyRating(ev)
      : ev.kind === 'agent-op'
        ? await applyAgentOp(source, ev)
        : await applyCall(source, ev);
  await settle(source, ev, applied.sessionId);
  return applied;
}

async function applyOne(source: string, index: number, raw: unknown): Promise<EventResult> {
  const parsed = parseEvent(raw);
  if (!parsed.ok) {
    const code = ERROR_CODES.INPUT_INVALID;
    await deadLetter({
      source,
      index,
      eventId: parsed.id,
      kind: parsed.kind,
      reason: parsed.reason,
      code,
      raw,
    });
    return { index, id: parsed.id, kind: parsed.kind, status: 'rejected', code, reason: parsed.reason };
  }
  const { event, warnings } = parsed;
  const ids = { index, id: event.id, kind: event.kind };
  try {
    const applied = await applyEvent(source, event);
    if ((event.kind === 'message' || event.kind === 'call') && overflowsTextCap(event)) {
      // Stored cut to the cap; the whole event is kept (masked) where an admin can read it.
      await deadLetter({
        source,
        index,
        eventId: event.id,
        kind: event.kind,
        reason: `文本超过 ${MESSAGE_TEXT_LIMIT} 个字符，已截断存储；完整内容保存在此`,
        code: ERROR_CODES.INGEST_TEXT_TRUNCATED,
        raw,
      });
      warnings.push({ field: 'text', reason: `超过 ${MESSAGE_TEXT_LIMIT} 个字符，已截断存储` });
    }
    const all = [...warnings, ...(applied.warnings ?? [])];
    return {
      ...ids,
      status: applied.status,
      ...(applied.sessionId ? { sessionId: applied.sessionId } : {}),
      ...(all.length ? { warnings: all } : {}),
    };
  } catch (e) {
    const domain = isDomainError(e);
    if (!domain) logFailure('ingest/events', e, { kind: event.kind, event: event.id });
    const code = domain ? e.code : ERROR_CODES.INTERNAL;
    // The sender sees a plain reason; the dead letter keeps the detail for whoever replays it.
    const reason = domain ? e.message : '存储暂时失败，可重发该事件';
    const detail = domain ? reason : `${reason}: ${String((e as Error)?.message ?? e)}`;
    await deadLetter({ source, index, eventId: event.id, kind: event.kind, reason: detail, code, raw });
    return { ...ids, status: domain ? 'rejected' : 'failed', code, reason };
  }
}

export interface ApplyOptions {
  /**
   * Epoch ms after which no further event is started: the rest are answered `deferred`, so a
   * large batch ends with a precise report instead of the function's timeout (3 s by default in
   * the cloud; a stored message costs several database round trips).
   */
  deadline?: number;
}

/** Every event of a batch, in order (later events may depend on earlier ones: a rating on a new session). */
export async function applyEvents(
  source: string,
  events: unknown[],
  options: ApplyOptions = {},
): Promise<EventResult[]> {
  const results: EventResult[] = [];
  for (const [index, raw] of events.entries()) {
    if (options.deadline !== undefined && now() >= options.deadline) {
      const id = (raw as { id?: unknown })?.id;
      results.push({
        index,
        ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}),
        status: 'deferred',
        code: 'INGEST.DEFERRED',
        reason: '本次请求的处理时间已用完，该事件未处理，请重发',
      });
      continue;
    }
    results.push(await applyOne(source, index, raw));
  }
  return results;
}

export function countResults(results: EventResult[]): Record<EventStatus, number> {
  const counts: Record<EventStatus, number> = { stored: 0, duplicate: 0, rejected: 0, failed: 0, deferred: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
