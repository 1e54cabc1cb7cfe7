/**
 * Sampling plans and review tasks (issue 13): preview a plan's margins, create it (its first
 * draw becomes tasks), list and read plans, list and reassign tasks. Supervisors plan, see and
 * reassign within their team only: their plans draw from their team's sessions.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { User } from '../../core/model';
import type { ReviewTask } from '../../core/inspection/review-task';
import type { SamplingPlan } from '../../core/sampling/sampling-plan';
import { runKeyOf } from '../../core/sampling/sampling-plan';
import { RISK_SIGNALS } from '../../core/sampling/sample.select';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { audit } from '../../common/audit.log';
import { COLLECTIONS, countOf, database, rows } from '../../common/cloud';
import { getReviewTask, updateReviewTask } from '../../common/review-tasks.repository';
import { listUsers, findUser } from '../../common/users.repository';
import { planCandidates } from '../../common/sampling.candidates';
import {
  getPlan,
  marginsOf,
  previewPlan,
  putPlan,
  runDraw,
  tasksOfPlan,
  withInspected,
} from '../../common/sampling.service';
import { getSettings } from '../../common/admin/settings.service';
import { route } from '../router';
import { paging } from './paging';

const points = z.number().min(0.5).max(50);
const draft = {
  kind: z.enum(['random', 'targeted', 'stratified', 'risk']),
  filters: z
    .object({
      agentId: z.string().trim().min(1).max(64).optional(),
      team: z.string().trim().min(1).max(64).optional(),
      channel: z.string().trim().min(1).max(32).optional(),
      issueType: z.string().trim().min(1).max(64).optional(),
      businessLine: z.string().trim().min(1).max(64).optional(),
      scoreMin: z.number().min(0).max(100).optional(),
      scoreMax: z.number().min(0).max(100).optional(),
      passed: z.boolean().optional(),
      ruleHit: z.string().trim().min(1).max(64).optional(),
      hasAlert: z.boolean().optional(),
    })
    .strict()
    .default({}),
  size: z
    .object({
      share: z.number().gt(0).max(1).optional(),
      count: z.number().int().min(1).max(5000).optional(),
      target: z.object({ meanScorePoints: points.optional(), passRatePoints: points.optional() }).strict().optional(),
    })
    .strict()
    .default({}),
  riskWeights: z.record(z.enum(RISK_SIGNALS), z.number().min(0).max(100)).optional(),
  lowScoreBelow: z.number().min(0).max(100).optional(),
  period: z
    .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
    .strict()
    .refine((p) => p.from < p.to, { message: '开始时间须早于结束时间' }),
  recurrence: z.enum(['none', 'daily', 'weekly', 'monthly']).default('none'),
  inspectorIds: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  assignMode: z.enum(['even', 'weighted', 'by-team']).default('even'),
  inspectorWeights: z.record(z.string(), z.number().min(0).max(100)).optional(),
  inspectorTeams: z.record(z.string(), z.array(z.string().max(64)).max(20)).optional(),
  cap: z.number().int().min(1).max(5000).optional(),
  inspectorCap: z.number().int().min(1).max(5000).optional(),
  // Omitted: the admins' default (settings/sampling, 设置 → 通用设置; 3 days unless changed).
  dueDays: z.number().int().min(1).max(60).optional(),
};

/** A supervisor's plan draws from their team only, whatever the filters say. */
function scopedFilters<F extends { team?: string }>(user: User, filters: F): F {
  if (user.role !== 'supervisor') return filters;
  if (filters.team && filters.team !== user.team) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只能抽取本组会话');
  return { ...filters, team: user.team ?? '__none__' };
}

function assertSeesPlan(user: User, plan: SamplingPlan): void {
  if (user.role === 'supervisor' && plan.team !== user.team) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该抽检计划');
  }
}

function assertSeesTask(user: User, task: ReviewTask): void {
  if (user.role === 'supervisor' && task.team !== user.team)
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该任务');
  if (user.role === 'inspector' && task.inspectorId !== user._id) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该任务');
  }
}

/** Longest period a plan may draw from: a quarter (the candidates query stays bounded). */
const MAX_PERIOD_MS = 92 * 86400_000;

