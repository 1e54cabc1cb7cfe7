/**
 * Sampling plans through the real router on the local store: each kind, the supervisor's team
 * scope, caps, assignment modes, reassignment, recurring runs from the timer (once per period,
 * never a session twice), overdue reminders, and the margins against textbook values.
 */
import { alertTemplateId } from '../../cloudfunctions/common/alerts/subscription.service';
import type { User } from '../../cloudfunctions/core/model';
import { data, inStore, putDoc, sentSubscriptions } from './alerts.support';
import { callApi, resetStore, runSweep, TEAM, USERS } from './harness';

const DAY = 86400_000;
const OTHER = '售后二组';
const T0 = Date.UTC(2026, 10, 10, 4); // 2026-11-10 12:00 China time
const PERIOD = { from: T0 - 7 * DAY, to: T0 };

const USERS_PLUS: User[] = [
  ...USERS,
  { _id: 'insp-2', role: 'inspector', name: '质检员小周' },
  { _id: 'insp-3', role: 'inspector', name: '质检员小吴' },
];

let seq = 0;
async function closed(
  agentId: string,
  team: string,
  endedAt: number,
  total: number,
  extra: Record<string, unknown> = {},
  redLine = false,
): Promise<string> {
  const id = `s${String(++seq).padStart(5, '0')}`;
  await putDoc('sessions', id, {
    channel: 'mp-kf',
    customerId: `c${seq}`,
    agentIds: [agentId],
    agentId,
    team,
    status: 'closed',
    startedAt: endedAt - 600_000,
    lastAt: endedAt,
    endedAt,
    messageCount: 6,
    score: { total, passed: total >= 80, scoreId: `sc_${id}`, redLine },
    ...extra,
  });
  return id;
}

function at(t: number) {
  jest.spyOn(Date, 'now').mockReturnValue(t);
}

beforeEach(async () => {
  jest.restoreAllMocks();
  await resetStore(USERS_PLUS);
  seq = 0;
  at(T0);
});
afterAll(() => jest.restoreAllMocks());

/** kf001 (售前一组) 40 sessions, kf002 (售前一组) 20, kf006 (售后二组) 20, spread over the period. */
async function seedPeriod(): Promise<void> {
  for (let i = 0; i < 40; i++) await closed('kf001', TEAM, PERIOD.from + (i + 0.5) * ((7 * DAY) / 40), 70 + (i % 30));
  for (let i = 0; i < 20; i++) await closed('kf002', TEAM, PERIOD.from + (i + 0.5) * ((7 * DAY) / 20), 60 + 2 * i);
  for (let i = 0; i < 20; i++) await closed('kf006', OTHER, PERIOD.from + (i + 0.5) * ((7 * DAY) / 20), 90);
  // Outside the period, open, or unscored: never candidates.
  await closed('kf001', TEAM, PERIOD.to + 1000, 50);
  await putDoc('sessions', 'open-1', {
    channel: 'mp-kf',
    customerId: 'x',
    agentIds: ['kf001'],
    team: TEAM,
    status: 'open',
    startedAt: T0 - DAY,
    lastAt: T0 - DAY,
    messageCount: 1,
  });
  await putDoc('sessions', 'unscored-1', {
    channel: 'mp-kf',
    customerId: 'y',
    agentIds: ['kf001'],
    agentId: 'kf001',
    team: TEAM,
    status: 'closed',
    startedAt: T0 - DAY,
    lastAt: T0 - DAY,
    endedAt: T0 - DAY,
    messageCount: 1,
  });
}

const create = (openid: string, p: Record<string, unknown>) =>
  callApi(openid, { action: 'plans/create', name: '抽检', period: PERIOD, inspectorIds: ['insp-1', 'insp-2'], ...p });

type Task = {
  _id: string;
  sessionId: string;
  inspectorId: string;
  agentId: string;
  team: string;
  planId: string;
  status: string;
  dueAt: number;
};
const tasksOf = (planId: string) => inStore<Task>('reviewTasks', { planId });

