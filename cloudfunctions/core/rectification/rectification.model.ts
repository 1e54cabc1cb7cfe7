/**
 * Rectification notices (issue 16): a finding an agent must fix, with the problem (a rule), the
 * evidence (the session and the message), the requirement and a deadline. Pure: the states,
 * who moves them, and what the timer owes a notice at a given time.
 *
 * Kept in their own collection (`rectifications`), not as `notices`: a notice is a message
 * read once (`readAt`), a rectification is a tracked task with a lifecycle, a deadline, an
 * answer and a confirmation. The agent's inbox shows both; each rectification also posts one
 * notice (and a subscription message) so the existing inbox and its unread count keep working.
 *
 * open → acknowledged (the agent, with an answer) → done (a supervisor confirms);
 * open or acknowledged past the deadline → overdue (the timer; escalated to the supervisors once);
 * an overdue one can still be acknowledged and then confirmed done.
 */
import { DomainError, ERROR_CODES } from '../errors';

export const RECTIFICATION_STATUSES = ['open', 'acknowledged', 'done', 'overdue'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** Where a notice came from: a failed review, a red-line hit at scoring, an upheld appeal, by hand. */
export const RECTIFICATION_SOURCES = ['review', 'red-line', 'appeal', 'manual'] as const;
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];

export interface RectificationEvidence {
  /** Index into the session's messages (as scores count them), or null for the whole session. */
  messageIndex: number | null;
  /** The stored message's id, when the index names one: the chat opens at it. */
  messageId?: string;
  /** Masked text around the finding. */
  excerpt: string;
}

export interface Rectification {
  _id: string;
  source: RectificationSource;
  /** The review, score or appeal it came from (absent for one written by hand). */
  sourceId?: string;
  agentId: string;
  /** The agent's openid when the agent has an account (subscription messages, inbox notice). */
  to: string | null;
  team?: string;
  sessionId: string;
  ruleId?: string;
  ruleName?: string;
  /** What was wrong, masked. */
  problem: string;
  evidence: RectificationEvidence[];
  /** What the agent must do, masked. */
  requirement: string;
  deadline: number;
  status: RectificationStatus;
  acknowledgedAt?: number;
  /** The agent's answer (masked), the latest one. */
  answer?: string;
  doneAt?: number;
  doneBy?: string;
  doneNote?: string;
  overdueAt?: number;
  remindedAt?: number;
  escalatedAt?: number;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  updatedAt: number;
}

const DAY_MS = 86_400_000;

/**
 * Days to fix a finding, by source. A red line is the gravest finding and the agent keeps
 * answering customers meanwhile, so it gets the shortest time (2 days); the others 3 working
 * days' worth, the appeal window's order of magnitude. A hand-written notice names its own (1–30).
 */
export const DEADLINE_DAYS: Record<RectificationSource, number> = { 'red-line': 2, review: 3, appeal: 3, manual: 3 };
export const MANUAL_DEADLINE_DAYS = { min: 1, max: 30 } as const;

/** One reminder a working day before the deadline: time left to act, not a nag every hour. */
export const REMIND_BEFORE_MS = DAY_MS;

export function deadlineFor(source: RectificationSource, createdAt: number, days?: number): number {
  return createdAt + (days ?? DEADLINE_DAYS[source]) * DAY_MS;
}

/**
 * An automatic notice's id: one per session and rule, so a re-scoring, a failed review and an
 * upheld appeal about the same finding never stack three notices on the agent.
 */
export function automaticId(sessionId: string, ruleId: string): string {
  return `rect_${sessionId}_${ruleId}`;
}

function refuse(r: Rectification, what: string): never {
  throw new DomainError(
    ERROR_CODES.RECTIFICATION_BAD_TRANSITION,
    `整改通知当前为「${STATUS_NAMES[r.status]}」，不能${what}`,
  );
}

export const STATUS_NAMES: Record<RectificationStatus, string> = {
  open: '待确认',
  acknowledged: '整改中',
  done: '已完成',
  overdue: '已逾期',
};

/** The agent acknowledges (again, to update the answer); an overdue notice stays overdue. */
export function acknowledge(r: Rectification, answer: string | undefined, at: number): Rectification {
  if (r.status === 'done') refuse(r, '再确认');
  return {
    ...r,
    status: r.status === 'overdue' ? 'overdue' : 'acknowledged',
    acknowledgedAt: r.acknowledgedAt ?? at,
    ...(answer !== undefined ? { answer } : {}),
    updatedAt: at,
  };
}

/** A supervisor confirms the fix: only after the agent acknowledged it. */
export function confirmDone(r: Rectification, by: string, note: string | undefined, at: number): Rectification {
  if (r.status === 'done' || r.acknowledgedAt === undefined) refuse(r, '确认完成（客服尚未确认整改）');
  return { ...r, status: 'done', doneAt: at, doneBy: by, ...(note ? { doneNote: note } : {}), updatedAt: at };
}

/** What the timer owes a notice now: at most one thing per run, each once. */
export type TimerStep = 'remind' | 'overdue' | null;

export function timerStep(r: Rectification, now: number): TimerStep {
  if (r.status === 'done') return null;
  if (r.status !== 'overdue' && now >= r.deadline) return 'overdue';
  if (r.status === 'open' || r.status === 'acknowledged') {
    if (
      r.remindedAt === undefined &&
      now >= r.deadline - REMIND_BEFORE_MS &&
      r.createdAt < r.deadline - REMIND_BEFORE_MS
    )
      return 'remind';
  }
  return null;
}

export function markOverdue(r: Rectification, at: number): Rectification {
  return { ...r, status: 'overdue', overdueAt: at, updatedAt: at };
}
