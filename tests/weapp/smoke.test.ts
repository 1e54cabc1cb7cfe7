/**
 * Smoke tests of the BUILT weapp bundle (dist/weapp), rendered as WeChat renders it: the page's
 * WXML through the official compiler, Taro's runtime and React from the built bundles, taps
 * through the WXML event bindings (see ./harness.ts).
 *
 * Covered: the landing page sends each role to its home; each role's home (supervisor alerts,
 * inspector with its review tasks, agent, admin) renders its Chinese labels and the rows from its `api` answers; a tap
 * on a status tab re-asks the server and redraws the list (tap → Taro → React state → setData);
 * a tap on a list row (inspector's sessions, supervisor's alerts, supervisor's live sessions)
 * asks WeChat to open the session detail, which renders that session's messages; the report
 * overview (its subpackage carries ECharts) shows its cards and a card opens the sessions behind
 * it (the chart's canvas is a mock here). Every action a
 * page calls must have an answer in the table (checked after each test).
 *
 * Not covered here: WeChat itself. `wx.cloud.callFunction` answers from the table below, shaped
 * like the `api` router's answers (cloudfunctions/core/api.contract.ts); the router behind it is
 * tested against the real SDK in tests/cloud. Navigation is recorded, and the test opens the next
 * page itself. Styles (WXSS) are loaded but not checked; realtime `watch` is absent, so the
 * supervisor page falls back to polling.
 */
import type { Role } from '@core/model';
import { makeAlert, makeMessage, makeScore, makeSession, makeUser } from '../src/support/factories';
import { openPage, ok, parseUrl, type ApiTable, type OpenPage } from './harness';

const USERS: Record<Role, ReturnType<typeof makeUser>> = {
  supervisor: makeUser({ _id: 'o-sup', role: 'supervisor', name: '王主管', team: '售后一组' }),
  inspector: makeUser({ _id: 'o-insp', role: 'inspector', name: '赵质检', team: undefined }),
  agent: makeUser({ _id: 'o-agent', role: 'agent', name: '李客服', agentId: 'agent-007' }),
  admin: makeUser({ _id: 'o-admin', role: 'admin', name: '陈管理员', team: undefined }),
};

const SESSION = makeSession({
  _id: 's-42',
  customerId: 'cust-42',
  score: { total: 88, passed: true, scoreId: 'score-1', redLine: false },
});
const MESSAGES = [
  makeMessage({ sessionId: 's-42', role: 'customer', text: '我的快递三天了还没到', at: SESSION.startedAt }),
  makeMessage({
    sessionId: 's-42',
    role: 'agent',
    text: '您好，我马上帮您查询物流',
    at: SESSION.startedAt + 30_000,
    agentId: 'agent-007',
  }),
];

const LIVE = makeSession({ _id: 's-77', customerId: 'cust-77', status: 'open', messageCount: 3 });

