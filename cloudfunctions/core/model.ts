/**
 * Shared domain vocabulary: the shapes stored in the cloud database and exchanged with the
 * mini-program. Pure types and constants only; every layer may import this file.
 *
 * Times are epoch milliseconds (numbers) everywhere inside the system: they sort, compare and
 * index cheaply in the store; ISO strings exist only at the edges (imports, display).
 */
import type { IssueType } from './text/issue-type.labels';

export const ROLES = ['admin', 'supervisor', 'inspector', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  /** The WeChat OPENID (locally: a demo openid such as `demo-supervisor`). */
  _id: string;
  role: Role;
  name: string;
  team?: string;
  /** Set for agents: the id that messages and sessions carry. */
  agentId?: string;
  /**
   * Set (with `deactivatedAt`) when an admin deactivated the account: refused at every door
   * until reactivated. A boolean so the alerts security rule can test it (`!= true`).
   */
  deactivated?: boolean;
  deactivatedAt?: number;
}

/** Whether an account may use the system (issue 14: a deactivated user is refused everywhere). */
export function isActiveUser(user: Pick<User, 'deactivated'> | null | undefined): boolean {
  return !!user && user.deactivated !== true;
}

/** Where a conversation came from. */
export type Channel = 'mp-kf' | 'wecom-kf' | 'api' | 'import' | 'call';

export type MessageRole = 'customer' | 'agent' | 'system' | 'supervisor';
export type MessageType = 'text' | 'image' | 'voice' | 'card' | 'event';

export type PiiType = 'phone' | 'idcard' | 'bankcard' | 'email';
/** What masking found in a message: never the raw value, only where and what. */
export interface PiiFinding {
  type: PiiType;
  /** Span in the masked text, [start, end). */
  start: number;
  end: number;
  by: MessageRole;
  /**
   * Taken only on the words naming it (「身份证 …」「卡号 …」): its check digit fails. Rules from
   * scorecard v3 on count it (pii operator `named`); v2 did not see such numbers.
   */
  named?: true;
}

export interface Message {
  /** The source's message id (WeChat MsgId, WeCom msgid, ...): idempotency key. */
  _id: string;
  sessionId: string;
  channel: Channel;
  role: MessageRole;
  type: MessageType;
  /** PII-masked text. */
  text: string;
  at: number;
  customerId: string;
  agentId?: string;
  pii?: PiiFinding[];
  /** Agent replies sent through the system: the delivery state reported by WeChat. */
  delivery?: { status: 'sent' | 'failed'; errcode?: number; errmsg?: string };
  /** Set when the text arrived longer than MESSAGE_TEXT_LIMIT and was cut (the whole is in a dead letter). */
  truncated?: boolean;
  /** The length of the text as it arrived, when `truncated`. */
  fullLength?: number;
  /** An image or mini-program card sent from the workspace (issue 16): what WeChat was given. */
  attachment?: MessageAttachment;
}

export type MessageAttachment =
  | { kind: 'image'; mediaId?: string; bytes: number }
  | { kind: 'card'; title: string; pagePath: string; thumbMediaId?: string };

export interface Rating {
  /** 1..5 */
  csat?: number;
  /** 0..10 */
  nps?: number;
  resolved?: boolean;
}

export type SessionStatus = 'open' | 'closed';

export interface Session {
  _id: string;
  channel: Channel;
  customerId: string;
  /** Every agent who took part, in order of first reply (transfers keep one session). */
  agentIds: string[];
  /** The agent currently (or last) responsible. */
  agentId?: string;
  team?: string;
  status: SessionStatus;
  startedAt: number;
  lastAt: number;
  endedAt?: number;
  messageCount: number;
  issueType?: string;
  businessLine?: string;
  rating?: Rating;
  /** Imported as a fragment (`partial: true`): opening and closing rules are not judged on it. */
  partial?: boolean;
  /** Live state for real-time checks: set while a customer message waits for an answer. */
  waitingSince?: number | null;
  /** Time of the latest agent (or supervisor) message. */
  lastAgentAt?: number;
  /**
   * Filled when the session has been scored; `revision` counts re-scorings (a late rating);
   * `lost` names the rules that cost the most points (at most three), for the session cards.
   */
  score?: {
    total: number;
    passed: boolean;
    scoreId: string;
    redLine: boolean;
    revision?: number;
    lost?: string[];
    /** Ids of every rule hit (the 「命中规则」 filter). Absent on sessions scored before it existed. */
    ruleIds?: string[];
  };
  /** Set once an alert was raised on the session (the 「有告警」 filter); absent means none known. */
  alerted?: boolean;
  /**
   * A session a push opened carries this until its repeat-contact check has run (after the push
   * that brought its first customer message answered, or at the latest when it closes): the
   * check is claimed by removing it, so it runs once (common/alerts/repeat-contact.check.ts).
   */
  repeatCheck?: 'pending';
  /** The customer's first text line (masked, at most 40 characters): what the session is about. */
  preview?: { text: string; at: number };
  /** The agent's workspace (issue 16): a supervisor who took the session over and answers in it now. */
  takenOverBy?: { openid: string; name: string; at: number };
  /** Set when the customer's data was erased (personal-data.service.ts). */
  erasedAt?: number;
  /**
   * The message figures the report contribution needs, kept before erasure or retention
   * deleted the messages (report.later.ts), and at erasure the repeat-contact answer.
   */
  reportKept?: MessageTimeline & { repeatContact?: boolean };
}

