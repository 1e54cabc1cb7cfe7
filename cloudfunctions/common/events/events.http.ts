/**
 * `POST /ingest/events`: the generic signed ingest API as a cloud-function HTTP trigger
 * (云函数 HTTP 访问服务 hands `main` `{ httpMethod, headers, body, isBase64Encoded, ... }` and
 * sends back `{ statusCode, headers, body }`). The local host forwards the same shape.
 *
 *   401  unsigned, stale, unknown source or wrong signature: nothing is stored at all, so an
 *        unauthenticated caller cannot fill even the dead-letter collection;
 *   405  not POST;
 *   400  signed but not a batch (bad JSON, wrong envelope): the body is dead-lettered (masked);
 *   200  the batch was applied: `{ ok: true, data: { source, counts, results } }`, one result per
 *        event (stored | duplicate | rejected | failed | deferred), rejected and failed ones
 *        dead-lettered; failed and deferred ones may simply be sent again;
 *   500  storage failure outside any one event: the sender retries (everything is idempotent).
 */
import { ERROR_CODES } from '../../core/errors';
import { parseEnvelope } from '../../core/ingest/events.schema';
import { now } from '../cloud';
import { applyEvents, countResults, type EventResult, type EventStatus } from './events.apply';
import { deadLetter } from './events.deadletter';
import { findSourceSecrets } from './ingest-sources.repository';
import { verifyIngestRequest, type SecretLookup } from './signature';
import { logFailure } from '../log';

export interface IngestHttpEvent {
  httpMethod: string;
  headers?: Record<string, unknown> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  path?: string;
}

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export interface IngestBatchAnswer {
  source: string;
  counts: Record<EventStatus, number>;
  results: EventResult[];
}

export interface IngestHttpOptions {
  /** Epoch ms to check the timestamp against (default: the clock). */
  now?: number;
  lookupSecret?: SecretLookup;
  /** Time budget for applying events (default: env KEFU_INGEST_BUDGET_MS, else none). */
  budgetMs?: number;
}

function budgetFromEnv(): number | undefined {
  const ms = Number(process.env.KEFU_INGEST_BUDGET_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export function isIngestHttpEvent(event: unknown): event is IngestHttpEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return (
    typeof e.httpMethod === 'string' && (e.headers === undefined || e.headers === null || typeof e.headers === 'object')
  );
}

function answer(statusCode: number, body: unknown): HttpAnswer {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

function failure(statusCode: number, code: string, message: string): HttpAnswer {
  return answer(statusCode, { ok: false, code, message });
}

function rawBodyOf(event: IngestHttpEvent): string {
  if (typeof event.body !== 'string') return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export async function handleIngestHttp(event: IngestHttpEvent, options: IngestHttpOptions = {}): Promise<HttpAnswer> {
  try {
    if (event.httpMethod.toUpperCase() !== 'POST') return failure(405, 'HTTP.METHOD_NOT_ALLOWED', '请使用 POST');
    const raw = rawBodyOf(event);
    const verified = await verifyIngestRequest(
      event.headers,
      raw,
      options.lookupSecret ?? ((s) => findSourceSecrets(s)),
      options.now ?? now(),
    );
    if (!verified.ok) return failure(401, verified.code, verified.message);
    const source = verified.source;

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      const reason = '请求体不是合法的 JSON';
      await deadLetter({ source, reason, code: ERROR_CODES.INPUT_INVALID, raw });
      return failure(400, ERROR_CODES.INPUT_INVALID, reason);
    }
    const envelope = parseEnvelope(body, source);
    if (!envelope.ok) {
      await deadLetter({ source, reason: envelope.reason, code: ERROR_CODES.INPUT_INVALID, raw });
      return failure(400, ERROR_CODES.INPUT_INVALID, envelope.reason);
    }
    const budget = options.budgetMs ?? budgetFromEnv();
    const deadline = budget === undefined ? undefined : now() + budget;
    const results = await applyEvents(source, envelope.batch.events, { deadline });
    const data: IngestBatchAnswer = { source, counts: countResults(results), results };
    return answer(200, { ok: true, data });
  } catch (e) {
    logFailure('ingest/events', e);
    return failure(500, ERROR_CODES.INTERNAL, '服务内部错误，请稍后重发（重发是安全的）');
  }
}
