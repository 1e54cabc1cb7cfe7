import type { ActionName, ActionParams, ActionResult, ApiResponse } from '@core/api.contract';
import { ApiError, CLIENT_ERROR_CODES } from './api.error';
import { callFunction } from './transport';

export { ApiError } from './api.error';

/**
 * Calls one action of the `api` router and returns its data; an `{ ok: false }` envelope
 * becomes an ApiError carrying the server's stable code.
 */
export async function call<A extends ActionName>(action: A, params: ActionParams<A>): Promise<ActionResult<A>> {
  const result = await callFunction('api', { action, ...params });
  if (!isEnvelope(result)) {
    throw new ApiError(CLIENT_ERROR_CODES.BAD_RESPONSE, '服务返回格式错误', result);
  }
  const envelope = result as ApiResponse<ActionResult<A>>;
  if (!envelope.ok) throw new ApiError(envelope.code, envelope.message, envelope.details);
  return envelope.data;
}

function isEnvelope(v: unknown): v is { ok: boolean } {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}
