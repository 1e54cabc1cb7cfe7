/**
 * Pulling WeCom customer-service messages after a callback: `kf/sync_msg` from the persisted
 * cursor, page by page, storing each message exactly once.
 *
 * The cursor is written only after every message of its page is stored. A crash (or timeout)
 * in between makes the next run read the same page again, which is harmless because messages
 * are stored under their WeCom msgid (`wk_<msgid>`) and the store is idempotent on `_id`.
 *
 * Two syncs of the same account may run at once (two callbacks close together, each in its own
 * function instance). The cursor moves by compare-and-set: a run writes its next cursor only if
 * the stored one is still the cursor it read the page from. A run that loses the race stops
 * (`yielded`): the other run is ahead of it, and a plain write would step the cursor back and
 * make every later run read pages again.
 */
import { ERROR_CODES, isDomainError } from '../../core/errors';
import { storedText } from '../../core/ingest/text.cap';
import { mapSyncMessage, type WecomInboundMessage } from '../../core/ingest/wecom-kf.parse';
import { byId, COLLECTIONS, database, isDuplicateKeyError, now } from '../cloud';
import { storeMessage, type NewMessage } from '../message.store';
import { deadLetter } from '../events/events.deadletter';
import { closeAndScore } from '../session.closer';
import { createWecomClient, type WecomClient } from './wecom.client';

export const SYNC_MSG_PATH = '/cgi-bin/kf/sync_msg';
const DEFAULT_LIMIT = 1000;
/** A run stops after this many pages; the rest waits for the next callback (bounded runtime). */
const DEFAULT_MAX_PAGES = 50;

export interface SyncMsgAnswer {
  next_cursor?: string;
  has_more?: number | string;
  msg_list?: unknown[];
}

export interface WecomSyncRequest {
  /** The callback's token (valid 10 minutes); without it WeCom applies a strict rate limit. */
  token?: string;
  openKfId: string;
  client?: WecomClient;
  limit?: number;
  maxPages?: number;
}

export interface WecomSyncResult {
  pages: number;
  stored: number;
  duplicates: number;
  /** Events that concern no customer (e.g. an agent going off duty). */
  skipped: number;
  /** Items that could not be read: kept in `deadLetters`, the sync goes on. */
  rejected: number;
  /** Sessions closed because WeCom reported the conversation ended. */
  closed: number;
  /** True when the run stopped at `maxPages` with more to read. */
  hasMore: boolean;
  /** True when another run moved the cursor first and this one stopped (see the header). */
  yielded?: boolean;
}

interface CursorDoc {
  cursor: string;
  openKfId: string;
  updatedAt: number;
}

export function cursorDocId(openKfId: string): string {
  return `wecom-kf:${openKfId}`;
}

export async function readCursor(openKfId: string): Promise<string> {
  const doc = await byId<CursorDoc>(COLLECTIONS.cursors, cursorDocId(openKfId));
  return doc?.cursor ?? '';
}

/**
 * Moves the cursor from `from` to `to` if it still is `from`; false when another run moved it.
 * The first cursor of an account creates the document (a concurrent creation is a lost race).
 */
export async function advanceCursor(openKfId: string, from: string, to: string): Promise<boolean> {
  const cursors = database().collection(COLLECTIONS.cursors);
  const _id = cursorDocId(openKfId);
  if (from === '') {
    try {
      await cursors.add({ data: { _id, cursor: to, openKfId, updatedAt: now() } });
      return true;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      // Stored already: ours to move only if it still holds no cursor.
    }
  }
  const answer = (await cursors.where({ _id, cursor: from }).update({ data: { cursor: to, updatedAt: now() } })) as {
    stats: { updated: number };
  };
  return answer.stats.updated === 1;
}

function toStored(m: WecomInboundMessage): NewMessage {
  return {
    _id: m._id,
    channel: m.channel,
    role: m.role,
    type: m.type,
    ...storedText(m.text, m.role),
    at: m.at,
    customerId: m.customerId,
    ...(m.agentId ? { agentId: m.agentId } : {}),
  };
}

export async function syncWecomKf(req: WecomSyncRequest): Promise<WecomSyncResult> {
  const client = req.client ?? createWecomClient();
  const limit = req.limit ?? DEFAULT_LIMIT;
  const maxPages = req.maxPages ?? DEFAULT_MAX_PAGES;
  const result: WecomSyncResult = {
    pages: 0,
    stored: 0,
    duplicates: 0,
    skipped: 0,
    rejected: 0,
    closed: 0,
    hasMore: false,
  };

  let cursor = await readCursor(req.openKfId);
  for (;;) {
    const answer = await client.post<SyncMsgAnswer>(SYNC_MSG_PATH, {
      cursor,
      ...(req.token ? { token: req.token } : {}),
      limit,
      open_kfid: req.openKfId,
    });
    result.pages += 1;

    const items = Array.isArray(answer.msg_list) ? answer.msg_list : [];
    for (const [index, raw] of items.entries()) {
      let inbound: WecomInboundMessage | null;
      try {
        inbound = mapSyncMessage(raw);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        await deadLetter({ origin: 'wecom-sync', raw, reason: e.message, code: String(e.code), index });
        result.rejected += 1;
        continue;
      }
      if (!inbound) {
        result.skipped += 1;
        continue;
      }
      const stored = toStored(inbound);
      const { outcome, sessionId } = await storeMessage(stored);
      if (stored.truncated && outcome === 'stored') {
        await deadLetter({
          origin: 'wecom-sync',
          raw,
          reason: '消息文本超过长度上限，已截断存储；完整内容保存在此',
          code: ERROR_CODES.INGEST_TEXT_TRUNCATED,
        });
      }
      if (outcome === 'duplicate') {
        result.duplicates += 1;
        continue;
      }
      result.stored += 1;
      if (inbound.meta.endsSession && (await closeAndScore(sessionId))) result.closed += 1;
    }

    const next = typeof answer.next_cursor === 'string' ? answer.next_cursor : '';
    const advanced = next !== '' && next !== cursor;
    if (advanced) {
      if (!(await advanceCursor(req.openKfId, cursor, next))) {
        result.yielded = true;
        break;
      }
      cursor = next;
    }
    if (Number(answer.has_more) !== 1) break;
    // "More" without a new cursor would read the same page forever: leave it to the next callback.
    if (!advanced || result.pages >= maxPages) {
      result.hasMore = true;
      break;
    }
  }
  return result;
}
