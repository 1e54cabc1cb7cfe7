/**
 * Sampling plans at work: previewing a plan's margins, drawing a sample into review tasks
 * (plans/create and the recurring runs of the timer), and reminding inspectors of overdue tasks.
 * The choices are the core's (core/sampling); this file queries, stores and sends.
 */
import { agentMargins, inspectedFigures, sizeForTarget, type AgentStratum } from '../core/sampling/sample.margins';
import { assignSample, type InspectorSlot } from '../core/sampling/sample.assign';
import {
  DEFAULT_RISK_WEIGHTS,
  selectSample,
  type SampledSession,
  type SampleSpec,
} from '../core/sampling/sample.select';
import { previousPeriod, runKeyOf, type PlanFilters, type SamplingPlan } from '../core/sampling/sampling-plan';
import { reviewTaskIdOf, type ReviewTask } from '../core/inspection/review-task';
import type { AgentPlanMargin } from '../core/api.contract';
import { meanAndSd } from '../core/stats/sampling';
import { byId, COLLECTIONS, countOf, database, rows } from './cloud';
import { planCandidates, type PlanCandidate } from './sampling.candidates';
import { insertReviewTask } from './review-tasks.repository';
import { reviewsByIds } from './reviews.repository';
import { sendSubscription } from './alerts/subscription.service';

const DAY = 86400_000;

export async function getPlan(id: string): Promise<SamplingPlan | null> {
  return byId<SamplingPlan>(COLLECTIONS.samplingPlans, id);
}

export async function putPlan(plan: SamplingPlan): Promise<void> {
  const { _id, ...fields } = plan;
  await database().collection(COLLECTIONS.samplingPlans).doc(_id).set({ data: fields });
}

/** Every task of a plan (bounded: a plan's draws are capped). */
export async function tasksOfPlan(planId: string): Promise<ReviewTask[]> {
  const coll = database().collection(COLLECTIONS.reviewTasks);
  const out: ReviewTask[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await rows<ReviewTask>(coll.where({ planId }).orderBy('_id', 'asc').skip(skip).limit(100));
    out.push(...page);
    if (page.length < 100 || skip > 20_000) return out;
  }
}

/** Open (todo or in-progress) tasks each inspector holds, across plans. */
async function openLoads(inspectorIds: string[]): Promise<Map<string, number>> {
  const _ = database().command;
  const loads = new Map<string, number>();
  for (const id of inspectorIds) {
    loads.set(
      id,
      await countOf(
        database()
          .collection(COLLECTIONS.reviewTasks)
          .where({ inspectorId: id, status: _.neq('done') }),
      ),
    );
  }
  return loads;
}

type PlanShape = Pick<SamplingPlan, 'kind' | 'size' | 'riskWeights' | 'lowScoreBelow' | 'cap' | 'seed'>;

