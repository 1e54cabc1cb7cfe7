/**
 * WeCom customer service (微信客服): the callback and the `kf/sync_msg` items → inbound messages.
 *
 * The callback carries no message, only a short-lived `Token` that lets the receiver pull new
 * messages with `kf/sync_msg`. Each pulled item names who wrote it by `origin`: 3 the customer,
 * 5 an agent (接待人员, `servicer_userid`), 4 a system event. Numbers have been seen as strings on
 * WeChat's other channels, so every number here is accepted in both forms. Unknown message
 * types are kept as `event`-typed items (with the writer the origin says), never dropped.
 */
import type { Message, MessageRole, MessageType } from '../model';
import { asString, badPayload as bad } from './payload';
import { quoteValue } from './dead-letter.raw';

export interface WecomCallback {
  token: string;
  openKfId: string;
  /** Epoch ms. */
  createTime: number;
}

/**
 * One pulled message ready for the message store, except that `text` is still raw: the caller
 * masks it (`maskPii(text, role)`) before anything is stored. `meta` is not stored.
 */
export interface WecomInboundMessage extends Pick<
  Message,
  '_id' | 'role' | 'type' | 'text' | 'at' | 'customerId' | 'agentId'
> {
  channel: 'wecom-kf';
  meta: WecomMessageMeta;
}

export interface WecomMessageMeta {
  msgid: string;
  openKfId?: string;
  msgtype: string;
  origin: number | null;
  eventType?: string;
  /** Set when WeCom reports that the conversation was ended (session_status_change 3). */
  endsSession?: boolean;
  mediaId?: string;
  url?: string;
}

export const WECOM_ORIGIN = { customer: 3, system: 4, agent: 5 } as const;

function asInt(v: unknown): number | undefined {
  const s = asString(v);
  return s !== undefined && /^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Seconds since the epoch, 9 to 11 digits (2001..5138): anything else is not a WeChat time. */
function secondsToMs(v: unknown, field: string): number {
  const n = asInt(v);
  if (n === undefined || n < 1e8 || n >= 1e11) bad(`${field} 无效: ${quoteValue(v)}`);
  return n * 1000;
}

// ---------------------------------------------------------------------------------------------
// The callback

const CALLBACK_FIELDS = ['ToUserName', 'CreateTime', 'MsgType', 'Event', 'Token', 'OpenKfId'] as const;
type CallbackFields = Partial<Record<(typeof CALLBACK_FIELDS)[number], string>>;

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The value of `<name>` directly in the document: a CDATA section or plain text with the five
 * predefined entities. Deliberately tiny: no DTD, no external entities, no attributes, so a
 * hostile body can expand nothing; the callback's fields are flat and that is all it needs.
 */
function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1];
  return m[2].replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]).trim();
}

function looksLikeXml(s: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?<xml>[\s\S]*<\/xml>\s*$/.test(s);
}

