import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import SessionDetail from '../../../src/packages/session/detail';
import { signIn } from '../../../src/services/auth';
import Taro, { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeAlert, makeHit, makeMessage, makeScore, makeSession } from '../support/factories';

const messages = [
  makeMessage({ role: 'customer', text: '退款怎么还没到账', at: NOW }),
  makeMessage({ role: 'agent', text: '不知道，你自己去查吧', at: NOW + 45_000 }),
];
const hit = makeHit({
  ruleId: 'shirking',
  ruleName: '推诿客户',
  messageIndex: 1,
  span: [0, 3],
  excerpt: '不知道，你自己',
  reason: '推诿客户：不知道',
  points: -15,
});
const score = makeScore({ total: 55, passed: false, hits: [hit] });

function detailHost(options: { alertStatus?: 'new' | 'acknowledged'; sessionStatus?: 'open' | 'closed' } = {}) {
  let alert = makeAlert({ _id: 'a-1', status: options.alertStatus ?? 'new', title: '不合格会话：55 分' });
  return ({ action, params }: ApiCall) => {
    switch (action) {
      case 'sessions/get':
        return params.sessionId === 'session-1'
          ? ok({ session: makeSession({ status: options.sessionStatus ?? 'closed' }), messages, score })
          : fail('SESSION.NOT_FOUND', '会话不存在');
      case 'alerts/get':
        return ok({ alert });
      case 'alerts/transition':
        if (params.to === 'resolved' && !params.note) return fail('ALERT.NOTE_REQUIRED', '请填写处理说明');
        alert = { ...alert, status: params.to as typeof alert.status, note: params.note as string | undefined };
        return ok({ alert });
      case 'alerts/notifyAgent':
        return ok({ notice: { _id: 'n-1', text: params.text } });
      case 'messages/reply':
        return ok({
          message: makeMessage({ _id: 'm-sup', role: 'supervisor', text: String(params.text), at: NOW + 60_000 }),
        });
      default:
        return fail('ACTION.UNKNOWN', action);
    }
  };
}

const typeInDialog = (text: string) =>
  fireEvent.change(screen.getByRole('dialog').querySelector('textarea') as HTMLTextAreaElement, {
    target: { value: text },
  });
const dialogButton = (label: string) => {
  const dialog = screen.getByRole('dialog');
  const button = Array.from(dialog.querySelectorAll('.at-button')).find((b) => b.textContent === label);
  if (!button) throw new Error(`no ${label} button in the dialog`);
  return button;
};

