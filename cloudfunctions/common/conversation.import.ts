/**
 * Storing a whole, finished conversation (bulk import, demo seeding): one session, every
 * message masked and keyed `<conversation id>_<index>`, closed and scored at the end.
 * Importing the same conversation again stores nothing new.
 */
import type { Conversation, Message, Session } from '../core/model';
import { maskPii } from '../core/privacy/pii.mask';
import { openSession, sessionPatchFor } from '../core/sessions/session.lifecycle';
import { COLLECTIONS, database, isDuplicateKeyError } from './cloud';
import { closeAndScore } from './session.closer';
import { getSession } from './sessions.repository';
import { findAgent } from './users.repository';

export interface ImportOutcome {
  outcome: 'stored' | 'duplicate';
  sessionId: string;
}

export async function importConversation(conv: Conversation): Promise<ImportOutcome> {
  const ordered = [...conv.messages].sort((a, b) => a.at - b.at);
  const startedAt = conv.startedAt ?? ordered[0]?.at ?? 0;
  const agent = conv.agentId ? await findAgent(conv.agentId) : null;
  let session: Session = {
    ...openSession({
      channel: conv.channel as Session['channel'],
      customerId: conv.customerId,
      at: startedAt,
      agentId: conv.agentId,
      team: agent?.team,
    }),
    ...(conv.rating ? { rating: conv.rating } : {}),
    ...(conv.tags?.issueType ? { issueType: conv.tags.issueType } : {}),
    ...(conv.tags?.businessLine ? { businessLine: conv.tags.businessLine } : {}),
  };
  const existing = await getSession(session._id);
  if (existing?.status === 'closed') return { outcome: 'duplicate', sessionId: existing._id };

  const db = database();
  const messages: Message[] = ordered.map((m, i) => {
    const masked = maskPii(m.text, m.role);
    const agentId = m.role === 'agent' ? (m.agentId ?? conv.agentId) : undefined;
    session = { ...session, ...sessionPatchFor(session, { role: m.role, at: m.at, agentId }) };
    return {
      _id: `${conv.id}_${i}`,
      sessionId: session._id,
      channel: session.channel,
      role: m.role,
      type: m.type ?? 'text',
      text: masked.text,
      at: m.at,
      customerId: conv.customerId,
      ...(agentId ? { agentId } : {}),
      ...(masked.findings.length ? { pii: masked.findings } : {}),
    };
  });
  for (const m of messages) {
    try {
      await db.collection(COLLECTIONS.messages).add({ data: m });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e; // an interrupted earlier import stored it
    }
  }
  const { _id, ...fields } = session;
  await db.collection(COLLECTIONS.sessions).doc(_id).set({ data: fields });
  await closeAndScore(_id, session.lastAt);
  return { outcome: 'stored', sessionId: _id };
}
