/**
 * Replaying a dead letter (issue 14): its stored input goes back through the path it first
 * came by. A signed-API letter (`ingest-events`) is either one rejected event of a batch
 * (`index` set) or a whole body that was not a batch; both run through `applyEvents` under
 * the letter's source, as the HTTP door would after verifying the signature. Every other door
 * (push, import, WeCom) runs through `applyIngest`. Both paths are idempotent on the input's
 * own ids (message `_id`, `ev_<source>_<id>` guards), so replaying twice, or a letter whose
 * input meanwhile arrived again, stores nothing twice.
 *
 * What was kept is the masked input, so a replayed message stores masked text.
 */
import { DomainError, ERROR_CODES } from '../../core/errors';
import { parseEnvelope } from '../../core/ingest/events.schema';
import type { DeadLetter } from '../../core/model';
import { applyEvents } from '../events/events.apply';
import { applyIngest } from '../ingest.dispatch';

/** Resolves when the input was applied (stored or found stored); throws DomainError when it is still refused. */
export async function replayLetter(letter: DeadLetter): Promise<void> {
  let input: unknown;
  try {
    input = JSON.parse(letter.raw);
  } catch {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, '保存的内容不是合法的 JSON（可能已被截断），无法重放');
  }
  if (letter.origin !== 'ingest-events' && letter.origin !== undefined) {
    await applyIngest(input);
    return;
  }
  const source = letter.source ?? '';
  let events: unknown[];
  if (letter.index !== undefined) events = [input];
  else {
    const envelope = parseEnvelope(input, source);
    if (!envelope.ok) throw new DomainError(ERROR_CODES.INPUT_INVALID, envelope.reason);
    events = envelope.batch.events;
  }
  const results = await applyEvents(source, events);
  const refused = results.find((r) => r.status === 'rejected' || r.status === 'failed');
  if (refused) {
    throw new DomainError(
      ERROR_CODES.INPUT_INVALID,
      `第 ${refused.index + 1} 个事件仍被拒绝: ${refused.reason ?? refused.status}`,
    );
  }
}
