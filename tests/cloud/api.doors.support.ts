/**
 * The world the door tests knock on, and how to knock on every `api` action: shared by the
 * access matrix (api.doors.test.ts) and the audit check (api.audit.test.ts).
 */
import type { ActionName } from '../../cloudfunctions/core/api.contract';
import { DEFAULT_ALERT_POLICIES } from '../../cloudfunctions/core/alerts/alert.policy-set';
import { emptyAggregate } from '../../cloudfunctions/core/backtest/backtest.aggregate';
import type { BacktestJob } from '../../cloudfunctions/core/backtest/backtest.job';
import { DEFAULT_SCORECARD, draftFrom } from '../../cloudfunctions/core/scoring';
import type { Role } from '../../cloudfunctions/core/model';
import { alertTemplateId } from '../../cloudfunctions/common/alerts/subscription.service';
import { agentMessage, customerSays, data, inStore, putDoc } from './alerts.support';
import { callApi, resetStore, store, TEAM } from './harness';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';
import { importRecord } from './import.support';
import { costlyKeys, scoredSession, submittedReviewOf } from './inspection.support';

export type Which = 'own' | 'other';
export type Caller = { label: string; openid: string | undefined; role: Role | null };

export const CALLERS: Caller[] = [
  { label: 'admin', openid: 'admin-1', role: 'admin' },
  { label: 'supervisor', openid: 'sup-1', role: 'supervisor' },
  { label: 'inspector', openid: 'insp-1', role: 'inspector' },
  { label: 'agent', openid: 'agent-1', role: 'agent' },
  { label: 'unknown openid', openid: 'o-stranger', role: null },
  { label: 'no openid', openid: undefined, role: null },
];

/** The records every case starts from: one set the callers own (team 售前一组, kf001, sup-1), one not. */
export interface World {
  session: Record<Which, string>;
  alert: Record<Which, string>;
  notice: Record<Which, string>;
  /** Submitted reviews of scored sessions (seeded only for doors that ask: `inspection`). */
  review: Record<Which, string>;
  /** Appeals filed by each team's agent, and the item each appeals. */
  appeal: Record<Which, string>;
  reviewKey: Record<Which, string>;
  appealKey: Record<Which, string>;
  /** Scored sessions (of the reviews above) to open reviews on. */
  reviewable: Record<Which, string>;
  /** Each reviewer's own draft (by openid), with an added hit and a note to remove. */
  draft: Record<string, Draft>;
  // Calibration and the case library (issue 13, calib): closed, scored sessions of the two teams,
  // a round sup-1 created for insp-1 and insp-2 and one sup-2 created for insp-2 and insp-3, and a
  // case insp-1 added on the own team's session and one sup-2 added on the other team's.
  scored: Record<Which, string>;
  round: Record<Which, string>;
  case: Record<Which, string>;
  // Sampling plans and review tasks (issue 13, plans)
  plan: Record<Which, string>;
  task: Record<Which, string>;
  // The agent's workspace (issue 16, agentdesk): a quick reply of each team.
  template: Record<Which, string>;
  // Rectification notices (issue 16, agent-notices): one acknowledged notice per team's agent.
  rectification: Record<Which, string>;
}

export interface Draft {
  id: string;
  hitKey: string;
  addedKey: string;
  noteKey: string;
}

/** The caller's own draft, or someone else's. */
function draftFor(w: World, which: Which, caller?: Caller): Draft {
  const me = caller?.openid && w.draft[caller.openid] ? caller.openid : 'insp-1';
  const owner = which === 'own' ? me : me === 'admin-1' ? 'insp-1' : 'admin-1';
  return w.draft[owner] ?? { id: `no-draft-${which}`, hitKey: '-', addedKey: '-', noteKey: '-' };
}

/**
 * Reviews and appeals need scored sessions (an import each, the real pipeline): seeded only
 * for the doors that name them, so the other few hundred cases stay fast.
 */
async function seedInspection(): Promise<
  Pick<World, 'review' | 'appeal' | 'reviewKey' | 'appealKey' | 'reviewable' | 'draft'>
