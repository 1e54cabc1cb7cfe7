/**
 * The audit log: who changed what, and when, with the record as it was and as it became.
 * One shape for every entity, so an auditor reads any entry the same way: `before` and `after`
 * hold the fields the action changed (not whole documents: a session's messages or a policy
 * set's every knob would bloat the log), `null` when the record did not exist before (created)
 * or no longer exists after (removed). Free text in them is masked by the caller, as stored.
 */
import { COLLECTIONS, database } from './cloud';

export type AuditEntity =
  | 'alert'
  | 'alertPolicies'
  | 'issueTypeExample'
  | 'session'
  | 'message'
  | 'notice'
  | 'subscription'
  | 'deadLetter'
  | 'review'
  | 'samplingPlan'
  | 'reviewTask'
  | 'appeal'
  | 'calibrationRound'
  | 'case'
  | 'settings'
  | 'customer'
  | 'backtest'
  // Admin settings (issue 14, admin)
  | 'user'
  | 'invite'
  | 'team'
  | 'ingestSource'
  // Settings: scorecards (issue 14, scorecards)
  | 'scorecard'
  | 'scorecardPrecedence'
  // The agent's workspace (issue 16, agentdesk)
  | 'whisper'
  | 'replyTemplate'
  // Reports (issue 15, rep-export)
  | 'reportExport'
  // Rectification notices (issue 16, agent-notices)
  | 'rectification'
  // Knowledge base and training (issue 16, kb)
  | 'kbArticle'
  | 'trainingItem'
  | 'trainingAssignment';

/** The changed fields of a record; `null` when there was (or is) no record. */
export type AuditState = Record<string, unknown> | null;

export interface AuditEntry {
  at: number;
  /** The openid of who did it. */
  by: string;
  entity: AuditEntity;
  entityId: string;
  /** What happened, as a verb: `transition`, `notifyAgent`, `saveDraft`, `publish`, `reply`, … */
  action: string;
  before: AuditState;
  after: AuditState;
  /** Other ids the action touched (the notice sent, the session replied in, …). */
  refs?: Record<string, string>;
}

export async function audit(entry: AuditEntry): Promise<void> {
  await database().collection(COLLECTIONS.auditLog).add({ data: entry });
}
