/**
 * Reports (issue 15): figures read from the report rollups only (common/report.reader.ts).
 * Scope: an inspector or admin reads everyone, any team or any agent; a supervisor their own
 * team and its agents (as counted inside the team); an agent their own figures, not broken down.
 * Inspector figures (the sessions an inspector reviewed, dimension `inspector`): an admin reads
 * every inspector's, a supervisor those inside their team, an inspector only their own.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { User } from '../../core/model';
import { dayKey } from '../../core/rollups/rollup.counters';
import { ALL_TEAMS, REPORT_DIMENSIONS, type ReportDimension } from '../../core/reports/report.contribution';
import { assembleOverview, rangeOf, type PeriodRange } from '../../core/reports/report.overview';
import { trendOf, type TrendPoint } from '../../core/reports/report.trends';
import { parsePeriod, periodOf, PERIOD_KINDS, previousPeriod, type Period } from '../../core/reports/report.periods';
import { readPeriod, total, type SlotQuery } from '../../common/report.reader';
import {
  HIGHER_IS_BETTER,
  RANK_DIMENSIONS,
  RANK_METRICS,
  RANK_MIN_N,
  rankEntries,
  rankEntryOf,
} from '../../core/reports/report.ranking';
import { figuresOf } from '../../core/reports/report.figures';
import { findAgent } from '../../common/users.repository';
import { route } from '../router';

/** Whose figures a caller reads: the documents of the total, and those of a breakdown. */
interface Plan {
  scope: { team?: string; agentId?: string; inspectorId?: string };
  total: SlotQuery;
  breakdown: SlotQuery | null;
}

const forbidden = (message: string) => new DomainError(ERROR_CODES.AUTH_FORBIDDEN, message);

type PlanParams = { dim: ReportDimension; team?: string; agentId?: string; inspectorId?: string };

async function planFor(user: User, p: PlanParams): Promise<Plan> {
  const plan = await scopePlan(user, p);
  if (p.inspectorId !== undefined) return inspectorPlan(user, p.inspectorId, plan);
  // An inspector's breakdown by inspector shows their own row only.
  if (user.role === 'inspector' && plan.breakdown?.dim === 'inspector')
    return { ...plan, breakdown: { ...plan.breakdown, values: [user._id] } };
  return plan;
}

/** One inspector's figures: inside the scope's team (a supervisor's) or everyone's. */
function inspectorPlan(user: User, inspectorId: string, plan: Plan): Plan {
  if (user.role === 'agent') throw forbidden('坐席不能查看质检员数据');
  if (user.role === 'inspector' && inspectorId !== user._id) throw forbidden('质检员只能查看自己的数据');
  if (plan.scope.agentId !== undefined)
    throw new DomainError(ERROR_CODES.REPORT_BAD_DIMENSION, '质检员数据不按单个坐席查看');
  if (plan.breakdown && plan.breakdown.dim !== 'all')
    throw new DomainError(ERROR_CODES.REPORT_BAD_DIMENSION, '单个质检员的数据不再细分');
  const inTeam = plan.scope.team ?? ALL_TEAMS;
  return {
    scope: { ...plan.scope, inspectorId },
    total: { in: inTeam, dim: 'inspector', values: [inspectorId] },
    breakdown: null,
  };
}

async function scopePlan(user: User, p: PlanParams): Promise<Plan> {
  let team = p.team;
  let agentId = p.agentId;
  if (user.role === 'agent') {
    if (team !== undefined) throw forbidden('坐席只能查看自己的数据');
    if (agentId !== undefined && agentId !== user.agentId) throw forbidden('坐席只能查看自己的数据');
    agentId = user.agentId ?? '__none__';
  } else if (user.role === 'supervisor') {
    const own = user.team ?? '__none__';
    if (team !== undefined && team !== own) throw forbidden('主管只能查看本组的数据');
    if (agentId !== undefined && (await findAgent(agentId))?.team !== own)
      throw forbidden('主管只能查看本组坐席的数据');
    team = own;
  }
  if (agentId !== undefined) {
    if (p.dim !== 'all') throw new DomainError(ERROR_CODES.REPORT_BAD_DIMENSION, '单个坐席的数据不再细分');
    // A supervisor reads the agent as counted inside the team; others the agent's every session.
    const inTeam = user.role === 'supervisor' && team ? team : ALL_TEAMS;
    return {
      scope: { agentId, ...(inTeam !== ALL_TEAMS ? { team } : {}) },
      total: { in: inTeam, dim: 'agent', values: [agentId] },
      breakdown: null,
    };
  }
  if (team !== undefined) {
    const totalQ: SlotQuery = { in: ALL_TEAMS, dim: 'team', values: [team] };
    const breakdown: SlotQuery | null = p.dim === 'all' ? null : p.dim === 'team' ? totalQ : { in: team, dim: p.dim };
    return { scope: { team }, total: totalQ, breakdown };
  }
  return {
    scope: {},
    total: { in: ALL_TEAMS, dim: 'all', values: ['all'] },
    breakdown: p.dim === 'all' ? null : { in: ALL_TEAMS, dim: p.dim },
  };
}

