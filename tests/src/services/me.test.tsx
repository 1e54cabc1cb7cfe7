import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { User } from '@core/model';
import AgentHome from '../../../src/packages/agent/home';
import InspectorHome from '../../../src/packages/inspector/home';
import Landing from '../../../src/pages/index';
import { signIn, signOut } from '../../../src/services/auth';
import { getMe } from '../../../src/services/me';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeUser } from '../support/factories';

const USERS: Record<string, User> = {
  'demo-agent': makeUser({ _id: 'demo-agent', role: 'agent', name: '李客服', agentId: 'agent-007' }),
  'demo-inspector': makeUser({ _id: 'demo-inspector', role: 'inspector', name: '赵质检' }),
};

/** The server: `me/get` answers the caller by openid; lists are empty. */
function host(call: ApiCall) {
  if (call.action === 'me/get') {
    const user = USERS[call.openid];
    return user ? ok(user) : fail('AUTH.UNKNOWN_USER', '未找到用户');
  }
  return ok({ items: [], total: 0, unread: 0 });
}

const meCalls = (calls: ApiCall[]) => calls.filter((c) => c.action === 'me/get').map((c) => c.openid);

describe('the current user, cached per identity', () => {
  test('is asked once however many callers want it', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host });
    const [a, b] = await Promise.all([getMe(), getMe()]);
    expect(await getMe()).toBe(a);
    expect(b).toBe(a);
    expect(meCalls(api.calls)).toEqual(['demo-agent']);
  });

  test('the landing page asks, and the home page it opens asks no more', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host });
    const landing = render(<Landing />);
    await waitFor(() =>
      expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({ url: '/packages/agent/home/index' }),
    );
    landing.unmount();
    render(<AgentHome />);
    expect(await screen.findByText(/李客服/)).toBeInTheDocument();
    expect(meCalls(api.calls)).toEqual(['demo-agent']);
    // …and the home page still filters by the cached user's agent id.
    await waitFor(() =>
      expect(api.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({ agentId: 'agent-007' }),
    );
  });

  test('the landing page always asks afresh: it decides where the user goes', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host });
    await getMe();
    render(<Landing />);
    await waitFor(() => expect(taroTest.navigation.redirectTo).toHaveBeenCalled());
    expect(meCalls(api.calls)).toEqual(['demo-agent', 'demo-agent']);
  });

  test('switching user is never answered with the previous user', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host });
    expect((await getMe()).name).toBe('李客服');
    signIn('demo-inspector');
    expect((await getMe()).name).toBe('赵质检');
    expect(meCalls(api.calls)).toEqual(['demo-agent', 'demo-inspector']);
  });

  test('signing out drops it, even when the same user signs in again', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host });
    await getMe();
    signOut();
    signIn('demo-agent');
    await getMe();
    expect(meCalls(api.calls)).toEqual(['demo-agent', 'demo-agent']);
  });

  test('switching user from a home page leads to the next user, asked afresh', async () => {
    signIn('demo-agent');
    const api = installFakeHost({ api: host });
    const home = render(<AgentHome />);
    fireEvent.click(await screen.findByText('切换用户'));
    await waitFor(() => expect(taroTest.navigation.reLaunch).toHaveBeenCalled());
    home.unmount();
    signIn('demo-inspector');
    render(<InspectorHome />);
    expect(await screen.findByText(/赵质检/)).toBeInTheDocument();
    expect(meCalls(api.calls)).toEqual(['demo-agent', 'demo-inspector']);
  });

  test('a failure is not kept: the next caller asks again', async () => {
    signIn('demo-agent');
    let down = true;
    const api = installFakeHost({ api: (call) => (down ? fail('INTERNAL', '服务内部错误') : host(call)) });
    await expect(getMe()).rejects.toMatchObject({ code: 'INTERNAL' });
    down = false;
    expect((await getMe()).name).toBe('李客服');
    expect(meCalls(api.calls)).toEqual(['demo-agent', 'demo-agent']);
  });
});
