/**
 * The `scorecards` collection and the scorecard precedence, read and written only here.
 * - a published version: `_id = '<id>@<version>'`, exactly a Scorecard (status 'published');
 *   written once with add(), which fails on an existing id, so a version never changes;
 * - the draft of a scorecard (at most one): `_id = 'draft:<id>'`, a Scorecard with status
 *   'draft' plus `updatedAt` and `updatedBy` (the back-test reads it, and strips those two);
 * - the precedence admins choose: the `settings` document `scorecardPrecedence`
 *   (`order`, `defaultId`, `updatedAt`, `updatedBy`); absent: the old rule (scorecard.select.ts).
 */
import type { Scorecard, ScorecardPrecedence } from '../core/scoring';
import { byId, COLLECTIONS, database, rows } from './cloud';

export type StoredDraft = Scorecard & { updatedAt: number; updatedBy: string };

export interface StoredPrecedence extends ScorecardPrecedence {
  order: string[];
  updatedAt: number;
  updatedBy: string;
}

const PRECEDENCE_ID = 'scorecardPrecedence';
/** More versions than any scorecard will have: a page of published versions. */
const MAX_VERSIONS = 1000;

export function draftDocId(scorecardId: string): string {
  return `draft:${scorecardId}`;
}

function strip<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** Published versions in the store (of one scorecard, or all), without the document `_id`. */
export async function storedPublished(scorecardId?: string): Promise<Scorecard[]> {
  const where = scorecardId ? { status: 'published', id: scorecardId } : { status: 'published' };
  const docs = await rows<Scorecard & { _id?: string }>(
    database().collection(COLLECTIONS.scorecards).where(where).limit(MAX_VERSIONS),
  );
  return docs.map((d) => strip(d) as Scorecard);
}

/** Writes a new published version; fails (duplicate key) if that version exists already. */
export async function addPublished(card: Scorecard): Promise<void> {
  await database()
    .collection(COLLECTIONS.scorecards)
    .add({ data: { _id: `${card.id}@${card.version}`, ...card } });
}

export async function getDraft(scorecardId: string): Promise<StoredDraft | null> {
  const doc = await byId<StoredDraft & { _id: string }>(COLLECTIONS.scorecards, draftDocId(scorecardId));
  return doc ? (strip(doc) as StoredDraft) : null;
}

export async function listDrafts(): Promise<StoredDraft[]> {
  const docs = await rows<StoredDraft & { _id: string }>(
    database().collection(COLLECTIONS.scorecards).where({ status: 'draft' }).limit(MAX_VERSIONS),
  );
  return docs.map((d) => strip(d) as StoredDraft);
}

export async function putDraft(draft: StoredDraft): Promise<void> {
  await database().collection(COLLECTIONS.scorecards).doc(draftDocId(draft.id)).set({ data: draft });
}

export async function removeDraft(scorecardId: string): Promise<void> {
  await database().collection(COLLECTIONS.scorecards).doc(draftDocId(scorecardId)).remove();
}

/** A draft without what only its storage adds: a Scorecard the schema accepts. */
export function draftScorecard(draft: StoredDraft): Scorecard {
  const { updatedAt: _at, updatedBy: _by, ...card } = draft;
  return card as Scorecard;
}

export async function getPrecedence(): Promise<StoredPrecedence | null> {
  const doc = await byId<StoredPrecedence & { _id: string }>(COLLECTIONS.settings, PRECEDENCE_ID);
  return doc ? (strip(doc) as StoredPrecedence) : null;
}

export async function putPrecedence(p: StoredPrecedence): Promise<void> {
  await database().collection(COLLECTIONS.settings).doc(PRECEDENCE_ID).set({ data: p });
}
