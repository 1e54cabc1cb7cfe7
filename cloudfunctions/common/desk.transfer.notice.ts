/**
 * The receiving agent of `sessions/transfer` learns it at once (issue 16): a notice in their
 * inbox and a subscription message (when a consent is banked) that opens the session's chat.
 */
import type { Session, User } from '../core/model';
import { postToInbox } from './rectification/inbox.post';

export const CHAT_PAGE = 'packages/agent/chat/index';

export async function noticeOfTransfer(session: Session, to: User, by: User, now: number): Promise<void> {
  await postToInbox(
    {
      to: to._id,
      ...(to.agentId ? { agentId: to.agentId } : {}),
      from: by._id,
      fromName: by.name,
      kind: 'transfer',
      title: `${by.name}转给你一个会话`,
      text: session.preview ? `客户：${session.preview.text}` : '请尽快接待客户',
      sessionId: session._id,
    },
    now,
    { page: `${CHAT_PAGE}?sessionId=${session._id}`, status: '待接待' },
  );
}
