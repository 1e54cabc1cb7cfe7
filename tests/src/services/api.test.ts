import { call, ApiError } from '../../../src/services/api';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok } from '../support/fake-host';
import { makeUser } from '../support/factories';

describe('api.call over the local host (H5)', () => {
  test('sends the action and its parameters to the api function as the signed-in openid', async () => {
    signIn('demo-agent');
    const host = installFakeHost({ api: () => ok({ items: [], total: 0 }) });
    await call('sessions/list', { status: 'closed', limit: 5 });
    expect(host.calls).toEqual([
      { name: 'api', action: 'sessions/list', params: { status: 'closed', limit: 5 }, openid: 'demo-agent' },
    ]);
  });

  test('unwraps the data of an ok envelope', async () => {
    const user = makeUser();
    installFakeHost({ api: () => ok(user) });
    await expect(call('me/get', {})).resolves.toEqual(user);
  });

  test('throws an ApiError carrying the server’s code and message', async () => {
    installFakeHost({ api: () => fail('AUTH.UNKNOWN_USER', '未知用户') });
    const error = await call('me/get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'AUTH.UNKNOWN_USER', message: '未知用户' });
  });

  test('rejects an answer that is not an envelope', async () => {
    installFakeHost({ api: () => 'oops' as never });
    await expect(call('me/get', {})).rejects.toMatchObject({ code: 'NETWORK.BAD_RESPONSE' });
  });

  test('turns an HTTP failure of the host into a network ApiError', async () => {
    installFakeHost({});
    await expect(call('me/get', {})).rejects.toMatchObject({ code: 'NETWORK.FAILED' });
  });
});

describe('api.call through WeChat cloud (weapp)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  test('calls the api function with Taro.cloud and unwraps the result', async () => {
    taroTest.cloud.callFunction.mockResolvedValue({ result: ok({ alert: { _id: 'a1' } }) });
    await expect(call('alerts/get', { alertId: 'a1' })).resolves.toEqual({ alert: { _id: 'a1' } });
    expect(taroTest.cloud.callFunction).toHaveBeenCalledWith({
      name: 'api',
      data: { action: 'alerts/get', alertId: 'a1' },
    });
  });

  test('initialises the cloud SDK once, without an environment id', async () => {
    // A fresh module graph: the "already initialised" flag is module state.
    let api!: typeof import('../../../src/services/api');
    let taro!: typeof import('../mocks/taro');
    await jest.isolateModulesAsync(async () => {
      api = await import('../../../src/services/api');
      taro = await import('../mocks/taro');
    });
    taro.taroTest.cloud.callFunction.mockResolvedValue({ result: ok({}) });
    await api.call('me/get', {});
    await api.call('me/get', {});
    expect(taro.taroTest.cloud.init).toHaveBeenCalledTimes(1);
    expect(taro.taroTest.cloud.init).toHaveBeenCalledWith({ traceUser: true });
  });

  test('throws the server’s code from a failed envelope', async () => {
    taroTest.cloud.callFunction.mockResolvedValue({ result: fail('AUTH.FORBIDDEN', '无权限') });
    await expect(call('alerts/list', {})).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  test('wraps a cloud SDK failure in a network ApiError', async () => {
    taroTest.cloud.callFunction.mockRejectedValue({ errMsg: 'cloud.callFunction:fail timeout' });
    await expect(call('me/get', {})).rejects.toMatchObject({ code: 'NETWORK.FAILED' });
  });
});
