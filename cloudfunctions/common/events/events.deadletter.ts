/**
 * The one dead-letter writer of every ingest door (push, WeCom, signed API, import, the sweep's
 * failed sessions). What could not be ingested is kept, never dropped: masked, cut to a size a
 * document can hold (core/ingest/dead-letter.raw.ts), with its reason masked too, under an id
 * derived from origin, source and content, so a sender retrying the same bad input leaves one
 * letter. Writing it cannot fail because of what arrived (any depth, any size, any type).
 * Shape: core/model.ts `DeadLetter`; `preview` is the start of the masked `raw`, what lists show.
 */
import { createHash } from 'crypto';
import { deadLetterRaw, deadLetterReason } from '../../core/ingest/dead-letter.raw';
import { maskPii } from '../../core/privacy/pii.mask';
import { now } from '../cloud';
import { putDeadLetter } from '../dead-letters.repository';

/** How much of `raw` a list shows (cut from the masked text, so it is masked too). */
export const DEAD_LETTER_PREVIEW_CHARS = 200;

export interface DeadLetterEntry {
  reason: string;
  code: string;
  /** The input as received: a raw body string, or the event object (masked here before it is written). */
  raw: unknown;
  /** Which door: `ingest-events` (signed API), `ingest` (push, import), `wecom-callback`, `wecom-sync`, `sweep`. */
  origin?: string;
  source?: string;
  /** Position in its batch, for a rejected event. */
  index?: number;
  eventId?: string;
  kind?: string;
}

/** Short free-text fields a sender chooses (event ids, kinds) are masked and capped like reasons. */
function label(v: string): string {
  return maskPii(v.length > 200 ? v.slice(0, 200) : v, 'customer').text;
}

export async function deadLetter(entry: DeadLetterEntry): Promise<string> {
  const origin = entry.origin ?? 'ingest-events';
  const { raw, truncated } = deadLetterRaw(entry.raw);
  const _id = `dl_${createHash('sha1')
    .update(`${origin}\n${entry.source ?? ''}\n${raw}`)
    .digest('hex')}`;
  const data = {
    origin,
    reason: deadLetterReason(entry.reason),
    code: entry.code,
    raw,
    preview: raw.slice(0, DEAD_LETTER_PREVIEW_CHARS),
    ...(truncated ? { truncated: true } : {}),
    ...(entry.source !== undefined ? { source: label(entry.source) } : {}),
    ...(entry.index !== undefined ? { index: entry.index } : {}),
    ...(entry.eventId !== undefined ? { eventId: label(entry.eventId) } : {}),
    ...(entry.kind !== undefined ? { kind: label(entry.kind) } : {}),
    at: now(),
    replayed: false,
  };
  await putDeadLetter(_id, data);
  return _id;
}