function periodFrom(kind: Period['kind'], key: string | undefined, at: number): Period {
  if (key === undefined) return periodOf(kind, dayKey(at));
  const p = parsePeriod(kind, key);
  if (!p) throw new DomainError(ERROR_CODES.REPORT_BAD_PERIOD, `不是有效的时间段: ${key}`);
  return p;
}

const both = (a: Period, b: Period, q: SlotQuery, at: number) =>
  Promise.all([readPeriod(a, q, at), readPeriod(b, q, at)]);

export const reportsOverview = route('reports/overview', {
  params: z.object({
    period: z.enum(PERIOD_KINDS),
    key: z.string().min(4).max(10).optional(),
    dim: z.enum(REPORT_DIMENSIONS).default('all'),
    team: z.string().min(1).max(64).optional(),
    agentId: z.string().min(1).max(64).optional(),
    inspectorId: z.string().min(1).max(64).optional(),
  }),
  async handle({ user, now }, p) {
    const plan = await planFor(user, p);
    const period = periodFrom(p.period, p.key, now);
    const prev = previousPeriod(period);
    const [[cur, old], split] = await Promise.all([
      both(period, prev, plan.total, now),
      plan.breakdown ? both(period, prev, plan.breakdown, now) : Promise.resolve(null),
    ]);
    const byValue = split ? { current: split[0], previous: split[1] } : undefined;
    return assembleOverview({
      period,
      previousPeriod: prev,
      dim: p.dim,
      scope: plan.scope,
      total: { current: total(cur), previous: total(old) },
      byValue,
    });
  },
});

/** Points a trend shows by default, and at most. */
export const TREND_POINTS = { day: 14, week: 12, month: 12, quarter: 8, half: 6 } as const;
export const TREND_POINTS_MAX = 60;

export const reportsTrend = route('reports/trend', {
  params: z.object({
    period: z.enum(PERIOD_KINDS),
    key: z.string().min(4).max(10).optional(),
    points: z.number().int().min(2).max(TREND_POINTS_MAX).optional(),
    team: z.string().min(1).max(64).optional(),
    agentId: z.string().min(1).max(64).optional(),
    inspectorId: z.string().min(1).max(64).optional(),
  }),
  async handle({ user, now }, p) {
    const plan = await planFor(user, { ...p, dim: 'all' });
    const periods: Period[] = [periodFrom(p.period, p.key, now)];
    for (let i = 1; i < (p.points ?? TREND_POINTS[p.period]); i++) periods.unshift(previousPeriod(periods[0]));
    const read = await Promise.all(periods.map((period) => readPeriod(period, plan.total, now)));
    const points = trendOf(read.map((byValue, i) => ({ key: periods[i].key, stats: total(byValue) })));
    return {
      scope: plan.scope,
      points: points.map((point, i): TrendPoint & { period: PeriodRange } => ({
        ...point,
        period: rangeOf(periods[i]),
      })),
    };
  },
});

/**
 * A ranking on one figure: teams overall, or agents (within a team when given; a supervisor's
 * always within their own team, and teams are not ranked for them). Small samples are listed
 * unranked; overlapping intervals are named (core/reports/report.ranking.ts).
 */
export const reportsRanking = route('reports/ranking', {
  params: z.object({
    period: z.enum(PERIOD_KINDS),
    key: z.string().min(4).max(10).optional(),
    dim: z.enum(RANK_DIMENSIONS).default('agent'),
    metric: z.enum(RANK_METRICS).default('passRate'),
    team: z.string().min(1).max(64).optional(),
  }),
  async handle({ user, now }, p) {
    let team = p.team;
    if (user.role === 'supervisor') {
      const own = user.team ?? '__none__';
      if (p.dim === 'team') throw forbidden('主管只能查看本组坐席的排名');
      if (team !== undefined && team !== own) throw forbidden('主管只能查看本组的数据');
      team = own;
    }
    if (p.dim === 'team' && team !== undefined)
      throw new DomainError(ERROR_CODES.REPORT_BAD_DIMENSION, '小组排名不限定小组');
    const period = periodFrom(p.period, p.key, now);
    const q: SlotQuery = p.dim === 'team' ? { in: ALL_TEAMS, dim: 'team' } : { in: team ?? ALL_TEAMS, dim: 'agent' };
    const byValue = await readPeriod(period, q, now);
    const entries = [...byValue.entries()].map(([value, stats]) => rankEntryOf(value, figuresOf(stats), p.metric));
    return {
      period: rangeOf(period),
      dim: p.dim,
      metric: p.metric,
      ...(team !== undefined ? { team } : {}),
      higherIsBetter: HIGHER_IS_BETTER[p.metric],
      minN: RANK_MIN_N,
      rows: rankEntries(entries, HIGHER_IS_BETTER[p.metric]),
    };
  },
});