function assertPeriod(period: { from: number; to: number }): void {
  if (period.to - period.from > MAX_PERIOD_MS) {
    throw new DomainError(ERROR_CODES.PLAN_BAD_PERIOD, '抽检时段不能超过 92 天');
  }
}

function seedOf(now: number): string {
  return `${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export const plansPreview = route('plans/preview', {
  params: z.object(draft).strip(),
  async handle({ user, now }, p) {
    assertPeriod(p.period);
    const [preview, users] = await Promise.all([
      previewPlan({ ...p, filters: scopedFilters(user, p.filters), seed: `preview:${runKeyOf('daily', now)}` }),
      listUsers(),
    ]);
    const inspectors = users.filter((u) => u.role === 'inspector').map((u) => ({ id: u._id, name: u.name }));
    return { ...preview, inspectors };
  },
});

export const plansCreate = route('plans/create', {
  params: z.object({ ...draft, name: z.string().trim().min(1).max(40) }).strip(),
  async handle({ user, now }, p) {
    assertPeriod(p.period);
    const filters = scopedFilters(user, p.filters);
    const inspectors = p.inspectorIds.length > 0 ? p.inspectorIds : user.role === 'inspector' ? [user._id] : [];
    if (inspectors.length === 0) throw new DomainError(ERROR_CODES.PLAN_NO_INSPECTORS, '请至少选择一名质检员');
    const users = await listUsers();
    const bad = inspectors.filter((id) => !users.some((u) => u._id === id && u.role === 'inspector'));
    if (bad.length > 0) throw new DomainError(ERROR_CODES.TASK_BAD_INSPECTOR, `不是质检员: ${bad.join(', ')}`);
    const seed = seedOf(now);
    const plan: SamplingPlan = {
      _id: `pl_${seed}`,
      name: maskFreeText(p.name),
      kind: p.kind,
      filters,
      size: p.size,
      ...(p.riskWeights ? { riskWeights: p.riskWeights } : {}),
      ...(p.lowScoreBelow !== undefined ? { lowScoreBelow: p.lowScoreBelow } : {}),
      period: p.period,
      recurrence: p.recurrence,
      inspectorIds: [...new Set(inspectors)],
      assignMode: p.assignMode,
      ...(p.inspectorWeights ? { inspectorWeights: p.inspectorWeights } : {}),
      ...(p.inspectorTeams ? { inspectorTeams: p.inspectorTeams } : {}),
      ...(p.cap !== undefined ? { cap: p.cap } : {}),
      ...(p.inspectorCap !== undefined ? { inspectorCap: p.inspectorCap } : {}),
      dueDays: p.dueDays ?? (await getSettings()).sampling.dueDays,
      seed,
      ...(filters.team ? { team: filters.team } : user.role === 'supervisor' && user.team ? { team: user.team } : {}),
      createdBy: user._id,
      createdAt: now,
      runs: 0,
      drawn: 0,
      unassigned: 0,
    };
    if (plan.recurrence !== 'none') plan.lastRunKey = runKeyOf(plan.recurrence, now);
    await putPlan(plan);
    const { created, unassigned } = await runDraw(plan, plan.period, plan.lastRunKey ?? 'once', now);
    const stored: SamplingPlan = { ...plan, runs: 1, drawn: created.length, unassigned };
    await putPlan(stored);
    await audit({
      at: now,
      by: user._id,
      entity: 'samplingPlan',
      entityId: plan._id,
      action: 'create',
      before: null,
      after: {
        name: plan.name,
        kind: plan.kind,
        team: plan.team ?? null,
        recurrence: plan.recurrence,
        drawn: created.length,
        unassigned,
      },
    });
    return { plan: stored, tasks: created.length };
  },
});

export const plansList = route('plans/list', {
  params: z.object(paging).strip(),
  async handle({ user }, p) {
    const where = user.role === 'supervisor' ? { team: user.team ?? '__none__' } : {};
    const coll = database().collection(COLLECTIONS.samplingPlans);
    const [items, total] = await Promise.all([
      rows<SamplingPlan>(coll.where(where).orderBy('createdAt', 'desc').skip(p.skip).limit(p.limit)),
      countOf(coll.where(where)),
    ]);
    return { items, total };
  },
});

export const plansGet = route('plans/get', {
  params: z.object({ planId: z.string().trim().min(1).max(64) }).strip(),
  async handle({ user, now }, p) {
    const plan = await getPlan(p.planId);
    if (!plan) throw new DomainError(ERROR_CODES.PLAN_NOT_FOUND, '抽检计划不存在');
    assertSeesPlan(user, plan);
    const [tasks, users, candidates] = await Promise.all([
      tasksOfPlan(plan._id),
      listUsers(),
      planCandidates(plan.filters, plan.period),
    ]);
    const inspectors = [...new Set([...plan.inspectorIds, ...tasks.map((t) => t.inspectorId)])];
    const progress = inspectors.map((id) => {
      const mine = tasks.filter((t) => t.inspectorId === id);
      return {
        inspectorId: id,
        name: users.find((u) => u._id === id)?.name ?? id,
        total: mine.length,
        done: mine.filter((t) => t.status === 'done').length,
        overdue: mine.filter((t) => t.status !== 'done' && t.dueAt < now).length,
      };
    });
    const perAgent = new Map<string, number>();
    for (const t of tasks) perAgent.set(t.agentId ?? '', (perAgent.get(t.agentId ?? '') ?? 0) + 1);
    const inPeriod = new Set(candidates.map((c) => c.sessionId));
    // Margins over the plan's period: the tasks drawn from it against its candidates.
    const drawnInPeriod = new Map<string, number>();
    for (const t of tasks) {
      if (inPeriod.has(t.sessionId)) drawnInPeriod.set(t.agentId ?? '', (drawnInPeriod.get(t.agentId ?? '') ?? 0) + 1);
    }
    const agents = await withInspected(marginsOf(candidates, drawnInPeriod), tasks, inPeriod);
    return { plan, progress, agents, tasks: tasks.slice(0, 200) };
  },
});

export const tasksList = route('tasks/list', {
  params: z
    .object({
      status: z.enum(['todo', 'in-progress', 'done']).optional(),
      planId: z.string().trim().min(1).max(64).optional(),
      ...paging,
    })
    .strip(),
  async handle({ user, now }, p) {
    const where: Record<string, unknown> = {};
    if (user.role === 'inspector') where.inspectorId = user._id;
    if (user.role === 'supervisor') where.team = user.team ?? '__none__';
    if (p.status) where.status = p.status;
    if (p.planId) where.planId = p.planId;
    const coll = database().collection(COLLECTIONS.reviewTasks);
    const [items, total] = await Promise.all([
      rows<ReviewTask>(coll.where(where).orderBy('dueAt', 'asc').skip(p.skip).limit(p.limit)),
      countOf(coll.where(where)),
    ]);
    return { items, total, now };
  },
});

export const tasksReassign = route('tasks/reassign', {
  params: z
    .object({ taskId: z.string().trim().min(1).max(200), inspectorId: z.string().trim().min(1).max(64) })
    .strip(),
  async handle({ user, now }, p) {
    const task = await getReviewTask(p.taskId);
    if (!task) throw new DomainError(ERROR_CODES.TASK_NOT_FOUND, '任务不存在');
    assertSeesTask(user, task);
    if (task.status === 'done') throw new DomainError(ERROR_CODES.TASK_DONE, '任务已完成，不能转派');
    const target = await findUser(p.inspectorId);
    if (!target || target.role !== 'inspector')
      throw new DomainError(ERROR_CODES.TASK_BAD_INSPECTOR, '只能转派给质检员');
    const patch = { inspectorId: target._id, updatedAt: now };
    await updateReviewTask(task._id, patch);
    await audit({
      at: now,
      by: user._id,
      entity: 'reviewTask',
      entityId: task._id,
      action: 'reassign',
      before: { inspectorId: task.inspectorId },
      after: { inspectorId: target._id },
      refs: { planId: task.planId, sessionId: task.sessionId },
    });
    return { task: { ...task, ...patch } };
  },
});
