/**
 * The generic ingest API's input: `{ source, events: [...] }`, one event per `kind`.
 *
 * Validation is per event, so one bad event never sinks its batch. Within an event, fields are
 * of two sorts:
 *   - fields that say what happened and to whom (ids, times, role, text, channel, op, segments)
 *     are strict: a bad one rejects the event, since guessing would file it in the wrong place;
 *   - descriptive fields (message `type`, `sessionKey`, a segment's `confidence`, each of the
 *     rating's scores) are lenient: a bad one is dropped with a warning and the rest is kept,
 *     so valid input is never rejected because of an unrelated bad field.
 * Unknown fields are ignored. Reasons are Chinese: they reach integrators and the dead-letter view.
 */
import { z } from 'zod';
import type { Channel, MessageRole, MessageType, Rating } from '../model';

export const MAX_EVENTS_PER_BATCH = 500;
export const MAX_CALL_SEGMENTS = 2000;
export const MAX_TEXT_LENGTH = 10_000;
/** Epoch milliseconds below this (2001-09-09) are almost surely seconds sent by mistake. */
export const MIN_EPOCH_MS = 1_000_000_000_000;

export const EVENT_KINDS = ['message', 'rating', 'agent-op', 'call'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const AGENT_OPS = ['accept', 'transfer', 'close', 'note'] as const;
export type AgentOp = (typeof AGENT_OPS)[number];

const CHANNELS = ['mp-kf', 'wecom-kf', 'api', 'import', 'call'] as const satisfies readonly Channel[];
const MESSAGE_ROLES = ['customer', 'agent', 'system', 'supervisor'] as const satisfies readonly MessageRole[];
const MESSAGE_TYPES = ['text', 'image', 'voice', 'card', 'event'] as const satisfies readonly MessageType[];
/** Where the source does not say: the generic API's own channel. */
export const DEFAULT_EVENT_CHANNEL: Channel = 'api';

export interface EventWarning {
  field: string;
  reason: string;
}

interface EventBase {
  /** The source's event id: with the source, the idempotency key. */
  id: string;
  /** Epoch ms. */
  at: number;
}

export interface MessageEvent extends EventBase {
  kind: 'message';
  channel: Channel;
  customerId: string;
  agentId?: string;
  role: MessageRole;
  /** Raw text: masked before anything is stored. */
  text: string;
  type: MessageType;
  sessionKey?: string;
}

export interface RatingEvent extends EventBase {
  kind: 'rating';
  customerId: string;
  /** Absent: the customer's latest session in any channel. */
  channel?: Channel;
  rating: Rating;
}

export interface AgentOpEvent extends EventBase {
  kind: 'agent-op';
  op: AgentOp;
  customerId: string;
  channel: Channel;
  agentId: string;
  /** Set for `transfer`. */
  toAgentId?: string;
  /** Set for `note`. */
  note?: string;
}

export interface CallSegment {
  speaker: 'agent' | 'customer';
  startMs: number;
  endMs: number;
  text: string;
  /** ASR confidence, 0..1. */
  confidence?: number;
}

export interface CallEvent extends EventBase {
  kind: 'call';
  callId: string;
  agentId: string;
  customerId: string;
  startedAt: number;
  endedAt: number;
  segments: CallSegment[];
}

export type IngestEvent = MessageEvent | RatingEvent | AgentOpEvent | CallEvent;

export type EventParse =
  | { ok: true; event: IngestEvent; warnings: EventWarning[] }
  | { ok: false; id?: string; kind?: string; reason: string };

export interface BatchEnvelope {
  source: string;
  events: unknown[];
}

// No `_` in a source id: it delimits source and event id in `ev_<source>_<id>`, which must not collide.
const SOURCE_RE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
// Event ids become part of document ids: keep them to characters every store accepts.
const EVENT_ID_RE = /^[A-Za-z0-9_.:@-]{1,128}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * ISO-8601 with a zone, or epoch milliseconds (number or digit string). A zone is required:
 * a zoneless time would be read in the server's zone, eight hours off for a China-based source.
 */
export function toEpochMs(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= MIN_EPOCH_MS ? v : null;
  if (typeof v !== 'string') return null;
  if (/^\d+$/.test(v)) return toEpochMs(Number(v));
  if (!ISO_RE.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= MIN_EPOCH_MS ? ms : null;
}

const instant = z.unknown().transform((v, ctx) => {
  const ms = toEpochMs(v);
  if (ms === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: '时间应为带时区的 ISO-8601 字符串或毫秒时间戳' });
    return z.NEVER;
  }
  return ms;
});

/** Ids may arrive as numbers (as WeChat's do); they are kept as strings. */
const idString = z
  .union([z.string(), z.number().int().nonnegative()], {
    errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? '缺少此字段' : '应为非空字符串' }),
  })
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, '不能为空').max(128, '不能超过 128 个字符'));

