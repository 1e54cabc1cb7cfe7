/**
 * Posting to the generic ingest API the way a source does (real HMAC, raw body), and reading the
 * local store back through the real SDK.
 */
import { db, resetStore } from './harness';
import {
  handleIngestHttp,
  type HttpAnswer,
  type IngestHttpOptions,
} from '../../cloudfunctions/common/events/events.http';
import { signIngestRequest } from '../../cloudfunctions/common/events/signature';

export const SOURCE = 'crm';
export const SECRET = 'test-secret-crm';

export async function resetWithSecrets(): Promise<void> {
  process.env.KEFU_INGEST_SECRETS = `${SOURCE}:${SECRET},ivr:test-secret-ivr`;
  await resetStore();
}

export function post(
  rawBody: string,
  headers: Record<string, string>,
  options?: IngestHttpOptions,
): Promise<HttpAnswer> {
  return handleIngestHttp({ httpMethod: 'POST', headers, body: rawBody }, options);
}

export function signedPost(
  body: unknown,
  source = SOURCE,
  secret = SECRET,
  options?: IngestHttpOptions,
): Promise<HttpAnswer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return post(raw, signIngestRequest(source, secret, raw), options);
}

/** A batch from `source`, events given as the source would send them. */
export function batch(events: unknown[], source = SOURCE): { source: string; events: unknown[] } {
  return { source, events };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function json(answer: HttpAnswer): any {
  return JSON.parse(answer.body);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function all(collection: string, where: Record<string, unknown> = {}): Promise<any[]> {
  const r = (await db().collection(collection).where(where).limit(1000).get()) as { data: unknown[] };
  return r.data;
}

export async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of ['messages', 'sessions', 'events', 'deadLetters', 'scores']) out[c] = (await all(c)).length;
  return out;
}
