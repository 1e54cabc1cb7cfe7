import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { audit } from '../../common/audit.log';
import { closeAndScore } from '../../common/session.closer';
import { listMessages } from '../../common/messages.repository';
import { getScore } from '../../common/scores.repository';
import { getSession, listSessions, type SessionFilter } from '../../common/sessions.repository';
import type { LiveSession } from '../../core/api.contract';
import { route } from '../router';
import { PAGE_LIMIT_MAX, paging } from './paging';
import { assertCanSee, sessionScope } from './scope';

async function visibleSession(user: Parameters<typeof assertCanSee>[0], sessionId: string) {
  const session = await getSession(sessionId);
  if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${sessionId}`);
  assertCanSee(user, session);
  return session;
}

/** Filters of `sessions/list`; each narrows inside the caller's scope, never widens it. */
const listFilters = z
  .object({
    status: z.enum(['open', 'closed']).optional(),
    agentId: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    /** Time range on `startedAt` (epoch ms): from inclusive, to exclusive. */
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    channel: z.enum(['mp-kf', 'wecom-kf', 'api', 'import', 'call']).optional(),
    issueType: z.string().min(1).max(64).optional(),
    businessLine: z.string().min(1).max(64).optional(),
    scoreMin: z.number().min(0).max(1000).optional(),
    scoreMax: z.number().min(0).max(1000).optional(),
    passed: z.boolean().optional(),
    ruleId: z.string().min(1).max(128).optional(),
    alerted: z.boolean().optional(),
    ...paging,
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from < p.to, { message: '时间范围的开始须早于结束' })
  .refine((p) => p.scoreMin === undefined || p.scoreMax === undefined || p.scoreMin <= p.scoreMax, {
    message: '分数下限不能高于上限',
  });

export const sessionsList = route('sessions/list', {
  params: listFilters,
  async handle({ user }, p) {
    const scope = sessionScope(user);
    if (p.agentId && scope.agentId && p.agentId !== scope.agentId) {
      throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '坐席只能查看自己的会话');
    }
    const { limit, skip, team, agentId, ...filters } = p;
    const f: SessionFilter = { ...scope, ...filters, agentId: scope.agentId ?? agentId };
    if (team !== undefined) {
      // A supervisor's team filter narrows within their scope: their own team only (without the
      // team-less sessions); naming another team is refused.
      if (scope.team !== undefined && team !== scope.team) {
        throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '主管只能查看本组的会话');
      }
      f.team = team;
      f.includeUnassigned = false;
    }
    return listSessions(f, limit, skip);
  },
});

export const sessionsGet = route('sessions/get', {
  params: z.object({ sessionId: z.string().min(1) }),
  async handle({ user }, p) {
    const session = await visibleSession(user, p.sessionId);
    const [messages, score] = await Promise.all([listMessages(session._id), getScore(session._id)]);
    return { session, messages, score };
  },
});

export const sessionsClose = route('sessions/close', {
  params: z.object({ sessionId: z.string().min(1) }),
  async handle({ user, now }, p) {
    const before = await visibleSession(user, p.sessionId);
    const closed = await closeAndScore(p.sessionId, now);
    if (!closed) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    // Closing an already closed session changes nothing, and says so in the log.
    await audit({
      at: now,
      by: user._id,
      entity: 'session',
      entityId: before._id,
      action: 'close',
      before: { status: before.status, score: before.score ?? null },
      after: { status: closed.session.status, score: closed.session.score ?? null },
    });
    return closed;
  },
});

/** Open sessions of the supervisor's team (and those no agent took yet), longest wait first. */
export const sessionsLive = route('sessions/live', {
  params: z.object({ limit: paging.limit.removeDefault().default(50) }),
  async handle({ user, now }, p) {
    const { items } = await listSessions({ ...sessionScope(user), status: 'open' }, PAGE_LIMIT_MAX, 0);
    const live: LiveSession[] = items.map((s) => ({
      ...s,
      waitingMs: s.waitingSince ? Math.max(0, now - s.waitingSince) : 0,
    }));
    live.sort((a, b) => b.waitingMs - a.waitingMs || b.lastAt - a.lastAt);
    return { items: live.slice(0, p.limit), now };
  },
});
