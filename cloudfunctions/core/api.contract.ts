/**
 * The contract between the mini-program and the `api` cloud function: one router, one envelope.
 * Pages import these types through `src/services`; the router implements them.
 */
import type {
  Alert,
  AlertPolicySet,
  AlertStatus,
  AlertStormSettings,
  Channel,
  DeadLetter,
  DeadLetterSummary,
  IssueTypeExample,
  Message,
  Notice,
  Role,
  Session,
  StoredScore,
  User,
} from './model';
import type { IssueType } from './text/issue-type.labels';

/*
 * Domain records the actions carry live in the core's model; re-exported here so a caller of
 * the contract finds every type an action names in one import.
 */
export type {
  AlertPolicyConfig,
  AlertPolicySet,
  AlertStormSettings,
  DeadLetter,
  DeadLetterSummary,
  IssueTypeExample,
  Notice,
} from './model';

export type ApiOk<T> = { ok: true; data: T };
export type ApiErr = { ok: false; code: string; message: string; details?: unknown };
export type ApiResponse<T> = ApiOk<T> | ApiErr;

export interface Page<T> {
  items: T[];
  total: number;
}

/** `sessions/list` filters; `from`/`to` bound `startedAt` (ms, from inclusive, to exclusive). */
export interface SessionListFilters {
  status?: 'open' | 'closed';
  agentId?: string;
  team?: string;
  from?: number;
  to?: number;
  channel?: Channel;
  issueType?: string;
  businessLine?: string;
  scoreMin?: number;
  scoreMax?: number;
  passed?: boolean;
  /** Sessions whose automatic score hit this rule. */
  ruleId?: string;
  /** Sessions an alert was raised on (true) or not (false). */
  alerted?: boolean;
}

/** Every action: its parameters, its answer and the roles allowed to call it. */
export interface ApiActions {
  'me/get': { params: Record<string, never>; result: User };
  /** Agents' display names, so lists show 王晓雨 rather than kf001. */
  'agents/list': { params: Record<string, never>; result: { items: AgentEntry[] } };
  'sessions/list': {
    params: SessionListFilters & { limit?: number; skip?: number };
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
    result: Page<DeadLetterSummary>;
  };
  /** One dead letter whole, its masked `raw` input included. */
  'deadletters/get': { params: { id: string }; result: { deadLetter: DeadLetter } };
  'deadletters/replay': { params: { id: string }; result: { deadLetter: DeadLetter } };
  /** One conversation record (the CLI's JSONL format), parsed as the CLI parses it. Audited. */
  'conversations/import': {
    params: { conversation: unknown };
    result: { outcome: 'stored' | 'duplicate'; sessionId: string; normalised?: string[] };
  };
  'alerts/list': {
    params: { status?: AlertStatus; severity?: Alert['severity']; team?: string; limit?: number; skip?: number };
    result: Page<Alert> & { unread: number };
  };
  'alerts/get': { params: { alertId: string }; result: { alert: Alert } };
  'alerts/transition': {
    params: { alertId: string; to: Exclude<AlertStatus, 'new'>; note?: string };
    result: { alert: Alert };
  };
  /** Consent from `requestSubscribeMessage`: how many notifications the supervisor accepted. */
  'alerts/subscribe': {
    params: { templateId: string; accepted: boolean };
    result: { banked: number };
  };
  /** The supervisor's notification state: consents banked, and whether the UI should ask again. */
  'alerts/subscription': {
    params: Record<string, never>;
    result: { banked: number; templateId: string; askAgain: boolean };
  };
  /** Intervention: a notice to the session's agent (inbox + notification). */
  'alerts/notifyAgent': {
    params: { alertId: string; text: string };
    result: { notice: Notice };
  };
  /** The alert policies in force and the draft being edited (admins). */
  'alertPolicies/get': {
    params: Record<string, never>;
    result: { published: AlertPolicySet; draft: AlertPolicySet | null };
  };
  'alertPolicies/saveDraft': {
    params: { policies: AlertPolicySet['policies']; storm?: AlertStormSettings };
    result: { draft: AlertPolicySet };
  };
  'alertPolicies/publish': { params: Record<string, never>; result: { published: AlertPolicySet } };
  /** Admins' labelled examples that teach the issue-type classifier (all labels, with names). */
  'issueTypes/examples/list': {
    params: Record<string, never>;
    result: { items: IssueTypeExample[]; labels: { id: IssueType; name: string }[] };
  };
  /** Adds an example (masked); the same text again replaces its label. Audited. */
  'issueTypes/examples/add': {
    params: { text: string; label: IssueType };
    result: { example: IssueTypeExample; created: boolean };
  };
  'issueTypes/examples/remove': { params: { id: string }; result: { removed: IssueTypeExample } };
  /** How a customer line would be classified now (seed set plus the stored examples). */
  'issueTypes/classify': {
    params: { text: string };
    result: { ranked: { label: IssueType; name: string; p: number }[]; examples: number };
  };
  /** The agent's inbox: rectification notices and supervisors' messages. */
  'notices/list': {
    params: { unreadOnly?: boolean; limit?: number; skip?: number };
    result: Page<Notice> & { unread: number };
  };
  'notices/ack': { params: { noticeId: string }; result: { notice: Notice } };
}

