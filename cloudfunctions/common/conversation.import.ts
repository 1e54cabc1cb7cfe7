/**
 * Storing a whole, finished conversation (admins' `conversations/import`, the CLI import, demo
 * seeding): one session, every message masked and keyed `<conversation id>_<index>`, closed and
 * scored at the end. Importing the same conversation again stores nothing new.
 *
 * Every import goes through the CLI's own parser (`parseConversationRecord`), and everything is
 * validated, masked and capped before the first write, so a bad record writes nothing at all.
 * An import only ever writes the session it creates: a session under the same id that another
 * door (or another import) made is refused untouched, never taken over, moved or closed.
 */
import { DomainError, ERROR_CODES } from '../core/errors';
import { parseConversationRecord } from '../core/ingest/conversation.parse';
import { storedText } from '../core/ingest/text.cap';
import type { Conversation, Message, Session } from '../core/model';
import { openSession, sessionPatchFor } from '../core/sessions/session.lifecycle';
import { deadLetter } from './events/events.deadletter';
import { insertMessageOnce } from './messages.repository';
import { closeAndScore } from './session.closer';
import { getSession, insertSession, replaceSession } from './sessions.repository';
import { findAgent } from './users.repository';

export interface ImportOutcome {
  outcome: 'stored' | 'duplicate';
  sessionId: string;
  /** What the parser repaired or dropped, in words. */
  normalised?: string[];
}

/** What an imported session records about its origin: the one thing that lets a re-run continue it. */
type ImportedSession = Session & { importId?: string };

/** Parses `record` as the CLI does, then imports it. Throws INPUT.INVALID (nothing written) for a bad record. */
export async function importConversationRecord(record: unknown): Promise<ImportOutcome> {
  const { conversation, normalised } = parseConversationRecord(record);
  const outcome = await importConversation(conversation);
  return normalised.length ? { ...outcome, normalised } : outcome;
}

async function importConversation(conv: Conversation): Promise<ImportOutcome> {
  const ordered = [...conv.messages].sort((a, b) => a.at - b.at);
  const startedAt = conv.startedAt ?? ordered[0]?.at ?? 0;
  const agent = conv.agentId ? await findAgent(conv.agentId) : null;
  let session: ImportedSession = {
    ...openSession({
      channel: conv.channel as Session['channel'],
      customerId: conv.customerId,
      at: startedAt,
      agentId: conv.agentId,
      team: agent?.team,
    }),
    importId: conv.id,
    ...(conv.rating ? { rating: conv.rating } : {}),
    ...(conv.tags?.issueType ? { issueType: conv.tags.issueType } : {}),
    ...(conv.tags?.businessLine ? { businessLine: conv.tags.businessLine } : {}),
    ...(conv.partial ? { partial: true } : {}),
  };
  const existing = (await getSession(session._id)) as ImportedSession | null;
  if (existing && existing.importId !== conv.id) {
    throw new DomainError(
      ERROR_CODES.IMPORT_SESSION_CONFLICT,
      '该客户在同一时间已有一个会话（不是本次导入创建的），导入不会修改它',
    );
  }
  if (existing?.status === 'closed') return { outcome: 'duplicate', sessionId: existing._id };

  const overflowing = ordered.some((m) => storedText(m.text, m.role).truncated);
  const messages: Message[] = ordered.map((m, i) => {
    const agentId = m.role === 'agent' ? (m.agentId ?? conv.agentId) : undefined;
    const stored = storedText(m.text, m.role);
    session = {
      ...session,
      ...sessionPatchFor(session, { role: m.role, at: m.at, agentId, text: stored.text, type: m.type }),
    };
    return {
      _id: `${conv.id}_${i}`,
      sessionId: session._id,
      channel: session.channel,
      role: m.role,
      type: m.type ?? 'text',
      ...stored,
      at: m.at,
      customerId: conv.customerId,
      ...(agentId ? { agentId } : {}),
    };
  });

  // Validated and prepared: the writes start here. The session first, so every message stored
  // belongs to a session that says which import made it.
  const { _id } = session;
  if (!existing && !(await insertSession(session))) {
    // Another door (or a concurrent run of this import) stored a session under this id meanwhile.
    const raced = (await getSession(_id)) as ImportedSession | null;
    if (raced?.importId !== conv.id) {
      throw new DomainError(ERROR_CODES.IMPORT_SESSION_CONFLICT, '该客户在同一时间已有一个会话，导入不会修改它');
    }
  }
  // Keyed inserts: a message an interrupted earlier run of this import stored is kept as it is.
  for (const m of messages) await insertMessageOnce(m);
  await replaceSession(session);
  if (overflowing) {
    await deadLetter({
      origin: 'import',
      raw: conv,
      reason: '导入的消息文本超过长度上限，已截断存储；完整内容保存在此',
      code: ERROR_CODES.INGEST_TEXT_TRUNCATED,
    });
  }
  await closeAndScore(_id, session.lastAt);
  return { outcome: 'stored', sessionId: _id };
}
