/**
 * The HMAC half of the ingest signature scheme (the core holds the rest: headers, signed string,
 * clock skew). Kept free of the database so scripts can sign requests without a cloud.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import {
  INGEST_AUTH_CODES,
  INGEST_AUTH_MESSAGES,
  INGEST_HEADERS,
  isFreshTimestamp,
  isWellFormedSignature,
  readSignatureHeaders,
  signingString,
  type IngestAuthCode,
} from '../../core/ingest/events.signature';

export function signatureFor(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(signingString(timestamp, rawBody), 'utf8').digest('hex');
}

/** The three headers a source sends with `rawBody`. */
export function signIngestRequest(
  source: string,
  secret: string,
  rawBody: string,
  nowMs: number = Date.now(),
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [INGEST_HEADERS.source]: source,
    [INGEST_HEADERS.timestamp]: timestamp,
    [INGEST_HEADERS.signature]: signatureFor(secret, timestamp, rawBody),
  };
}

/** Constant-time: how much of a guess is right must not show in the response time. */
export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  const expected = Buffer.from(expectedHex.toLowerCase(), 'utf8');
  const given = Buffer.from(givenHex.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Stands in for the secret of a source that does not exist, so refusing it takes as long. */
const UNKNOWN_SOURCE_SECRET = 'kefu-qa:no-such-source';

/**
 * The secrets of an enabled source, or null. Several during a rotation's grace period (the new
 * one and the one it replaces): a request signed with either verifies.
 */
export type SecretLookup = (source: string) => Promise<string | readonly string[] | null>;

export type Verification = { ok: true; source: string } | { ok: false; code: IngestAuthCode; message: string };

function refuse(code: IngestAuthCode): Verification {
  return { ok: false, code, message: INGEST_AUTH_MESSAGES[code] };
}

/** Checks a request against its RAW body: any re-serialisation would change the bytes signed. */
export async function verifyIngestRequest(
  headers: Record<string, unknown> | undefined | null,
  rawBody: string,
  lookupSecret: SecretLookup,
  nowMs: number = Date.now(),
): Promise<Verification> {
  const signed = readSignatureHeaders(headers);
  if (!signed) return refuse(INGEST_AUTH_CODES.UNSIGNED);
  if (!isFreshTimestamp(signed.timestamp, nowMs)) return refuse(INGEST_AUTH_CODES.STALE);
  const found = await lookupSecret(signed.source);
  const secrets = typeof found === 'string' ? [found] : (found ?? []).filter((x) => typeof x === 'string' && x);
  // An unknown source costs the same HMAC and gets the same answer as a wrong signature.
  const expected = (secrets.length ? secrets : [UNKNOWN_SOURCE_SECRET]).map((secret) =>
    signatureFor(secret, signed.timestamp, rawBody),
  );
  if (!secrets.length || !isWellFormedSignature(signed.signature)) return refuse(INGEST_AUTH_CODES.BAD_SIGNATURE);
  // Every candidate is compared (no early exit): the time does not tell which secret matched.
  const matched = expected.map((e) => signaturesMatch(e, signed.signature)).some(Boolean);
  return matched ? { ok: true, source: signed.source } : refuse(INGEST_AUTH_CODES.BAD_SIGNATURE);
}