> {
  const reviewed = async (agentId: string) => {
    const s = await scoredSession(agentId);
    const review = await submittedReviewOf(s);
    return { review, keys: costlyKeys(s.score) };
  };
  const [ownReview, otherReview, ownAppealed, otherAppealed] = [
    await reviewed('kf001'),
    await reviewed('kf006'),
    await reviewed('kf001'),
    await reviewed('kf006'),
  ];
  const appeal = async (openid: string, r: Awaited<ReturnType<typeof reviewed>>) =>
    data<{ appeal: { _id: string } }>(
      await callApi(openid, {
        action: 'appeals/file',
        reviewId: r.review._id,
        items: [{ key: r.keys[0], reason: '客户先辱骂' }],
      }),
    ).appeal._id;
  const drafted = await scoredSession('kf001');
  const draft: Record<string, Draft> = {};
  for (const owner of ['insp-1', 'sup-1', 'admin-1']) {
    const { review } = data<{ review: { _id: string } }>(
      await callApi(owner, { action: 'reviews/open', sessionId: drafted.session._id }),
    );
    const added = data<{ review: { added: { key: string }[] } }>(
      await callApi(owner, {
        action: 'reviews/addHit',
        reviewId: review._id,
        ruleId: 'rude-language',
        messageIndex: 1,
        span: [0, 2],
        note: '漏判',
      }),
    ).review.added[0].key;
    const note = data<{ review: { annotations: { key: string }[] } }>(
      await callApi(owner, {
        action: 'reviews/annotate',
        reviewId: review._id,
        messageIndex: 0,
        span: null,
        note: '客户着急',
      }),
    ).review.annotations[0].key;
    draft[owner] = { id: review._id, hitKey: costlyKeys(drafted.score)[0], addedKey: added, noteKey: note };
  }
  return {
    reviewable: { own: ownReview.review.sessionId, other: otherReview.review.sessionId },
    draft,
    review: { own: ownReview.review._id, other: otherReview.review._id },
    reviewKey: { own: ownReview.keys[0], other: otherReview.keys[0] },
    appeal: { own: await appeal('agent-1', ownAppealed), other: await appeal('agent-2', otherAppealed) },
    appealKey: { own: ownAppealed.keys[0], other: otherAppealed.keys[0] },
  };
}

const NO_INSPECTION = { own: 'none-own', other: 'none-other' };
const NO_INSPECTION_WORLD = {
  review: NO_INSPECTION,
  appeal: NO_INSPECTION,
  reviewKey: NO_INSPECTION,
  appealKey: NO_INSPECTION,
  reviewable: NO_INSPECTION,
  draft: {},
};

const OTHER_TEAM = '售后二组';
const EXAMPLE_ID = 'ex_0123456789abcdef';

/**
 * The world is seeded through the real functions (pushes, imports, scoring, reviews), which takes
 * most of a case's time; with ~1,200 cases it is seeded once a minute per kind and restored in
 * between from a copy of the store (every collection's documents, instance caches forgotten).
 * A world at most a minute old keeps every time-relative fixture inside its windows.
 */
const SEEDED_FOR_MS = 60_000;
const seeded = new Map<boolean, { at: number; world: World; docs: [string, Record<string, unknown>[]][] }>();

export async function seedWorld(inspection = false): Promise<World> {
  const copy = seeded.get(inspection);
  if (copy && Date.now() - copy.at < SEEDED_FOR_MS) {
    for (const c of store.listCollections()) store.dropCollection(c);
    forgetInstanceCaches();
    for (const [coll, docs] of copy.docs) if (docs.length > 0) store.insert(coll, docs);
    return copy.world;
  }
  const at = Date.now();
  const world = await seedWorldAfresh(inspection);
  seeded.set(inspection, { at, world, docs: store.listCollections().map((c) => [c, store.find(c)]) });
  return world;
}

