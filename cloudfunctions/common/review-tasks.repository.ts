/**
 * Review tasks (`reviewTasks`, core/inspection/review-task.ts): written by sampling plans and
 * reassignment, moved by the review actions, scanned by the timer for overdue reminders.
 */
import type { ReviewTask } from '../core/inspection/review-task';
import { byId, COLLECTIONS, database, isDuplicateKeyError } from './cloud';

export async function getReviewTask(id: string): Promise<ReviewTask | null> {
  return byId<ReviewTask>(COLLECTIONS.reviewTasks, id);
}

/** Stores a new task; false when the plan drew that session already (same `_id`). */
export async function insertReviewTask(task: ReviewTask): Promise<boolean> {
  try {
    await database().collection(COLLECTIONS.reviewTasks).add({ data: task });
    return true;
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    return false;
  }
}

export async function updateReviewTask(id: string, patch: Partial<Omit<ReviewTask, '_id'>>): Promise<void> {
  await database().collection(COLLECTIONS.reviewTasks).doc(id).update({ data: patch });
}
