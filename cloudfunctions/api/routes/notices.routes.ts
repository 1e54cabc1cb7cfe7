import { z } from 'zod';
import { ackNotice, listNotices } from '../../common/alerts/notices.service';
import { audit } from '../../common/audit.log';
import type { Route } from '../router';

/** The signed-in agent's inbox, newest first. */
export const noticesList: Route<'notices/list'> = {
  params: z.object({
    unreadOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(100).default(20),
    skip: z.number().int().min(0).default(0),
  }),
  async handle({ user }, p) {
    return listNotices(user._id, p.unreadOnly ?? false, p.limit ?? 20, p.skip ?? 0);
  },
};

export const noticesAck: Route<'notices/ack'> = {
  params: z.object({ noticeId: z.string().min(1) }),
  async handle({ user, now }, p) {
    const notice = await ackNotice(user, p.noticeId, now);
    // ackNotice stamps `now` on an unread notice and leaves a read one as it was.
    await audit({
      at: now,
      by: user._id,
      entity: 'notice',
      entityId: notice._id,
      action: 'ack',
      before: { readAt: notice.readAt === now ? null : notice.readAt },
      after: { readAt: notice.readAt },
    });
    return { notice };
  },
};
