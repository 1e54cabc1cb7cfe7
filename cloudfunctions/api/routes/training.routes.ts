/**
 * Training (issue 16, kb): the catalogue admins keep (items tagged with rules and skills), each
 * agent's weakness profile against the team with recommendations, training assigned to an agent,
 * and whether coaching worked (notices and assigned training, before/after with a 95% interval).
 * Scope: an agent reads their own; a supervisor their team's agents; an admin everyone.
 */
import { z } from 'zod';
import type { TrainingAssignment, TrainingItem } from '../../core/kb/kb.model';
import { MIN_SESSIONS_EACH } from '../../core/training/coaching.effect';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { User } from '../../core/model';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { audit } from '../../common/audit.log';
import {
  getTrainingItem,
  listTrainingItems,
  newKbId,
  putAssignment,
  putTrainingItem,
  removeTrainingItem,
} from '../../common/kb.repository';
import { effectsOf, profileOf } from '../../common/training.service';
import { findAgent } from '../../common/users.repository';
import { route } from '../router';
import { auditedRecords } from './audited-records';

const fields = (t: TrainingItem | null) =>
  t ? { title: t.title, link: t.link, description: t.description, ruleIds: t.ruleIds, skills: t.skills } : null;

const catalogue = auditedRecords<TrainingItem>({
  entity: 'trainingItem',
  fields,
  get: getTrainingItem,
  notFound: (id) => new DomainError(ERROR_CODES.TRAINING_NOT_FOUND, `培训条目不存在: ${id}`),
  put: putTrainingItem,
  remove: removeTrainingItem,
});

/** The agent the caller may look at: themselves (agents), their team's (supervisors), anyone (admins). */
export async function agentInScope(user: User, agentId: string): Promise<User> {
  if (user.role === 'agent' && agentId !== user.agentId) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '坐席只能查看自己的数据');
  }
  const agent = await findAgent(agentId);
  if (user.role === 'supervisor' && (!agent || !user.team || agent.team !== user.team)) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '主管只能查看本组坐席的数据');
  }
  if (!agent) throw new DomainError(ERROR_CODES.TRAINING_BAD_AGENT, `没有这位坐席: ${agentId}`);
  return agent;
}

const days = z.number().int().min(7).max(90).default(30);

export const trainingList = route('training/list', {
  params: z.object({}),
  async handle() {
    return { items: await listTrainingItems() };
  },
});

export const trainingSave = route('training/save', {
  params: z.object({
    itemId: z.string().min(1).optional(),
    title: z.string().trim().min(1, '请填写标题').max(60),
    link: z
      .string()
      .trim()
      .max(500)
      .refine((s) => s === '' || /^https:\/\//.test(s), '链接须以 https:// 开头')
      .default(''),
    description: z.string().trim().max(1000).default(''),
    ruleIds: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
    skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  }),
  async handle(ctx, p) {
    const { user, now } = ctx;
    const before = p.itemId ? await catalogue.find(p.itemId) : null;
    const item: TrainingItem = {
      _id: before?._id ?? newKbId('tr'),
      title: maskFreeText(p.title),
      link: p.link,
      description: maskFreeText(p.description),
      ruleIds: [...new Set(p.ruleIds)],
      skills: p.skills.map(maskFreeText),
      updatedBy: user._id,
      updatedAt: now,
    };
    await catalogue.save(ctx, before, item);
    return { item };
  },
});

export const trainingRemove = route('training/remove', {
  params: z.object({ itemId: z.string().min(1) }),
  async handle(ctx, p) {
    const before = await catalogue.find(p.itemId);
    await catalogue.remove(ctx, before);
    return { removed: before._id };
  },
});

export const trainingProfile = route('training/profile', {
  params: z.object({ agentId: z.string().min(1).max(64), days }),
  async handle({ user, now }, p) {
    const agent = await agentInScope(user, p.agentId);
    return profileOf({ agentId: p.agentId, team: agent.team, days: p.days, now });
  },
});

export const trainingMine = route('training/mine', {
  params: z.object({ days }),
  async handle({ user, now }, p) {
    const agentId = user.agentId ?? '__none__';
    const [profile, effects] = await Promise.all([
      profileOf({ agentId, team: user.team, days: p.days, now }),
      effectsOf({ agentId, openid: user._id, windowDays: p.days, now }),
    ]);
    return { profile, effects, minSessions: MIN_SESSIONS_EACH };
  },
});

export const trainingAssign = route('training/assign', {
  params: z.object({ agentId: z.string().min(1).max(64), itemId: z.string().min(1) }),
  async handle({ user, now }, p) {
    await agentInScope(user, p.agentId);
    const item = await catalogue.find(p.itemId);
    const assignment: TrainingAssignment = {
      _id: newKbId('ta'),
      itemId: item._id,
      itemTitle: item.title,
      agentId: p.agentId,
      ruleIds: item.ruleIds,
      by: user._id,
      at: now,
    };
    await putAssignment(assignment);
    const { _id, ...after } = assignment;
    await audit({
      at: now,
      by: user._id,
      entity: 'trainingAssignment',
      entityId: _id,
      action: 'assign',
      before: null,
      after,
    });
    return { assignment };
  },
});

export const trainingEffect = route('training/effect', {
  params: z.object({ agentId: z.string().min(1).max(64), windowDays: days }),
  async handle({ user, now }, p) {
    const agent = await agentInScope(user, p.agentId);
    const items = await effectsOf({ agentId: p.agentId, openid: agent._id, windowDays: p.windowDays, now });
    return { items, minSessions: MIN_SESSIONS_EACH };
  },
});
