/**
 * Images and mini-program cards from the workspace (issue 16, agent-notices): same doors as a
 * text reply (`assertCanReply`, a taken-over session refuses its agent), then
 * common/reply.service.ts uploads the picture and sends it. The image arrives as base64 (the
 * mini-program reads the chosen file as base64; the H5 build through FileReader); only JPEG
 * and PNG, at most 2 MB (WeChat's limit for a customer-service image), checked by their bytes.
 * Audited like a text reply; a refusal is reported in Chinese with WeChat's code.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { audit } from '../../common/audit.log';
import { replyMediaToCustomer, type MediaReply } from '../../common/reply.service';
import { getSession } from '../../common/sessions.repository';
import { route } from '../router';
import { assertCanReply } from './scope';

export const MEDIA_MAX_BYTES = 2 * 1024 * 1024;
/** The default card thumbnail (a 1×1 PNG in the brand colour) when the sender gives none. */
const DEFAULT_THUMB =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const base64 = z
  .string()
  .min(8)
  .max(Math.ceil((MEDIA_MAX_BYTES * 4) / 3) + 4);

/** JPEG or PNG by their first bytes, not by what the caller claims. */
function imageOf(b64: string): { buffer: Buffer; contentType: string } {
  const buffer = Buffer.from(b64, 'base64');
  if (buffer.length > MEDIA_MAX_BYTES) throw new DomainError(ERROR_CODES.MEDIA_INVALID, '图片不能超过 2MB');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return { buffer, contentType: 'image/png' };
  if (buffer.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return { buffer, contentType: 'image/jpeg' };
  throw new DomainError(ERROR_CODES.MEDIA_INVALID, '只能发送 JPG 或 PNG 图片');
}

export const messagesReplyMedia = route('messages/replyMedia', {
  params: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('image'), sessionId: z.string().min(1), image: base64 }),
    z.object({
      kind: z.literal('card'),
      sessionId: z.string().min(1),
      title: z.string().trim().min(1).max(60),
      pagePath: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[A-Za-z0-9_\-/.]+(\?[^\s]*)?$/, '页面路径格式不对，例如 pages/order/index?id=1'),
      thumb: base64.optional(),
    }),
  ]),
  async handle({ user, now }, p) {
    const session = await getSession(p.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    assertCanReply(user, session);
    if (user.role === 'agent' && session.takenOverBy) {
      throw new DomainError(ERROR_CODES.SESSION_TAKEN_OVER, `主管${session.takenOverBy.name}已接管该会话`);
    }
    let media: MediaReply;
    if (p.kind === 'image') {
      const { buffer, contentType } = imageOf(p.image);
      media = { kind: 'image', image: buffer, contentType };
    } else {
      const { buffer, contentType } = imageOf(p.thumb ?? DEFAULT_THUMB);
      media = { kind: 'card', title: p.title, pagePath: p.pagePath, thumb: buffer, contentType };
    }
    const { message, delivery } = await replyMediaToCustomer(session, user, media, now);
    await audit({
      at: now,
      by: user._id,
      entity: 'message',
      entityId: message._id,
      action: 'reply',
      before: null,
      after: { type: message.type, text: message.text, attachment: message.attachment, delivery },
      refs: { sessionId: message.sessionId },
    });
    if (delivery.status === 'failed') {
      throw new DomainError(ERROR_CODES.WECHAT_SEND_FAILED, `发送失败（${delivery.errcode}）：${delivery.errmsg}`);
    }
    return { message };
  },
});
