import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import AgentHome from '../../../src/packages/agent/home';
import InspectorHome from '../../../src/packages/inspector/home';
import { currentOpenid, signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeSession, makeUser } from '../support/factories';

function homeHost(user = makeUser({ _id: 'demo-agent', role: 'agent', name: '李客服', agentId: 'agent-007' })) {
  return ({ action }: ApiCall) => {
    if (action === 'me/get') return ok(user);
    const session = makeSession({
      _id: 's-9',
      customerId: 'cust-42',
      score: { total: 88, passed: true, scoreId: 'x', redLine: false },
    });
    return ok({ items: [session], total: 1 });
  };
}

describe('role home pages', () => {
  test('an agent sees their own sessions with scores', async () => {
    signIn('demo-agent');
    const host = installFakeHost({ api: homeHost() });
    render(<AgentHome />);
    expect(await screen.findByText('客户 cust-42')).toBeInTheDocument();
    expect(screen.getByText('88')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({ agentId: 'agent-007' });
  });

  test('an inspector reviews closed sessions and opens one', async () => {
    signIn('demo-inspector');
    const host = installFakeHost({ api: homeHost(makeUser({ _id: 'demo-inspector', role: 'inspector' })) });
    render(<InspectorHome />);
    fireEvent.click(await screen.findByText('客户 cust-42'));
    expect(host.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({ status: 'closed' });
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/session/detail/index?sessionId=s-9',
    });
  });

  test('switching user in H5 signs out and returns to the landing page', async () => {
    signIn('demo-agent');
    installFakeHost({ api: homeHost() });
    render(<AgentHome />);
    fireEvent.click(await screen.findByText('切换用户'));
    expect(currentOpenid()).toBeNull();
    await waitFor(() => expect(taroTest.navigation.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
  });

  test('offers no sign-out in WeChat', async () => {
    process.env.TARO_ENV = 'weapp';
    taroTest.cloud.callFunction.mockImplementation(async ({ data }) => ({
      result: homeHost()({ name: 'api', action: String((data as { action: string }).action), params: {}, openid: '' }),
    }));
    render(<AgentHome />);
    expect(await screen.findByText('客户 cust-42')).toBeInTheDocument();
    expect(screen.queryByText('切换用户')).toBeNull();
  });
});
