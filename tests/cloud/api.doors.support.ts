/**
 * The world the door tests knock on, and how to knock on every `api` action: shared by the
 * access matrix (api.doors.test.ts) and the audit check (api.audit.test.ts).
 */
import type { ActionName } from '../../cloudfunctions/core/api.contract';
import { DEFAULT_ALERT_POLICIES } from '../../cloudfunctions/core/alerts/alert.policy-set';
import type { Role } from '../../cloudfunctions/core/model';
import { alertTemplateId } from '../../cloudfunctions/common/alerts/subscription.service';
import { agentMessage, customerSays, data, inStore, putDoc } from './alerts.support';
import { callApi, resetStore, store, TEAM } from './harness';
import { importRecord } from './import.support';

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
  // Sampling plans and review tasks (issue 13, plans)
  plan: Record<Which, string>;
  task: Record<Which, string>;
}

const OTHER_TEAM = '售后二组';
const EXAMPLE_ID = 'ex_0123456789abcdef';

export async function seedWorld(): Promise<World> {
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
  return {
    plan: { own: 'plan-own', other: 'plan-other' },
    task: { own: 'task-own', other: 'task-other' },
    session: { own: own._id, other: other._id },
    alert: { own: 'alert-own', other: 'alert-other' },
    notice: { own: 'notice-own', other: 'notice-other' },
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
  params(w: World, which: Which): Record<string, unknown>;
  reveals?(answer: never, w: World, caller: Caller): Which[];
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
  'notices/list': { params: none, reveals: whose(itemIds, 'notice') },
  'notices/ack': { names: 'notice', params: (w, which) => ({ noticeId: w.notice[which] }) },
  // Sampling plans and review tasks (issue 13, plans)
  'plans/preview': { params: () => planDraft() },
  'plans/create': { params: () => ({ ...planDraft(), name: '门禁抽检', inspectorIds: ['insp-1'] }) },
  'plans/list': { params: none, reveals: whose(itemIds, 'plan') },
  'plans/get': { names: 'plan', params: (w, which) => ({ planId: w.plan[which] }) },
  'tasks/list': { params: none, reveals: whose(itemIds, 'task') },
  'tasks/reassign': { names: 'task', params: (w, which) => ({ taskId: w.task[which], inspectorId: 'insp-1' }) },
};

function planDraft() {
  const now = Date.now();
  return { kind: 'risk', size: { share: 0.5 }, period: { from: now - 7 * 86400_000, to: now + 60_000 } };
}

/** Preconditions some doors need beyond the world (a draft to publish). Run as admin, then forgotten. */
export async function prepare(action: ActionName): Promise<void> {
  if (action === 'alertPolicies/publish') {
    data(await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies: DEFAULT_ALERT_POLICIES }));
  }
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
