/**
 * Dead letters (`deadLetters`): written by the one dead-letter writer (events/events.deadletter.ts),
 * listed, read and marked replayed by the admins' routes. A letter's `raw` may hold 256 KB: a
 * list never reads it (twenty letters would pass the database's 1 MB result limit), only the
 * short `preview` written with it; one letter is read whole by id.
 */
import type { DeadLetter, DeadLetterSummary } from '../core/model';
import { byId, COLLECTIONS, countOf, database, rows } from './cloud';

/** Every field of a letter but `raw`. */
const SUMMARY_FIELDS = {
  _id: true,
  origin: true,
  reason: true,
  code: true,
  preview: true,
  truncated: true,
  source: true,
  index: true,
  eventId: true,
  kind: true,
  at: true,
  replayed: true,
  replayedAt: true,
  replayError: true,
  discarded: true,
  discardedAt: true,
  discardedBy: true,
  discardNote: true,
} as const;

function letters() {
  return database().collection(COLLECTIONS.deadLetters);
}

/**
 * Writes a letter under its id. `set`, not `add`: the id is derived from the content, so the
 * same bad input sent again rewrites its one letter instead of failing or adding a second.
 */
export async function putDeadLetter(id: string, letter: Omit<DeadLetter, '_id'>): Promise<void> {
  await letters().doc(id).set({ data: letter });
}

export async function listDeadLetters(
  filter: { replayed?: boolean; discarded?: boolean },
  limit: number,
  skip: number,
): Promise<{ items: DeadLetterSummary[]; total: number }> {
  const _ = database().command;
  const where: Record<string, unknown> = filter.replayed === undefined ? {} : { replayed: filter.replayed };
  // Letters written before discarding existed have no `discarded` field: they count as kept.
  if (filter.discarded !== undefined) where.discarded = filter.discarded ? true : _.neq(true);
  const [items, total] = await Promise.all([
    rows<DeadLetterSummary>(letters().where(where).orderBy('at', 'desc').field(SUMMARY_FIELDS).skip(skip).limit(limit)),
    countOf(letters().where(where)),
  ]);
  return { items, total };
}

export async function getDeadLetter(id: string): Promise<DeadLetter | null> {
  return byId<DeadLetter>(COLLECTIONS.deadLetters, id);
}

export async function updateDeadLetter(id: string, patch: Partial<Omit<DeadLetter, '_id'>>): Promise<void> {
  await letters().doc(id).update({ data: patch });
}
