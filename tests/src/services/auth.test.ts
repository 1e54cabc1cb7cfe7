import {
  currentOpenid,
  listDemoUsers,
  needsSignIn,
  signIn,
  signInFromQuery,
  signOut,
} from '../../../src/services/auth';
import { installFakeHost } from '../support/fake-host';

describe('auth in the H5 build', () => {
  test('keeps the chosen demo openid until sign-out', () => {
    expect(currentOpenid()).toBeNull();
    signIn('demo-inspector');
    expect(currentOpenid()).toBe('demo-inspector');
    signOut();
    expect(currentOpenid()).toBeNull();
  });

  test('signs in from ?as= and removes it from the address', () => {
    window.history.replaceState(null, '', '/?as=demo-agent&x=1#/pages/index/index');
    expect(signInFromQuery()).toBe('demo-agent');
    expect(currentOpenid()).toBe('demo-agent');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/pages/index/index');
  });

  test('leaves the identity alone without ?as=', () => {
    signIn('demo-admin');
    expect(signInFromQuery()).toBeNull();
    expect(currentOpenid()).toBe('demo-admin');
  });

  test('lists demo users from the local host', async () => {
    const users = [{ _id: 'demo-agent', name: '李客服', role: 'agent' as const, team: '售后一组' }];
    installFakeHost({ users });
    await expect(listDemoUsers()).resolves.toEqual(users);
  });
});

describe('auth in the weapp build', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  test('needs no sign-in: the cloud knows the caller', () => {
    expect(needsSignIn()).toBe(false);
    expect(currentOpenid()).toBeNull();
  });
});
