/**
 * Every way input reaches the system, recognised and applied in one place: the `ingest`
 * function's entry point, and the admins' replay of dead letters (api `deadletters/replay`).
 */
import { createHash } from 'crypto';
import { DomainError, ERROR_CODES, isDomainError } from '../core/errors';
import { isMpKfPush, parseMpKfPush } from '../core/ingest/mp-kf.parse';
import type { Conversation } from '../core/model';
import { maskPii } from '../core/privacy/pii.mask';
import { COLLECTIONS, database, now } from './cloud';
import { importConversation, type ImportOutcome } from './conversation.import';
import { storeMessage } from './message.store';

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

export type IngestAnswer = 'success' | ({ ok: true } & ImportOutcome);

/** Applies one input; throws DomainError for input that cannot be ingested as it is. */
export async function applyIngest(event: unknown): Promise<IngestAnswer> {
  if (isImport(event)) return { ok: true, ...(await importConversation(event.conversation)) };
  if (isMpKfPush(event)) {
    await ingestMpKf(event);
    return 'success';
  }
  throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '无法识别的推送内容');
}

/** The raw input as kept: masked JSON, so no personal data outlives a failed ingest. */
export function maskedRaw(event: unknown): string {
  return maskPii(JSON.stringify(event) ?? String(event), 'customer').text;
}

/** Keep what could not be ingested, under a content-derived id (WeChat's retries collapse). */
export async function deadLetter(event: unknown, reason: string, code: string): Promise<string> {
  const raw = maskedRaw(event);
  const _id = `dl_${createHash('sha1').update(raw).digest('hex')}`;
  await database()
    .collection(COLLECTIONS.deadLetters)
    .doc(_id)
    .set({ data: { reason, code, raw, at: now(), replayed: false } });
  return _id;
}

/**
 * The `ingest` entry point: input is stored, or dead-lettered and answered `success` (a retry
 * of a bad payload would only fail again); infrastructure failures throw so WeChat retries.
 */
export async function ingestEvent(event: unknown): Promise<IngestAnswer> {
  try {
    return await applyIngest(event);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await deadLetter(event, e.message, e.code);
    return 'success';
  }
}
