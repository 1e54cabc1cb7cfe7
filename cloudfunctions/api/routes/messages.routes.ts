import { randomUUID } from 'crypto';
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { Message } from '../../core/model';
import { maskPii } from '../../core/privacy/pii.mask';
import { audit } from '../../common/audit.log';
import { cloud } from '../../common/cloud';
import { storeMessage } from '../../common/message.store';
import { getSession } from '../../common/sessions.repository';
import type { Route } from '../router';
import { assertCanReply } from './scope';

/** WeChat's answers worth explaining to an agent in words. */
const SEND_ERRORS: Record<number, string> = {
  45015: '已超过 48 小时回复时限，无法再向该客户发送客服消息',
  45047: '客户未回复前最多连续发送 5 条消息',
  40003: '客户 openid 无效',
};

/**
 * An agent (or supervisor) answers the customer, in a session they may reply in (scope.ts:
 * `assertCanReply`); every reply, delivered or not, is audited. WeChat does not push what agents send, so
 * replies go through here: sent with `customerServiceMessage.send` and stored with their
 * delivery state, failed ones included.
 */
export const messagesReply: Route<'messages/reply'> = {
  params: z.object({ sessionId: z.string().min(1), text: z.string().trim().min(1).max(2000) }),
  async handle({ user, now }, p) {
    const session = await getSession(p.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    assertCanReply(user, session);
    if (session.status !== 'open') throw new DomainError(ERROR_CODES.INPUT_INVALID, '会话已结束，不能再回复');

    let delivery: Message['delivery'] = { status: 'sent' };
    try {
      await cloud.openapi.customerServiceMessage.send({
        touser: session.customerId,
        msgtype: 'text',
        text: { content: p.text },
      });
    } catch (e) {
      const errcode = Number((e as { errCode?: number }).errCode ?? -1);
      // WeChat's own errmsg (or a transport error's text) stays in the server log: it is not
      // written for the agent and may carry internal detail.
      if (!SEND_ERRORS[errcode]) console.error('[api] customerServiceMessage.send failed', errcode, e);
      delivery = { status: 'failed', errcode, errmsg: SEND_ERRORS[errcode] ?? '微信暂时无法发送这条消息' };
    }
    const masked = maskPii(p.text, user.role === 'agent' ? 'agent' : 'supervisor');
    const message: Omit<Message, 'sessionId'> = {
      _id: `reply_${randomUUID()}`,
      channel: session.channel,
      role: user.role === 'agent' ? 'agent' : 'supervisor',
      type: 'text',
      text: masked.text,
      at: now,
      customerId: session.customerId,
      ...(user.agentId ? { agentId: user.agentId } : {}),
      ...(masked.findings.length ? { pii: masked.findings } : {}),
      delivery,
    };
    const { sessionId } = await storeMessage(message);
    await audit({
      at: now,
      by: user._id,
      entity: 'message',
      entityId: message._id,
      action: 'reply',
      before: null,
      after: { text: message.text, delivery },
      refs: { sessionId },
    });
    if (delivery.status === 'failed') {
      throw new DomainError(ERROR_CODES.WECHAT_SEND_FAILED, `发送失败（${delivery.errcode}）：${delivery.errmsg}`);
    }
    return { message: { ...message, sessionId } };
  },
};
