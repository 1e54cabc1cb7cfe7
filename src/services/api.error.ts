import { DomainError, type ErrorCode } from '@core/errors';

/** Codes the client itself raises (the server's codes come from `@core/errors`). */
export const CLIENT_ERROR_CODES = {
  NETWORK: 'NETWORK.FAILED',
  BAD_RESPONSE: 'NETWORK.BAD_RESPONSE',
} as const;

/**
 * A failed call: the server's `{ ok: false, code, message }`, or a transport failure. The same
 * shape as the server's DomainError (a stable code, a Chinese message, details), seen client side.
 */
export class ApiError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    // A server code (declared in `@core/errors`) or one of CLIENT_ERROR_CODES, carried as sent.
    super(code as ErrorCode, message, details);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A Chinese sentence for any error a page may catch. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message || `请求失败（${e.code}）`;
  if (e instanceof Error && e.message) return e.message;
  return '请求失败，请稍后重试';
}