/** The HTTP-trigger envelope of a cloud function (`{ body, isBase64Encoded }`) or the body itself. */
function unwrapBody(input: unknown): unknown {
  const env = asRecord(input);
  if (!env || typeof env.body !== 'string' || !('httpMethod' in env || 'isBase64Encoded' in env)) return input;
  if (env.isBase64Encoded !== true) return env.body;
  const atob = (globalThis as { atob?: (s: string) => string }).atob;
  if (!atob) bad('无法解码 base64 推送内容');
  try {
    const binary = atob(env.body);
    return decodeURIComponent(Array.from(binary, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return bad('推送内容不是有效的 base64/UTF-8');
  }
}

function callbackFields(input: unknown): CallbackFields | undefined {
  const body = unwrapBody(input);
  if (typeof body === 'string') {
    if (!looksLikeXml(body)) return undefined;
    const out: CallbackFields = {};
    for (const f of CALLBACK_FIELDS) {
      const v = xmlField(body, f);
      if (v !== undefined) out[f] = v;
    }
    return out;
  }
  const rec = asRecord(body);
  if (!rec) return undefined;
  const out: CallbackFields = {};
  for (const f of CALLBACK_FIELDS) {
    const v = asString(rec[f]);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

export interface WecomEnvelope {
  /** The `<Encrypt>` field of a real (encrypted) callback, or null for a plaintext one. */
  encrypted: string | null;
  /** The HTTP trigger's query string (`msg_signature`, `timestamp`, `nonce`, `echostr`). */
  query: Record<string, string>;
  httpMethod?: string;
}

/** What the transport layer around a callback says: encrypted or not, and how it was signed. */
export function wecomEnvelope(event: unknown): WecomEnvelope {
  const env = asRecord(event);
  const rawQuery = asRecord(env?.queryStringParameters) ?? {};
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawQuery)) if (typeof v === 'string') query[k] = v;
  const body = unwrapBody(event);
  const encrypted = typeof body === 'string' && looksLikeXml(body) ? (xmlField(body, 'Encrypt') ?? null) : null;
  const httpMethod = asString(env?.httpMethod);
  return { encrypted, query, ...(httpMethod ? { httpMethod } : {}) };
}

/**
 * A WeCom customer-service callback: plaintext (XML, JSON with the same fields), an encrypted
 * envelope (`<Encrypt>`, as WeCom really sends it), or the `GET` URL check with `echostr` -
 * directly or inside a cloud-function HTTP-trigger event.
 */
export function isWecomCallback(event: unknown): boolean {
  try {
    const envelope = wecomEnvelope(event);
    if (envelope.encrypted !== null || (envelope.query.echostr && envelope.query.msg_signature)) return true;
    const f = callbackFields(event);
    return f !== undefined && f.Event === 'kf_msg_or_event' && f.Token !== undefined;
  } catch {
    return false;
  }
}

export function parseWecomCallback(input: unknown): WecomCallback {
  const f = callbackFields(input) ?? bad('微信客服回调不是 XML 或 JSON 对象');
  if (f.Event !== undefined && f.Event !== 'kf_msg_or_event') bad(`不支持的微信客服事件: ${f.Event}`);
  const token = f.Token ?? bad('微信客服回调缺少 Token');
  const openKfId = f.OpenKfId ?? bad('微信客服回调缺少 OpenKfId');
  return { token, openKfId, createTime: secondsToMs(f.CreateTime, 'CreateTime') };
}

// ---------------------------------------------------------------------------------------------
// sync_msg items

const SESSION_CHANGES: Record<number, (oldId?: string, newId?: string) => string> = {
  1: (_o, n) => `[${n ?? '接待人员'} 从接待池接入会话]`,
  2: (o, n) => `[会话由 ${o ?? '接待人员'} 转接给 ${n ?? '接待人员'}]`,
  3: (o) => `[${o ?? '接待人员'} 结束了会话]`,
  4: (o, n) => `[${n ?? o ?? '接待人员'} 重新接入会话]`,
};

const SESSION_END = 3;

interface EventDescription {
  text: string;
  endsSession?: boolean;
}

function describeEvent(ev: Record<string, unknown>, eventType: string): EventDescription {
  switch (eventType) {
    case 'enter_session':
      return { text: '[客户进入会话]' };
    case 'session_status_change': {
      const change = asInt(ev.change_type);
      const describe = change !== undefined ? SESSION_CHANGES[change] : undefined;
      const text = describe
        ? describe(asString(ev.old_servicer_userid), asString(ev.new_servicer_userid))
        : `[会话状态变更 ${asString(ev.change_type) ?? '未知'}]`;
      return { text, endsSession: change === SESSION_END };
    }
    case 'msg_send_fail':
      return { text: '[消息发送失败]' };
    case 'user_recall_msg':
      return { text: '[客户撤回了一条消息]' };
    case 'servicer_recall_msg':
      return { text: '[接待人员撤回了一条消息]' };
    case 'reject_customer_msg_switch_change':
      return { text: asInt(ev.reject_switch) === 1 ? '[接待人员拒收客户消息]' : '[接待人员恢复接收客户消息]' };
    default:
      return { text: `[事件 ${eventType}]` };
  }
}

function roleOf(origin: number | undefined): MessageRole {
  if (origin === WECOM_ORIGIN.customer) return 'customer';
  if (origin === WECOM_ORIGIN.agent) return 'agent';
  return 'system';
}

interface Content {
  type: MessageType;
  text: string;
  mediaId?: string;
  url?: string;
}

function titled(label: string, title: unknown): string {
  const t = asString(title);
  return t ? `[${label}] ${t}` : `[${label}]`;
}

function contentOf(msgtype: string, item: Record<string, unknown>): Content {
  const body = asRecord(item[msgtype]) ?? {};
  const mediaId = asString(body.media_id);
  switch (msgtype) {
    case 'text':
      return { type: 'text', text: typeof body.content === 'string' ? body.content : bad('文本消息缺少 text.content') };
    case 'image':
      return { type: 'image', text: '[图片]', mediaId };
    case 'voice':
      return { type: 'voice', text: '[语音]', mediaId };
    case 'video':
      return { type: 'card', text: '[视频]', mediaId };
    case 'file':
      return { type: 'card', text: '[文件]', mediaId };
    case 'link':
      return { type: 'card', text: titled('链接', body.title), url: asString(body.url) };
    case 'miniprogram':
      return { type: 'card', text: titled('小程序卡片', body.title) };
    case 'location':
      return { type: 'card', text: titled('位置', body.name ?? body.address) };
    case 'business_card':
      return { type: 'card', text: '[名片]' };
    case 'msgmenu': {
      // A menu an agent sent is words the customer reads: score it as text.
      const items = Array.isArray(body.list) ? body.list : [];
      const lines = items
        .map((entry) => {
          const e = asRecord(entry) ?? {};
          const kind = asString(e.type);
          const inner = kind ? asRecord(e[kind]) : undefined;
          return asString(inner?.content);
        })
        .filter((s): s is string => s !== undefined);
      const text = [asString(body.head_content), ...lines, asString(body.tail_content)].filter(Boolean).join('\n');
      return { type: 'text', text: text || '[菜单消息]' };
    }
    default:
      return { type: 'event', text: `[${msgtype}]` };
  }
}

/**
 * One `msg_list` item → an inbound message, or `null` for an event that concerns no customer
 * (e.g. `servicer_status_change`, an agent going on or off duty): it belongs to no conversation.
 */
export function mapSyncMessage(input: unknown): WecomInboundMessage | null {
  const item = asRecord(input) ?? bad('sync_msg 条目不是对象');
  const msgid = asString(item.msgid) ?? bad('sync_msg 条目缺少 msgid');
  const msgtype = asString(item.msgtype) ?? bad(`消息 ${msgid} 缺少 msgtype`);
  const at = secondsToMs(item.send_time, `消息 ${msgid} 的 send_time`);
  const origin = asInt(item.origin);
  const openKfId = asString(item.open_kfid);
  const base = { _id: `wk_${msgid}`, channel: 'wecom-kf' as const, at };

  if (msgtype === 'event') {
    const ev = asRecord(item.event) ?? bad(`事件 ${msgid} 缺少 event`);
    const eventType = asString(ev.event_type) ?? bad(`事件 ${msgid} 缺少 event_type`);
    // Events carry the customer inside `event`; some payloads repeat it at the top level.
    const customerId = asString(ev.external_userid) ?? asString(item.external_userid);
    if (!customerId) return null;
    const { text, endsSession } = describeEvent(ev, eventType);
    return {
      ...base,
      role: 'system',
      type: 'event',
      text,
      customerId,
      meta: {
        msgid,
        openKfId: openKfId ?? asString(ev.open_kfid),
        msgtype,
        origin: origin ?? null,
        eventType,
        ...(endsSession ? { endsSession } : {}),
      },
    };
  }

  const customerId = asString(item.external_userid) ?? bad(`消息 ${msgid} 缺少 external_userid`);
  const role = roleOf(origin);
  const agentId = role === 'agent' ? asString(item.servicer_userid) : undefined;
  const { type, text, mediaId, url } = contentOf(msgtype, item);
  return {
    ...base,
    role,
    type,
    text,
    customerId,
    ...(agentId ? { agentId } : {}),
    meta: {
      msgid,
      openKfId,
      msgtype,
      origin: origin ?? null,
      ...(mediaId ? { mediaId } : {}),
      ...(url ? { url } : {}),
    },
  };
}
