import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { audit } from '../../common/audit.log';
import { replyToCustomer } from '../../common/reply.service';
import { checkDraft, describeFindings } from '../../core/desk/draft.check';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { scorecardInForce } from '../../common/scoring.service';
import { textModels } from '../../common/text.models';
import { getSession } from '../../common/sessions.repository';
import { route } from '../router';
import { assertCanReply } from './scope';

/**
 * An agent (or supervisor) answers the customer, in a session they may reply in (scope.ts:
 * `assertCanReply`); sending and storing is common/reply.service.ts. Every reply, delivered or
 * not, is audited; a failed one is then reported to the caller with WeChat's reason in words.
 *
 * Before sending (issue 16): an agent's replies stop once a supervisor took the session over
 * (SESSION.TAKEN_OVER), and the draft is checked against the red-line rules of the scorecard in
 * force (core/desk/draft.check.ts, the live red-line alert's matcher): a draft that breaks one is
 * refused with REPLY.RED_LINE, naming the rules and words, unless `confirmRedLine`; the refused
 * attempt is audited (`redLineBlocked`), and a confirmed send records the rules on its entry.
 */
export const messagesReply = route('messages/reply', {
  params: z.object({
    sessionId: z.string().min(1),
    text: z.string().trim().min(1).max(2000),
    confirmRedLine: z.boolean().optional(),
  }),
  async handle({ user, now }, p) {
    const session = await getSession(p.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    assertCanReply(user, session);
    if (user.role === 'agent' && session.takenOverBy) {
      throw new DomainError(ERROR_CODES.SESSION_TAKEN_OVER, `主管${session.takenOverBy.name}已接管该会话`);
    }
    const findings = checkDraft(await scorecardInForce(session, session.issueType), p.text, textModels());
    const redLine = findings.map((f) => ({ ruleId: f.ruleId, words: f.words.map(maskFreeText) }));
    if (findings.length > 0 && !p.confirmRedLine) {
      await audit({
        at: now,
        by: user._id,
        entity: 'session',
        entityId: session._id,
        action: 'redLineBlocked',
        before: null,
        after: { text: maskFreeText(p.text), redLine },
      });
      throw new DomainError(
        ERROR_CODES.REPLY_RED_LINE,
        `这条回复触犯红线${describeFindings(findings)}，确认后才会发送`,
      );
    }
    const { message, delivery } = await replyToCustomer(session, user, p.text, now);
    await audit({
      at: now,
      by: user._id,
      entity: 'message',
      entityId: message._id,
      action: 'reply',
      before: null,
      after: { text: message.text, delivery, ...(findings.length ? { redLineConfirmed: redLine } : {}) },
      refs: { sessionId: message.sessionId },
    });
    if (delivery.status === 'failed') {
      throw new DomainError(ERROR_CODES.WECHAT_SEND_FAILED, `发送失败（${delivery.errcode}）：${delivery.errmsg}`);
    }
    return { message };
  },
});