const channel = z.enum(CHANNELS, { errorMap: () => ({ message: `应为 ${CHANNELS.join('|')} 之一` }) });
// Message text of any length is accepted and stored cut to MESSAGE_TEXT_LIMIT (text.cap.ts; the
// whole goes to a dead letter); the request body limit bounds it. Notes stay capped at MAX_TEXT_LENGTH.
const text = z.string({ message: '应为字符串' });
const nonNegativeMs = z.number({ message: '应为毫秒数' }).int('应为整数毫秒').nonnegative('不能为负数');

const messageStrict = z.object({
  at: instant,
  channel: channel.optional(),
  customerId: idString,
  agentId: idString.optional(),
  role: z.enum(MESSAGE_ROLES, { errorMap: () => ({ message: `应为 ${MESSAGE_ROLES.join('|')} 之一` }) }),
  text,
});

const ratingStrict = z.object({ at: instant, customerId: idString, channel: channel.optional() });

const agentOpStrict = z
  .object({
    at: instant,
    op: z.enum(AGENT_OPS, { errorMap: () => ({ message: `应为 ${AGENT_OPS.join('|')} 之一` }) }),
    customerId: idString,
    channel: channel.optional(),
    agentId: idString,
    toAgentId: z.unknown(),
    note: z.unknown(),
  })
  .superRefine((o, ctx) => {
    if (o.op === 'transfer' && !idString.safeParse(o.toAgentId).success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['toAgentId'], message: '转接必须给出接手客服 toAgentId' });
    }
    if (o.op === 'note' && !(typeof o.note === 'string' && o.note.trim() && o.note.length <= MAX_TEXT_LENGTH)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['note'], message: '备注必须给出非空的 note 文本' });
    }
  });

const segmentStrict = z
  .object({
    speaker: z.enum(['agent', 'customer'], { errorMap: () => ({ message: '应为 agent|customer 之一' }) }),
    startMs: nonNegativeMs,
    endMs: nonNegativeMs,
    text,
  })
  .refine((s) => s.endMs >= s.startMs, { message: '结束时间早于开始时间', path: ['endMs'] });

const callStrict = z
  .object({
    callId: idString,
    agentId: idString,
    customerId: idString,
    startedAt: instant,
    endedAt: instant,
    segments: z
      .array(z.unknown(), { message: '应为数组' })
      .min(1, '通话至少要有一段转写')
      .max(MAX_CALL_SEGMENTS, `转写段数不能超过 ${MAX_CALL_SEGMENTS}`),
  })
  .refine((c) => c.endedAt >= c.startedAt, { message: '通话结束时间早于开始时间', path: ['endedAt'] });

const confidence = z.number().min(0).max(1);

