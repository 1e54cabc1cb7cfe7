/**
 * The agent's workspace (issue 16): the agent's live sessions, one session with its whispers and
 * the 48-hour window, transfer to a colleague, and the supervisors' interventions (whisper, take
 * over). Replies themselves go through `messages/reply` (messages.routes.ts), which also runs the
 * pre-send red-line check. Every change is audited.
 */
import { z } from 'zod';
import type { DeskSession, Whisper } from '../../core/desk/desk.model';
import { replyWindow } from '../../core/desk/reply.window';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { isActiveUser, type Session, type User } from '../../core/model';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { audit } from '../../common/audit.log';
import { addWhisper, newDeskId, whispersOf } from '../../common/desk.repository';
import { noticeOfTransfer } from '../../common/desk.transfer.notice';
import { listMessages } from '../../common/messages.repository';
import { getSession, listSessions, updateSession } from '../../common/sessions.repository';
import { findAgent, listAgents } from '../../common/users.repository';
import { route } from '../router';
import { PAGE_LIMIT_MAX, paging } from './paging';
import { assertCanReply, assertCanSee } from './scope';

async function sessionOr404(sessionId: string): Promise<Session> {
  const session = await getSession(sessionId);
  if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${sessionId}`);
  return session;
}

function assertOpen(session: Session): void {
  if (session.status !== 'open') throw new DomainError(ERROR_CODES.SESSION_CLOSED, '会话已结束');
}

/** The agent's open sessions (those they are responsible for now) and their team's untaken ones. */
export const deskList = route('desk/list', {
  params: z.object({ limit: paging.limit.removeDefault().default(50) }),
  async handle({ user, now }, p) {
    const agentId = user.agentId ?? '__none__';
    const [mine, pool] = await Promise.all([
      listSessions({ agentId, status: 'open' }, PAGE_LIMIT_MAX, 0),
      listSessions({ team: user.team ?? '__none__', includeUnassigned: true, status: 'open' }, PAGE_LIMIT_MAX, 0),
    ]);
    const items: DeskSession[] = [];
    const seen = new Set<string>();
    for (const s of [...mine.items, ...pool.items]) {
      const untaken = s.agentIds.length === 0;
      if (seen.has(s._id) || !(untaken || s.agentId === agentId)) continue;
      seen.add(s._id);
      items.push({ ...s, untaken, waitingMs: s.waitingSince ? Math.max(0, now - s.waitingSince) : 0 });
    }
    items.sort((a, b) => b.waitingMs - a.waitingMs || b.lastAt - a.lastAt);
    return { items: items.slice(0, p.limit), now };
  },
});

/** One session as the workspace shows it: who may reply in it may open it (and admins). */
export const deskGet = route('desk/get', {
  params: z.object({ sessionId: z.string().min(1) }),
  async handle({ user, now }, p) {
    const session = await sessionOr404(p.sessionId);
    assertCanReply(user, session);
    const [messages, whispers, agents] = await Promise.all([
      listMessages(session._id),
      whispersOf(session._id),
      listAgents(),
    ]);
    const team = session.team ?? user.team;
    const colleagues = agents
      // A deactivated colleague cannot sign in to answer: not offered (issue 14 gap).
      .filter((a) => a.agentId && team && a.team === team && a.agentId !== session.agentId && isActiveUser(a))
      .map((a) => ({ agentId: a.agentId as string, name: a.name }))
      .sort((a, b) => a.agentId.localeCompare(b.agentId));
    return { session, messages, whispers, window: replyWindow(messages, now), colleagues, now };
  },
});

/**
 * Hands the session to a colleague: an agent of the session's team (the caller's team when the
 * session has none yet). The agent hands over only a session they are responsible for now.
 */
export const sessionsTransfer = route('sessions/transfer', {
  params: z.object({ sessionId: z.string().min(1), toAgentId: z.string().trim().min(1).max(64) }),
  async handle({ user, now }, p) {
    const session = await sessionOr404(p.sessionId);
    assertCanSee(user, session);
    if (user.role === 'agent' && session.agentId !== user.agentId) {
      throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只能转接自己正在接待的会话');
    }
    assertOpen(session);
    const team = session.team ?? user.team;
    const target = await findAgent(p.toAgentId);
    if (!target || !team || target.team !== team || target.agentId === session.agentId) {
      throw new DomainError(ERROR_CODES.TRANSFER_BAD_AGENT, `只能转接给本组的其他客服: ${p.toAgentId}`);
    }
    if (!isActiveUser(target)) {
      throw new DomainError(ERROR_CODES.AGENT_DEACTIVATED, `该客服账号已停用，不能接收转接: ${p.toAgentId}`);
    }
    const patch: Partial<Session> = {
      agentId: p.toAgentId,
      agentIds: session.agentIds.includes(p.toAgentId) ? session.agentIds : [...session.agentIds, p.toAgentId],
      ...(session.team ? {} : { team }),
    };
    await updateSession(session._id, patch);
    await audit({
      at: now,
      by: user._id,
      entity: 'session',
      entityId: session._id,
      action: 'transfer',
      before: { agentId: session.agentId ?? null, agentIds: session.agentIds },
      after: { agentId: patch.agentId, agentIds: patch.agentIds },
    });
    // The receiving agent's inbox and phone (issue 16, agent-notices).
    await noticeOfTransfer({ ...session, ...patch }, target, user, now);
    return { session: { ...session, ...patch } };
  },
});

function supervisorOf(user: User, session: Session): void {
  assertCanSee(user, session);
  assertOpen(session);
}

/** A note to the agent inside the session: shown in their chat, never sent to the customer. */
export const sessionsWhisper = route('sessions/whisper', {
  params: z.object({ sessionId: z.string().min(1), text: z.string().trim().min(1).max(500) }),
  async handle({ user, now }, p) {
    const session = await sessionOr404(p.sessionId);
    supervisorOf(user, session);
    const whisper: Whisper = {
      _id: newDeskId('whisper'),
      sessionId: session._id,
      by: user._id,
      byName: user.name,
      text: maskFreeText(p.text),
      at: now,
    };
    await addWhisper(whisper);
    await audit({
      at: now,
      by: user._id,
      entity: 'whisper',
      entityId: whisper._id,
      action: 'whisper',
      before: null,
      after: { text: whisper.text },
      refs: { sessionId: session._id, ...(session.agentId ? { agentId: session.agentId } : {}) },
    });
    return { whisper };
  },
});

/** The supervisor answers the customer from now on; the agent's replies are refused (SESSION.TAKEN_OVER). */
export const sessionsTakeover = route('sessions/takeover', {
  params: z.object({ sessionId: z.string().min(1) }),
  async handle({ user, now }, p) {
    const session = await sessionOr404(p.sessionId);
    supervisorOf(user, session);
    const takenOverBy = { openid: user._id, name: user.name, at: now };
    await updateSession(session._id, { takenOverBy });
    await audit({
      at: now,
      by: user._id,
      entity: 'session',
      entityId: session._id,
      action: 'takeover',
      before: { takenOverBy: session.takenOverBy ?? null },
      after: { takenOverBy },
    });
    return { session: { ...session, takenOverBy } };
  },
});
