/**
 * One conversation record (a JSONL line of the import and scoring CLIs, or a CSV conversation)
 * → a clean `Conversation`. Required fields that are wrong reject the record with a reason;
 * optional fields that are wrong are dropped and reported, so valid data is never lost because
 * of an unrelated bad field. Text is NOT masked here: callers mask before storing or scoring.
 *
 * Format: {"id","channel","agentId","customerId","startedAt"?,"messages":[{"role","at","text",
 * "type"?}],"rating"?:{"csat","nps","resolved"},"tags"?:{"issueType","businessLine"},"partial"?}
 * (`partial: true`: a fragment, so opening and closing rules are not judged on it)
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { Conversation, ConversationMessage, MessageRole, MessageType, Rating } from '../model';
import { quoteValue } from './dead-letter.raw';

export interface ParsedConversation {
  conversation: Conversation;
  /** What was repaired or dropped, in words (for the cleaning report). */
  normalised: string[];
}

const ROLE_ALIASES: Record<string, MessageRole> = {
  customer: 'customer',
  user: 'customer',
  client: 'customer',
  客户: 'customer',
  用户: 'customer',
  agent: 'agent',
  staff: 'agent',
  kf: 'agent',
  servicer: 'agent',
  客服: 'agent',
  坐席: 'agent',
  system: 'system',
  系统: 'system',
  supervisor: 'supervisor',
  主管: 'supervisor',
};

const TYPES: readonly MessageType[] = ['text', 'image', 'voice', 'card', 'event'];

function reject(reason: string): never {
  throw new DomainError(ERROR_CODES.INPUT_INVALID, reason);
}

/** ISO-8601, epoch seconds or epoch milliseconds (number or digit string) → epoch ms. */
export function parseInstant(v: unknown): { ms: number; normalised: boolean } | null {
  const parsed = parseAnyInstant(v);
  // A time no conversation can have (year 1, year 275760) is not a time: it breaks every date
  // computation after it (found by `npm run fuzz`: a day key of year −1,960 threw).
  return parsed && parsed.ms >= EARLIEST_INSTANT && parsed.ms < LATEST_INSTANT ? parsed : null;
}

/** The times a conversation record may carry: 2000-01-01 to 2100-01-01 (UTC). */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);

function parseAnyInstant(v: unknown): { ms: number; normalised: boolean } | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v < 1e11
      ? { ms: Math.round(v * 1000), normalised: true }
      : { ms: Math.round(v), normalised: v !== Math.round(v) };
  }
  if (typeof v !== 'string' || v.trim() === '') return null;
  const s = v.trim();
  if (/^\d{9,13}$/.test(s)) return { ms: parseAnyInstant(Number(s))!.ms, normalised: true };
  // "2026-11-23 10:00:00" (no zone) is read as China time, the customer-service systems' default.
  const local = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  const ms = Date.parse(local ? `${s.replace(' ', 'T')}+08:00` : s);
  return Number.isFinite(ms) ? { ms, normalised: local } : null;
}

/** Ids end up in document ids and queries: bounded, like the signed API's. */
export const MAX_RECORD_ID_LENGTH = 128;
/** More messages than any conversation has: a bound on what one import may write. */
export const MAX_RECORD_MESSAGES = 5_000;

