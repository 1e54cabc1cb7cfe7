/**
 * The agents' inbox. A supervisor intervening on an alert writes a notice to the session's
 * agent and sends them a subscription message (same consent banking as supervisors').
 */
import { randomUUID } from 'crypto';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { isActiveUser, type Alert, type Notice, type User } from '../../core/model';
import { byId, COLLECTIONS, countOf, database, rows } from '../cloud';
import { maskTypedText } from '../typed-text';
import { findAgent } from '../users.repository';
import { chinaTime } from './alert.delivery';
import { sendSubscription } from './subscription.service';

export const NOTICE_NOT_FOUND = ERROR_CODES.NOTICE_NOT_FOUND;
export const NOTICE_NO_AGENT = ERROR_CODES.NOTICE_NO_AGENT;
export const AGENT_INBOX_PAGE = 'packages/agent/home/index';

function thing(s: string): string {
  return s.length > 20 ? `${s.slice(0, 19)}…` : s;
}

/** `typed` is what the supervisor wrote: masked before it is stored or sent. */
export async function notifyAgent(alert: Alert, from: User, typed: string, now: number): Promise<Notice> {
  const text = maskTypedText(typed, from.role);
  if (!alert.agentId) throw new DomainError(NOTICE_NO_AGENT, '该告警的会话还没有客服接待，无法通知客服');
  const agent = await findAgent(alert.agentId);
  if (!agent) throw new DomainError(NOTICE_NO_AGENT, `客服 ${alert.agentId} 尚未登记，无法通知`);
  if (!isActiveUser(agent))
    throw new DomainError(ERROR_CODES.AGENT_DEACTIVATED, `客服 ${alert.agentId} 的账号已停用，无法通知`);
  const notice: Notice = {
    _id: `notice_${randomUUID()}`,
    to: agent._id,
    agentId: alert.agentId,
    from: from._id,
    fromName: from.name,
    kind: 'alert',
    title: `主管提醒：${alert.title}`,
    text,
    alertId: alert._id,
    sessionId: alert.sessionId,
    createdAt: now,
    readAt: null,
  };
  await database().collection(COLLECTIONS.notices).add({ data: notice });
  await sendSubscription(
    agent._id,
    {
      page: AGENT_INBOX_PAGE,
      data: {
        thing1: { value: thing(notice.title) },
        phrase2: { value: '待处理' },
        time3: { value: chinaTime(now) },
        thing4: { value: thing(text) },
      },
    },
    { kind: 'notice', noticeId: notice._id, alertId: alert._id },
    now,
  );
  return notice;
}

export async function listNotices(to: string, unreadOnly: boolean, limit: number, skip: number) {
  const coll = database().collection(COLLECTIONS.notices);
  const where = unreadOnly ? { to, readAt: null } : { to };
  const [items, total, unread] = await Promise.all([
    rows<Notice>(coll.where(where).orderBy('createdAt', 'desc').skip(skip).limit(limit)),
    countOf(coll.where(where)),
    countOf(coll.where({ to, readAt: null })),
  ]);
  return { items, total, unread };
}

export async function ackNotice(user: User, noticeId: string, now: number): Promise<Notice> {
  const notice = await byId<Notice>(COLLECTIONS.notices, noticeId);
  if (!notice) throw new DomainError(NOTICE_NOT_FOUND, `通知不存在: ${noticeId}`);
  if (notice.to !== user._id) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '这条通知不是发给你的');
  if (notice.readAt !== null) return notice;
  await database()
    .collection(COLLECTIONS.notices)
    .doc(noticeId)
    .update({ data: { readAt: now } });
  return { ...notice, readAt: now };
}