/** The `api` answers one signed-in user gets (shapes from api.contract.ts). */
function apiFor(role: Role): ApiTable {
  return {
    'me/get': () => ok(USERS[role]),
    'agents/list': () => ok({ items: [{ agentId: 'agent-007', name: '李客服', team: '售后一组' }] }),
    'sessions/list': () => ok({ items: [SESSION], total: 1 }),
    'sessions/get': ({ sessionId }) =>
      sessionId === SESSION._id
        ? ok({ session: SESSION, messages: MESSAGES, score: makeScore({ sessionId: 's-42', total: 88 }) })
        : { ok: false, code: 'NOT_FOUND', message: '会话不存在' },
    'alerts/list': () =>
      ok({ items: [makeAlert({ _id: 'a-1', sessionId: 's-42', routedTo: ['o-sup'] })], total: 1, unread: 1 }),
    'sessions/live': () => ok({ items: [{ ...LIVE, waitingMs: 120_000 }], now: LIVE.lastAt }),
    'alerts/get': () => ok({ alert: makeAlert({ _id: 'a-1', sessionId: 's-42' }) }),
    'alerts/subscription': () => ok({ banked: 0, templateId: 'tmpl-1', askAgain: false }),
    'notices/list': () =>
      ok({
        items: [
          {
            _id: 'n-1',
            to: 'o-agent',
            agentId: 'agent-007',
            from: 'o-sup',
            fromName: '王主管',
            kind: 'alert',
            title: '请及时回复客户',
            text: '客户等待超过五分钟，请尽快处理',
            sessionId: 's-42',
            createdAt: SESSION.lastAt,
            readAt: null,
          },
        ],
        total: 1,
        unread: 1,
      }),
    'issueTypes/examples/list': () => ok({ items: [], labels: [{ id: 'logistics', name: '物流' }] }),
    // The agent's inbox (issue 16): the week's figures, rectification notices, recommended training.
    'reports/trend': () =>
      ok({
        scope: { agentId: 'agent-007' },
        points: [
          {
            key: '2026-W48',
            sessions: 12,
            passRate: { value: 0.75, n: 12, band: null },
            firstResponse: { value: 30, n: 12, ewma: null, band: null },
            score: { value: 86.5, n: 12 },
            period: { kind: 'week', key: '2026-W48', from: SESSION.lastAt - 7 * 86_400_000, to: SESSION.lastAt },
          },
        ],
      }),
    'rectifications/list': () =>
      ok({
        items: [
          {
            _id: 'rect_s-42_reply-slow',
            source: 'manual',
            agentId: 'agent-007',
            to: 'o-agent',
            sessionId: 's-42',
            problem: '回复客户不及时',
            evidence: [],
            requirement: '五分钟内回复客户',
            deadline: SESSION.lastAt + 3 * 86_400_000,
            status: 'open',
            createdBy: 'o-sup',
            createdByName: '王主管',
            createdAt: SESSION.lastAt,
          },
        ],
        total: 1,
      }),
    'training/mine': () =>
      ok({
        profile: {
          agentId: 'agent-007',
          days: 30,
          sessions: 40,
          teamSessions: 400,
          rules: [],
          recommendations: [
            { itemId: 'tr-1', title: '高效回复', link: '', ruleId: 'reply-slow', reason: '回复超时 12/40 次' },
          ],
        },
        effects: [],
        minSessions: 20,
      }),
    // 做得好的 (issue 16, strengths): a reviewer's praise on the agent's session.
    'agent/strengths': () =>
      ok({
        days: 30,
        since: SESSION.lastAt - 30 * 86_400_000,
        items: [
          {
            kind: 'praise',
            sessionId: 's-42',
            messageIndex: 1,
            span: null,
            at: SESSION.lastAt,
            title: '安抚到位',
            label: '安抚到位',
            text: '先道歉再查询',
            reviewId: 'rv-42',
          },
        ],
        counts: { praise: 1, bonus: 0, sessions: 1 },
        byLabel: [{ key: '安抚到位', name: '安抚到位', count: 1 }],
        byRule: [],
      }),
    'tasks/list': ({ status }) =>
      status === 'done'
        ? ok({ items: [], total: 0, now: SESSION.lastAt })
        : ok({
            items: [
              {
                _id: 'tk_p1_s-42',
                planId: 'p1',
                sessionId: 's-42',
                inspectorId: 'o-insp',
                agentId: 'agent-007',
                status: 'todo',
                dueAt: SESSION.lastAt + 86_400_000,
                createdAt: SESSION.lastAt,
                updatedAt: SESSION.lastAt,
              },
            ],
            total: 1,
            now: SESSION.lastAt,
          }),
  };
}

let opened: { page: OpenPage; table: ApiTable }[] = [];
afterEach(() => {
  for (const { page } of opened) page.close();
  // A page that starts calling a new action must get a real-shaped answer from the table, not
  // the table's error that the page happens to render around.
  const unanswered = opened.flatMap(({ page, table }) =>
    page.wx.calls.filter((c) => !(c.action in table)).map((c) => c.action),
  );
  opened = [];
  expect(unanswered).toEqual([]);
});