async function seedWorldAfresh(inspection: boolean): Promise<World> {
  await resetStore();
  const now = Date.now();
  await customerSays('你好，请问我的订单发货了吗', { customer: 'oCustOwn', at: now - 60_000 });
  await agentMessage('您好，已经在安排了', { customer: 'oCustOwn', agentId: 'kf001', at: now - 50_000 });
  await customerSays('你好，请问退款到账了吗', { customer: 'oCustOther', at: now - 60_000 });
  await agentMessage('您好，正在处理', { customer: 'oCustOther', agentId: 'kf006', at: now - 50_000 });
  const sessions = await inStore<{ _id: string; customerId: string; team?: string }>('sessions');
  const own = sessions.find((s) => s.customerId === 'oCustOwn')!;
  const other = sessions.find((s) => s.customerId === 'oCustOther')!;
  // The fixture itself: the two sessions sit in two teams, or the matrix proves nothing.
  expect([own.team, other.team]).toEqual([TEAM, OTHER_TEAM]);

  const alert = (id: string, sessionId: string, agentId: string, team: string, routedTo: string) =>
    putDoc('alerts', id, {
      sessionId,
      agentId,
      team,
      policy: 'customer-waiting',
      severity: 'medium',
      status: 'new',
      title: '客户等待过久',
      evidence: [],
      routedTo: [routedTo],
      createdAt: now,
      updatedAt: now,
    });
  await alert('alert-own', own._id, 'kf001', TEAM, 'sup-1');
  await alert('alert-other', other._id, 'kf006', OTHER_TEAM, 'sup-2');
  const notice = (id: string, to: string, agentId: string) =>
    putDoc('notices', id, {
      to,
      agentId,
      from: 'sup-1',
      fromName: '林主管',
      kind: 'alert',
      title: '主管提醒',
      text: '请尽快回复客户',
      createdAt: now,
      readAt: null,
    });
  await notice('notice-own', 'agent-1', 'kf001');
  await notice('notice-other', 'agent-2', 'kf006');
  // Supervisors' inbox (issue 16, agent-notices): escalations and department feedback.
  await notice('notice-sup-own', 'sup-1', 'kf001');
  await putDoc('deadLetters', 'dl-1', {
    reason: '格式错误',
    code: 'INGEST.BAD_PAYLOAD',
    raw: '{}',
    at: now,
    replayed: false,
  });
  await putDoc('issueTypeExamples', EXAMPLE_ID, {
    text: '师傅什么时候上门安装',
    label: 'repair',
    createdBy: 'admin-1',
    createdAt: now,
    updatedBy: 'admin-1',
    updatedAt: now,
  });
  const calib = await seedCalibration(now);
  // Sampling plans and review tasks (issue 13, plans): own = team 售前一组 / insp-1, other = 售后二组 / insp-2.
  const plan = (id: string, team: string) =>
    putDoc('samplingPlans', id, {
      name: '每日抽检',
      kind: 'random',
      filters: { team },
      size: { share: 0.1 },
      period: { from: now - 86400_000, to: now },
      recurrence: 'none',
      inspectorIds: ['insp-1'],
      assignMode: 'even',
      dueDays: 3,
      seed: id,
      team,
      createdBy: 'admin-1',
      createdAt: now,
      runs: 1,
      drawn: 1,
      unassigned: 0,
    });
  await plan('plan-own', TEAM);
  await plan('plan-other', OTHER_TEAM);
  const task = (id: string, planId: string, sessionId: string, inspectorId: string, team: string, agentId: string) =>
    putDoc('reviewTasks', id, {
      planId,
      sessionId,
      inspectorId,
      agentId,
      team,
      status: 'todo',
      dueAt: now + 86400_000,
      createdAt: now,
      updatedAt: now,
    });
  await task('task-own', 'plan-own', own._id, 'insp-1', TEAM, 'kf001');
  await task('task-other', 'plan-other', other._id, 'insp-2', OTHER_TEAM, 'kf006');
  // The agent's workspace (issue 16, agentdesk): a colleague to transfer to, a template per team.
  await putDoc('users', 'agent-3', { role: 'agent', name: '李想', team: TEAM, agentId: 'kf002' });
  const template = (id: string, team: string) =>
    putDoc('replyTemplates', id, {
      title: '问候',
      text: '您好，请问有什么可以帮您',
      team,
      updatedBy: 'admin-1',
      updatedAt: now,
    });
  await template('tpl-own', TEAM);
  await template('tpl-other', OTHER_TEAM);
  // Rectification notices (issue 16, agent-notices): acknowledged, so a supervisor may confirm.
  const rectification = (id: string, sessionId: string, agentId: string, to: string, team: string) =>
    putDoc('rectifications', id, {
      source: 'manual',
      agentId,
      to,
      team,
      sessionId,
      problem: '未及时回复',
      evidence: [{ messageIndex: 0, excerpt: '你好' }],
      requirement: '复盘并说明改进做法',
      deadline: now + 3 * 86400_000,
      status: 'acknowledged',
      acknowledgedAt: now,
      createdBy: 'sup-1',
      createdByName: '林主管',
      createdAt: now,
      updatedAt: now,
    });
  await rectification('rect-own', own._id, 'kf001', 'agent-1', TEAM);
  await rectification('rect-other', other._id, 'kf006', 'agent-2', OTHER_TEAM);
  return {
    rectification: { own: 'rect-own', other: 'rect-other' },
    template: { own: 'tpl-own', other: 'tpl-other' },
    plan: { own: 'plan-own', other: 'plan-other' },
    task: { own: 'task-own', other: 'task-other' },
    session: { own: own._id, other: other._id },
    alert: { own: 'alert-own', other: 'alert-other' },
    notice: { own: 'notice-own', other: 'notice-other' },
    ...(inspection ? await seedInspection() : NO_INSPECTION_WORLD),
    ...calib,
  };
}

