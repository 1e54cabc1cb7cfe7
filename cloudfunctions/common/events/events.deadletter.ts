/**
 * What could not be ingested is kept, never dropped: masked, with its reason, under an id
 * derived from source and content, so a sender retrying the same bad input leaves one letter.
 * Shape shared with the ingest function's own dead letters: { reason, code, raw, at, replayed }.
 */
import { createHash } from 'crypto';
import { deadLetterRaw } from '../../core/ingest/events.mapping';
import { COLLECTIONS, database, now } from '../cloud';

export interface DeadLetterEntry {
  reason: string;
  code: string;
  /** The raw input as received (masked here before it is written). */
  raw: string;
  source?: string;
  /** Position in its batch, for a rejected event. */
  index?: number;
  eventId?: string;
  kind?: string;
}

export async function deadLetter(entry: DeadLetterEntry): Promise<string> {
  const { raw, truncated } = deadLetterRaw(entry.raw);
  const _id = `dl_${createHash('sha1')
    .update(`${entry.source ?? ''}\n${raw}`)
    .digest('hex')}`;
  const data = {
    origin: 'ingest-events',
    reason: entry.reason,
    code: entry.code,
    raw,
    ...(truncated ? { truncated: true } : {}),
    ...(entry.source !== undefined ? { source: entry.source } : {}),
    ...(entry.index !== undefined ? { index: entry.index } : {}),
    ...(entry.eventId !== undefined ? { eventId: entry.eventId } : {}),
    ...(entry.kind !== undefined ? { kind: entry.kind } : {}),
    at: now(),
    replayed: false,
  };
  await database().collection(COLLECTIONS.deadLetters).doc(_id).set({ data });
  return _id;
}
