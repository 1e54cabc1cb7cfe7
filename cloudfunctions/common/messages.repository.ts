/**
 * Messages (`messages`): stored by message.store.ts (live ingest, in one transaction with their
 * session), by imports and calls (conversation.import.ts, events/events.apply.ts), and read by
 * scoring, the live checks and the session view. Every message has a deterministic `_id`, so a
 * retried write finds it stored instead of storing it twice.
 */
import type { Message } from '../core/model';
import { byId, COLLECTIONS, database, isDuplicateKeyError, rows, type Transaction } from './cloud';

export async function getMessage(id: string): Promise<Message | null> {
  return byId<Message>(COLLECTIONS.messages, id);
}

/**
 * Stores a message unless one with its `_id` is stored already (an interrupted earlier run of
 * the same import or call stored it): a keyed insert, safe to repeat.
 */
export async function insertMessageOnce(message: Message): Promise<void> {
  try {
    await database().collection(COLLECTIONS.messages).add({ data: message });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
  }
}

/** The message writes a transaction makes (it fails on a stored `_id`: the caller's duplicate). */
export function messagesIn(t: Transaction) {
  return {
    async add(message: Message): Promise<void> {
      await t.collection(COLLECTIONS.messages).add({ data: message });
    },
  };
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

/** `message` as the reads above return it: only the fields they ask for. */
export function asListedMessage(message: Message): Message {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(MESSAGE_FIELDS)) {
    const value = (message as unknown as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out as unknown as Message;
}

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

/**
 * Every message of each of these sessions, each session's in time order (as `listMessages`
 * gives them), read in pages of up to 1000 rows for all of them at once: the back-test replays
 * a chunk of stored sessions with one query instead of one per session.
 */
export async function listMessagesOf(sessionIds: string[]): Promise<Map<string, Message[]>> {
  const out = new Map<string, Message[]>(sessionIds.map((id) => [id, []]));
  if (sessionIds.length === 0) return out;
  const _ = database().command;
  let read = 0;
  let size = 1000;
  for (;;) {
    let page: Message[];
    try {
      page = await rows<Message>(
        database()
          .collection(COLLECTIONS.messages)
          .where({ sessionId: _.in(sessionIds) })
          .orderBy('sessionId', 'asc')
          .orderBy('at', 'asc')
          .orderBy('_id', 'asc')
          .field(MESSAGE_FIELDS)
          .skip(read)
          .limit(size),
      );
    } catch (e) {
      if (!isResultTooLarge(e) || size === 1) throw e;
      size = Math.max(1, Math.floor(size / 2));
      continue;
    }
    for (const m of page) out.get(m.sessionId)?.push(m);
    read += page.length;
    if (page.length < size) return out;
  }
}
