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
  INTERNAL: 'INTERNAL',
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