/** Calibration and case-library records (issue 13, calib): written directly, no scoring run. */
async function seedCalibration(now: number): Promise<Pick<World, 'scored' | 'round' | 'case'>> {
  for (const [id, name] of [
    ['insp-2', '质检员小孙'],
    ['insp-3', '质检员小吴'],
  ]) {
    await putDoc('users', id, { role: 'inspector', name });
  }
  const scored = (id: string, agentId: string, team: string) =>
    Promise.all([
      putDoc('sessions', id, {
        channel: 'import',
        customerId: `c-${id}`,
        agentIds: [agentId],
        agentId,
        team,
        status: 'closed',
        startedAt: now - 600_000,
        lastAt: now - 500_000,
        endedAt: now - 500_000,
        messageCount: 0,
        score: { total: 100, passed: true, redLine: false, scoreId: `${id}_default_v2` },
      }),
      putDoc('scores', `${id}_default_v2`, {
        sessionId: id,
        scorecardId: 'default',
        scorecardVersion: 2,
        total: 100,
        passed: true,
        redLine: false,
        sections: [],
        hits: [],
        agentId,
        team,
        channel: 'import',
        scoredAt: now - 500_000,
      }),
    ]);
  await scored('scored-own', 'kf001', TEAM);
  await scored('scored-other', 'kf006', OTHER_TEAM);
  const round = (id: string, sessionId: string, inspectorIds: string[], createdBy: string) =>
    putDoc('calibrationRounds', id, {
      title: '校准',
      scorecardId: 'default',
      scorecardVersion: 2,
      sessionIds: [sessionId],
      inspectorIds,
      skipped: [],
      createdBy,
      createdAt: now,
    });
  await round('round-own', 'scored-own', ['insp-1', 'insp-2'], 'sup-1');
  await round('round-other', 'scored-other', ['insp-2', 'insp-3'], 'sup-2');
  const aCase = (id: string, sessionId: string, createdBy: string, agentId: string, team: string) =>
    putDoc('cases', id, {
      sessionId,
      kind: 'cautionary',
      note: '未及时安抚客户',
      tags: ['安抚'],
      issueType: 'refund',
      createdBy,
      createdAt: now,
      excerpts: [{ messageIndex: 0, role: 'customer', text: '我要投诉' }],
      agentId,
      team,
    });
  await aCase('case-own', 'scored-own', 'insp-1', 'kf001', TEAM);
  await aCase('case-other', 'scored-other', 'sup-2', 'kf006', OTHER_TEAM);
  return {
    scored: { own: 'scored-own', other: 'scored-other' },
    round: { own: 'round-own', other: 'round-other' },
    case: { own: 'case-own', other: 'case-other' },
  };
}

/**
 * How to knock on a door. `params` addresses the own or the other record; an action that
 * addresses none lists instead, and `reveals` says whose records its answer holds. Actions
 * that only ever touch the caller's own data (`self` with no record to name) have neither.
 */
export interface Door {
  /** The kind of record the params name (own or other), if any. */
  names?: keyof World;
  /** `caller`: for records each caller owns (their own draft review). */
  params(w: World, which: Which, caller?: Caller): Record<string, unknown>;
  reveals?(answer: never, w: World, caller: Caller): Which[];
  /** The door needs reviews and appeals in the world (seedWorld(true)). */
  inspection?: true;
}

export const whose =
  <T>(ids: (a: T) => string[], key: keyof World) =>
  (answer: T, w: World): Which[] =>
    ids(answer).flatMap((id) => (id === w[key].own ? ['own' as const] : id === w[key].other ? ['other' as const] : []));
export const itemIds = (a: { items: { _id: string }[] }) => a.items.map((i) => i._id);
export const none = () => ({});