describe('session detail page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  test('shows the conversation, the score waterfall and each hit’s span marked', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    installFakeHost({ api: detailHost() });
    const { container } = render(<SessionDetail />);
    expect(await screen.findByText('推诿客户')).toBeInTheDocument();
    expect(screen.getByText('-15')).toBeInTheDocument();
    expect(container.querySelector('.score-waterfall__mark')?.textContent).toBe('不知道');
    expect(container.querySelector('#msg-1 .chat-transcript__mark')?.textContent).toBe('不知道');
    expect(screen.getByText('客户等待 45秒')).toBeInTheDocument();
    expect(screen.queryByText('确认告警')).toBeNull();
  });

  test('tapping a hit in the waterfall focuses and scrolls to its message', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    installFakeHost({ api: detailHost() });
    const { container } = render(<SessionDetail />);
    fireEvent.click(await screen.findByText('第 2 条消息 ›'));
    expect(container.querySelector('#msg-1')).toHaveClass('chat-transcript__row--focus');
    expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#msg-1' }));
  });

  test('a supervisor opening it from an alert can acknowledge, then resolve it with a note', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    const host = installFakeHost({ api: detailHost({ alertStatus: 'new' }) });
    render(<SessionDetail />);
    fireEvent.click(await screen.findByText('确认告警'));
    expect(await screen.findByText('状态：已确认')).toBeInTheDocument();
    expect(screen.queryByText('确认告警')).toBeNull();
    fireEvent.click(screen.getByText('标记已处理'));
    typeInDialog('已与坐席沟通，向客户致歉');
    fireEvent.click(dialogButton('标记已处理'));
    expect(await screen.findByText('状态：已处理')).toBeInTheDocument();
    expect(screen.getByText('处理说明：已与坐席沟通，向客户致歉')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(host.calls.filter((c) => c.action === 'alerts/transition').map((c) => c.params)).toEqual([
      { alertId: 'a-1', to: 'acknowledged' },
      { alertId: 'a-1', to: 'resolved', note: '已与坐席沟通，向客户致歉' },
    ]);
  });

  test('resolving without a note is refused before anything is sent', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    const host = installFakeHost({ api: detailHost({ alertStatus: 'acknowledged' }) });
    render(<SessionDetail />);
    fireEvent.click(await screen.findByText('标记已处理'));
    typeInDialog('   ');
    fireEvent.click(dialogButton('标记已处理'));
    expect(screen.getByText('请填写内容')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(host.calls.some((c) => c.action === 'alerts/transition')).toBe(false);
  });

  test('marks a false alarm with an optional note', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    const host = installFakeHost({ api: detailHost() });
    render(<SessionDetail />);
    fireEvent.click(await screen.findByText('误报'));
    fireEvent.click(dialogButton('确认误报'));
    expect(await screen.findByText('状态：误报')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'alerts/transition')?.params).toEqual({
      alertId: 'a-1',
      to: 'false-alarm',
    });
  });

  test('shows the server’s message in a toast and keeps the dialog when an action fails', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    installFakeHost({
      api: (call) =>
        call.action === 'alerts/notifyAgent' ? fail('AUTH.FORBIDDEN', '无权通知该坐席') : detailHost()(call),
    });
    render(<SessionDetail />);
    fireEvent.click(await screen.findByText('通知坐席'));
    typeInDialog('请注意服务用语');
    fireEvent.click(dialogButton('发送'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '无权通知该坐席', icon: 'none' }));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  test('notifies the agent with the supervisor’s text', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    const host = installFakeHost({ api: detailHost() });
    render(<SessionDetail />);
    fireEvent.click(await screen.findByText('通知坐席'));
    typeInDialog('请注意服务用语');
    fireEvent.click(dialogButton('发送'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已通知坐席', icon: 'success' }));
    expect(host.calls.find((c) => c.action === 'alerts/notifyAgent')?.params).toEqual({
      alertId: 'a-1',
      text: '请注意服务用语',
    });
  });

  test('replies to the customer only while the session is open, and shows the reply as a supervisor bubble', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    const host = installFakeHost({ api: detailHost({ sessionStatus: 'open' }) });
    const { container } = render(<SessionDetail />);
    fireEvent.click(await screen.findByText('直接回复客户'));
    typeInDialog('您好，我是主管，马上为您处理退款');
    fireEvent.click(dialogButton('发送'));
    await waitFor(() => expect(container.querySelector('.chat-transcript__bubble--supervisor')).not.toBeNull());
    expect(container.querySelector('.chat-transcript__bubble--supervisor')?.textContent).toBe(
      '您好，我是主管，马上为您处理退款',
    );
    expect(host.calls.find((c) => c.action === 'messages/reply')?.params).toEqual({
      sessionId: 'session-1',
      text: '您好，我是主管，马上为您处理退款',
    });
  });

  test('offers no reply to the customer once the session is closed', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    installFakeHost({ api: detailHost({ sessionStatus: 'closed' }) });
    render(<SessionDetail />);
    await screen.findByText('确认告警');
    expect(screen.queryByText('直接回复客户')).toBeNull();
  });

  test('shows the server’s message when the session does not exist', async () => {
    taroTest.setRouterParams({ sessionId: 'missing' });
    installFakeHost({ api: detailHost() });
    render(<SessionDetail />);
    await waitFor(() => expect(screen.getByText('会话不存在')).toBeInTheDocument());
  });
});