/** Each agent's candidates, with the planning values the automatic scores give. */
function strataOf(candidates: readonly PlanCandidate[]): Map<string, Omit<AgentStratum, 'sampled'>> {
  const by = new Map<string, PlanCandidate[]>();
  for (const c of candidates) by.set(c.agentId, [...(by.get(c.agentId) ?? []), c]);
  const out = new Map<string, Omit<AgentStratum, 'sampled'>>();
  for (const [agentId, list] of [...by.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const n = list.length;
    const sum = list.reduce((s, c) => s + c.score, 0);
    const sq = list.reduce((s, c) => s + c.score * c.score, 0);
    const { sd } = meanAndSd(n, sum, sq);
    out.set(agentId, {
      agentId,
      population: n,
      passRate: list.filter((c) => c.passed).length / n,
      scoreSd: n > 1 && sd > 0 ? sd : undefined,
    });
  }
  return out;
}

function specOf(plan: PlanShape, count?: number): SampleSpec {
  const size = count !== undefined ? { count } : { share: plan.size.share, count: plan.size.count };
  switch (plan.kind) {
    case 'random':
      return { kind: 'random', ...size };
    case 'targeted':
      return { kind: 'targeted' };
    case 'stratified':
      return { kind: 'stratified', perAgent: size };
    case 'risk':
      return { kind: 'risk', ...size, weights: plan.riskWeights, lowScoreBelow: plan.lowScoreBelow };
  }
}

/**
 * The draw: with a target margin, each agent's sessions are drawn separately, sized to reach it;
 * otherwise one draw over all candidates. Sessions in `exclude` are never drawn again.
 */
export function drawSample(
  plan: PlanShape,
  candidates: readonly PlanCandidate[],
  seed: string,
  exclude: ReadonlySet<string>,
): { sample: SampledSession[]; needed?: Map<string, number> } {
  const target = plan.size.target;
  if (
    !target ||
    (target.meanScorePoints === undefined && target.passRatePoints === undefined) ||
    plan.kind === 'targeted'
  ) {
    return { sample: selectSample(candidates, specOf(plan), { seed, cap: plan.cap, exclude }) };
  }
  const strata = strataOf(candidates);
  const needed = new Map(sizeForTarget([...strata.values()], target).map((s) => [s.agentId, s.needed]));
  const sample: SampledSession[] = [];
  for (const [agentId, n] of needed) {
    const mine = candidates.filter((c) => c.agentId === agentId);
    const already = mine.filter((c) => exclude.has(c.sessionId)).length;
    sample.push(...selectSample(mine, specOf(plan, Math.max(0, n - already)), { seed, exclude }));
  }
  return { sample: plan.cap === undefined ? sample : sample.slice(0, plan.cap), needed };
}

/** Per agent: candidates N, drawn n, and the margins that n gives (planning values: automatic scores). */
export function marginsOf(
  candidates: readonly PlanCandidate[],
  sampledPerAgent: Map<string, number>,
  needed?: Map<string, number>,
): AgentPlanMargin[] {
  const strata = strataOf(candidates);
  for (const agentId of sampledPerAgent.keys()) {
    if (!strata.has(agentId)) strata.set(agentId, { agentId, population: sampledPerAgent.get(agentId) ?? 0 });
  }
  const margins = agentMargins(
    [...strata.values()].map((s) => ({ ...s, sampled: sampledPerAgent.get(s.agentId) ?? 0 })),
  );
  return margins.map((m) => {
    const s = strata.get(m.agentId)!;
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      ...m,
      passRateMargin: m.sampled === 0 ? null : finite(m.passRateMargin),
      meanScoreMargin: finite(m.meanScoreMargin),
      passRate: s.passRate,
      scoreSd: s.scoreSd,
      ...(needed ? { needed: needed.get(m.agentId) ?? 0 } : {}),
    };
  });
}

/**
 * Adds to each agent's margins what the plan's submitted reviews say so far: the inspected pass
 * rate and mean score with their intervals (finite population: the agent's sessions in the
 * period). The inspected score of a session is the one an appeal decision left, else the
 * reviewer's manual score; tasks outside the plan's period (a recurring run's) are not counted.
 */
export async function withInspected(
  margins: AgentPlanMargin[],
  tasks: readonly ReviewTask[],
  inPeriod: ReadonlySet<string>,
): Promise<AgentPlanMargin[]> {
  const done = tasks.filter((t) => t.status === 'done' && t.reviewId && inPeriod.has(t.sessionId));
  const reviews = await reviewsByIds(done.map((t) => t.reviewId!));
  const scores = new Map<string, { total: number; passed: boolean }[]>();
  for (const r of reviews) {
    const score = r.finalScore ?? r.manual;
    if (r.status !== 'submitted' || !score) continue;
    const agent = r.agentId ?? '';
    scores.set(agent, [...(scores.get(agent) ?? []), { total: score.total, passed: score.passed }]);
  }
  return margins.map((m) => ({ ...m, inspected: inspectedFigures(m.population, scores.get(m.agentId) ?? []) }));
}

function countByAgent(items: readonly { agentId?: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.agentId ?? '', (m.get(i.agentId ?? '') ?? 0) + 1);
  return m;
}

export interface PreviewInput extends PlanShape {
  filters: PlanFilters;
  period: { from: number; to: number };
}

export async function previewPlan(p: PreviewInput) {
  const candidates = await planCandidates(p.filters, p.period);
  const { sample, needed } = drawSample(p, candidates, p.seed, new Set());
  return {
    candidates: candidates.length,
    drawn: sample.length,
    agents: marginsOf(candidates, countByAgent(sample), needed),
    riskWeights: { ...DEFAULT_RISK_WEIGHTS, ...(p.riskWeights ?? {}) },
  };
}

/**
 * One draw of a plan into review tasks (`tk_<plan>_<session>`: a second run of the same draw, or
 * a session drawn by an earlier run, adds nothing). Returns the tasks created.
 */