async function open(route: string, query: Record<string, string>, table: ApiTable): Promise<OpenPage> {
  // One page at a time, as after a navigation: the previous one is unloaded first.
  for (const { page } of opened) page.close();
  const page = await openPage(route, query, table);
  opened.push({ page, table });
  return page;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('weapp build: landing page', () => {
  test.each<[Role, string]>([
    ['supervisor', '/packages/supervisor/alerts/index'],
    ['inspector', '/packages/inspector/home/index'],
    ['agent', '/packages/agent/home/index'],
    ['admin', '/packages/admin/home/index'],
  ])('the %s is sent to their home', async (role, home) => {
    const p = await open('pages/index/index', {}, apiFor(role));
    await p.waitForText('客服质检');
    expect(p.text()).toContain('会话质检 · 实时告警 · 服务改进');
    await waitFor(() => p.wx.navigations.length > 0, 'the redirect');
    expect(p.wx.navigations).toEqual([{ api: 'redirectTo', url: home }]);
    expect(p.wx.calls.map((c) => c.action)).toEqual(['me/get']);
  });

  test('someone without an account is told to ask an admin, with no demo sign-in', async () => {
    const p = await open(
      'pages/index/index',
      {},
      {
        'me/get': () => ({ ok: false, code: 'AUTH.UNKNOWN_USER', message: '用户不存在' }),
      },
    );
    await p.waitForText('尚未开通账号');
    expect(p.text()).toContain('请联系管理员为您开通质检系统权限');
    expect(p.text()).not.toContain('选择其他演示用户');
    expect(p.wx.navigations).toEqual([]);
  });
});

describe('weapp build: role homes', () => {
  test('the supervisor sees their new alerts with Chinese labels', async () => {
    const p = await open('packages/supervisor/alerts/index', {}, apiFor('supervisor'));
    await p.waitForText('质检得分过低');
    for (const label of [
      '我的告警',
      '新告警',
      '已确认',
      '已处理',
      '误报',
      '实时会话',
      '低分会话',
      '客服 李客服',
      '52 分',
    ]) {
      expect(p.text()).toContain(label);
    }
    // WeChat knows who is calling: no demo user bar to switch identity.
    expect(p.text()).not.toContain('切换用户');
    expect(p.wx.calls.find((c) => c.action === 'alerts/list')?.params).toMatchObject({ status: 'new' });
  });

  test('a tap on a status tab asks for those alerts and redraws the list', async () => {
    const table = apiFor('supervisor');
    table['alerts/list'] = ({ status }) =>
      ok(
        status === 'acknowledged'
          ? { items: [makeAlert({ _id: 'a-2', status: 'acknowledged', title: '客户情绪激动' })], total: 1, unread: 0 }
          : { items: [makeAlert({ _id: 'a-1', title: '质检得分过低' })], total: 1, unread: 1 },
      );
    const p = await open('packages/supervisor/alerts/index', {}, table);
    await p.waitForText('质检得分过低');
    await p.tap('已确认');
    await p.waitForText('客户情绪激动');
    expect(p.text()).not.toContain('质检得分过低');
    // The list's own requests carry the tab's status (the live poll's baseline asks for all).
    const listed = p.wx.calls.filter((c) => c.action === 'alerts/list' && c.params.status !== undefined);
    expect(listed.map((c) => c.params.status)).toEqual(['new', 'acknowledged']);
  });

  test('the inspector sees closed sessions to review', async () => {
    const p = await open('packages/inspector/home/index', {}, apiFor('inspector'));
    await p.waitForText('客户 cust-42');
    expect(p.text()).toContain('待复核会话');
    expect(p.text()).toContain('共 1 通');
    // 我的任务 above the list: the task's agent by name, with the plan's progress.
    await p.waitForText('李客服');
    expect(p.text()).toContain('我的任务');
    expect(p.text()).toContain('已完成 0/1');
    expect(p.wx.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({ status: 'closed' });
  });

  test('the agent sees their inbox and own sessions', async () => {
    const p = await open('packages/agent/home/index', {}, apiFor('agent'));
    await p.waitForText('客户 cust-42');
    for (const label of ['通知', '请及时回复客户', '我的会话', '共 1 通']) expect(p.text()).toContain(label);
    // The inbox's newer sections, as WeChat renders them from the weapp build.
    await p.waitForText('回复客户不及时');
    for (const label of ['86.5', '本周均分', '高效回复：回复超时 12/40 次']) expect(p.text()).toContain(label);
    await p.waitForText('先道歉再查询');
    for (const label of ['做得好的', '表扬 1 次', '安抚到位 ×1', '查看第 2 条消息']) expect(p.text()).toContain(label);
    expect(p.wx.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({ agentId: 'agent-007' });
  });

  test('the admin sees every session and the link to the settings', async () => {
    const p = await open('packages/admin/home/index', {}, apiFor('admin'));
    await p.waitForText('客户 cust-42');
    expect(p.text()).toContain('全部会话');
    expect(p.text()).toContain('设置');
  });
});

describe('weapp build: from a list to a session', () => {
  test('an inspector taps a session and its detail shows the conversation', async () => {
    const list = await open('packages/inspector/home/index', {}, apiFor('inspector'));
    await list.waitForText('客户 cust-42');
    await list.tap('客户 cust-42');
    await waitFor(() => list.wx.navigations.length > 0, 'the tap to navigate');
    expect(list.wx.navigations).toEqual([{ api: 'navigateTo', url: '/packages/session/detail/index?sessionId=s-42' }]);

    const { route, query } = parseUrl(list.wx.navigations[0].url);
    const detail = await open(route, query, apiFor('inspector'));
    await detail.waitForText('我的快递三天了还没到');
    expect(detail.text()).toContain('您好，我马上帮您查询物流');
    expect(detail.text()).toContain('会话记录');
    expect(detail.wx.calls.find((c) => c.action === 'sessions/get')?.params).toEqual({ sessionId: 's-42' });
  });

  test('a supervisor taps an alert and the detail opens on that alert', async () => {
    const list = await open('packages/supervisor/alerts/index', {}, apiFor('supervisor'));
    await list.waitForText('质检得分过低');
    await list.tap('质检得分过低');
    await waitFor(() => list.wx.navigations.length > 0, 'the tap to navigate');
    expect(list.wx.navigations).toEqual([
      { api: 'navigateTo', url: '/packages/session/detail/index?sessionId=s-42&alertId=a-1' },
    ]);

    const { route, query } = parseUrl(list.wx.navigations[0].url);
    const detail = await open(route, query, apiFor('supervisor'));
    await detail.waitForText('我的快递三天了还没到');
    expect(detail.wx.calls.map((c) => c.action)).toContain('alerts/get');
  });

  test('a supervisor goes from the alerts to the live sessions and opens one', async () => {
    const alerts = await open('packages/supervisor/alerts/index', {}, apiFor('supervisor'));
    await alerts.waitForText('实时会话');
    await alerts.tap('实时会话');
    await waitFor(() => alerts.wx.navigations.length > 0, 'the tap to navigate');
    expect(alerts.wx.navigations).toEqual([{ api: 'navigateTo', url: '/packages/supervisor/live/index' }]);

    const live = await open('packages/supervisor/live/index', {}, apiFor('supervisor'));
    await live.waitForText('客户 cust-77');
    expect(live.text()).toContain('等待 2');
    await live.tap('客户 cust-77');
    await waitFor(() => live.wx.navigations.length > 0, 'the tap to navigate');
    expect(live.wx.navigations).toEqual([{ api: 'navigateTo', url: '/packages/session/detail/index?sessionId=s-77' }]);
  });
});

// Reports (issue 15): the report subpackage, with ECharts on a 2d canvas, in the built weapp.
describe('weapp build: reports', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { assembleOverview, rangeOf } =
    require('../../cloudfunctions/core/reports/report.overview') as typeof import('../../cloudfunctions/core/reports/report.overview');
  const { periodOf } =
    require('../../cloudfunctions/core/reports/report.periods') as typeof import('../../cloudfunctions/core/reports/report.periods');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stats = (n: number, passed: number) => ({
    sessions: n,
    score: { count: n, sum: 85 * n, sumSq: 7300 * n, passed },
    firstResponse: { count: n, sum: 30 * n, sumSq: 1000 * n, hist: { h1: n } },
  });
  const table = (): ApiTable => ({
    ...apiFor('supervisor'),
    'reports/overview': () =>
      ok(
        assembleOverview({
          period: periodOf('week', '2026-12-01'),
          previousPeriod: periodOf('week', '2026-11-24'),
          dim: 'all',
          scope: { team: '售后一组' },
          total: { current: stats(40, 36), previous: stats(30, 24) },
        }),
      ),
    'reports/trend': () =>
      ok({
        scope: { team: '售后一组' },
        points: [
          {
            key: '2026-W49',
            sessions: 40,
            passRate: { value: 0.9, n: 40, band: null },
            firstResponse: { value: 30, n: 40, ewma: null, band: null },
            score: { value: 85, n: 40 },
            period: rangeOf(periodOf('week', '2026-12-01')),
          },
        ],
      }),
  });

  test('a supervisor sees the figure cards and a card opens the sessions behind it', async () => {
    const p = await open('packages/reports/overview/index', {}, table());
    await p.waitForText('90.0%');
    for (const label of ['合格率', '平均得分', '首次响应', '较上期 +10.0', '小组 售后一组 · 2026-W49（对比 2026-W48）'])
      expect(p.text()).toContain(label);
    await p.tap('会话量');
    await waitFor(() => p.wx.navigations.length > 0, 'the tap to navigate');
    const { route, query } = parseUrl(p.wx.navigations[0].url);
    expect(route).toBe('packages/reports/sessions/index');
    expect(query).toMatchObject({ team: '售后一组', from: String(rangeOf(periodOf('week', '2026-12-01')).from) });
  });
});
