import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { audit } from '../../common/audit.log';
import { replyToCustomer } from '../../common/reply.service';
import { getSession } from '../../common/sessions.repository';
import { route } from '../router';
import { assertCanReply } from './scope';

/**
 * An agent (or supervisor) answers the customer, in a session they may reply in (scope.ts:
 * `assertCanReply`); sending and storing is common/reply.service.ts. Every reply, delivered or
 * not, is audited; a failed one is then reported to the caller with WeChat's reason in words.
 */
export const messagesReply = route('messages/reply', {
  params: z.object({ sessionId: z.string().min(1), text: z.string().trim().min(1).max(2000) }),
  async handle({ user, now }, p) {
    const session = await getSession(p.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    assertCanReply(user, session);
    const { message, delivery } = await replyToCustomer(session, user, p.text, now);
    await audit({
      at: now,
      by: user._id,
      entity: 'message',
      entityId: message._id,
      action: 'reply',
      before: null,
      after: { text: message.text, delivery },
      refs: { sessionId: message.sessionId },
    });
    if (delivery.status === 'failed') {
      throw new DomainError(ERROR_CODES.WECHAT_SEND_FAILED, `发送失败（${delivery.errcode}）：${delivery.errmsg}`);
    }
    return { message };
  },
});