export async function runDraw(
  plan: SamplingPlan,
  period: { from: number; to: number },
  runKey: string,
  now: number,
): Promise<{ created: ReviewTask[]; unassigned: number; candidates: PlanCandidate[] }> {
  const candidates = await planCandidates(plan.filters, period);
  const held = await tasksOfPlan(plan._id);
  const exclude = new Set(held.map((t) => t.sessionId));
  const { sample } = drawSample(plan, candidates, `${plan.seed}:${runKey}`, exclude);
  const loads = await openLoads(plan.inspectorIds);
  const slots: InspectorSlot[] = plan.inspectorIds.map((id) => ({
    id,
    weight: plan.inspectorWeights?.[id],
    teams: plan.inspectorTeams?.[id],
    cap: plan.inspectorCap,
    load: loads.get(id),
  }));
  const { assignments, unassigned } = assignSample(sample, slots, plan.assignMode);
  const bySession = new Map(sample.map((s) => [s.sessionId, s]));
  const created: ReviewTask[] = [];
  for (const a of assignments) {
    const s = bySession.get(a.sessionId)!;
    const task: ReviewTask = {
      _id: reviewTaskIdOf(plan._id, a.sessionId),
      planId: plan._id,
      sessionId: a.sessionId,
      inspectorId: a.inspectorId,
      ...(s.agentId ? { agentId: s.agentId } : {}),
      ...(s.team ? { team: s.team } : {}),
      status: 'todo',
      dueAt: now + plan.dueDays * DAY,
      createdAt: now,
      updatedAt: now,
    };
    if (await insertReviewTask(task)) created.push(task);
  }
  return { created, unassigned: unassigned.length, candidates };
}

/**
 * The timer's part: each recurring plan draws once per period (claimed by a conditional update
 * of `lastRunKey`, so a timer firing twice draws once), then one overdue reminder per inspector
 * per day. Failures are logged; the sweep goes on.
 */
export async function sweepSampling(now: number): Promise<{ runs: number; reminders: number }> {
  const _ = database().command;
  let runs = 0;
  const plans = await rows<SamplingPlan>(
    database()
      .collection(COLLECTIONS.samplingPlans)
      .where({ recurrence: _.in(['daily', 'weekly', 'monthly']) })
      .limit(100),
  );
  for (const plan of plans) {
    const key = runKeyOf(plan.recurrence, now);
    if (plan.lastRunKey === key) continue;
    try {
      const claim = (await database()
        .collection(COLLECTIONS.samplingPlans)
        .where({ _id: plan._id, lastRunKey: plan.lastRunKey ?? _.exists(false) })
        .update({ data: { lastRunKey: key } })) as { stats?: { updated?: number } };
      if (!claim.stats?.updated) continue;
      const { created, unassigned } = await runDraw(plan, previousPeriod(plan.recurrence, now), key, now);
      await database()
        .collection(COLLECTIONS.samplingPlans)
        .doc(plan._id)
        .update({ data: { runs: _.inc(1), drawn: _.inc(created.length), unassigned: _.inc(unassigned) } });
      runs++;
    } catch (e) {
      console.error('[sweep] sampling plan run failed', plan._id, e);
    }
  }
  return { runs, reminders: await remindOverdue(now) };
}

/** One subscription message per inspector per day for their overdue tasks. */
export async function remindOverdue(now: number): Promise<number> {
  const _ = database().command;
  const overdue = await rows<ReviewTask>(
    database()
      .collection(COLLECTIONS.reviewTasks)
      .where({ status: _.neq('done'), dueAt: _.lt(now) })
      .limit(1000),
  );
  const byInspector = new Map<string, ReviewTask[]>();
  for (const t of overdue) byInspector.set(t.inspectorId, [...(byInspector.get(t.inspectorId) ?? []), t]);
  let sent = 0;
  const today = Math.floor((now + 8 * 3600_000) / DAY);
  for (const [inspectorId, tasks] of byInspector) {
    if (tasks.some((t) => t.remindedAt !== undefined && Math.floor((t.remindedAt + 8 * 3600_000) / DAY) === today))
      continue;
    for (const t of tasks) {
      await database()
        .collection(COLLECTIONS.reviewTasks)
        .doc(t._id)
        .update({ data: { remindedAt: now } });
    }
    const when = new Date(now + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    await sendSubscription(
      inspectorId,
      {
        page: 'packages/inspector/home/index',
        data: {
          thing1: { value: `${tasks.length} 个质检任务已逾期` },
          phrase2: { value: '逾期' },
          time3: { value: when },
          thing4: { value: '请尽快完成质检' },
        },
      },
      { kind: 'notice', count: tasks.length },
      now,
    );
    sent++;
  }
  return sent;
}