export const DOORS: { [A in ActionName]: Door } = {
  'me/get': {
    params: none,
    reveals: (a: { _id: string }, _w: World, c: Caller) => [a._id === c.openid ? 'own' : 'other'],
  },
  'agents/list': { params: none },
  'sessions/list': { params: none, reveals: whose(itemIds, 'session') },
  'sessions/get': { names: 'session', params: (w, which) => ({ sessionId: w.session[which] }) },
  'sessions/close': { names: 'session', params: (w, which) => ({ sessionId: w.session[which] }) },
  'messages/reply': {
    names: 'session',
    params: (w, which) => ({ sessionId: w.session[which], text: '您好，马上为您处理' }),
  },
  'sessions/live': { params: none, reveals: whose(itemIds, 'session') },
  'deadletters/list': { params: none },
  'deadletters/get': { params: () => ({ id: 'dl-1' }) },
  'deadletters/replay': { params: () => ({ id: 'dl-1' }) },
  'conversations/import': {
    params: () => ({
      conversation: importRecord('door-import-1', 'oCustImported', [
        { at: '2026-11-01T10:00:00+08:00', text: '你好，请问发货了吗' },
        { at: '2026-11-01T10:00:20+08:00', text: '您好，已经发货了' },
      ]),
    }),
  },
  'alerts/list': { params: none, reveals: whose(itemIds, 'alert') },
  'alerts/get': { names: 'alert', params: (w, which) => ({ alertId: w.alert[which] }) },
  'alerts/transition': { names: 'alert', params: (w, which) => ({ alertId: w.alert[which], to: 'acknowledged' }) },
  'alerts/subscribe': { params: () => ({ templateId: alertTemplateId(), accepted: true }) },
  'alerts/subscription': { params: none },
  'alerts/notifyAgent': { names: 'alert', params: (w, which) => ({ alertId: w.alert[which], text: '请尽快回复客户' }) },
  'alertPolicies/get': { params: none },
  'alertPolicies/saveDraft': { params: () => ({ policies: DEFAULT_ALERT_POLICIES }) },
  'alertPolicies/publish': { params: none },
  'issueTypes/examples/list': { params: none },
  'issueTypes/examples/add': { params: () => ({ text: '我的快递什么时候到', label: 'logistics' }) },
  'issueTypes/examples/remove': { params: () => ({ id: EXAMPLE_ID }) },
  'issueTypes/classify': { params: () => ({ text: '我的快递什么时候到' }) },
  // A notice is the caller's own when addressed to them (agents' and, issue 16, supervisors').
  'notices/list': {
    params: none,
    reveals: (a: { items: { to: string }[] }, _w: World, c: Caller) =>
      a.items.map((n) => (n.to === c.openid ? 'own' : 'other')),
  },
  'notices/ack': {
    names: 'notice',
    params: (w, which, c) => ({
      noticeId: which === 'own' && c?.openid === 'sup-1' ? 'notice-sup-own' : w.notice[which],
    }),
  },
  // — reviews (issue 13)
  'reviews/open': {
    inspection: true,
    names: 'reviewable',
    params: (w, which) => ({ sessionId: w.reviewable[which] }),
  },
  'reviews/get': { inspection: true, names: 'review', params: (w, which) => ({ reviewId: w.review[which] }) },
  'reviews/verdict': {
    inspection: true,
    names: 'draft',
    params: (w, which, c) => {
      const d = draftFor(w, which, c);
      return { reviewId: d.id, key: d.hitKey, verdict: 'rejected', reason: '误判' };
    },
  },
  'reviews/addHit': {
    inspection: true,
    names: 'draft',
    params: (w, which, c) => ({
      reviewId: draftFor(w, which, c).id,
      ruleId: 'rude-language',
      messageIndex: 3,
      span: [0, 2],
      note: '漏判',
    }),
  },
  'reviews/removeHit': {
    inspection: true,
    names: 'draft',
    params: (w, which, c) => ({ reviewId: draftFor(w, which, c).id, key: draftFor(w, which, c).addedKey }),
  },
  'reviews/annotate': {
    inspection: true,
    names: 'draft',
    params: (w, which, c) => ({ reviewId: draftFor(w, which, c).id, messageIndex: 2, span: null, note: '语气生硬' }),
  },
  'reviews/removeAnnotation': {
    inspection: true,
    names: 'draft',
    params: (w, which, c) => ({ reviewId: draftFor(w, which, c).id, key: draftFor(w, which, c).noteKey }),
  },
  'reviews/submit': {
    inspection: true,
    names: 'draft',
    params: (w, which, c) => ({ reviewId: draftFor(w, which, c).id }),
  },
  'reviews/list': { inspection: true, params: none },
  // — appeals (issue 13)
  'appeals/review': { inspection: true, names: 'review', params: (w, which) => ({ reviewId: w.review[which] }) },
  'appeals/file': {
    inspection: true,
    names: 'review',
    params: (w, which) => ({ reviewId: w.review[which], items: [{ key: w.reviewKey[which], reason: '不是我的问题' }] }),
  },
  'appeals/list': { inspection: true, params: none, reveals: whose(itemIds, 'appeal') },
  'appeals/get': { inspection: true, names: 'appeal', params: (w, which) => ({ appealId: w.appeal[which] }) },
  'appeals/decide': {
    inspection: true,
    names: 'appeal',
    params: (w, which) => ({ appealId: w.appeal[which], key: w.appealKey[which], outcome: 'upheld' }),
  },
  // Calibration, rule precision, inspector statistics and the case library (issue 13, calib)
  'calibration/create': {
    names: 'scored',
    params: (w, which) => ({ sessionIds: [w.scored[which]], inspectorIds: ['insp-1', 'insp-2'] }),
  },
  'calibration/list': { params: none, reveals: whose(itemIds, 'round') },
  'calibration/get': { names: 'round', params: (w, which) => ({ roundId: w.round[which] }) },
  'calibration/skip': {
    names: 'round',
    params: (w, which) => ({ roundId: w.round[which], sessionId: w.scored[which] }),
  },
  'rules/precision': { params: none },
  'inspectors/stats': { params: none },
  'cases/add': {
    names: 'session',
    params: (w, which) => ({
      sessionId: w.session[which],
      kind: 'exemplary',
      note: '主动致歉并给出方案',
      tags: ['安抚'],
    }),
  },
  'cases/list': { params: none, reveals: whose(itemIds, 'case') },
  'cases/remove': { names: 'case', params: (w, which) => ({ caseId: w.case[which] }) },
  // Sampling plans and review tasks (issue 13, plans)
  'plans/preview': { params: () => planDraft() },
  'plans/create': { params: () => ({ ...planDraft(), name: '门禁抽检', inspectorIds: ['insp-1'] }) },
  'plans/list': { params: none, reveals: whose(itemIds, 'plan') },
  'plans/get': { names: 'plan', params: (w, which) => ({ planId: w.plan[which] }) },
  'tasks/list': { params: none, reveals: whose(itemIds, 'task') },
  'tasks/reassign': { names: 'task', params: (w, which) => ({ taskId: w.task[which], inspectorId: 'insp-1' }) },
  // Personal-data duties (issue 17): admins only; the customer of the world's own session.
  'retention/get': { params: none },
  'retention/set': { params: () => ({ messageDays: 90 }) },
  'customers/export': { params: () => ({ customerId: 'oCustOwn' }) },
  'customers/erase': { params: () => ({ customerId: 'oCustOwn', confirm: true }) },
  // Back-test of a scorecard draft (issue 14, backtest): the draft and a finished job from prepare()
  'backtests/start': { params: () => ({ scorecardId: 'default', days: 7 }) },
  'backtests/get': { params: () => ({ jobId: DOOR_BACKTEST }) },
  'backtests/latest': { params: () => ({ scorecardId: 'default' }) },
  // Admin settings (issue 14, admin): configuration, no own/other record. Preconditions in `prepare`.
  'invites/create': { params: () => ({ role: 'inspector', name: '新质检员' }) },
  'invites/list': { params: none },
  'invites/redeem': { params: () => ({ code: prepared.inviteCode }) },
  'users/list': { params: none },
  'users/update': { params: () => ({ userId: 'agent-2', name: '赵敏敏' }) },
  'users/deactivate': { params: () => ({ userId: 'agent-2' }) },
  'users/reactivate': { params: () => ({ userId: 'agent-2' }) },
  'teams/list': { params: none },
  'teams/save': { params: () => ({ team: TEAM, robotWebhook: ROBOT_URL }) },
  'sources/list': { params: none },
  'sources/create': { params: () => ({ sourceId: 'crm-door', name: '门禁测试来源' }) },
  'sources/rotate': { params: () => ({ sourceId: 'crm-prepared' }) },
  'sources/disable': { params: () => ({ sourceId: 'crm-prepared' }) },
  'deadletters/discard': { params: () => ({ id: 'dl-1', note: '测试数据，无需重放' }) },
  'audit/list': { params: none },
  'settings/get': { params: none },
  'settings/set': { params: () => ({ appeals: { windowDays: 10 } }) },
  // Settings: scorecards (issue 14, scorecards): the shipped default card
  'scorecards/list': { params: none },
  'scorecards/get': { params: () => ({ scorecardId: 'default' }) },
  'scorecards/draft': { params: () => ({ scorecardId: 'default' }) },
  'scorecards/saveDraft': {
    params: () => ({ scorecardId: 'default', edits: [{ kind: 'rule', rule: 'greeting-missing', enabled: false }] }),
  },
  'scorecards/preview': { params: () => ({ scorecardId: 'default', text: '你这个问题说了三遍了，自己看' }) },
  'scorecards/publish': { params: () => ({ scorecardId: 'default' }) },
  'scorecards/rollback': { params: () => ({ scorecardId: 'default', version: 1 }) },
  'scorecards/discardDraft': { params: () => ({ scorecardId: 'default' }) },
  'scorecards/precedence': { params: () => ({ set: { order: [], defaultId: 'default' } }) },
  // Reports (issue 15): an agent's figures, the own team's (kf001) or the other team's (kf006)
  'reports/overview': {
    names: 'session',
    params: (_w, which) => ({ period: 'month', agentId: which === 'own' ? 'kf001' : 'kf006' }),
  },
  'reports/trend': {
    names: 'session',
    params: (_w, which) => ({ period: 'day', points: 3, agentId: which === 'own' ? 'kf001' : 'kf006' }),
  },
  'reports/ranking': {
    names: 'session',
    params: (_w, which) => ({ period: 'month', dim: 'agent', team: which === 'own' ? TEAM : '售后二组' }),
  },
  'reports/export': {
    names: 'session',
    params: (_w, which) => ({ format: 'csv', period: 'month', agentId: which === 'own' ? 'kf001' : 'kf006' }),
  },
  // Periodic review reports: one each for admin-1, sup-1, agent-1 and sup-2 (prepare()).
  'reports/periodic/list': {
    params: none,
    reveals: (a: { items: { to: string }[] }, _w: World, c: Caller) =>
      a.items.map((i) => (i.to === c.openid ? ('own' as const) : ('other' as const))),
  },
  'reports/periodic/get': {
    names: 'session',
    params: (_w, which, caller) => ({ reportId: `pr_door_${which === 'own' ? caller?.openid : 'sup-2'}` }),
  },
  // Hot topics and drivers (issue 15, rep-insights): the own team's results or the other team's
  'reports/topics': {
    names: 'session',
    params: (_w, which) => ({ window: 'week', team: which === 'own' ? TEAM : '售后二组' }),
  },
  'reports/drivers': { names: 'session', params: (_w, which) => ({ team: which === 'own' ? TEAM : '售后二组' }) },
  // The agent's workspace (issue 16, agentdesk)
  'desk/list': { params: none, reveals: whose(itemIds, 'session') },
  'desk/get': { names: 'session', params: (w, which) => ({ sessionId: w.session[which] }) },
  'sessions/transfer': {
    names: 'session',
    params: (w, which) => ({ sessionId: w.session[which], toAgentId: 'kf002' }),
  },
  'sessions/whisper': {
    names: 'session',
    params: (w, which) => ({ sessionId: w.session[which], text: '先安抚客户，再查物流' }),
  },
  'sessions/takeover': { names: 'session', params: (w, which) => ({ sessionId: w.session[which] }) },
  'replyTemplates/list': { params: none },
  'replyTemplates/save': { params: () => ({ title: '致歉', text: '非常抱歉给您带来不便' }) },
  'replyTemplates/remove': { names: 'template', params: (w, which) => ({ templateId: w.template[which] }) },
  // Rectification notices and media replies (issue 16, agent-notices)
  'rectifications/create': {
    names: 'session',
    params: (w, which) => ({ sessionId: w.session[which], problem: '回复不及时', requirement: '复盘并说明改进做法' }),
  },
  'rectifications/list': { params: none, reveals: whose(itemIds, 'rectification') },
  'rectifications/get': { names: 'rectification', params: (w, which) => ({ rectificationId: w.rectification[which] }) },
  'rectifications/ack': {
    names: 'rectification',
    params: (w, which) => ({ rectificationId: w.rectification[which], answer: '已复盘，之后先安抚再查询' }),
  },
  'rectifications/confirm': {
    names: 'rectification',
    params: (w, which) => ({ rectificationId: w.rectification[which], note: '整改到位' }),
  },
  'messages/replyMedia': {
    names: 'session',
    params: (w, which) => ({
      sessionId: w.session[which],
      kind: 'card',
      title: '查看订单',
      pagePath: 'pages/index/index',
    }),
  },
  // Knowledge base and training (issue 16, kb): an article and a training item from prepare();
  // an agent's profile, training and coaching figures: the own team's (kf001) or the other's (kf006)
  'kb/list': { params: () => ({ q: '发票' }) },
  'kb/save': { params: () => ({ title: '退款到账时间', body: '原路退回，1-3 个工作日到账', status: 'published' }) },
  'kb/remove': { params: () => ({ articleId: KB_DOOR.article }) },
  'kb/gaps': { params: none },
  'kb/draftFromGap': { params: () => ({ issueType: 'refund', questions: ['退款什么时候到账'] }) },
  'training/list': { params: none },
  'training/save': { params: () => ({ title: '高效回复', ruleIds: ['slow-reply'] }) },
  'training/remove': { params: () => ({ itemId: KB_DOOR.item }) },
  'training/profile': { names: 'session', params: (_w, which) => ({ agentId: which === 'own' ? 'kf001' : 'kf006' }) },
  'training/mine': { params: none },
  'training/assign': {
    names: 'session',
    params: (_w, which) => ({ agentId: which === 'own' ? 'kf001' : 'kf006', itemId: KB_DOOR.item }),
  },
  'training/effect': { names: 'session', params: (_w, which) => ({ agentId: which === 'own' ? 'kf001' : 'kf006' }) },
  // Strengths and access gaps (issue 16 remainder, issue 14 gaps)
  'agent/strengths': { names: 'session', params: (_w, which) => ({ agentId: which === 'own' ? 'kf001' : 'kf006' }) },
  'invites/revoke': { params: () => ({ inviteId: prepared.inviteId }) },
};

