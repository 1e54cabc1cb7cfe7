/**
 * Errors with stable machine codes. The `api` router turns any DomainError into
 * `{ ok: false, code, message }`; anything else becomes `INTERNAL`. Every code is declared
 * here (no free-form strings), and the README's list is checked against this table.
 */
export const ERROR_CODES = {
  AUTH_UNKNOWN_USER: 'AUTH.UNKNOWN_USER',
  AUTH_FORBIDDEN: 'AUTH.FORBIDDEN',
  ACTION_UNKNOWN: 'ACTION.UNKNOWN',
  INPUT_INVALID: 'INPUT.INVALID',
  SESSION_NOT_FOUND: 'SESSION.NOT_FOUND',
  ALERT_NOT_FOUND: 'ALERT.NOT_FOUND',
  ALERT_BAD_TRANSITION: 'ALERT.BAD_TRANSITION',
  ISSUE_EXAMPLE_NOT_FOUND: 'ISSUE_EXAMPLE.NOT_FOUND',
  INGEST_BAD_PAYLOAD: 'INGEST.BAD_PAYLOAD',
  INGEST_BAD_SIGNATURE: 'INGEST.BAD_SIGNATURE',
  NOTICE_NOT_FOUND: 'NOTICE.NOT_FOUND',
  NOTICE_NO_AGENT: 'NOTICE.NO_AGENT',
  ALERT_POLICY_NO_DRAFT: 'ALERT_POLICY.NO_DRAFT',
  SCORECARD_INVALID: 'SCORECARD.INVALID',
  SCORECARD_NOT_FOUND: 'SCORECARD.NOT_FOUND',
  SCORECARD_NOT_PUBLISHED: 'SCORECARD.NOT_PUBLISHED',
  SCORECARD_NOT_DRAFT: 'SCORECARD.NOT_DRAFT',
  /** `ingest`/`sweep` called by a caller they do not serve (a mini-program client, a stranger). */
  CALLER_REFUSED: 'CALLER.REFUSED',
  /** Not an error of the input: a message text over the cap, stored cut, kept whole in a dead letter. */
  INGEST_TEXT_TRUNCATED: 'INGEST.TEXT_TRUNCATED',
  /** An import whose session id names a session the import did not create: refused, that session untouched. */
  IMPORT_SESSION_CONFLICT: 'IMPORT.SESSION_CONFLICT',
  WECHAT_SEND_FAILED: 'WECHAT.SEND_FAILED',
  /** A manual review names a rule the scorecard does not have (or has disabled). */
  REVIEW_UNKNOWN_RULE: 'REVIEW.UNKNOWN_RULE',
  /** A manual hit or annotation points at a message the session does not have. */
  REVIEW_BAD_MESSAGE: 'REVIEW.BAD_MESSAGE',
  /** A span that is empty, reversed or runs past its message's text. */
  REVIEW_BAD_SPAN: 'REVIEW.BAD_SPAN',
  /** A verdict (or removal) for a hit the review does not have. */
  REVIEW_UNKNOWN_HIT: 'REVIEW.UNKNOWN_HIT',
  /** A submitted review is final: no verdict, hit or annotation changes it. */
  REVIEW_SUBMITTED: 'REVIEW.SUBMITTED',
  /** The automatic score was made on another scorecard (id or version) than the review's. */
  REVIEW_SCORECARD_MISMATCH: 'REVIEW.SCORECARD_MISMATCH',
  /** Appealing or arbitrating past the window. */
  APPEAL_WINDOW_CLOSED: 'APPEAL.WINDOW_CLOSED',
  /** An item already appealed (each item is appealed once). */
  APPEAL_DUPLICATE_ITEM: 'APPEAL.DUPLICATE_ITEM',
  /** An item that is not a counted hit of the submitted review, or not in the appeal. */
  APPEAL_BAD_ITEM: 'APPEAL.BAD_ITEM',
  /** An item already decided: the decision is final. */
  APPEAL_ALREADY_DECIDED: 'APPEAL.ALREADY_DECIDED',
  /** The arbiter is not a supervisor of the agent's team. */
  APPEAL_NOT_ARBITER: 'APPEAL.NOT_ARBITER',
  /** A partly-upheld item's points outside the rule's range. */
  APPEAL_BAD_POINTS: 'APPEAL.BAD_POINTS',
  /** Any other move the appeal's state does not allow (a draft review, a closed appeal). */
  APPEAL_BAD_TRANSITION: 'APPEAL.BAD_TRANSITION',
  /** No submitted review with that id (drafts are their inspector's alone). */
  REVIEW_NOT_FOUND: 'REVIEW.NOT_FOUND',
  /** The session has no automatic score yet (still open): there is nothing to review. */
  REVIEW_NOT_SCORED: 'REVIEW.NOT_SCORED',
  /** No appeal with that id. */
  APPEAL_NOT_FOUND: 'APPEAL.NOT_FOUND',
  // Calibration and the case library (issue 13, calib)
  /** No calibration round with that id. */
  CALIBRATION_NOT_FOUND: 'CALIBRATION.NOT_FOUND',
  /** A round's session that has no automatic score yet (the round judges its hits). */
  CALIBRATION_NOT_SCORED: 'CALIBRATION.NOT_SCORED',
  /** A round's sessions scored with different scorecards (one round, one scorecard version). */
  CALIBRATION_MIXED_SCORECARDS: 'CALIBRATION.MIXED_SCORECARDS',
  /** A round's rater who is not a registered inspector. */
  CALIBRATION_BAD_INSPECTOR: 'CALIBRATION.BAD_INSPECTOR',
  /** Skipping a session the inspector already submitted a review of. */
  CALIBRATION_ALREADY_RATED: 'CALIBRATION.ALREADY_RATED',
  /** No case with that id. */
  CASE_NOT_FOUND: 'CASE.NOT_FOUND',
  /** The session is in the case library already. */
  CASE_EXISTS: 'CASE.EXISTS',
  INTERNAL: 'INTERNAL',
  // Sampling plans and review tasks (issue 13, plans)
  PLAN_NOT_FOUND: 'PLAN.NOT_FOUND',
  PLAN_BAD_PERIOD: 'PLAN.BAD_PERIOD',
  PLAN_NO_INSPECTORS: 'PLAN.NO_INSPECTORS',
  TASK_NOT_FOUND: 'TASK.NOT_FOUND',
  TASK_BAD_INSPECTOR: 'TASK.BAD_INSPECTOR',
  TASK_DONE: 'TASK.DONE',
  // Personal-data duties (issue 17)
  /** A data-subject request for a customer id no session carries. */
  CUSTOMER_NOT_FOUND: 'CUSTOMER.NOT_FOUND',
  // Back-test of a scorecard draft (issue 14, backtest)
  BACKTEST_NOT_FOUND: 'BACKTEST.NOT_FOUND',
  BACKTEST_NO_DRAFT: 'BACKTEST.NO_DRAFT',
  // Admin settings: users, invites, teams, ingest sources, dead letters (issue 14, admin)
  /** The caller's account was deactivated by an admin: refused at every door. */
  AUTH_DEACTIVATED: 'AUTH.DEACTIVATED',
  USER_NOT_FOUND: 'USER.NOT_FOUND',
  /** An admin cannot demote or deactivate their own account (someone must stay admin). */
  USER_SELF: 'USER.SELF',
  /** An agent needs an agentId, and one agentId belongs to one agent. */
  USER_BAD_AGENT_ID: 'USER.BAD_AGENT_ID',
  INVITE_NOT_FOUND: 'INVITE.NOT_FOUND',
  INVITE_USED: 'INVITE.USED',
  INVITE_EXPIRED: 'INVITE.EXPIRED',
  TEAM_BAD_WEBHOOK: 'TEAM.BAD_WEBHOOK',
  TEAM_BAD_SUPERVISOR: 'TEAM.BAD_SUPERVISOR',
  SOURCE_NOT_FOUND: 'SOURCE.NOT_FOUND',
  SOURCE_EXISTS: 'SOURCE.EXISTS',
  /** No KEFU_SECRET_KEY in the function's environment: a secret cannot be stored encrypted. */
  SOURCE_NO_KEY: 'SOURCE.NO_KEY',
  DEADLETTER_DISCARDED: 'DEADLETTER.DISCARDED',
  // Settings: scorecards (issue 14, scorecards)
  /** Publishing or discarding a draft that does not exist. */
  SCORECARD_NO_DRAFT: 'SCORECARD.NO_DRAFT',
  /** A copy for a new scope named with an id a scorecard (published or draft) already has. */
  SCORECARD_EXISTS: 'SCORECARD.EXISTS',
  /** A precedence naming an unpublished card, an unscoped card in the order, a scoped default, or one twice. */
  SCORECARD_BAD_PRECEDENCE: 'SCORECARD.BAD_PRECEDENCE',
  /** Rolling back to the version that is live already. */
  SCORECARD_ALREADY_LIVE: 'SCORECARD.ALREADY_LIVE',
  // Reports (issue 15)
  /** A period key that is not one of its kind (`2026-W53` that does not exist, `2026-13`). */
  REPORT_BAD_PERIOD: 'REPORT.BAD_PERIOD',
  /** A breakdown the caller's scope does not have (an agent's own figures are not broken down). */
  REPORT_BAD_DIMENSION: 'REPORT.BAD_DIMENSION',
  // The agent's workspace (issue 16, agentdesk)
  /** A draft breaks a red-line rule: refused (naming the rule and words) until the sender confirms. */
  REPLY_RED_LINE: 'REPLY.RED_LINE',
  /** A supervisor took the session over: its agent no longer replies in it. */
  SESSION_TAKEN_OVER: 'SESSION.TAKEN_OVER',
  /** Transfer, whisper or takeover on a session that is no longer open. */
  SESSION_CLOSED: 'SESSION.CLOSED',
  /** A transfer to someone who is not an agent of the session's team (or to the current agent). */
  TRANSFER_BAD_AGENT: 'TRANSFER.BAD_AGENT',
  TEMPLATE_NOT_FOUND: 'TEMPLATE.NOT_FOUND',
  // Report exports (issue 15, rep-export)
  /** More exports in the past hour than EXPORTS_PER_HOUR: each writes a file to storage. */
  REPORT_TOO_MANY_EXPORTS: 'REPORT.TOO_MANY_EXPORTS',
  /** A periodic report that is not the caller's or does not exist. */
  REPORT_NOT_FOUND: 'REPORT.NOT_FOUND',
  // Rectification notices and media replies (issue 16, agent-notices)
  RECTIFICATION_NOT_FOUND: 'RECTIFICATION.NOT_FOUND',
  /** Acknowledging a finished notice, confirming one the agent has not acknowledged. */
  RECTIFICATION_BAD_TRANSITION: 'RECTIFICATION.BAD_TRANSITION',
  /** A rectification on a session no agent answered: nobody to address it to. */
  RECTIFICATION_NO_AGENT: 'RECTIFICATION.NO_AGENT',
  /** An image that is not a JPEG/PNG in base64, or larger than WeChat takes. */
  MEDIA_INVALID: 'MEDIA.INVALID',
  // Knowledge base and training (issue 16, kb)
  KB_NOT_FOUND: 'KB.NOT_FOUND',
  TRAINING_NOT_FOUND: 'TRAINING.NOT_FOUND',
  /** Training assigned, or a profile asked, for someone who is not an agent (or not of the caller's team). */
  TRAINING_BAD_AGENT: 'TRAINING.BAD_AGENT',
  // Access gaps (issue 14 gaps, branch strengths)
  /**
   * A deactivated agent as the target of a transfer, a notice or a hand-written rectification:
   * they can no longer sign in to answer (automatic rectifications to them are skipped instead).
   */
  AGENT_DEACTIVATED: 'AGENT.DEACTIVATED',
  /** An invite an admin revoked: it no longer works, and cannot be revoked twice. */
  INVITE_REVOKED: 'INVITE.REVOKED',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return (
    e instanceof DomainError ||
    (typeof e === 'object' && e !== null && 'code' in e && (e as { name?: string }).name === 'DomainError')
  );
}
