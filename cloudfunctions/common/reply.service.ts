/**
 * An agent's (or supervisor's) reply to the customer of a session. WeChat does not push what
 * agents send, so replies go through here: sent with `customerServiceMessage.send`, then stored
 * masked with their delivery state, failed ones included (the conversation shows what was tried).
 * Who may reply where is the api layer's question (api/routes/scope.ts), asked before this.
 */
import { randomUUID } from 'crypto';
import { DomainError, ERROR_CODES } from '../core/errors';
import type { Message, Session, User } from '../core/model';
import { maskPii } from '../core/privacy/pii.mask';
import { cloud } from './cloud';
import { storeMessage } from './message.store';
import { logFailure } from './log';

/** WeChat's answers worth explaining to an agent in words. */
const SEND_ERRORS: Record<number, string> = {
  45015: '已超过 48 小时回复时限，无法再向该客户发送客服消息',
  45047: '客户未回复前最多连续发送 5 条消息',
  40003: '客户 openid 无效',
  // Images and mini-program cards (issue 16, agent-notices): uploadTempMedia's and send's refusals.
  40004: '图片类型不被微信接受，请发送 JPG 或 PNG 图片',
  40005: '图片文件类型不被微信接受，请发送 JPG 或 PNG 图片',
  40006: '图片太大，微信不接受（请小于 2MB）',
  40007: '图片已失效，请重新发送',
  45002: '消息内容过长',
  47001: '卡片参数格式不正确',
};

type Delivery = NonNullable<Message['delivery']>;

/** What `customerServiceMessage.send` takes besides `touser`. */
export type SendPayload =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'miniprogrampage'; miniprogrampage: { title: string; pagepath: string; thumb_media_id: string } };

export function failedDelivery(e: unknown, where: string): Delivery {
  const errcode = Number((e as { errCode?: number }).errCode ?? -1);
  if (!SEND_ERRORS[errcode]) logFailure(where, e, { errcode });
  return { status: 'failed', errcode, errmsg: SEND_ERRORS[errcode] ?? '微信暂时无法发送这条消息' };
}

async function sendPayload(customerId: string, payload: SendPayload): Promise<Delivery> {
  try {
    await cloud.openapi.customerServiceMessage.send({ touser: customerId, ...payload });
    return { status: 'sent' };
  } catch (e) {
    return failedDelivery(e, 'api/customerServiceMessage.send');
  }
}

async function send(customerId: string, text: string): Promise<Delivery> {
  try {
    await cloud.openapi.customerServiceMessage.send({ touser: customerId, msgtype: 'text', text: { content: text } });
    return { status: 'sent' };
  } catch (e) {
    const errcode = Number((e as { errCode?: number }).errCode ?? -1);
    // WeChat's own errmsg (or a transport error's text) stays in the server log: it is not
    // written for the agent and may carry internal detail.
    if (!SEND_ERRORS[errcode]) logFailure('api/customerServiceMessage.send', e, { errcode });
    return { status: 'failed', errcode, errmsg: SEND_ERRORS[errcode] ?? '微信暂时无法发送这条消息' };
  }
}

/** Sends `text` to the session's customer and stores it (masked) with how delivery went. */
export async function replyToCustomer(
  session: Session,
  user: User,
  text: string,
  now: number,
): Promise<{ message: Message; delivery: Delivery }> {
  if (session.status !== 'open') throw new DomainError(ERROR_CODES.INPUT_INVALID, '会话已结束，不能再回复');
  const delivery = await send(session.customerId, text);
  const role = user.role === 'agent' ? 'agent' : 'supervisor';
  const masked = maskPii(text, role);
  const message: Omit<Message, 'sessionId'> = {
    _id: `reply_${randomUUID()}`,
    channel: session.channel,
    role,
    type: 'text',
    text: masked.text,
    at: now,
    customerId: session.customerId,
    ...(user.agentId ? { agentId: user.agentId } : {}),
    ...(masked.findings.length ? { pii: masked.findings } : {}),
    delivery,
  };
  const { sessionId } = await storeMessage(message);
  return { message: { ...message, sessionId }, delivery };
}

/**
 * An image or mini-program card (issue 16, agent-notices): the image (or the card's thumbnail)
 * is uploaded with `customerServiceMessage.uploadTempMedia`, then sent by its media id; the
 * message is stored with its type and what WeChat was given (`attachment`), failed ones too.
 */
export type MediaReply =
  | { kind: 'image'; image: Buffer; contentType: string }
  | { kind: 'card'; title: string; pagePath: string; thumb: Buffer; contentType: string };

async function upload(image: Buffer, contentType: string): Promise<{ mediaId: string } | { failed: Delivery }> {
  try {
    const res = (await cloud.openapi.customerServiceMessage.uploadTempMedia({
      type: 'image',
      media: { contentType, value: image },
    })) as { mediaId?: string; media_id?: string };
    const mediaId = res.mediaId ?? res.media_id;
    if (!mediaId) return { failed: { status: 'failed', errcode: -1, errmsg: '微信没有返回图片编号，请重新发送' } };
    return { mediaId };
  } catch (e) {
    return { failed: failedDelivery(e, 'api/customerServiceMessage.uploadTempMedia') };
  }
}

export async function replyMediaToCustomer(
  session: Session,
  user: User,
  media: MediaReply,
  now: number,
): Promise<{ message: Message; delivery: Delivery }> {
  if (session.status !== 'open') throw new DomainError(ERROR_CODES.INPUT_INVALID, '会话已结束，不能再回复');
  const uploaded = await upload(media.kind === 'image' ? media.image : media.thumb, media.contentType);
  const mediaId = 'mediaId' in uploaded ? uploaded.mediaId : undefined;
  let delivery: Delivery;
  if (!mediaId) delivery = (uploaded as { failed: Delivery }).failed;
  else if (media.kind === 'image')
    delivery = await sendPayload(session.customerId, { msgtype: 'image', image: { media_id: mediaId } });
  else
    delivery = await sendPayload(session.customerId, {
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: media.title, pagepath: media.pagePath, thumb_media_id: mediaId },
    });
  const role = user.role === 'agent' ? 'agent' : 'supervisor';
  const title = media.kind === 'card' ? maskPii(media.title, role).text : '';
  const message: Omit<Message, 'sessionId'> = {
    _id: `reply_${randomUUID()}`,
    channel: session.channel,
    role,
    type: media.kind === 'image' ? 'image' : 'card',
    text: media.kind === 'image' ? '[图片]' : `[小程序卡片] ${title}`,
    at: now,
    customerId: session.customerId,
    ...(user.agentId ? { agentId: user.agentId } : {}),
    attachment:
      media.kind === 'image'
        ? { kind: 'image', bytes: media.image.length, ...(mediaId ? { mediaId } : {}) }
        : { kind: 'card', title, pagePath: media.pagePath, ...(mediaId ? { thumbMediaId: mediaId } : {}) },
    delivery,
  };
  const { sessionId } = await storeMessage(message);
  return { message: { ...message, sessionId }, delivery };
}
