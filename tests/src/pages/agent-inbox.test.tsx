import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Notice } from '@core/model';
import AgentHome from '../../../src/packages/agent/home';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { taroTest } from '../mocks/taro';
import { NOW, makeUser } from '../support/factories';

function makeNotice(over: Partial<Notice> = {}): Notice {
  return {
    _id: 'n-1',
    to: 'demo-agent',
    from: 'demo-supervisor',
    fromName: '王主管',
    kind: 'alert',
    title: '主管提醒',
    text: '请注意服务用语，及时回复客户',
    createdAt: NOW - 60_000,
    readAt: null,
    ...over,
  };
}

function host() {
  const notices = [makeNotice(), makeNotice({ _id: 'n-2', title: '已读通知', readAt: NOW })];
  return ({ action, params }: ApiCall) => {
    if (action === 'me/get') return ok(makeUser({ _id: 'demo-agent', role: 'agent', agentId: 'agent-007' }));
    if (action === 'sessions/list') return ok({ items: [], total: 0 });
    if (action === 'notices/list') return ok({ items: notices, total: 2, unread: 1 });
    if (action === 'notices/ack') return ok({ notice: { ...notices[0], _id: String(params.noticeId), readAt: NOW } });
    if (action === 'training/mine') return ok(TRAINING);
    if (action === 'agent/strengths') return ok(STRENGTHS);
    return ok({});
  };
}

/** What `training/mine` answers: one recommendation with its reason. */
const TRAINING = {
  profile: {
    agentId: 'agent-007',
    days: 30,
    sessions: 40,
    teamSessions: 400,
    rules: [],
    recommendations: [
      {
        itemId: 'tr-1',
        title: '高效回复',
        link: '',
        ruleId: 'reply-slow',
        reason: '近30天 回复超时 12/40 次，团队为 8%',
      },
    ],
  },
  effects: [],
  minSessions: 20,
};

/** What `agent/strengths` answers: a reviewer's praise and a bonus hit. */
const STRENGTHS = {
  days: 30,
  since: NOW - 30 * 86_400_000,
  items: [
    {
      kind: 'praise',
      sessionId: 's-9',
      messageIndex: 2,
      span: null,
      at: NOW - 3600_000,
      title: '安抚到位',
      label: '安抚到位',
      text: '先道歉再查询，客户情绪平复',
      reviewId: 'rv-9',
    },
    {
      kind: 'bonus',
      sessionId: 's-8',
      messageIndex: null,
      span: null,
      at: NOW - 7200_000,
      title: '主动跟进',
      text: '约定明天回电',
      ruleId: 'follow-up',
      points: 5,
    },
  ],
  counts: { praise: 3, bonus: 1, sessions: 4 },
  byLabel: [{ key: '安抚到位', name: '安抚到位', count: 2 }],
  byRule: [{ key: 'follow-up', name: '主动跟进', count: 1 }],
};

describe('agent inbox', () => {
  // Issue 16: strengths as well as faults.
  test('做得好的: counts over the window, praise and bonus items, each opening the session at its message', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host() });
    const { container } = render(<AgentHome />);
    expect(await screen.findByText('近30天：表扬 3 次 · 加分 1 项 · 涉及 4 通会话')).toBeInTheDocument();
    expect(screen.getByText('安抚到位 ×2')).toBeInTheDocument();
    expect(screen.getByText('先道歉再查询，客户情绪平复')).toBeInTheDocument();
    expect(container.querySelector('[data-strength="bonus"]')).toHaveTextContent('+5主动跟进');
    expect(api.calls.find((c) => c.action === 'agent/strengths')?.params).toEqual({});
    fireEvent.click(screen.getByText('查看第 3 条消息 ›'));
    expect(taroTest.navigation.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/session/detail/index?sessionId=s-9&messageIndex=2',
    });
    fireEvent.click(screen.getByText('查看会话 ›'));
    expect(taroTest.navigation.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/session/detail/index?sessionId=s-8',
    });
  });

  test('做得好的 with nothing yet says so', async () => {
    signIn('demo-agent');
    const base = host();
    installFakeHost({
      api: (call: ApiCall) =>
        call.action === 'agent/strengths'
          ? ok({ ...STRENGTHS, items: [], counts: { praise: 0, bonus: 0, sessions: 0 }, byLabel: [], byRule: [] })
          : base(call),
    });
    render(<AgentHome />);
    expect(await screen.findByText('还没有表扬或加分，继续加油')).toBeInTheDocument();
  });

  test('shows recommended training with its reason under 推荐培训', async () => {
    signIn('demo-agent');
    installFakeHost({ api: host() });
    render(<AgentHome />);
    await screen.findByText('高效回复：近30天 回复超时 12/40 次，团队为 8%');
    expect(screen.getByText('推荐培训（1） ›')).toBeInTheDocument();
  });

  beforeEach(() => signIn('demo-agent'));

  test('lists notices with the unread count; opening one shows it and marks it read', async () => {
    const api = installFakeHost({ api: host() });
    const { container } = render(<AgentHome />);
    await screen.findByText('主管提醒');
    expect(container.querySelector('.at-badge__num')?.textContent).toBe('1');
    fireEvent.click(screen.getByText('主管提醒'));
    expect(screen.getByText('请注意服务用语，及时回复客户')).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector('.notice-list__item--unread')).toBeNull());
    expect(api.calls.find((c) => c.action === 'notices/ack')?.params).toEqual({ noticeId: 'n-1' });
    expect(container.querySelector('.at-badge__num')).toBeNull();
  });

  test('opening a notice already read does not ack it again', async () => {
    const api = installFakeHost({ api: host() });
    render(<AgentHome />);
    fireEvent.click(await screen.findByText('已读通知'));
    expect(api.calls.some((c) => c.action === 'notices/ack')).toBe(false);
  });

  test('asks the agent for notification consent when none is banked', async () => {
    const base = host();
    installFakeHost({
      api: (call: ApiCall) =>
        call.action === 'alerts/subscription' ? ok({ banked: 0, templateId: 'tpl', askAgain: true }) : base(call),
    });
    render(<AgentHome />);
    // In H5 consent cannot be asked: the banner says where it can.
    expect(await screen.findByText('通知需在微信小程序中开启')).toBeInTheDocument();
  });
});
