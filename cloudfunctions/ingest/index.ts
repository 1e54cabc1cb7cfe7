/**
 * `ingest`: the target of the mini-program's customer-service message push, and of imports.
 * It always answers `success` once the input is safely stored (or dead-lettered): WeChat
 * retries anything else, and a retry of a bad payload would only fail again.
 */
import { createHash } from 'crypto';
import { DomainError, ERROR_CODES, isDomainError } from '../core/errors';
import { isMpKfPush, parseMpKfPush } from '../core/ingest/mp-kf.parse';
import type { Conversation } from '../core/model';
import { maskPii } from '../core/privacy/pii.mask';
import { COLLECTIONS, database, now } from '../common/cloud';
import { importConversation } from '../common/conversation.import';
import { storeMessage } from '../common/message.store';

type ImportEvent = { kind: 'import-conversation'; conversation: Conversation };

function isImport(event: unknown): event is ImportEvent {
  return typeof event === 'object' && event !== null && (event as ImportEvent).kind === 'import-conversation';
}

async function ingestMpKf(body: unknown): Promise<void> {
  const item = parseMpKfPush(body);
  if (item.kind === 'event') {
    await storeMessage({
      _id: item.sourceId,
      channel: 'mp-kf',
      role: 'system',
      type: 'event',
      text: item.event === 'user_enter_tempsession' ? '[客户进入会话]' : `[事件 ${item.event}]`,
      at: item.at,
      customerId: item.customerId,
    });
    return;
  }
  const masked = maskPii(item.text, 'customer');
  await storeMessage({
    _id: item.sourceId,
    channel: 'mp-kf',
    role: 'customer',
    type: item.type,
    text: masked.text,
    at: item.at,
    customerId: item.customerId,
    ...(masked.findings.length ? { pii: masked.findings } : {}),
  });
}

/** Keep what could not be ingested, masked, under a content-derived id (retries collapse). */
async function deadLetter(event: unknown, reason: string, code: string): Promise<void> {
  const raw = maskPii(JSON.stringify(event) ?? String(event), 'customer').text;
  const _id = `dl_${createHash('sha1').update(raw).digest('hex')}`;
  await database()
    .collection(COLLECTIONS.deadLetters)
    .doc(_id)
    .set({ data: { reason, code, raw, at: now(), replayed: false } });
}

export async function main(event: unknown): Promise<string | { ok: boolean; sessionId?: string; outcome?: string }> {
  try {
    if (isImport(event)) {
      const r = await importConversation(event.conversation);
      return { ok: true, ...r };
    }
    if (isMpKfPush(event)) {
      await ingestMpKf(event);
      return 'success';
    }
    throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '无法识别的推送内容');
  } catch (e) {
    if (!isDomainError(e)) throw e; // infrastructure failure: let WeChat retry
    await deadLetter(event, e.message, e.code);
    return 'success';
  }
}
