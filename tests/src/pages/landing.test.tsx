import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Role } from '@core/model';
import Landing from '../../../src/pages/index';
import { currentOpenid, signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeUser } from '../support/factories';

const DEMO_USERS = [
  { _id: 'demo-agent', name: '李客服', role: 'agent' as const, team: '售后一组' },
  { _id: 'demo-supervisor', name: '王主管', role: 'supervisor' as const, team: '售后一组' },
  { _id: 'demo-inspector', name: '赵质检', role: 'inspector' as const },
];

/** A host that knows the demo users by openid, as the local cloud's `users` collection does. */
function meFromDemoUsers({ openid }: ApiCall) {
  const user = DEMO_USERS.find((u) => u._id === openid);
  return user ? ok(makeUser(user)) : fail('AUTH.UNKNOWN_USER', '未找到用户');
}

describe('landing page', () => {
  test('shows demo users grouped by role when signed out', async () => {
    installFakeHost({ users: DEMO_USERS, api: meFromDemoUsers });
    const { container } = render(<Landing />);
    expect(await screen.findByText('王主管')).toBeInTheDocument();
    const groups = Array.from(container.querySelectorAll('[data-role]')).map((g) => g.getAttribute('data-role'));
    expect(groups).toEqual(['supervisor', 'inspector', 'agent']);
    expect(screen.getByText('客服 · 售后一组')).toBeInTheDocument();
    expect(taroTest.navigation.redirectTo).not.toHaveBeenCalled();
  });

  test('tapping a demo user signs in and opens their home page', async () => {
    installFakeHost({ users: DEMO_USERS, api: meFromDemoUsers });
    render(<Landing />);
    fireEvent.click(await screen.findByText('李客服'));
    await waitFor(() =>
      expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({ url: '/packages/agent/home/index' }),
    );
    expect(currentOpenid()).toBe('demo-agent');
  });

  test.each<[Role, string]>([
    ['supervisor', '/packages/supervisor/alerts/index'],
    ['agent', '/packages/agent/home/index'],
    ['inspector', '/packages/inspector/home/index'],
    ['admin', '/packages/admin/home/index'],
  ])('a signed-in %s is redirected to %s', async (role, url) => {
    signIn(`demo-${role}`);
    const host = installFakeHost({ api: () => ok(makeUser({ _id: `demo-${role}`, role })) });
    render(<Landing />);
    await waitFor(() => expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({ url }));
    expect(host.calls.map((c) => [c.action, c.openid])).toEqual([['me/get', `demo-${role}`]]);
  });

  test('?as= signs in directly and lands on that role’s home', async () => {
    window.history.replaceState(null, '', '/?as=demo-supervisor');
    const host = installFakeHost({ users: DEMO_USERS, api: meFromDemoUsers });
    render(<Landing />);
    await waitFor(() =>
      expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({ url: '/packages/supervisor/alerts/index' }),
    );
    expect(host.fetch).not.toHaveBeenCalledWith('/dev/users', expect.anything());
  });

  test('explains in Chinese when the user is unknown to the system', async () => {
    signIn('stranger');
    installFakeHost({ users: DEMO_USERS, api: meFromDemoUsers });
    render(<Landing />);
    expect(await screen.findByText('尚未开通账号')).toBeInTheDocument();
    expect(screen.getByText(/系统中没有找到您的账号（stranger）/)).toBeInTheDocument();
    expect(taroTest.navigation.redirectTo).not.toHaveBeenCalled();
  });

  test('in WeChat skips the picker and asks the cloud who the user is', async () => {
    process.env.TARO_ENV = 'weapp';
    taroTest.cloud.callFunction.mockResolvedValue({ result: ok(makeUser({ role: 'inspector' })) });
    render(<Landing />);
    await waitFor(() =>
      expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({ url: '/packages/inspector/home/index' }),
    );
    expect(taroTest.cloud.callFunction).toHaveBeenCalledWith({ name: 'api', data: { action: 'me/get' } });
  });
});