export interface AgentEntry {
  agentId: string;
  name: string;
  team?: string;
}

/** An open session as the supervisors' live view shows it. */
export interface LiveSession extends Session {
  /** Milliseconds the oldest unanswered customer message has waited, or 0. */
  waitingMs: number;
}

export type ActionName = keyof ApiActions;
export type ActionParams<A extends ActionName> = ApiActions[A]['params'];
export type ActionResult<A extends ActionName> = ApiActions[A]['result'];

/**
 * Which records of an action a role reaches:
 * - `all`: every record (or the action addresses none: configuration, directories);
 * - `team`: sessions of the caller's team, and those not routed to a team yet;
 * - `agent`: sessions the caller (as an agent) took part in;
 * - `agent-or-untaken`: `agent`, plus a session no agent took yet in the caller's team or none
 *   (the pickup: the first reply takes it);
 * - `routed`: alerts routed to the caller;
 * - `self`: only the caller's own records (their user, notices, consents).
 */
export type AccessScope = 'all' | 'team' | 'agent' | 'agent-or-untaken' | 'routed' | 'self';

/**
 * Every action's door: the roles that may call it and, per role, the records it reaches. The
 * router enforces the roles, the routes the scopes (api/routes/scope.ts, alerts.routes.ts,
 * notices.service.ts), and tests/cloud/api.doors.test.ts walks every action × role × own/other
 * record against this table. A new action without a row does not compile.
 */
export const ACTION_ACCESS: { readonly [A in ActionName]: Readonly<Partial<Record<Role, AccessScope>>> } = {
  'me/get': { admin: 'self', supervisor: 'self', inspector: 'self', agent: 'self' },
  'agents/list': { admin: 'all', supervisor: 'all', inspector: 'all' },
  'sessions/list': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'sessions/get': { admin: 'all', supervisor: 'team', inspector: 'all', agent: 'agent' },
  'sessions/close': { admin: 'all', supervisor: 'team', agent: 'agent' },
  'messages/reply': { agent: 'agent-or-untaken', supervisor: 'team' },
  'sessions/live': { admin: 'all', supervisor: 'team' },
  'deadletters/list': { admin: 'all' },
  'deadletters/get': { admin: 'all' },
  'deadletters/replay': { admin: 'all' },
  'conversations/import': { admin: 'all' },
  'alerts/list': { admin: 'all', supervisor: 'routed' },
  'alerts/get': { admin: 'all', supervisor: 'routed' },
  'alerts/transition': { admin: 'all', supervisor: 'routed' },
  'alerts/subscribe': { supervisor: 'self', agent: 'self' },
  'alerts/subscription': { supervisor: 'self', agent: 'self' },
  'alerts/notifyAgent': { admin: 'all', supervisor: 'routed' },
  'alertPolicies/get': { admin: 'all' },
  'alertPolicies/saveDraft': { admin: 'all' },
  'alertPolicies/publish': { admin: 'all' },
  'issueTypes/examples/list': { admin: 'all' },
  'issueTypes/examples/add': { admin: 'all' },
  'issueTypes/examples/remove': { admin: 'all' },
  'issueTypes/classify': { admin: 'all' },
  'notices/list': { agent: 'self' },
  'notices/ack': { agent: 'self' },
};

/**
 * Actions that change stored state: each writes one audit entry with `before`/`after`
 * (common/audit.log.ts), which tests/cloud/api.audit.test.ts checks for every one of them.
 * Reads are `false` and must write no audit entry; the table makes the choice explicit for
 * each new action.
 */
export const ACTION_CHANGES_STATE: { readonly [A in ActionName]: boolean } = {
  'me/get': false,
  'agents/list': false,
  'sessions/list': false,
  'sessions/get': false,
  'sessions/close': true,
  'messages/reply': true,
  'sessions/live': false,
  'deadletters/list': false,
  'deadletters/get': false,
  'deadletters/replay': true,
  'conversations/import': true,
  'alerts/list': false,
  'alerts/get': false,
  'alerts/transition': true,
  'alerts/subscribe': true,
  'alerts/subscription': false,
  'alerts/notifyAgent': true,
  'alertPolicies/get': false,
  'alertPolicies/saveDraft': true,
  'alertPolicies/publish': true,
  'issueTypes/examples/list': false,
  'issueTypes/examples/add': true,
  'issueTypes/examples/remove': true,
  'issueTypes/classify': false,
  'notices/list': false,
  'notices/ack': true,
};

/** Who may call what: the roles of ACTION_ACCESS, in its order. The router enforces it; the README prints it. */
export const ACTION_ROLES = Object.fromEntries(
  Object.entries(ACTION_ACCESS).map(([action, scopes]) => [action, Object.keys(scopes) as Role[]]),
) as unknown as { readonly [A in ActionName]: readonly Role[] };
