/** What every push parser needs: one error for a payload that cannot be used, lenient ids. */
import { DomainError, ERROR_CODES } from '../errors';

export function badPayload(reason: string): never {
  throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, reason);
}

/** WeChat sends ids and times as numbers or as strings: both become a non-empty string. */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
