import { z } from 'zod';
import { ackNotice, listNotices } from '../../common/alerts/notices.service';
import { audit } from '../../common/audit.log';
import { route } from '../router';
import { paging } from './paging';

/** The signed-in agent's inbox, newest first. */
export const noticesList = route('notices/list', {
  params: z.object({
    unreadOnly: z.boolean().default(false),
    ...paging,
  }),
  async handle({ user }, p) {
    return listNotices(user._id, p.unreadOnly, p.limit, p.skip);
  },
});

export const noticesAck = route('notices/ack', {
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
});