function boundedId(v: unknown, field: string): string | undefined {
  const s = str(v);
  if (s !== undefined && s.length > MAX_RECORD_ID_LENGTH) reject(`${field} 超过 ${MAX_RECORD_ID_LENGTH} 个字符`);
  return s;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function parseRating(v: unknown, notes: string[]): Rating | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    notes.push('rating 不是对象，已忽略');
    return undefined;
  }
  const r = v as Record<string, unknown>;
  const out: Rating = {};
  const csat = Number(r.csat);
  if (r.csat !== undefined && r.csat !== null && r.csat !== '') {
    if (Number.isInteger(csat) && csat >= 1 && csat <= 5) out.csat = csat;
    else notes.push(`rating.csat=${quoteValue(r.csat)} 超出 1-5，已忽略`);
  }
  const nps = Number(r.nps);
  if (r.nps !== undefined && r.nps !== null && r.nps !== '') {
    if (Number.isInteger(nps) && nps >= 0 && nps <= 10) out.nps = nps;
    else notes.push(`rating.nps=${quoteValue(r.nps)} 超出 0-10，已忽略`);
  }
  if (r.resolved !== undefined && r.resolved !== null && r.resolved !== '') {
    const yes = [true, 'true', 'yes', 'y', '1', 1, '是', '已解决'];
    const no = [false, 'false', 'no', 'n', '0', 0, '否', '未解决'];
    if (yes.includes(r.resolved as never)) out.resolved = true;
    else if (no.includes(r.resolved as never)) out.resolved = false;
    else notes.push(`rating.resolved=${quoteValue(r.resolved)} 无法识别，已忽略`);
    if (typeof r.resolved !== 'boolean' && out.resolved !== undefined) notes.push('rating.resolved 已规范为布尔值');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function parseMessage(v: unknown, i: number, notes: string[]): ConversationMessage {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) reject(`messages[${i}] 不是对象`);
  const m = v as Record<string, unknown>;
  const rawRole = str(m.role)?.toLowerCase();
  const role = rawRole ? ROLE_ALIASES[rawRole] : undefined;
  if (!role) reject(`messages[${i}].role=${quoteValue(m.role)} 不是 customer/agent/system`);
  if (rawRole !== role) notes.push(`messages[${i}].role「${String(m.role)}」规范为 ${role}`);
  const at = parseInstant(m.at);
  if (!at) reject(`messages[${i}].at=${quoteValue(m.at)} 不是有效时间`);
  if (at.normalised) notes.push(`messages[${i}].at 已规范为毫秒时间戳`);
  let type: MessageType = 'text';
  if (m.type !== undefined) {
    if (TYPES.includes(m.type as MessageType)) type = m.type as MessageType;
    else notes.push(`messages[${i}].type=${quoteValue(m.type)} 未知，按 text 处理`);
  }
  if (typeof m.text !== 'string') reject(`messages[${i}].text 缺失`);
  const text = m.text.trim();
  if (text !== m.text) notes.push(`messages[${i}].text 去除首尾空白`);
  if (text === '' && type === 'text') reject(`messages[${i}].text 为空`);
  const agentId = boundedId(m.agentId, `messages[${i}].agentId`);
  return { role, at: at.ms, text, ...(type !== 'text' ? { type } : { type: 'text' }), ...(agentId ? { agentId } : {}) };
}

export function parseConversationRecord(v: unknown): ParsedConversation {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) reject('不是 JSON 对象');
  const r = v as Record<string, unknown>;
  const notes: string[] = [];
  const id = boundedId(r.id, 'id') ?? reject('缺少 id');
  const customerId = boundedId(r.customerId, 'customerId') ?? reject('缺少 customerId');
  const channel = boundedId(r.channel, 'channel') ?? 'import';
  if (!str(r.channel)) notes.push('channel 缺失，记为 import');
  if (!Array.isArray(r.messages) || r.messages.length === 0) reject('messages 必须是非空数组');
  if (r.messages.length > MAX_RECORD_MESSAGES) reject(`messages 超过 ${MAX_RECORD_MESSAGES} 条`);
  // Array.from, not map: map skips the holes of a sparse array (`[a, , b]`), which would pass
  // unchecked and break the import (found by `npm run fuzz`).
  const messages = Array.from(r.messages as unknown[], (m, i) => parseMessage(m, i, notes));
  const sorted = [...messages].sort((a, b) => a.at - b.at);
  if (sorted.some((m, i) => m !== messages[i])) notes.push('messages 按时间重新排序');
  let startedAt: number | undefined;
  if (r.startedAt !== undefined) {
    const s = parseInstant(r.startedAt);
    if (s) startedAt = Math.min(s.ms, sorted[0].at);
    else notes.push(`startedAt=${quoteValue(r.startedAt)} 无效，已忽略`);
  }
  const rating = parseRating(r.rating, notes);
  const tags =
    typeof r.tags === 'object' && r.tags !== null
      ? {
          issueType: boundedId((r.tags as Record<string, unknown>).issueType, 'tags.issueType'),
          businessLine: boundedId((r.tags as Record<string, unknown>).businessLine, 'tags.businessLine'),
        }
      : undefined;
  const agentId = boundedId(r.agentId, 'agentId');
  if (r.partial !== undefined && typeof r.partial !== 'boolean')
    notes.push(`partial=${quoteValue(r.partial)} 不是布尔值，已忽略`);
  const partial = r.partial === true;
  return {
    conversation: {
      id,
      channel,
      customerId,
      ...(agentId ? { agentId } : {}),
      ...(startedAt !== undefined ? { startedAt } : {}),
      messages: sorted,
      ...(rating ? { rating } : {}),
      ...(tags && (tags.issueType || tags.businessLine) ? { tags } : {}),
      ...(partial ? { partial } : {}),
    },
    normalised: notes,
  };
}

/** A JSONL line: JSON syntax errors become the same clear rejection as bad fields. */
export function parseConversationLine(line: string): ParsedConversation {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    reject(`JSON 语法错误: ${(e as Error).message}`);
  }
  return parseConversationRecord(v);
}
