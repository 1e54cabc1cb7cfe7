/**
 * A review task: one sampled (or pulled-in) session for one inspector, with a due date. Sampling
 * plans create them; the review actions move them (`todo` → `in-progress` when the inspector
 * opens the session, `done` on submit); supervisors reassign them; the timer reminds on overdue.
 */
export type ReviewTaskStatus = 'todo' | 'in-progress' | 'done';

export interface ReviewTask {
  /** `tk_<plan>_<session>`: a session is drawn at most once per plan. */
  _id: string;
  planId: string;
  sessionId: string;
  inspectorId: string;
  /** The session's agent and team, for per-agent margins and team views. */
  agentId?: string;
  team?: string;
  status: ReviewTaskStatus;
  dueAt: number;
  createdAt: number;
  updatedAt: number;
  /** The review that works the task (set when opened). */
  reviewId?: string;
  doneAt?: number;
  /** Last overdue reminder sent (the timer sends at most one a day). */
  remindedAt?: number;
}

export function reviewTaskIdOf(planId: string, sessionId: string): string {
  return `tk_${planId}_${sessionId}`;
}