describe('plans: kinds', () => {
  it('random: a share of the candidates, split evenly, tk_<plan>_<session> ids, audited', async () => {
    await seedPeriod();
    const { plan, tasks } = data(await create('admin-1', { kind: 'random', size: { share: 0.25 } }));
    expect(tasks).toBe(20); // ceil(80 × 0.25)
    const stored = await tasksOf(plan._id);
    expect(stored).toHaveLength(20);
    for (const t of stored) expect(t._id).toBe(`tk_${plan._id}_${t.sessionId}`);
    expect(new Set(stored.map((t) => t.sessionId)).size).toBe(20);
    expect(stored.filter((t) => t.inspectorId === 'insp-1')).toHaveLength(10);
    expect(stored.every((t) => t.dueAt === T0 + 3 * DAY && t.status === 'todo')).toBe(true);
    expect(await inStore('auditLog', { entity: 'samplingPlan' })).toEqual([
      expect.objectContaining({
        by: 'admin-1',
        entityId: plan._id,
        action: 'create',
        before: null,
        after: expect.objectContaining({ drawn: 20 }),
      }),
    ]);
  });

  it('targeted: every session the filters let through (failed, of kf002, with an alert)', async () => {
    await seedPeriod();
    const sessions = await inStore<{ _id: string; agentId: string; score: { passed: boolean } }>('sessions', {
      agentId: 'kf002',
    });
    const failed = sessions.filter((s) => s.score && !s.score.passed);
    await putDoc('alerts', 'a1', { sessionId: failed[0]._id, status: 'new' });
    await putDoc('alerts', 'a2', { sessionId: failed[1]._id, status: 'new' });
    const r1 = data(await create('admin-1', { kind: 'targeted', filters: { agentId: 'kf002', passed: false } }));
    expect(r1.tasks).toBe(failed.length);
    expect(failed.length).toBe(10); // 60, 62, … 78
    const r2 = data(await create('admin-1', { kind: 'targeted', filters: { agentId: 'kf002', hasAlert: true } }));
    expect((await tasksOf(r2.plan._id)).map((t) => t.sessionId).sort()).toEqual([failed[0]._id, failed[1]._id].sort());
    const r3 = data(await create('admin-1', { kind: 'targeted', filters: { scoreMin: 95, team: TEAM } }));
    expect(r3.tasks).toBe(7); // kf001 95..99, kf002 96 and 98
  });

  it('stratified: N per agent, spread over the period', async () => {
    await seedPeriod();
    const { plan } = data(await create('admin-1', { kind: 'stratified', size: { count: 4 } }));
    const stored = await tasksOf(plan._id);
    const per = (a: string) => stored.filter((t) => t.agentId === a);
    expect([per('kf001').length, per('kf002').length, per('kf006').length]).toEqual([4, 4, 4]);
    // One from each quarter of kf001's period.
    const ends = await Promise.all(
      per('kf001').map(async (t) => (await inStore<{ endedAt: number }>('sessions', { _id: t.sessionId }))[0].endedAt),
    );
    const quarters = ends.map((e) => Math.floor(((e - PERIOD.from) / (7 * DAY)) * 4)).sort();
    expect(quarters).toEqual([0, 1, 2, 3]);
  });

  it('risk-weighted: red lines, negative and unresolved customers oversampled; weights shown in the preview', async () => {
    for (let i = 0; i < 100; i++) {
      const risky = i < 20;
      await closed(
        'kf001',
        TEAM,
        PERIOD.from + i * 60_000,
        90,
        risky ? { rating: { csat: 1, resolved: false } } : {},
        risky,
      );
    }
    const preview = data(
      await callApi('sup-1', { action: 'plans/preview', kind: 'risk', size: { count: 20 }, period: PERIOD }),
    );
    expect(preview.riskWeights).toEqual({ lowScore: 3, redLine: 5, customerNegative: 2, unresolved: 2, alerted: 2 });
    expect(preview.drawn).toBe(20);
    const riskyIds = new Set(Array.from({ length: 20 }, (_, i) => `s${String(i + 1).padStart(5, '0')}`));
    // Weight 10 vs 1. One draw of 20 has about 14 risky sessions but fewer than 10 in 4% of seeds
    // (plans are seeded from the clock), so four plans are drawn: 80 tasks, about 56 risky where a
    // uniform draw gives 16; fewer than 40 is over 4 standard deviations away.
    let risky = 0;
    for (let i = 0; i < 4; i++) {
      const { plan } = data(await create('sup-1', { kind: 'risk', size: { count: 20 } }));
      const drawn = await tasksOf(plan._id);
      expect(drawn).toHaveLength(20);
      risky += drawn.filter((t) => riskyIds.has(t.sessionId)).length;
    }
    expect(risky).toBeGreaterThanOrEqual(40);
  });
});

