/**
 * The signed-request scheme of the generic ingest API, minus the HMAC itself (the core has no
 * crypto; see cloudfunctions/common/events/signature.ts):
 *
 *   X-Kefu-Source:    the source id (one secret per source)
 *   X-Kefu-Timestamp: unix seconds when the request was signed
 *   X-Kefu-Signature: hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)
 *
 * The timestamp is inside the signed string, so it cannot be moved forward without the secret;
 * a request older (or newer) than MAX_SKEW_SECONDS is refused. A captured request replayed within
 * the window is harmless: every event is idempotent on its id.
 */

export const INGEST_HEADERS = {
  source: 'X-Kefu-Source',
  timestamp: 'X-Kefu-Timestamp',
  signature: 'X-Kefu-Signature',
} as const;

export const MAX_SKEW_SECONDS = 300;

/**
 * An unknown or disabled source is answered exactly like a wrong signature (same code, same
 * message, an HMAC computed all the same): the answer must not tell a stranger which source
 * ids exist.
 */
export const INGEST_AUTH_CODES = {
  UNSIGNED: 'INGEST.UNSIGNED',
  STALE: 'INGEST.STALE',
  BAD_SIGNATURE: 'INGEST.BAD_SIGNATURE',
} as const;
export type IngestAuthCode = (typeof INGEST_AUTH_CODES)[keyof typeof INGEST_AUTH_CODES];

export const INGEST_AUTH_MESSAGES: Record<IngestAuthCode, string> = {
  'INGEST.UNSIGNED': '请求未签名：需要 X-Kefu-Source、X-Kefu-Timestamp 和 X-Kefu-Signature 请求头',
  'INGEST.STALE': `请求时间戳无效或与服务器时间相差超过 ${MAX_SKEW_SECONDS} 秒`,
  'INGEST.BAD_SIGNATURE': '签名不正确或来源无效',
};

/** The exact string that is signed. */
export function signingString(timestamp: string, rawBody: string): string {
  return `${timestamp}.${rawBody}`;
}

/** Header lookup as HTTP means it: names are case-insensitive; a repeated header counts once. */
export function headerValue(headers: Record<string, unknown> | undefined | null, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const v = Array.isArray(value) ? value[0] : value;
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  }
  return undefined;
}

export interface SignatureHeaders {
  source: string;
  timestamp: string;
  signature: string;
}

export function readSignatureHeaders(headers: Record<string, unknown> | undefined | null): SignatureHeaders | null {
  const source = headerValue(headers, INGEST_HEADERS.source);
  const timestamp = headerValue(headers, INGEST_HEADERS.timestamp);
  const signature = headerValue(headers, INGEST_HEADERS.signature);
  return source && timestamp && signature ? { source, timestamp, signature } : null;
}

/**
 * Whether `timestamp` (unix seconds: digits only, no leading zero, as `signIngestRequest`
 * writes it) lies within the allowed skew of `nowMs`. One spelling per instant: `01740823200`
 * and `1740823200` would otherwise sign different strings for the same second.
 */
export function isFreshTimestamp(timestamp: string, nowMs: number, maxSkewSeconds = MAX_SKEW_SECONDS): boolean {
  if (!/^[1-9]\d{0,11}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= maxSkewSeconds;
}

/** A signature as sent: 64 hex digits (either case). */
export function isWellFormedSignature(signature: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(signature);
}

/**
 * `source1:secret1,source2:secret2` (the local/demo form of the secrets). Secrets may contain
 * `:`; only the first one splits.
 */
export function parseSecretsList(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of (value ?? '').split(',')) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    const source = entry.slice(0, at).trim();
    const secret = entry.slice(at + 1).trim();
    if (source && secret) out.set(source, secret);
  }
  return out;
}