/** The knowledge-base article and training item prepare() stores for the doors that name one. */
const KB_DOOR = { article: 'kb_door', item: 'tr_door' };

const DOOR_BACKTEST = 'bt_door';

const ROBOT_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
// Sources are sealed with the functions' key; the tests give the process one.
process.env.KEFU_SECRET_KEY ??= 'a'.repeat(64);
/** What `prepare` made for a door's params (an invite's code is known only to whoever created it). */
const prepared = { inviteCode: '', inviteId: '' };

function planDraft() {
  const now = Date.now();
  return { kind: 'risk', size: { share: 0.5 }, period: { from: now - 7 * 86400_000, to: now + 60_000 } };
}

/** Preconditions some doors need beyond the world (a draft to publish). Run as admin, then forgotten. */
export async function prepare(action: ActionName): Promise<void> {
  if (action.startsWith('backtests/')) await prepareBacktest();
  // Settings: scorecards (issue 14, scorecards): a draft to publish or discard
  if (action === 'scorecards/publish' || action === 'scorecards/discardDraft') {
    data(await callApi('admin-1', { action: 'scorecards/draft', scorecardId: 'default' }));
  }
  if (action === 'alertPolicies/publish') {
    data(await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies: DEFAULT_ALERT_POLICIES }));
  }
  // Admin settings (issue 14, admin)
  if (action === 'invites/redeem') {
    prepared.inviteCode = data<{ code: string }>(
      // An admin invite: any caller may redeem it (an admin may not redeem away their own role).
      await callApi('admin-1', { action: 'invites/create', role: 'admin', team: TEAM }),
    ).code;
  }
  if (action === 'sources/rotate' || action === 'sources/disable') {
    data(await callApi('admin-1', { action: 'sources/create', sourceId: 'crm-prepared', name: '已有来源' }));
  }
  if (action === 'kb/remove') {
    await putDoc('kbArticles', KB_DOOR.article, {
      title: '发票开具',
      body: '在订单详情申请电子发票',
      tags: ['发票'],
      issueTypes: [],
      status: 'published',
      updatedBy: 'admin-1',
      updatedAt: Date.now(),
    });
  }
  if (action === 'training/remove' || action === 'training/assign') {
    await putDoc('trainingItems', KB_DOOR.item, {
      title: '高效回复',
      link: '',
      description: '',
      ruleIds: ['slow-reply'],
      skills: [],
      updatedBy: 'admin-1',
      updatedAt: Date.now(),
    });
  }
  if (action === 'invites/revoke') {
    const made = data<{ invite: { _id: string } }>(
      await callApi('admin-1', { action: 'invites/create', role: 'agent', team: TEAM, agentId: 'kf-door' }),
    );
    prepared.inviteId = made.invite._id;
  }
  if (action === 'users/reactivate') data(await callApi('admin-1', { action: 'users/deactivate', userId: 'agent-2' }));
  if (action.startsWith('reports/periodic/')) {
    for (const to of ['admin-1', 'sup-1', 'agent-1', 'sup-2']) {
      await putDoc('periodicReports', `pr_door_${to}`, { to, kind: 'month', createdAt: Date.now(), file: null });
    }
  }
}