/** What a report contribution reads from a session's messages (core/reports/report.later.ts). */
export interface MessageTimeline {
  count: number;
  /** Each customer wait (the first of a run of customer messages) to the next agent message, ms. */
  replyMs: number[];
  customerSpoke: boolean;
}

/**
 * A conversation as the scoring engine and the import/score CLIs see it (one JSONL line).
 * `at` is ISO-8601 in files; the core parses it into epoch ms (see conversation.ts).
 */
export interface ConversationMessage {
  role: MessageRole;
  at: number;
  text: string;
  type?: MessageType;
  pii?: PiiFinding[];
  agentId?: string;
}

export interface Conversation {
  id: string;
  channel: Channel | string;
  agentId?: string;
  customerId: string;
  startedAt?: number;
  messages: ConversationMessage[];
  rating?: Rating;
  tags?: { issueType?: string; businessLine?: string };
  /** Number of agent changes within the session. */
  transfers?: number;
  /**
   * A fragment (it starts or ends in the middle): rules about how a conversation opens or ends
   * are skipped with a reason rather than judged on what is not there.
   */
  partial?: boolean;
}

export interface ScoreHit {
  ruleId: string;
  ruleVersion: number;
  /**
   * The rule's display name at that version. Absent from scores stored before hits carried it
   * (their reasons start with `<name>：`).
   */
  ruleName?: string;
  /** Index into the conversation's messages, or null when the rule concerns the whole session. */
  messageIndex: number | null;
  /** [start, end) in the message's masked text, or null. */
  span: [number, number] | null;
  /** Masked text around the span. */
  excerpt: string;
  /** Negative for deductions, positive for bonuses. */
  points: number;
  reason: string;
  redLine?: boolean;
  /** A learned model's cues behind the hit, strongest first, when it names any (see Evidence.cues). */
  cues?: readonly string[];
}

export interface SectionScore {
  id: string;
  name: string;
  score: number;
  max: number;
}

/** A rule the engine could not decide because a fact it needs was not provided (e.g. sentiment). */
export interface SkippedRule {
  ruleId: string;
  ruleVersion: number;
  reason: string;
}

export interface ScoreResult {
  scorecardId: string;
  scorecardVersion: number;
  total: number;
  passed: boolean;
  redLine: boolean;
  sections: SectionScore[];
  hits: ScoreHit[];
  /** Rules left undecided for lack of an injected fact: listed so nobody mistakes them for passes. */
  skipped?: SkippedRule[];
}

