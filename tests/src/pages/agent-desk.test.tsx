/**
 * The agent's workspace (issue 16): the live list (order, ticking waits, 5 s poll, opening a
 * chat), the chat (bubbles, window, whispers, quick replies, sending, the red-line warning and
 * its confirmation, WeChat's refusal in words, transfer), the supervisor's whisper and takeover,
 * and the live page's 「介入」 into the chat.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LiveSession } from '@core/api.contract';
import type { DeskSession, DeskView } from '@core/desk/desk.model';
import AgentDesk from '../../../src/packages/agent/desk';
import DeskChat from '../../../src/packages/agent/chat';
import LiveSessions from '../../../src/packages/supervisor/live';
import ReplyTemplates from '../../../src/packages/supervisor/templates';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeMessage, makeSession, makeUser } from '../support/factories';

const AGENT = makeUser({ _id: 'demo-agent', role: 'agent', name: '王晓雨', agentId: 'kf001' });
const SUPERVISOR = makeUser();

const desk = (id: string, customerId: string, waitingMs: number, untaken = false): DeskSession => ({
  ...makeSession({ _id: id, customerId, status: 'open', lastAt: NOW }),
  waitingMs,
  untaken,
});

function view(over: Partial<DeskView> = {}): DeskView {
  return {
    session: makeSession({ _id: 's-1', customerId: 'oCust', status: 'open' }),
    messages: [
      makeMessage({ role: 'customer', text: '我的快递到哪了', at: NOW - 60_000 }),
      makeMessage({ role: 'agent', text: '马上帮您查询', at: NOW - 30_000 }),
    ],
    whispers: [],
    window: { lastCustomerAt: NOW - 60_000, closesAt: NOW + 47 * 3600_000, leftMs: 47 * 3600_000, open: true },
    colleagues: [{ agentId: 'kf002', name: '李想' }],
    now: NOW,
    ...over,
  };
}

type Handler = (call: ApiCall) => ReturnType<typeof ok> | undefined;

function host(user: typeof AGENT, detail: DeskView, extra: Handler = () => undefined) {
  return (call: ApiCall) => {
    const answer = extra(call);
    if (answer) return answer;
    switch (call.action) {
      case 'me/get':
        return ok(user);
      case 'desk/get':
        return ok(detail);
      case 'replyTemplates/list':
        return ok({
          items: [{ _id: 't-1', title: '催发货', text: '已为您催促仓库，请耐心等待', updatedBy: 'x', updatedAt: NOW }],
        });
      default:
        return ok({});
    }
  };
}

describe('the agent’s live list', () => {
  beforeEach(() => signIn('demo-agent'));
  afterEach(() => jest.useRealTimers());

  test('longest-waiting customer first, untaken marked, waits tick, polled every 5 s, a tap opens the chat', async () => {
    jest.useFakeTimers({ now: NOW });
    const api = installFakeHost({
      api: ({ action }) =>
        action === 'desk/list'
          ? ok({ items: [desk('s-long', '甲', 60_000), desk('s-new', '乙', 20_000, true)], now: NOW })
          : ok(AGENT),
    });
    const { container } = render(<AgentDesk />);
    await act(() => jest.advanceTimersByTimeAsync(0));
    const names = Array.from(container.querySelectorAll('.desk-list__customer')).map((e) => e.textContent);
    expect(names).toEqual(['客户 甲', '客户 乙']);
    expect(container.querySelector('[data-session-id="s-new"] .desk-list__tag')?.textContent).toBe('待接入');
    expect(screen.getByText('等待 1分00秒')).toBeInTheDocument();
    await act(() => jest.advanceTimersByTimeAsync(3_000));
    expect(screen.getByText('等待 1分03秒')).toBeInTheDocument();
    const before = api.calls.filter((c) => c.action === 'desk/list').length;
    await act(() => jest.advanceTimersByTimeAsync(2_000));
    expect(api.calls.filter((c) => c.action === 'desk/list').length).toBe(before + 1);
    fireEvent.click(screen.getByText('客户 甲'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({ url: '/packages/agent/chat/index?sessionId=s-long' });
  });

  test('says so when nobody is waiting', async () => {
    installFakeHost({ api: () => ok({ items: [], now: NOW }) });
    render(<AgentDesk />);
    expect(await screen.findByText('当前没有等待接待的客户')).toBeInTheDocument();
  });
});

describe('the chat', () => {
  beforeEach(() => {
    signIn('demo-agent');
    taroTest.setRouterParams({ sessionId: 's-1' });
  });

  test('shows the conversation as bubbles, the window left and the supervisor’s whisper', async () => {
    installFakeHost({
      api: host(
        AGENT,
        view({ whispers: [{ _id: 'w-1', sessionId: 's-1', by: 'sup', byName: '林主管', text: '先致歉', at: NOW }] }),
      ),
    });
    const { container } = render(<DeskChat />);
    expect(await screen.findByText('回复窗口剩余 47小时00分')).toBeInTheDocument();
    expect(container.querySelectorAll('.chat-transcript__bubble')).toHaveLength(2);
    expect(screen.getByText('主管提示（客户看不到）')).toBeInTheDocument();
    expect(screen.getByText('先致歉')).toBeInTheDocument();
  });

  test('a quick reply fills the draft, and 发送 sends it through messages/reply', async () => {
    const api = installFakeHost({ api: host(AGENT, view()) });
    render(<DeskChat />);
    fireEvent.click(await screen.findByText('催发货'));
    fireEvent.click(screen.getByText('发送'));
    await waitFor(() => expect(api.calls.some((c) => c.action === 'messages/reply')).toBe(true));
    expect(api.calls.find((c) => c.action === 'messages/reply')?.params).toEqual({
      sessionId: 's-1',
      text: '已为您催促仓库，请耐心等待',
    });
  });

  test('a red-line draft is held with the rule and words until the agent confirms', async () => {
    const api = installFakeHost({
      api: host(AGENT, view(), ({ action, params }) =>
        action === 'messages/reply' && !params.confirmRedLine
          ? fail('REPLY.RED_LINE', '这条回复触犯红线「服务态度恶劣」(傻)，确认后才会发送')
          : undefined,
      ),
    });
    render(<DeskChat />);
    fireEvent.input(await screen.findByPlaceholderText('输入回复内容'), { target: { value: '你傻吗' } });
    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText('这条回复触犯红线「服务态度恶劣」(傻)，确认后才会发送')).toBeInTheDocument();
    fireEvent.click(screen.getByText('仍然发送'));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.action === 'messages/reply').map((c) => c.params.confirmRedLine)).toEqual([
        undefined,
        true,
      ]),
    );
    await waitFor(() => expect(screen.queryByText('仍然发送')).toBeNull());
  });

  test('WeChat’s refusal is shown in Chinese', async () => {
    installFakeHost({
      api: host(AGENT, view(), ({ action }) =>
        action === 'messages/reply'
          ? fail('WECHAT.SEND_FAILED', '发送失败（45015）：已超过 48 小时回复时限，无法再向该客户发送客服消息')
          : undefined,
      ),
    });
    render(<DeskChat />);
    fireEvent.input(await screen.findByPlaceholderText('输入回复内容'), { target: { value: '抱歉久等' } });
    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText(/发送失败（45015）：已超过 48 小时/)).toBeInTheDocument();
  });

  test('a closed window shuts the reply box and says why', async () => {
    installFakeHost({ api: host(AGENT, view({ window: { lastCustomerAt: 1, closesAt: 2, leftMs: 0, open: false } })) });
    render(<DeskChat />);
    expect(await screen.findByText('已超过 48 小时回复时限，无法再向该客户发送客服消息')).toBeInTheDocument();
    expect(screen.queryByText('发送')).toBeNull();
  });

  test('transfers to a colleague of the team', async () => {
    const api = installFakeHost({ api: host(AGENT, view()) });
    render(<DeskChat />);
    fireEvent.click(await screen.findByText('转接同事'));
    fireEvent.click(screen.getByText('李想'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.action === 'sessions/transfer')?.params).toEqual({
        sessionId: 's-1',
        toAgentId: 'kf002',
      }),
    );
  });

  test('after a takeover the agent sees who took over and cannot reply', async () => {
    const session = makeSession({
      _id: 's-1',
      status: 'open',
      takenOverBy: { openid: 'sup', name: '林主管', at: NOW },
    });
    installFakeHost({ api: host(AGENT, view({ session })) });
    render(<DeskChat />);
    expect(await screen.findByText('主管林主管已接管，由主管回复客户')).toBeInTheDocument();
    expect(screen.queryByText('发送')).toBeNull();
  });
});

describe('a supervisor in the chat', () => {
  beforeEach(() => {
    signIn('demo-supervisor');
    taroTest.setRouterParams({ sessionId: 's-1' });
  });

  test('whispers to the agent and takes the session over', async () => {
    const api = installFakeHost({ api: host(SUPERVISOR, view()) });
    render(<DeskChat />);
    expect(await screen.findByText('接管会话后可直接回复客户')).toBeInTheDocument();
    fireEvent.input(screen.getByPlaceholderText('给客服的提示（客户看不到）'), { target: { value: '先安抚' } });
    fireEvent.click(screen.getByText('悄悄提示客服'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.action === 'sessions/whisper')?.params).toEqual({
        sessionId: 's-1',
        text: '先安抚',
      }),
    );
    fireEvent.click(screen.getByText('接管会话'));
    await waitFor(() => expect(api.calls.some((c) => c.action === 'sessions/takeover')).toBe(true));
  });

  test('the live list’s 介入 opens the chat', async () => {
    const live: LiveSession = { ...makeSession({ _id: 's-9', customerId: '丁', status: 'open' }), waitingMs: 0 };
    installFakeHost({
      api: ({ action }) =>
        action === 'sessions/live'
          ? ok({ items: [live], now: NOW })
          : action === 'alerts/list'
            ? ok({ items: [], total: 0, unread: 0 })
            : ok(SUPERVISOR),
    });
    render(<LiveSessions />);
    fireEvent.click(await screen.findByText('介入'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({ url: '/packages/agent/chat/index?sessionId=s-9' });
  });
});

describe('quick replies page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  test('a supervisor adds a team template and removes only what they may edit', async () => {
    const items = [
      { _id: 't-team', title: '催发货', text: '已为您催促仓库', team: '售后一组', updatedBy: 'x', updatedAt: NOW },
      { _id: 't-all', title: '问候', text: '您好', updatedBy: 'admin', updatedAt: NOW },
    ];
    const api = installFakeHost({
      api: ({ action }) => (action === 'replyTemplates/list' ? ok({ items }) : ok(SUPERVISOR)),
    });
    const { container } = render(<ReplyTemplates />);
    await screen.findByText('催发货');
    expect(container.querySelector('[data-template-id="t-team"]')?.textContent).toContain('删除');
    expect(container.querySelector('[data-template-id="t-all"]')?.textContent).not.toContain('删除');
    fireEvent.input(screen.getByPlaceholderText('标题，如：催发货'), { target: { value: '致歉' } });
    fireEvent.input(screen.getByPlaceholderText('回复内容'), { target: { value: '非常抱歉' } });
    fireEvent.click(screen.getByText('添加快捷回复'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.action === 'replyTemplates/save')?.params).toEqual({
        title: '致歉',
        text: '非常抱歉',
      }),
    );
    fireEvent.click(screen.getByText('删除'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.action === 'replyTemplates/remove')?.params).toEqual({ templateId: 't-team' }),
    );
  });
});