function describe(issues: z.ZodIssue[], prefix = ''): string {
  return issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      const message = i.code === z.ZodIssueCode.invalid_type && i.received === 'undefined' ? '缺少此字段' : i.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** A lenient field: kept when valid, dropped with a warning when present but bad. */
function lenient<T>(
  raw: Record<string, unknown>,
  field: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  warnings: EventWarning[],
  reason: string,
  path = field,
): T | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  warnings.push({ field: path, reason });
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type KindParse = { ok: true; event: IngestEvent } | { ok: false; reason: string };

function parseMessage(id: string, raw: Record<string, unknown>, warnings: EventWarning[]): KindParse {
  const r = messageStrict.safeParse(raw);
  if (!r.success) return { ok: false, reason: describe(r.error.issues) };
  const type = lenient(raw, 'type', z.enum(MESSAGE_TYPES), warnings, `未知消息类型，按 text 处理`) ?? 'text';
  const sessionKey = lenient(raw, 'sessionKey', idString, warnings, 'sessionKey 无效，已忽略');
  const { at, customerId, agentId, role, text: body } = r.data;
  return {
    ok: true,
    event: {
      kind: 'message',
      id,
      at,
      channel: r.data.channel ?? DEFAULT_EVENT_CHANNEL,
      customerId,
      ...(agentId ? { agentId } : {}),
      role,
      text: body,
      type,
      ...(sessionKey ? { sessionKey } : {}),
    },
  };
}

function parseRating(id: string, raw: Record<string, unknown>, warnings: EventWarning[]): KindParse {
  const r = ratingStrict.safeParse(raw);
  if (!r.success) return { ok: false, reason: describe(r.error.issues) };
  const rating: Rating = {};
  const csat = lenient(raw, 'csat', z.number().int().min(1).max(5), warnings, 'CSAT 应为 1-5 的整数，已忽略');
  const nps = lenient(raw, 'nps', z.number().int().min(0).max(10), warnings, 'NPS 应为 0-10 的整数，已忽略');
  const resolved = lenient(raw, 'resolved', z.boolean(), warnings, 'resolved 应为 true/false，已忽略');
  if (csat !== undefined) rating.csat = csat;
  if (nps !== undefined) rating.nps = nps;
  if (resolved !== undefined) rating.resolved = resolved;
  if (Object.keys(rating).length === 0) {
    const detail = warnings.map((w) => w.reason).join('; ');
    return { ok: false, reason: `评价中没有有效的 csat、nps 或 resolved${detail ? `（${detail}）` : ''}` };
  }
  const { at, customerId, channel: ch } = r.data;
  return { ok: true, event: { kind: 'rating', id, at, customerId, ...(ch ? { channel: ch } : {}), rating } };
}

function parseAgentOp(id: string, raw: Record<string, unknown>): KindParse {
  const r = agentOpStrict.safeParse(raw);
  if (!r.success) return { ok: false, reason: describe(r.error.issues) };
  const { at, op, customerId, agentId } = r.data;
  const event: AgentOpEvent = {
    kind: 'agent-op',
    id,
    at,
    op,
    customerId,
    channel: r.data.channel ?? DEFAULT_EVENT_CHANNEL,
    agentId,
  };
  // Only the field the op uses is kept: a stray `note` on an accept is not an error.
  if (op === 'transfer') event.toAgentId = idString.parse(r.data.toAgentId);
  if (op === 'note') event.note = String(r.data.note);
  return { ok: true, event };
}

function parseCall(id: string, raw: Record<string, unknown>, warnings: EventWarning[]): KindParse {
  const r = callStrict.safeParse(raw);
  if (!r.success) return { ok: false, reason: describe(r.error.issues) };
  const segments: CallSegment[] = [];
  for (const [i, rawSegment] of r.data.segments.entries()) {
    if (!isRecord(rawSegment)) return { ok: false, reason: `segments.${i}: 应为对象` };
    const s = segmentStrict.safeParse(rawSegment);
    if (!s.success) return { ok: false, reason: describe(s.error.issues, `segments.${i}`) };
    const conf = lenient(
      rawSegment,
      'confidence',
      confidence,
      warnings,
      '置信度应为 0-1 的数，已忽略',
      `segments.${i}.confidence`,
    );
    segments.push({ ...s.data, ...(conf !== undefined ? { confidence: conf } : {}) });
  }
  const { callId, agentId, customerId, startedAt, endedAt } = r.data;
  const at = lenient(raw, 'at', instant, warnings, '时间无效，按通话开始时间处理') ?? startedAt;
  return { ok: true, event: { kind: 'call', id, at, callId, agentId, customerId, startedAt, endedAt, segments } };
}

/** One event of a batch: the typed event with its warnings, or why it was rejected. */
export function parseEvent(raw: unknown): EventParse {
  if (!isRecord(raw)) return { ok: false, reason: '事件应为 JSON 对象' };
  const idResult = idString.safeParse(raw.id);
  const id = idResult.success && EVENT_ID_RE.test(idResult.data) ? idResult.data : undefined;
  const kind = typeof raw.kind === 'string' ? raw.kind : undefined;
  if (!id) return { ok: false, kind, reason: 'id: 缺少事件 id，或含字母、数字、_.:@- 以外的字符（最长 128）' };
  if (!kind || !(EVENT_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, id, kind, reason: `kind: 应为 ${EVENT_KINDS.join('|')} 之一` };
  }
  const warnings: EventWarning[] = [];
  const r =
    kind === 'message'
      ? parseMessage(id, raw, warnings)
      : kind === 'rating'
        ? parseRating(id, raw, warnings)
        : kind === 'agent-op'
          ? parseAgentOp(id, raw)
          : parseCall(id, raw, warnings);
  return r.ok ? { ok: true, event: r.event, warnings } : { ok: false, id, kind, reason: r.reason };
}

/**
 * The batch around the events. `signedSource` is the source the request was signed for: a body
 * naming another source is refused, so one source's secret can never write as another.
 */
export function parseEnvelope(
  body: unknown,
  signedSource?: string,
): { ok: true; batch: BatchEnvelope } | { ok: false; reason: string } {
  if (!isRecord(body)) return { ok: false, reason: '请求体应为 JSON 对象 { source, events }' };
  const source = body.source ?? signedSource;
  if (typeof source !== 'string' || !SOURCE_RE.test(source)) {
    return { ok: false, reason: 'source: 应为 1-64 位字母、数字、. 或 - 组成的来源标识' };
  }
  if (signedSource !== undefined && source !== signedSource) {
    return { ok: false, reason: `source: 请求体中的来源 ${source} 与签名来源 ${signedSource} 不一致` };
  }
  if (!Array.isArray(body.events)) return { ok: false, reason: 'events: 应为数组' };
  if (body.events.length > MAX_EVENTS_PER_BATCH) {
    return { ok: false, reason: `events: 一次最多 ${MAX_EVENTS_PER_BATCH} 个事件，收到 ${body.events.length} 个` };
  }
  return { ok: true, batch: { source, events: body.events } };
}

/** The document id an event is stored (or recorded) under. */
export function eventDocId(source: string, eventId: string): string {
  return `ev_${source}_${eventId}`;
}
