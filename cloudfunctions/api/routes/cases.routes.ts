/**
 * The case library (issue 13): reviewers mark sessions as exemplary (标杆) or cautionary (警示)
 * cases; agents, inspectors, supervisors and admins browse them. Everything stored is masked
 * (core/inspection/case-library.model.ts). The library is shared teaching material, so every
 * role reads all of it; but a cautionary case shown to an agent does not name the agent it is
 * about (unless it is the reader), and no case carries the customer.
 */
import { z } from 'zod';
import type { StoredCase } from '../../core/api.contract';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { CASE_KINDS, newCase, searchCases } from '../../core/inspection/case-library.model';
import type { User } from '../../core/model';
import { conversationOf } from '../../core/sessions/session.lifecycle';
import { audit } from '../../common/audit.log';
import { caseIdOf, getCase, newestCases, putCase, removeCase } from '../../common/cases.repository';
import { listMessages } from '../../common/messages.repository';
import { getScore } from '../../common/scores.repository';
import { getSession } from '../../common/sessions.repository';
import { route } from '../router';
import { paging } from './paging';
import { assertCanSee } from './scope';

/** Excerpts taken when the reviewer names none: the messages the automatic hits point at, else the opening. */
const DEFAULT_EXCERPTS = 8;

const caseFields = (c: StoredCase) => ({ sessionId: c.sessionId, kind: c.kind, note: c.note, tags: c.tags });

export const casesAdd = route('cases/add', {
  params: z.object({
    sessionId: z.string().trim().min(1),
    kind: z.enum(CASE_KINDS),
    note: z.string().trim().min(1, '请写明案例说明').max(500),
    tags: z.array(z.string().max(40)).max(20).optional(),
    messageIndexes: z.array(z.number().int().min(0)).max(20).optional(),
  }),
  async handle({ user, now }, p) {
    const session = await getSession(p.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${p.sessionId}`);
    assertCanSee(user, session);
    const _id = caseIdOf(session._id);
    if (await getCase(_id)) throw new DomainError(ERROR_CODES.CASE_EXISTS, '该会话已在案例库中');
    const [messages, score] = await Promise.all([listMessages(session._id), getScore(session._id)]);
    const conversation = conversationOf(session, messages);
    let indexes = p.messageIndexes;
    if (!indexes?.length) {
      const hit = [...new Set((score?.hits ?? []).flatMap((h) => (h.messageIndex === null ? [] : [h.messageIndex])))];
      indexes = (hit.length ? hit : conversation.messages.map((_, i) => i)).slice(0, DEFAULT_EXCERPTS);
    }
    const entry = newCase(
      conversation,
      { kind: p.kind, note: p.note, tags: p.tags, issueType: session.issueType, messageIndexes: indexes },
      user._id,
      now,
    );
    const stored: StoredCase = {
      ...entry,
      _id,
      ...(session.agentId ? { agentId: session.agentId } : {}),
      ...(session.team ? { team: session.team } : {}),
    };
    await putCase(stored);
    await audit({
      at: now,
      by: user._id,
      entity: 'case',
      entityId: _id,
      action: 'add',
      before: null,
      after: caseFields(stored),
    });
    return { case: stored };
  },
});

/** What a reader sees: an agent does not learn which colleague a cautionary case is about. */
function asSeenBy(user: User, c: StoredCase): StoredCase {
  if (user.role !== 'agent' || c.kind !== 'cautionary' || (c.agentId && c.agentId === user.agentId)) return c;
  const { agentId: _agent, team: _team, ...rest } = c;
  return { ...rest, anonymous: true };
}

export const casesList = route('cases/list', {
  params: z.object({
    tag: z.string().trim().max(40).optional(),
    issueType: z.string().trim().max(40).optional(),
    kind: z.enum(CASE_KINDS).optional(),
    q: z.string().trim().max(100).optional(),
    ...paging,
  }),
  async handle({ user }, p) {
    const { items: all, capped } = await newestCases(p.kind);
    const found = searchCases(all, { tags: p.tag ? [p.tag] : [], issueType: p.issueType || undefined, text: p.q });
    const counts = new Map<string, number>();
    for (const c of all) for (const t of c.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    const tags = [...counts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
      .slice(0, 30);
    const issueTypes = [...new Set(all.flatMap((c) => (c.issueType ? [c.issueType] : [])))].sort();
    return {
      items: (found as StoredCase[]).slice(p.skip, p.skip + p.limit).map((c) => asSeenBy(user, c)),
      total: found.length,
      tags,
      issueTypes,
      capped,
    };
  },
});

export const casesRemove = route('cases/remove', {
  params: z.object({ caseId: z.string().trim().min(1) }),
  async handle({ user, now }, p) {
    const existing = await getCase(p.caseId);
    if (!existing) throw new DomainError(ERROR_CODES.CASE_NOT_FOUND, `案例不存在: ${p.caseId}`);
    const allowed =
      user.role === 'admin' ||
      existing.createdBy === user._id ||
      (user.role === 'supervisor' && !!existing.team && existing.team === user.team);
    if (!allowed) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只有案例的添加人、所在班组的主管或管理员可以移除');
    await removeCase(existing._id);
    await audit({
      at: now,
      by: user._id,
      entity: 'case',
      entityId: existing._id,
      action: 'remove',
      before: caseFields(existing),
      after: null,
    });
    return { removed: existing };
  },
});
