/**
 * Rectification notices (issue 16, agent-notices): issued by hand from a session (supervisors
 * in their team, inspectors, admins), read in scope, acknowledged and answered by the agent,
 * confirmed done by a supervisor of the team. Automatic ones (red line, failed review, upheld
 * appeal) are issued by the services that find them. Every change is audited before/after.
 *
 * Scope: an agent reaches the notices addressed to their agentId; a supervisor those of their
 * team (and of sessions with no team); inspectors and admins all.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { User } from '../../core/model';
import {
  MANUAL_DEADLINE_DAYS,
  RECTIFICATION_STATUSES,
  type Rectification,
} from '../../core/rectification/rectification.model';
import { audit } from '../../common/audit.log';
import {
  ackRectification,
  auditState,
  confirmRectification,
  evidenceOf,
  getRectification,
  issueRectification,
  listRectifications,
} from '../../common/rectification/rectifications.service';
import { getScore } from '../../common/scores.repository';
import { getSession } from '../../common/sessions.repository';
import { maskTypedText } from '../../common/typed-text';
import { route, type RouteContext } from '../router';
import { paging } from './paging';
import { assertCanSee } from './scope';

const id = z.string().min(1).max(300);
const text = (max: number) => z.string().trim().min(1).max(max);

function mayReach(user: User, r: Rectification): boolean {
  if (user.role === 'agent') return !!user.agentId && r.agentId === user.agentId;
  if (user.role === 'supervisor') return !r.team || r.team === user.team;
  return true;
}

async function reachable(user: User, rectificationId: string): Promise<Rectification> {
  const r = await getRectification(rectificationId);
  if (!mayReach(user, r)) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该整改通知');
  return r;
}

/** Audits the agent's or the supervisor's step on a notice (`ack`, `confirm`): its state before and after. */
async function auditStep({ user, now }: RouteContext, action: string, before: Rectification, after: Rectification) {
  await audit({
    at: now,
    by: user._id,
    entity: 'rectification',
    entityId: after._id,
    action,
    before: auditState(before),
    after: auditState(after),
    refs: { sessionId: after.sessionId },
  });
}

export const rectificationsCreate = route('rectifications/create', {
  params: z.object({
    sessionId: id,
    ruleId: z.string().trim().min(1).max(100).optional(),
    messageIndex: z.number().int().min(0).max(100_000).optional(),
    problem: text(500),
    requirement: text(500),
    deadlineDays: z.number().int().min(MANUAL_DEADLINE_DAYS.min).max(MANUAL_DEADLINE_DAYS.max).optional(),
  }),
  async handle({ user, now }, p) {
    const session = await getSession(p.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    assertCanSee(user, session);
    const score = session.score ? await getScore(session._id) : null;
    const hit = p.ruleId ? score?.hits.find((h) => h.ruleId === p.ruleId) : undefined;
    const index = p.messageIndex ?? hit?.messageIndex ?? null;
    const r = await issueRectification(
      {
        source: 'manual',
        session,
        ...(p.ruleId ? { ruleId: p.ruleId, ruleName: hit?.ruleName ?? p.ruleId } : {}),
        problem: maskTypedText(p.problem, user.role),
        requirement: maskTypedText(p.requirement, user.role),
        evidence: await evidenceOf(session._id, [
          { messageIndex: index, excerpt: hit && hit.messageIndex === index ? hit.excerpt : undefined },
        ]),
        deadlineDays: p.deadlineDays,
        by: user,
      },
      now,
    );
    // A hand-written notice has a fresh id: it is always stored.
    const created = r as Rectification;
    await audit({
      at: now,
      by: user._id,
      entity: 'rectification',
      entityId: created._id,
      action: 'create',
      before: null,
      after: {
        ...auditState(created),
        problem: created.problem,
        requirement: created.requirement,
        deadline: created.deadline,
      },
      refs: { sessionId: created.sessionId },
    });
    return { rectification: created };
  },
});

export const rectificationsList = route('rectifications/list', {
  params: z.object({
    status: z.enum(RECTIFICATION_STATUSES).optional(),
    agentId: z.string().trim().min(1).max(64).optional(),
    ...paging,
  }),
  async handle({ user }, p) {
    if (user.role === 'agent') {
      return listRectifications({ status: p.status, agentId: user.agentId ?? '__none__' }, p.limit, p.skip);
    }
    const team = user.role === 'supervisor' ? (user.team ?? '__none__') : undefined;
    return listRectifications({ status: p.status, agentId: p.agentId, team }, p.limit, p.skip);
  },
});

export const rectificationsGet = route('rectifications/get', {
  params: z.object({ rectificationId: id }),
  async handle({ user }, p) {
    return { rectification: await reachable(user, p.rectificationId) };
  },
});

export const rectificationsAck = route('rectifications/ack', {
  params: z.object({ rectificationId: id, answer: text(1000).optional() }),
  async handle({ user, now }, p) {
    const before = await reachable(user, p.rectificationId);
    const answer = p.answer === undefined ? undefined : maskTypedText(p.answer, user.role);
    const after = await ackRectification(before, answer, now);
    await auditStep({ user, now }, 'ack', before, after);
    return { rectification: after };
  },
});

export const rectificationsConfirm = route('rectifications/confirm', {
  params: z.object({ rectificationId: id, note: text(500).optional() }),
  async handle({ user, now }, p) {
    const before = await reachable(user, p.rectificationId);
    const note = p.note === undefined ? undefined : maskTypedText(p.note, user.role);
    const after = await confirmRectification(before, user, note, now);
    await auditStep({ user, now }, 'confirm', before, after);
    return { rectification: after };
  },
});
