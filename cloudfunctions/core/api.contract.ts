/**
 * The contract between the mini-program and the `api` cloud function: one router, one envelope.
 * Pages import these types through `src/services`; the router implements them.
 */
import type { Alert, AlertStatus, Message, Role, Session, StoredScore, User } from './model';

export type ApiOk<T> = { ok: true; data: T };
export type ApiErr = { ok: false; code: string; message: string; details?: unknown };
export type ApiResponse<T> = ApiOk<T> | ApiErr;

export interface Page<T> {
  items: T[];
  total: number;
}

/** Every action: its parameters, its answer and the roles allowed to call it. */
export interface ApiActions {
  'me/get': { params: Record<string, never>; result: User };
  'sessions/list': {
    params: { status?: 'open' | 'closed'; agentId?: string; limit?: number; skip?: number };
    result: Page<Session>;
  };
  'sessions/get': {
    params: { sessionId: string };
    result: { session: Session; messages: Message[]; score: StoredScore | null };
  };
  'sessions/close': { params: { sessionId: string }; result: { session: Session; score: StoredScore | null } };
  'messages/reply': { params: { sessionId: string; text: string }; result: { message: Message } };
  'sessions/live': {
    params: { limit?: number };
    result: { items: LiveSession[]; now: number };
  };
  'deadletters/list': {
    params: { replayed?: boolean; limit?: number; skip?: number };
    result: Page<DeadLetter>;
  };
  'deadletters/replay': { params: { id: string }; result: { deadLetter: DeadLetter } };
  'alerts/list': {
    params: { status?: AlertStatus; severity?: Alert['severity']; team?: string; limit?: number; skip?: number };
    result: Page<Alert> & { unread: number };
  };
  'alerts/get': { params: { alertId: string }; result: { alert: Alert } };
  'alerts/transition': {
    params: { alertId: string; to: Exclude<AlertStatus, 'new'>; note?: string };
    result: { alert: Alert };
  };
}

/** An open session as the supervisors' live view shows it. */
export interface LiveSession extends Session {
  /** Milliseconds the oldest unanswered customer message has waited, or 0. */
  waitingMs: number;
}

/** Input that could not be ingested, kept (masked) for an admin to inspect and replay. */
export interface DeadLetter {
  _id: string;
  reason: string;
  code: string;
  /** The input as JSON, PII-masked. */
  raw: string;
  at: number;
  replayed: boolean;
  replayedAt?: number;
  replayError?: string;
}

export type ActionName = keyof ApiActions;
export type ActionParams<A extends ActionName> = ApiActions[A]['params'];
export type ActionResult<A extends ActionName> = ApiActions[A]['result'];

/** Who may call what. The router enforces this table; the README prints it. */
export const ACTION_ROLES: { [A in ActionName]: readonly Role[] } = {
  'me/get': ['admin', 'supervisor', 'inspector', 'agent'],
  'sessions/list': ['admin', 'supervisor', 'inspector', 'agent'],
  'sessions/get': ['admin', 'supervisor', 'inspector', 'agent'],
  'sessions/close': ['admin', 'supervisor', 'agent'],
  'messages/reply': ['agent', 'supervisor'],
  'sessions/live': ['admin', 'supervisor'],
  'deadletters/list': ['admin'],
  'deadletters/replay': ['admin'],
  'alerts/list': ['admin', 'supervisor'],
  'alerts/get': ['admin', 'supervisor'],
  'alerts/transition': ['admin', 'supervisor'],
};
