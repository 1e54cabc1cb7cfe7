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
const hit = makeHit({ messageIndex: 1, span: [0, 3], excerpt: '不知道，你自己', reason: '推诿客户', points: -15 });
const score = makeScore({ total: 55, passed: false, hits: [hit] });

function detailHost(alertStatus: 'new' | 'acknowledged' = 'new') {
  let alert = makeAlert({ _id: 'a-1', status: alertStatus, title: '推诿客户' });
  return ({ action, params }: ApiCall) => {
    switch (action) {
      case 'sessions/get':
        return params.sessionId === 'session-1'
          ? ok({ session: makeSession(), messages, score })
          : fail('SESSION.NOT_FOUND', '会话不存在');
      case 'alerts/get':
        return ok({ alert });
      case 'alerts/transition':
        alert = { ...alert, status: params.to as typeof alert.status };
        return ok({ alert });
      default:
        return fail('ACTION.UNKNOWN', action);
    }
  };
}

describe('session detail page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  test('shows the conversation, the score and each hit with its excerpt marked', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    installFakeHost({ api: detailHost() });
    const { container } = render(<SessionDetail />);
    expect(await screen.findByText('推诿客户')).toBeInTheDocument();
    expect(screen.getByText('55')).toBeInTheDocument();
    expect(screen.getByText('-15')).toBeInTheDocument();
    expect(container.querySelector('.hit-row__mark')?.textContent).toBe('不知道');
    expect(container.querySelector('#msg-1 .chat-transcript__mark')?.textContent).toBe('不知道');
    expect(screen.getByText('客户等待 45秒')).toBeInTheDocument();
    expect(screen.queryByText('确认告警')).toBeNull();
  });

  test('tapping a hit focuses and scrolls to its message', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    installFakeHost({ api: detailHost() });
    const { container } = render(<SessionDetail />);
    fireEvent.click(await screen.findByText('第 2 条消息 ›'));
    expect(container.querySelector('#msg-1')).toHaveClass('chat-transcript__row--focus');
    expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#msg-1' }));
  });

  test('a supervisor opening it from an alert can acknowledge, then resolve it', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1', alertId: 'a-1' });
    const host = installFakeHost({ api: detailHost('new') });
    render(<SessionDetail />);
    fireEvent.click(await screen.findByText('确认告警'));
    expect(await screen.findByText('状态：已确认')).toBeInTheDocument();
    expect(screen.queryByText('确认告警')).toBeNull();
    fireEvent.click(screen.getByText('标记已处理'));
    expect(await screen.findByText('状态：已处理')).toBeInTheDocument();
    expect(screen.queryByText('标记已处理')).toBeNull();
    expect(host.calls.filter((c) => c.action === 'alerts/transition').map((c) => c.params)).toEqual([
      { alertId: 'a-1', to: 'acknowledged' },
      { alertId: 'a-1', to: 'resolved' },
    ]);
  });

  test('shows the server’s message when the session does not exist', async () => {
    taroTest.setRouterParams({ sessionId: 'missing' });
    installFakeHost({ api: detailHost() });
    render(<SessionDetail />);
    await waitFor(() => expect(screen.getByText('会话不存在')).toBeInTheDocument());
  });
});