describe('plans: scope, caps, assignment', () => {
  it("a supervisor's plan draws only their team; another team in the filters is refused", async () => {
    await seedPeriod();
    const { plan } = data(await create('sup-1', { kind: 'random', size: { share: 1 } }));
    expect(plan.team).toBe(TEAM);
    const stored = await tasksOf(plan._id);
    expect(stored).toHaveLength(60);
    expect(stored.every((t) => t.team === TEAM)).toBe(true);
    expect(await create('sup-1', { kind: 'random', filters: { team: OTHER } })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const list = data(await callApi('sup-2', { action: 'plans/list' }));
    expect(list.items).toEqual([]);
    expect(await callApi('sup-2', { action: 'plans/get', planId: plan._id })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('caps: per plan and per inspector (open tasks across plans); the rest is reported unassigned', async () => {
    await seedPeriod();
    const a = data(await create('admin-1', { kind: 'random', size: { share: 1 }, cap: 15 }));
    expect(a.tasks).toBe(15);
    const b = data(await create('admin-1', { kind: 'random', size: { count: 30 }, inspectorCap: 12 }));
    // insp-1 and insp-2 hold 7 or 8 open tasks from plan a: room for 5 and 4 (or 4 and 5).
    const load = async (id: string) => (await inStore<Task>('reviewTasks', { inspectorId: id })).length;
    expect(await load('insp-1')).toBeLessThanOrEqual(12);
    expect(await load('insp-2')).toBeLessThanOrEqual(12);
    expect(b.tasks).toBe(24 - 15);
    expect(b.plan.unassigned).toBe(30 - b.tasks);
  });

  it('assignment: weighted and by team', async () => {
    await seedPeriod();
    const w = data(
      await create('admin-1', {
        kind: 'random',
        size: { count: 40 },
        inspectorIds: ['insp-1', 'insp-2'],
        assignMode: 'weighted',
        inspectorWeights: { 'insp-1': 3, 'insp-2': 1 },
      }),
    );
    const ws = await tasksOf(w.plan._id);
    expect(ws.filter((t) => t.inspectorId === 'insp-1')).toHaveLength(30);
    const t = data(
      await create('admin-1', {
        kind: 'random',
        size: { share: 1 },
        inspectorIds: ['insp-2', 'insp-3'],
        assignMode: 'by-team',
        inspectorTeams: { 'insp-2': [TEAM], 'insp-3': [OTHER] },
      }),
    );
    const ts = await tasksOf(t.plan._id);
    expect(ts.filter((x) => x.team === TEAM).every((x) => x.inspectorId === 'insp-2')).toBe(true);
    expect(ts.filter((x) => x.team === OTHER).every((x) => x.inspectorId === 'insp-3')).toBe(true);
    expect(ts.filter((x) => x.team === OTHER)).toHaveLength(20);
  });

  it('inspectors must be inspectors; an inspector planning for nobody plans for themselves', async () => {
    await seedPeriod();
    expect(await create('admin-1', { kind: 'random', period: { from: T0 - 100 * DAY, to: T0 } })).toMatchObject({
      ok: false,
      code: 'PLAN.BAD_PERIOD',
    });
    expect(await create('admin-1', { kind: 'random', period: { from: T0, to: T0 - DAY } })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await create('admin-1', { kind: 'random', inspectorIds: ['agent-1'] })).toMatchObject({
      ok: false,
      code: 'TASK.BAD_INSPECTOR',
    });
    const mine = data(
      await callApi('insp-1', {
        action: 'plans/create',
        name: '我的抽检',
        kind: 'random',
        size: { count: 3 },
        period: PERIOD,
      }),
    );
    expect((await tasksOf(mine.plan._id)).map((x) => x.inspectorId)).toEqual(['insp-1', 'insp-1', 'insp-1']);
  });

  it('tasks/list by role, and reassign (supervisor in team, audited before/after; done tasks stay)', async () => {
    await seedPeriod();
    const { plan } = data(await create('admin-1', { kind: 'random', size: { share: 1 } }));
    const mine = data(await callApi('insp-1', { action: 'tasks/list', limit: 100 }));
    expect(mine.total).toBe(40);
    expect(mine.items.every((x: Task) => x.inspectorId === 'insp-1')).toBe(true);
    const team = data(await callApi('sup-1', { action: 'tasks/list', limit: 100 }));
    expect(team.total).toBe(60);
    expect(data(await callApi('admin-1', { action: 'tasks/list' })).total).toBe(80);
    const own = (await tasksOf(plan._id)).find((x) => x.team === TEAM && x.inspectorId === 'insp-1')!;
    const other = (await tasksOf(plan._id)).find((x) => x.team === OTHER)!;
    const r = data(await callApi('sup-1', { action: 'tasks/reassign', taskId: own._id, inspectorId: 'insp-3' }));
    expect(r.task.inspectorId).toBe('insp-3');
    expect(await inStore('auditLog', { entity: 'reviewTask' })).toEqual([
      expect.objectContaining({
        by: 'sup-1',
        entityId: own._id,
        action: 'reassign',
        before: { inspectorId: 'insp-1' },
        after: { inspectorId: 'insp-3' },
      }),
    ]);
    expect(
      await callApi('sup-1', { action: 'tasks/reassign', taskId: other._id, inspectorId: 'insp-3' }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await callApi('sup-1', { action: 'tasks/reassign', taskId: own._id, inspectorId: 'sup-1' })).toMatchObject({
      ok: false,
      code: 'TASK.BAD_INSPECTOR',
    });
    const { _id: ownId, ...ownFields } = own;
    await putDoc('reviewTasks', ownId, { ...ownFields, inspectorId: 'insp-3', status: 'done' });
    expect(
      await callApi('admin-1', { action: 'tasks/reassign', taskId: own._id, inspectorId: 'insp-1' }),
    ).toMatchObject({ ok: false, code: 'TASK.DONE' });
    const progress = data(await callApi('admin-1', { action: 'plans/get', planId: plan._id })).progress;
    expect(progress.find((p: { inspectorId: string }) => p.inspectorId === 'insp-3')).toMatchObject({
      total: 1,
      done: 1,
    });
  });
});

describe('plans: recurring runs and reminders from the timer', () => {
  it('a daily plan draws once per day, even when the timer fires twice, never the same session twice', async () => {
    // Sessions on 11-09, 11-10 and 11-11 (China time), 10 each, kf001.
    const dayOf = (d: number) => Date.UTC(2026, 10, d, 4) - 8 * 3600_000 + 4 * 3600_000; // 12:00 local
    for (const d of [9, 10, 11]) for (let i = 0; i < 10; i++) await closed('kf001', TEAM, dayOf(d) + i * 60_000, 85);
    at(Date.UTC(2026, 10, 10, 2)); // 11-10 10:00 local: first draw from the given period (11-09)
    const { plan } = data(
      await callApi('admin-1', {
        action: 'plans/create',
        name: '每日抽检',
        kind: 'random',
        size: { share: 0.5 },
        period: { from: Date.UTC(2026, 10, 8, 16), to: Date.UTC(2026, 10, 9, 16) },
        recurrence: 'daily',
        inspectorIds: ['insp-1'],
      }),
    );
    expect(await tasksOf(plan._id)).toHaveLength(5);
    await runSweep(); // same day: nothing
    expect(await tasksOf(plan._id)).toHaveLength(5);
    at(Date.UTC(2026, 10, 11, 1)); // 11-11 09:00 local: draws from 11-10
    await runSweep();
    await runSweep();
    const after = await tasksOf(plan._id);
    expect(after).toHaveLength(10);
    expect(new Set(after.map((t) => t.sessionId)).size).toBe(10);
    const stored = (await inStore<{ runs: number; lastRunKey: string; drawn: number }>('samplingPlans'))[0];
    expect(stored).toMatchObject({ runs: 2, lastRunKey: '2026-11-11', drawn: 10 });
  });

  it('a recurring plan whose period overlaps an earlier draw skips the sessions drawn', async () => {
    for (let i = 0; i < 10; i++) await closed('kf001', TEAM, Date.UTC(2026, 10, 9, 4) + i * 60_000, 85);
    at(Date.UTC(2026, 10, 10, 2));
    const { plan } = data(
      await callApi('admin-1', {
        action: 'plans/create',
        name: '每日全检',
        kind: 'targeted',
        period: { from: Date.UTC(2026, 10, 8, 16), to: Date.UTC(2026, 10, 9, 16) },
        recurrence: 'weekly',
        inspectorIds: ['insp-1'],
      }),
    );
    expect(await tasksOf(plan._id)).toHaveLength(10);
    at(Date.UTC(2026, 10, 17, 2)); // next week: its period (11-09 .. 11-16) holds the same 10
    await runSweep();
    expect(await tasksOf(plan._id)).toHaveLength(10);
    expect((await inStore<{ runs: number }>('samplingPlans'))[0].runs).toBe(2);
  });

  it('overdue tasks: one reminder per inspector per day, through the subscription path (outbox)', async () => {
    await seedPeriod();
    await putDoc('subscriptions', 'insp-1', { banked: 5, templateId: alertTemplateId(), updatedAt: T0 });
    await putDoc('subscriptions', 'insp-2', { banked: 5, templateId: alertTemplateId(), updatedAt: T0 });
    data(await create('admin-1', { kind: 'random', size: { count: 6 }, dueDays: 1 }));
    const sentBefore = sentSubscriptions().length;
    await runSweep();
    expect(sentSubscriptions().length).toBe(sentBefore); // not due yet
    at(T0 + 2 * DAY);
    await runSweep();
    await runSweep();
    const sent = sentSubscriptions()
      .slice(sentBefore)
      .map((e) => e.params as { touser?: string; page?: string });
    expect(sent.map((s) => s.touser).sort()).toEqual(['insp-1', 'insp-2']);
    expect(sent[0].page).toBe('packages/inspector/home/index');
    at(T0 + 3 * DAY);
    await runSweep();
    expect(sentSubscriptions().length - sentBefore).toBe(4);
  });
});

describe('plans: margins', () => {
  it('sizing to ±10 points of pass rate at p = 0.85 with N = 400 asks for 44 (RESEARCH.md)', async () => {
    for (let i = 0; i < 400; i++) await closed('kf001', TEAM, PERIOD.from + i * 60_000, i % 20 < 17 ? 90 : 70);
    const r = data(
      await callApi('admin-1', {
        action: 'plans/preview',
        kind: 'random',
        size: { target: { passRatePoints: 10 } },
        period: PERIOD,
      }),
    );
    expect(r.agents).toEqual([
      expect.objectContaining({ agentId: 'kf001', population: 400, needed: 44, sampled: 44, passRate: 0.85 }),
    ]);
    // Textbook check, by hand: n0 = 1.96² · 0.85 · 0.15 / 0.1² = 48.98; n = n0 / (1 + (n0 − 1)/400) = 43.7 → 44.
    const n0 = (1.959964 ** 2 * 0.85 * 0.15) / 0.01;
    expect(Math.ceil(n0 / (1 + (n0 - 1) / 400))).toBe(44);
    // The reported margin is Wilson's (the farther side of an asymmetric interval), with the FPC:
    // at p̂ = 37/44 it exceeds the normal-approximation ±10 the sizing formula aims at.
    const z = 1.959964;
    const nEff = 44 / ((400 - 44) / 399);
    const p = 37 / 44;
    const centre = (p + (z * z) / (2 * nEff)) / (1 + (z * z) / nEff);
    const half = (z * Math.sqrt((p * (1 - p)) / nEff + (z * z) / (4 * nEff * nEff))) / (1 + (z * z) / nEff);
    expect(r.agents[0].passRateMargin).toBeCloseTo(p - (centre - half), 6);
  });

  it('preview margins: Wilson pass rate and t mean score with the FPC, against hand-computed values', async () => {
    // kf002: 20 sessions, scores 60..98, half pass (80+); draw 10 of them (stratified).
    for (let i = 0; i < 20; i++) await closed('kf002', TEAM, PERIOD.from + i * 60_000, 60 + 2 * i);
    const r = data(
      await callApi('admin-1', { action: 'plans/preview', kind: 'stratified', size: { count: 10 }, period: PERIOD }),
    );
    const [m] = r.agents;
    expect(m).toMatchObject({ agentId: 'kf002', population: 20, sampled: 10, passRate: 0.5 });
    const z = 1.959964;
    const fpc2 = (20 - 10) / (20 - 1);
    const nEff = 10 / fpc2;
    const half = (z * Math.sqrt(0.25 / nEff + (z * z) / (4 * nEff * nEff))) / (1 + (z * z) / nEff);
    expect(m.passRateMargin).toBeCloseTo(half, 4); // p = 0.5: the interval is symmetric
    // sd of 60, 62, …, 98 = 2 · sd(0..19) = 2 · √35 = 11.832; t(0.975, 9) = 2.262157.
    const sd = 2 * Math.sqrt(35);
    expect(m.scoreSd).toBeCloseTo(sd, 3);
    expect(m.meanScoreMargin).toBeCloseTo(2.262157 * (sd / Math.sqrt(10)) * Math.sqrt(fpc2), 3);
    // A target of ±5 score points asks for more than 10 of 20.
    const t = data(
      await callApi('admin-1', {
        action: 'plans/preview',
        kind: 'random',
        size: { target: { meanScorePoints: 5 } },
        period: PERIOD,
      }),
    );
    expect(t.agents[0].needed).toBeGreaterThan(10);
    expect(t.agents[0].meanScoreMargin).toBeLessThanOrEqual(5);
  });

  it('preview writes nothing; plans/get reports margins for what was drawn', async () => {
    await seedPeriod();
    const before = (await inStore('samplingPlans')).length + (await inStore('reviewTasks')).length;
    data(await callApi('admin-1', { action: 'plans/preview', kind: 'risk', size: { share: 0.5 }, period: PERIOD }));
    expect((await inStore('samplingPlans')).length + (await inStore('reviewTasks')).length).toBe(before);
    const { plan } = data(await create('admin-1', { kind: 'stratified', size: { count: 5 } }));
    const got = data(await callApi('admin-1', { action: 'plans/get', planId: plan._id }));
    expect(
      got.agents.map((a: { agentId: string; sampled: number; population: number }) => [
        a.agentId,
        a.sampled,
        a.population,
      ]),
    ).toEqual([
      ['kf001', 5, 40],
      ['kf002', 5, 20],
      ['kf006', 5, 20],
    ]);
    expect(got.progress.map((p: { total: number }) => p.total).reduce((a: number, b: number) => a + b, 0)).toBe(15);
    // One drawn: no t-interval (it needs 2), so the mean-score margin is null, never NaN.
    const one = data(
      await callApi('admin-1', { action: 'plans/preview', kind: 'stratified', size: { count: 1 }, period: PERIOD }),
    );
    expect(one.agents[0]).toMatchObject({ sampled: 1, meanScoreMargin: null });
    expect(one.agents[0].passRateMargin).toBeGreaterThan(0);
  });
  it('plans/get states what the submitted reviews say: inspected pass rate and mean with intervals', async () => {
    await seedPeriod();
    const { plan } = data(await create('admin-1', { kind: 'stratified', size: { count: 5 } }));
    const tasks = (
      await inStore<{ _id: string; agentId: string; sessionId: string; inspectorId: string }>('reviewTasks')
    )
      .filter((t) => t.agentId === 'kf002')
      .slice(0, 4);
    // Four inspected: 90, 80, 70 by the reviewers, and one 50 the reviewer failed that an appeal raised to 75.
    const given = [
      { manual: { total: 90, passed: true } },
      { manual: { total: 80, passed: true } },
      { manual: { total: 70, passed: true } },
      { manual: { total: 50, passed: false }, finalScore: { total: 75, passed: true, at: T0 } },
    ];
    for (const [i, t] of tasks.entries()) {
      const reviewId = `rv_${t.sessionId}_${t.inspectorId}`;
      await putDoc('reviews', reviewId, {
        sessionId: t.sessionId,
        inspectorId: t.inspectorId,
        agentId: 'kf002',
        status: 'submitted',
        ...given[i],
      });
      const { _id, ...task } = t;
      await putDoc('reviewTasks', _id, { ...task, status: 'done', reviewId });
    }
    const got = data(await callApi('admin-1', { action: 'plans/get', planId: plan._id }));
    const kf002 = got.agents.find((a: { agentId: string }) => a.agentId === 'kf002');
    expect(kf002.inspected).toMatchObject({ n: 4, passRate: 1, mean: (90 + 80 + 70 + 75) / 4 });
    const sd = Math.sqrt([90, 80, 70, 75].reduce((a, x) => a + (x - 78.75) ** 2, 0) / 3);
    const t3 = 3.182446305284263; // t(0.975, 3)
    const fpc = Math.sqrt((20 - 4) / (20 - 1));
    expect(kf002.inspected.meanHigh - 78.75).toBeCloseTo((t3 * sd * fpc) / 2, 6);
    expect(kf002.inspected.passRateHigh).toBe(1);
    expect(kf002.inspected.passRateLow).toBeGreaterThan(0.4);
    expect(got.agents.find((a: { agentId: string }) => a.agentId === 'kf001').inspected).toBeNull();
  });
});
