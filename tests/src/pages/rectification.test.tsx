/**
 * Rectification notices in the mini-program (issue 16, agent-notices): the agent's inbox (my
 * scores and trend, unfinished notices first), one notice (evidence opens the session at its
 * message; the agent acknowledges with an answer; a supervisor confirms only after that), and
 * issuing one from a session.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Notice } from '@core/model';
import type { Rectification } from '@core/rectification/rectification.model';
import AgentHome from '../../../src/packages/agent/home';
import RectificationDetail from '../../../src/packages/rectification/detail';
import RectificationCreate from '../../../src/packages/rectification/create';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeHit, makeMessage, makeScore, makeSession, makeUser } from '../support/factories';

const DAY = 86_400_000;

function makeRect(over: Partial<Rectification> = {}): Rectification {
  return {
    _id: 'rect-1',
    source: 'manual',
    agentId: 'agent-007',
    to: 'demo-agent',
    team: '售前一组',
    sessionId: 'session-1',
    ruleName: '未告知预计时间',
    problem: '客户催问物流时没有给出预计送达时间',
    evidence: [{ messageIndex: 1, messageId: 'm-2', excerpt: '您好，正在为您查询' }],
    requirement: '查询前先告知预计时间',
    deadline: NOW + 3 * DAY,
    status: 'open',
    createdBy: 'demo-supervisor',
    createdByName: '王主管',
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

const point = (key: string, score: number | null, sessions: number) => ({
  key,
  sessions,
  passRate: { value: sessions ? 0.8 : null, n: sessions, band: null },
  firstResponse: { value: null, n: 0, ewma: null, band: null },
  score: { value: score, n: sessions },
  period: { kind: 'week', key, first: '', last: '', from: 0, to: 0 },
});

describe('the agent’s inbox', () => {
  beforeEach(() => signIn('demo-agent'));

  test('shows my scores and trend, unfinished notices overdue first, and a notice opens its rectification', async () => {
    const notice: Notice = {
      _id: 'n-1',
      to: 'demo-agent',
      from: 'demo-supervisor',
      fromName: '王主管',
      kind: 'rectification',
      title: '整改通知：未告知预计时间',
      text: '查询前先告知预计时间',
      rectificationId: 'rect-1',
      createdAt: NOW,
      readAt: null,
    };
    const api = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-agent', role: 'agent', agentId: 'agent-007' }));
        if (action === 'sessions/list') return ok({ items: [], total: 0 });
        if (action === 'notices/list') return ok({ items: [notice], total: 1, unread: 1 });
        if (action === 'notices/ack') return ok({ notice: { ...notice, readAt: NOW } });
        if (action === 'reports/trend')
          return ok({
            scope: { agentId: 'agent-007' },
            points: [point('2025-W09', 81.2, 12), point('2025-W10', 86.4, 9)],
          });
        if (action === 'rectifications/list')
          return ok({
            items: [
              makeRect({ _id: 'r-open', ruleName: '甲规则' }),
              makeRect({ _id: 'r-done', ruleName: '乙规则', status: 'done' }),
              makeRect({ _id: 'r-late', ruleName: '丙规则', status: 'overdue', createdAt: NOW - 5 * DAY }),
            ],
            total: 3,
          });
        return ok({});
      },
    });
    const { container } = render(<AgentHome />);
    expect(await screen.findByText('86.4')).toBeInTheDocument();
    expect(container.querySelectorAll('[data-week]')).toHaveLength(2);
    await screen.findByText('丙规则');
    const rows = Array.from(container.querySelectorAll('[data-rectification-id]')).map((e) =>
      e.getAttribute('data-rectification-id'),
    );
    expect(rows).toEqual(['r-late', 'r-open']);
    expect(screen.getByText('2 项待完成')).toBeInTheDocument();
    expect(api.calls.find((c) => c.action === 'reports/trend')?.params).toEqual({ period: 'week', points: 6 });

    fireEvent.click(screen.getByText('整改通知：未告知预计时间'));
    expect(taroTest.navigation.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/rectification/detail/index?id=rect-1',
    });
    fireEvent.click(screen.getByText('丙规则'));
    expect(taroTest.navigation.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/rectification/detail/index?id=r-late',
    });
  });
});

describe('one rectification notice', () => {
  test('the agent reads the evidence (it opens the session at the message) and acknowledges with an answer', async () => {
    signIn('demo-agent');
    taroTest.setRouterParams({ id: 'rect-1' });
    const api = installFakeHost({
      api: ({ action, params }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-agent', role: 'agent', agentId: 'agent-007' }));
        if (action === 'rectifications/get') return ok({ rectification: makeRect() });
        if (action === 'rectifications/ack')
          return ok({
            rectification: makeRect({ status: 'acknowledged', acknowledgedAt: NOW, answer: String(params.answer) }),
          });
        return ok({});
      },
    });
    render(<RectificationDetail />);
    expect(await screen.findByText('客户催问物流时没有给出预计送达时间')).toBeInTheDocument();
    expect(screen.getByText('待确认')).toBeInTheDocument();
    fireEvent.click(screen.getByText('查看第 2 条消息 ›'));
    expect(taroTest.navigation.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/session/detail/index?sessionId=session-1&messageIndex=1',
    });
    fireEvent.change(screen.getByPlaceholderText('写下你的整改说明（如何改进）'), {
      target: { value: '以后先报预计时间' },
    });
    fireEvent.click(screen.getByText('确认整改'));
    expect(await screen.findByText('整改中')).toBeInTheDocument();
    expect(screen.getByText('我的整改说明')).toBeInTheDocument();
    expect(screen.getByText('更新整改说明')).toBeInTheDocument();
    expect(api.calls.find((c) => c.action === 'rectifications/ack')?.params).toEqual({
      rectificationId: 'rect-1',
      answer: '以后先报预计时间',
    });
    // Agents never see the supervisor's button.
    expect(screen.queryByText('确认完成')).toBeNull();
  });

  test('a supervisor confirms only once the agent acknowledged', async () => {
    signIn('demo-supervisor');
    taroTest.setRouterParams({ id: 'rect-1' });
    let rect = makeRect();
    const api = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-supervisor', role: 'supervisor', team: '售前一组' }));
        if (action === 'rectifications/get') return ok({ rectification: rect });
        if (action === 'rectifications/confirm')
          return ok({ rectification: { ...rect, status: 'done', doneAt: NOW + 1000 } });
        return ok({});
      },
    });
    const first = render(<RectificationDetail />);
    await screen.findByText('客服确认整改后才能确认完成');
    fireEvent.click(screen.getByText('确认完成'));
    expect(api.calls.some((c) => c.action === 'rectifications/confirm')).toBe(false);
    first.unmount();

    rect = makeRect({ status: 'acknowledged', acknowledgedAt: NOW, answer: '已改' });
    render(<RectificationDetail />);
    await screen.findByText('已改');
    fireEvent.click(screen.getByText('确认完成'));
    await screen.findByText('已完成');
    expect(api.calls.filter((c) => c.action === 'rectifications/confirm')).toHaveLength(1);
  });
});

describe('issuing a notice from a session', () => {
  test('a supervisor names the rule, writes problem and requirement, picks the deadline; lands on the notice', async () => {
    signIn('demo-supervisor');
    taroTest.setRouterParams({ sessionId: 'session-1', messageIndex: '1' });
    const messages = [
      makeMessage({ role: 'customer', text: '快递到哪了', at: NOW }),
      makeMessage({ role: 'agent', text: '不知道，你自己查', at: NOW + 30_000 }),
    ];
    const score = makeScore({
      hits: [makeHit({ ruleId: 'shirking', ruleName: '推诿客户', messageIndex: 1, points: -15 })],
    });
    const api = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-supervisor', role: 'supervisor', team: '售前一组' }));
        if (action === 'sessions/get')
          return ok({ session: makeSession({ _id: 'session-1', agentId: 'agent-007' }), messages, score });
        if (action === 'rectifications/create') return ok({ rectification: makeRect({ _id: 'rect-9' }) });
        return ok({});
      },
    });
    render(<RectificationCreate />);
    expect(await screen.findByText('不知道，你自己查')).toBeInTheDocument();
    fireEvent.click(screen.getByText('推诿客户'));
    fireEvent.change(screen.getByPlaceholderText('如：客户催问物流时没有给出预计送达时间'), {
      target: { value: '推诿客户' },
    });
    fireEvent.change(screen.getByPlaceholderText('如：查询前先告知预计时间，并写明改进做法'), {
      target: { value: '主动查询并告知结果' },
    });
    fireEvent.click(screen.getByText('5 天'));
    fireEvent.click(screen.getByText('下发'));
    await waitFor(() =>
      expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({
        url: '/packages/rectification/detail/index?id=rect-9',
      }),
    );
    expect(api.calls.find((c) => c.action === 'rectifications/create')?.params).toEqual({
      sessionId: 'session-1',
      problem: '推诿客户',
      requirement: '主动查询并告知结果',
      deadlineDays: 5,
      ruleId: 'shirking',
      messageIndex: 1,
    });
  });
});