/** A draft of the default scorecard (as the editor stores it) and a finished back-test of it. */
async function prepareBacktest(): Promise<void> {
  const now = Date.now();
  const draft = { ...draftFrom(DEFAULT_SCORECARD), updatedAt: now - 60_000, updatedBy: 'admin-1' };
  await putDoc('scorecards', 'draft:default', draft as unknown as Record<string, unknown>);
  const job: Omit<BacktestJob, '_id'> = {
    scorecardId: 'default',
    days: 7,
    from: now - 7 * 86_400_000,
    to: now - 30_000,
    status: 'done',
    draft: draftFrom(DEFAULT_SCORECARD),
    draftUpdatedAt: now - 60_000,
    live: { id: 'default', version: DEFAULT_SCORECARD.version },
    createdBy: 'admin-1',
    createdAt: now - 30_000,
    updatedAt: now - 20_000,
    finishedAt: now - 20_000,
    total: 0,
    processed: 0,
    outOfScope: 0,
    failed: 0,
    chunks: 1,
    cursor: null,
    aggregate: emptyAggregate(),
    lastChunkMs: 1,
    maxChunkMs: 1,
  };
  await putDoc('backtests', DOOR_BACKTEST, job as unknown as Record<string, unknown>);
}

/** Every document of every collection, to prove a refusal wrote nothing. */
export function snapshot(): string {
  return JSON.stringify(
    store
      .listCollections()
      .sort()
      .map((c) => [c, store.find(c).sort((a, b) => String(a._id).localeCompare(String(b._id)))]),
  );
}
