/**
 * Mini-program customer-service message push (客服消息推送, JSON mode) → one inbound item.
 * WeChat has been seen sending `MsgId`/`CreateTime` both as numbers and as strings; both are
 * accepted. Unknown message types are kept as `event`-typed system items rather than dropped.
 */
import { idDigest } from '../id.digest';
import type { MessageType } from '../model';
import { asString, badPayload as bad } from './payload';
import { quoteValue } from './dead-letter.raw';

/** WeChat's openids are 28 characters and MsgIds about 20 digits: anything far longer is not a push. */
const MAX_ID_LENGTH = 128;

function boundedId(v: unknown, field: string): string {
  const s = asString(v) ?? bad(`缺少 ${field}`);
  if (s.length > MAX_ID_LENGTH) bad(`${field} 过长`);
  return s;
}

export interface InboundCustomerMessage {
  kind: 'message';
  sourceId: string;
  customerId: string;
  at: number;
  type: MessageType;
  /** Raw (unmasked) text: the caller masks it before anything is stored. */
  text: string;
  meta?: Record<string, unknown>;
}

export interface InboundSessionEvent {
  kind: 'event';
  /** Events have no MsgId: WeChat's retries are recognised by customer + CreateTime. */
  sourceId: string;
  customerId: string;
  at: number;
  event: string;
  meta?: Record<string, unknown>;
}

export type InboundItem = InboundCustomerMessage | InboundSessionEvent;

/** CreateTime is in seconds. */
function parseCreateTime(v: unknown): number {
  const s = asString(v);
  if (!s || !/^\d{9,11}$/.test(s)) bad(`CreateTime 无效: ${quoteValue(v)}`);
  return Number(s) * 1000;
}

export function isMpKfPush(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'MsgType' in body && 'FromUserName' in body;
}

export function parseMpKfPush(body: unknown): InboundItem {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) bad('推送内容不是 JSON 对象');
  const b = body as Record<string, unknown>;
  const customerId = boundedId(b.FromUserName, 'FromUserName');
  const msgType = boundedId(b.MsgType, 'MsgType');
  const at = parseCreateTime(b.CreateTime);

  if (msgType === 'event') {
    const event = boundedId(b.Event, 'Event');
    return {
      kind: 'event',
      // The Event value is the sender's: the id holds a digest of it, never the value itself.
      sourceId: `evt_${idDigest(customerId, String(at / 1000), event)}`,
      customerId,
      at,
      event,
      meta: b.SessionFrom !== undefined ? { sessionFrom: b.SessionFrom } : undefined,
    };
  }

  const msgId = boundedId(b.MsgId, 'MsgId');
  const base = { kind: 'message' as const, sourceId: `mp_${msgId}`, customerId, at };
  switch (msgType) {
    case 'text': {
      const content = typeof b.Content === 'string' ? b.Content : bad('文本消息缺少 Content');
      return { ...base, type: 'text', text: content };
    }
    case 'image':
      return { ...base, type: 'image', text: '[图片]', meta: { mediaId: b.MediaId, picUrl: b.PicUrl } };
    case 'miniprogrampage':
      return {
        ...base,
        type: 'card',
        text: `[小程序卡片] ${typeof b.Title === 'string' ? b.Title : ''}`.trim(),
        meta: { pagePath: b.PagePath, appId: b.AppId },
      };
    default:
      return { ...base, type: 'event', text: `[${msgType}]`, meta: { msgType } };
  }
}
