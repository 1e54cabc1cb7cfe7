import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Text } from '@tarojs/components';
import SessionListHome from '../../../src/components/session-list-home';
import { signIn } from '../../../src/services/auth';
import Taro, { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeSession, makeUser } from '../support/factories';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

const user = makeUser({ _id: 'demo-inspector', role: 'inspector', name: '赵质检' });

function host(sessions: () => ReturnType<typeof makeSession>[]) {
  return ({ action }: ApiCall) => {
    if (action === 'me/get') return ok(user);
    if (action === 'agents/list') return ok({ items: [{ agentId: 'agent-007', name: '李客服' }] });
    const items = sessions();
    return ok({ items, total: items.length });
  };
}

describe('SessionListHome', () => {
  beforeEach(() => signIn('demo-inspector'));

  test('shows who is signed in, the title with the count, and the sessions with agent names', async () => {
    const api = installFakeHost({ api: host(() => [makeSession({ _id: 's-1', customerId: 'cust-1' })]) });
    render(<SessionListHome title='待复核会话' params={{ status: 'closed', limit: 50 }} emptyText='暂无' />);
    expect(await screen.findByText('客户 cust-1')).toBeInTheDocument();
    expect(screen.getByText(/赵质检/)).toBeInTheDocument();
    expect(screen.getByText('待复核会话', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('共 1 通')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/李客服/)).toBeInTheDocument());
    expect(api.calls.find((c) => c.action === 'sessions/list')?.params).toEqual({ status: 'closed', limit: 50 });
  });

  test('says 加载中… until the list answers, then the empty text when there is nothing', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    installFakeHost({
      api: (call) => (call.action === 'sessions/list' ? answer.promise : host(() => [])(call)),
    });
    render(<SessionListHome title='全部会话' params={{ limit: 50 }} emptyText='暂无会话' />);
    expect(screen.getByRole('status')).toHaveTextContent('加载中…');
    await act(async () => answer.resolve(ok({ items: [], total: 0 })));
    expect(await screen.findByText('暂无会话')).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  test('a failed list says why in a banner', async () => {
    installFakeHost({
      api: (call) => (call.action === 'sessions/list' ? fail('AUTH.FORBIDDEN', '无权查看会话') : host(() => [])(call)),
    });
    render(<SessionListHome title='全部会话' params={{ limit: 50 }} emptyText='暂无会话' />);
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('无权查看会话');
  });

  test('pull-down loads again and stops the spinner; a tap opens the session', async () => {
    let n = 0;
    const api = installFakeHost({ api: host(() => [makeSession({ _id: `s-${++n}`, customerId: `cust-${n}` })]) });
    render(<SessionListHome title='全部会话' params={{ limit: 50 }} emptyText='暂无会话' />);
    await screen.findByText('客户 cust-1');
    act(() => taroTest.pullDown());
    expect(await screen.findByText('客户 cust-2')).toBeInTheDocument();
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
    expect(api.calls.filter((c) => c.action === 'sessions/list')).toHaveLength(2);
    fireEvent.click(screen.getByText('客户 cust-2'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/session/detail/index?sessionId=s-2',
    });
  });

  test('shows its panels under the list', async () => {
    installFakeHost({ api: host(() => [makeSession({ customerId: 'cust-1' })]) });
    const { container } = render(
      <SessionListHome title='全部会话' params={{ limit: 50 }} emptyText='暂无会话'>
        <Text className='panel'>问题类型样例</Text>
      </SessionListHome>,
    );
    await screen.findByText('客户 cust-1');
    const list = container.querySelector('.session-list') as HTMLElement;
    const panel = screen.getByText('问题类型样例');
    expect(list.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
