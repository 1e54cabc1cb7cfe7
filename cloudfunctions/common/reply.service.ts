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
};

type Delivery = NonNullable<Message['delivery']>;

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
