/**
 * The knowledge base and training collections (issue 16, kb): `kbArticles`, `trainingItems`
 * (the catalogue) and `trainingAssignments` (training given to an agent). Each is read here
 * and nowhere else. All are small (hundreds of documents): lists read at most 500.
 */
import { randomUUID } from 'crypto';
import type { KbArticle, TrainingAssignment, TrainingItem } from '../core/kb/kb.model';
import { byId, COLLECTIONS, database, rows } from './cloud';

type Coll = typeof COLLECTIONS.kbArticles | typeof COLLECTIONS.trainingItems | typeof COLLECTIONS.trainingAssignments;

async function put(coll: Coll, doc: { _id: string }): Promise<void> {
  const { _id, ...fields } = doc;
  await database().collection(coll).doc(_id).set({ data: fields });
}

export const getArticle = (id: string) => byId<KbArticle>(COLLECTIONS.kbArticles, id);
export const putArticle = (a: KbArticle) => put(COLLECTIONS.kbArticles, a);
export async function removeArticle(id: string): Promise<void> {
  await database().collection(COLLECTIONS.kbArticles).doc(id).remove();
}

/** Articles newest change first; `status` narrows. */
export async function listArticles(status?: KbArticle['status']): Promise<KbArticle[]> {
  const coll = database().collection(COLLECTIONS.kbArticles);
  return rows<KbArticle>((status ? coll.where({ status }) : coll).orderBy('updatedAt', 'desc').limit(500));
}

export const getTrainingItem = (id: string) => byId<TrainingItem>(COLLECTIONS.trainingItems, id);
export const putTrainingItem = (t: TrainingItem) => put(COLLECTIONS.trainingItems, t);
export async function removeTrainingItem(id: string): Promise<void> {
  await database().collection(COLLECTIONS.trainingItems).doc(id).remove();
}
export async function listTrainingItems(): Promise<TrainingItem[]> {
  return rows<TrainingItem>(database().collection(COLLECTIONS.trainingItems).orderBy('title', 'asc').limit(500));
}

export const putAssignment = (a: TrainingAssignment) => put(COLLECTIONS.trainingAssignments, a);

/** An agent's assignments since `from`, newest first (at most 50). */
export async function assignmentsOf(agentId: string, from: number): Promise<TrainingAssignment[]> {
  const _ = database().command;
  return rows<TrainingAssignment>(
    database()
      .collection(COLLECTIONS.trainingAssignments)
      .where({ agentId, at: _.gte(from) })
      .orderBy('at', 'desc')
      .limit(50),
  );
}

export function newKbId(prefix: 'kb' | 'tr' | 'ta'): string {
  return `${prefix}_${randomUUID()}`;
}
