import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Notice } from '@core/model';
import AgentHome from '../../../src/packages/agent/home';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
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

describe('agent inbox', () => {
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
