/**
 * Every way input reaches the system, recognised and applied in one place: the `ingest`
 * function's entry point (after its caller check), and the admins' replay of dead letters
 * (api `deadletters/replay`). Each input is validated whole before its first write.
 */
import { DomainError, ERROR_CODES, isDomainError } from '../core/errors';
import { isMpKfPush, parseMpKfPush } from '../core/ingest/mp-kf.parse';
import { MESSAGE_TEXT_LIMIT, storedText } from '../core/ingest/text.cap';
import { maskPii } from '../core/privacy/pii.mask';
import { importConversationRecord, type ImportOutcome } from './conversation.import';
import { deadLetter } from './events/events.deadletter';
import { storeMessage } from './message.store';

type ImportEvent = { kind: 'import-conversation'; conversation: unknown };

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
      // The Event value is the sender's free text as far as we know: masked like any.
      text:
        item.event === 'user_enter_tempsession' ? '[客户进入会话]' : maskPii(`[事件 ${item.event}]`, 'customer').text,
      at: item.at,
      customerId: item.customerId,
    });
    return;
  }
  const text = storedText(item.text, 'customer');
  await storeMessage({
    _id: item.sourceId,
    channel: 'mp-kf',
    role: 'customer',
    type: item.type,
    ...text,
    at: item.at,
    customerId: item.customerId,
  });
  if (text.truncated) {
    await deadLetter({
      origin: 'ingest',
      raw: body,
      reason: `消息文本超过 ${MESSAGE_TEXT_LIMIT} 个字符，已截断存储；完整内容保存在此`,
      code: ERROR_CODES.INGEST_TEXT_TRUNCATED,
    });
  }
}

export type IngestAnswer = 'success' | ({ ok: true } & ImportOutcome);

/** Applies one input; throws DomainError for input that cannot be ingested as it is. */
export async function applyIngest(event: unknown): Promise<IngestAnswer> {
  if (isImport(event)) return { ok: true, ...(await importConversationRecord(event.conversation)) };
  if (isMpKfPush(event)) {
    await ingestMpKf(event);
    return 'success';
  }
  throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '无法识别的推送内容');
}

/**
 * The `ingest` entry point: input is stored, or dead-lettered and answered `success` (a retry
 * of a bad payload would only fail again); infrastructure failures throw so WeChat retries.
 * A rejected import answers its reason too, for the server-side caller that sent it.
 */
export async function ingestEvent(
  event: unknown,
): Promise<IngestAnswer | { ok: false; code: string; message: string; deadLetterId: string }> {
  try {
    return await applyIngest(event);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const deadLetterId = await deadLetter({ origin: 'ingest', raw: event, reason: e.message, code: e.code });
    if (isImport(event)) return { ok: false, code: e.code, message: e.message, deadLetterId };
    return 'success';
  }
}