export interface StoredScore extends ScoreResult {
  _id: string;
  sessionId: string;
  /** The rating the score was computed with: re-scoring takes its counts back out. */
  ratingUsed?: Rating;
  agentId?: string;
  team?: string;
  channel: string;
  scoredAt: number;
}

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ['new', 'acknowledged', 'resolved', 'false-alarm'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertEvidence {
  messageIndex: number | null;
  span: [number, number] | null;
  excerpt: string;
  ruleId?: string;
}

export interface Alert {
  _id: string;
  sessionId: string;
  agentId?: string;
  team?: string;
  /** The policy that raised it, e.g. `score-low`, `red-line`. */
  policy: string;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  evidence: AlertEvidence[];
  score?: number;
  /** Supervisors' openids the alert is routed to (also the security rule's key). */
  routedTo: string[];
  createdAt: number;
  updatedAt: number;
  /** The alert-policy version that raised it (0: the shipped defaults). */
  policyVersion?: number;
  /** Set when resolved or marked a false alarm: by whom, when, and the handler's note. */
  closedAt?: number;
  closedBy?: string;
  note?: string;
  /**
   * Raised by a push, its notifications not yet sent: they go out after the push has answered
   * (alerts/alert.raiser.ts), or from the sweep if that instance never got to them. Cleared by
   * whichever claims the delivery.
   */
  notifyPending?: boolean;
}

/** One admin example for the issue-type classifier (`_id` from its normalised, masked text). */
export interface IssueTypeExample {
  _id: string;
  /** Masked before it is stored. */
  text: string;
  label: IssueType;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

/** A message to an agent: from a supervisor about an alert (later: rectification notices). */
export interface Notice {
  _id: string;
  /** The agent's openid. */
  to: string;
  agentId?: string;
  from: string;
  fromName: string;
  /**
   * `rectification`: a rectification notice was issued or is due (opens it: `rectificationId`);
   * `transfer`: a session was handed to this agent; `department`: a rule failing across the
   * supervisor's team (issue 16).
   */
  kind: 'alert' | 'rectification' | 'appeal' | 'review' | 'transfer' | 'department' | 'report';
  title: string;
  text: string;
  alertId?: string;
  sessionId?: string;
  /** An appeal decision's notice: the review it is about (opens the agent's result page). */
  reviewId?: string;
  /** A periodic review report's notice (issue 15): the report it announces. */
  reportId?: string;
  /** A rectification notice's entry in the inbox (issue 16): the rectification it opens. */
  rectificationId?: string;
  createdAt: number;
  readAt: number | null;
}

/** Live and after-scoring alert policies, versioned like scorecards. */
export interface AlertPolicySet {
  version: number;
  status: 'draft' | 'published';
  publishedAt?: number;
  updatedBy?: string;
  policies: AlertPolicyConfig[];
  /** Storm control for this version (defaults apply when absent). */
  storm?: AlertStormSettings;
}

export type AlertPolicyConfig =
  | { id: 'score-low'; enabled: boolean; severity: Alert['severity']; /** high below this total */ severeBelow: number }
  | { id: 'red-line'; enabled: boolean; severity: Alert['severity'] }
  | { id: 'customer-waiting'; enabled: boolean; severity: Alert['severity']; waitSeconds: number }
  | {
      id: 'customer-angry';
      enabled: boolean;
      severity: Alert['severity'];
      /** pPositive at or below this counts as angry. */
      negativeBelow: number;
      /** How many of the customer's last messages the trend looks at. */
      window: number;
      complaintWords: string[];
    }
  | { id: 'agent-red-line-live'; enabled: boolean; severity: Alert['severity'] }
  | {
      id: 'repeat-contact';
      enabled: boolean;
      severity: Alert['severity'];
      withinHours: number;
      sameIssueType: boolean;
    };

/** Storm control, shared by every policy. */
export interface AlertStormSettings {
  /** After an alert of a session and policy is closed, the same pair stays quiet this long. */
  cooldownMinutes: number;
  /** More notifications than this to one supervisor within a minute are sent as one digest. */
  digestAbovePerMinute: number;
}

/** Input that could not be ingested, kept (masked) for an admin to inspect and replay. */
export interface DeadLetter {
  _id: string;
  /** Which door: `ingest-events` (signed API), `ingest` (push, import), `wecom-callback`, `wecom-sync`, `sweep`. */
  origin?: string;
  reason: string;
  code: string;
  /** The input as JSON, PII-masked, at most 256 KB (`truncated` when cut). */
  raw: string;
  /** The first characters of `raw` (masked like it), what a list shows of a letter. */
  preview?: string;
  truncated?: boolean;
  source?: string;
  /** Position in its batch, for a rejected event. */
  index?: number;
  eventId?: string;
  kind?: string;
  at: number;
  replayed: boolean;
  replayedAt?: number;
  replayError?: string;
  /** Set when an admin discarded the letter (with a masked note): it is no longer replayable. */
  discarded?: boolean;
  discardedAt?: number;
  discardedBy?: string;
  discardNote?: string;
}

/**
 * A dead letter as lists show it: everything but `raw` (up to 256 KB each, twenty of them would
 * pass the database's 1 MB result limit); `deadletters/get` returns one whole.
 */
export type DeadLetterSummary = Omit<DeadLetter, 'raw'>;
