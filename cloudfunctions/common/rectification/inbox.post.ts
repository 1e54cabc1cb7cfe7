/**
 * Posting to someone's inbox (`notices`) with a subscription message, for the issue-16 notices
 * that are not alert interventions: rectifications issued, reminded and escalated, a transfer
 * to the receiving agent, department feedback to a team's supervisors. The message goes only
 * when a consent is banked (subscription.service.ts); a failed send never undoes the notice.
 */
import { randomUUID } from 'crypto';
import type { Notice } from '../../core/model';
import { COLLECTIONS, database, isDuplicateKeyError } from '../cloud';
import { chinaTime } from '../alerts/alert.delivery';
import { sendSubscription } from '../alerts/subscription.service';

export const INBOX_PAGE = 'packages/agent/home/index';

function thing(s: string): string {
  return s.length > 20 ? `${s.slice(0, 19)}…` : s;
}

export type InboxPost = Omit<Notice, '_id' | 'createdAt' | 'readAt'> & { _id?: string };

/**
 * Stores the notice (a given `_id` makes it once-only: false when it was already there) and
 * sends the subscription message (`page`: where a tap on it lands).
 */
export async function postToInbox(
  post: InboxPost,
  now: number,
  opts: { page?: string; status?: string } = {},
): Promise<boolean> {
  const notice: Notice = { ...post, _id: post._id ?? `notice_${randomUUID()}`, createdAt: now, readAt: null };
  try {
    await database().collection(COLLECTIONS.notices).add({ data: notice });
  } catch (e) {
    if (isDuplicateKeyError(e)) return false;
    throw e;
  }
  await sendSubscription(
    notice.to,
    {
      page: opts.page ?? INBOX_PAGE,
      data: {
        thing1: { value: thing(notice.title) },
        phrase2: { value: opts.status ?? '待处理' },
        time3: { value: chinaTime(now) },
        thing4: { value: thing(notice.text) },
      },
    },
    { kind: 'notice', noticeId: notice._id },
    now,
  );
  return true;
}
