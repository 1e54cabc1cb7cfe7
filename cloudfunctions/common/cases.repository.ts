/**
 * The case library (`cases`): exemplary and cautionary sessions, masked
 * (core/inspection/case-library.model.ts). One case per session: `case_<session>`.
 */
import type { StoredCase } from '../core/api.contract';
import { byId, COLLECTIONS, database, rows } from './cloud';

/** The library is searched in memory over at most this many cases, the newest (the answer says when capped). */
export const CASES_CAP = 1000;

export function caseIdOf(sessionId: string): string {
  return `case_${sessionId}`;
}

function cases() {
  return database().collection(COLLECTIONS.cases);
}

export async function getCase(id: string): Promise<StoredCase | null> {
  return byId<StoredCase>(COLLECTIONS.cases, id);
}

export async function putCase(entry: StoredCase): Promise<void> {
  const { _id, ...fields } = entry;
  await cases().doc(_id).set({ data: fields });
}

export async function removeCase(id: string): Promise<void> {
  await cases().doc(id).remove();
}

/** The newest cases of a kind (or all), at most CASES_CAP; `capped` when there are more. */
export async function newestCases(kind?: StoredCase['kind']): Promise<{ items: StoredCase[]; capped: boolean }> {
  const where = kind ? { kind } : {};
  const items = await rows<StoredCase>(cases().where(where).orderBy('createdAt', 'desc').limit(CASES_CAP));
  const capped =
    items.length === CASES_CAP &&
    (await rows<StoredCase>(cases().where(where).orderBy('createdAt', 'desc').skip(CASES_CAP).limit(1))).length > 0;
  return { items, capped };
}
