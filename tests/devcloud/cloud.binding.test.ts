/**
 * The wx-server-sdk binding: per-request WXContext, the openapi outbox, the pinned database
 * transport and offline safety, all through the real SDK.
 */
import { Db } from '@cloudbase/database';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { makeCloud, rejectionOf } from './support/cloud.factory';
import type { PromiseDb } from './support/cloud.factory';

type Openapi = Record<string, Record<string, (params: unknown) => Promise<Record<string, unknown>>>> &
  ((options: { appid: string }) => Record<string, Record<string, (params: unknown) => Promise<unknown>>>);

function openapiOf(cloud: { openapi: unknown }): Openapi {
  return cloud.openapi as Openapi;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('getWXContext', () => {
  it('answers each request with its own caller, across awaits', async () => {
    const { binding } = makeCloud({ bind: { env: 'dev-env' } });
    const seen = await Promise.all(
      ['oA', 'oB'].map((openid) =>
        runWithContext({ OPENID: openid, APPID: 'wxapp', SOURCE: 'wx_client' }, async () => {
          await tick();
          return binding.cloud.getWXContext();
        }),
      ),
    );
    expect(seen).toEqual([
      { ENV: 'dev-env', OPENID: 'oA', APPID: 'wxapp', SOURCE: 'wx_client' },
      { ENV: 'dev-env', OPENID: 'oB', APPID: 'wxapp', SOURCE: 'wx_client' },
    ]);
  });

  it('answers the default context outside a request', () => {
    const { binding } = makeCloud({ bind: { env: 'dev-env', defaultContext: { SOURCE: 'wx_trigger' } } });
    expect(binding.cloud.getWXContext()).toEqual({ ENV: 'dev-env', SOURCE: 'wx_trigger' });
  });
});

describe('openapi outbox', () => {
  it('records each call with the caller and answers like WeChat', async () => {
    const { binding } = makeCloud();
    const params = { touser: 'oCustomer', msgtype: 'text', text: { content: '您好' } };
    const answer = await runWithContext({ OPENID: 'oAgent' }, () =>
      openapiOf(binding.cloud).customerServiceMessage.send(params),
    );
    expect(answer).toEqual({ errCode: 0, errMsg: 'openapi.customerServiceMessage.send:ok' });
    expect(binding.outbox.entries()).toEqual([
      expect.objectContaining({
        api: 'customerServiceMessage.send',
        params,
        openid: 'oAgent',
        errCode: 0,
        at: expect.any(Date),
      }),
    ]);
  });

  it('throws a configured WeChat error the way wx-server-sdk does, then recovers', async () => {
    const { binding } = makeCloud();
    binding.outbox.fail('customerServiceMessage.send', { errCode: 45015, times: 1 });
    const error = await rejectionOf(openapiOf(binding.cloud).customerServiceMessage.send({ touser: 'o' }));
    const next = await openapiOf(binding.cloud).customerServiceMessage.send({ touser: 'o' });
    expect(error.errCode).toBe(45015);
    expect(error.errMsg).toBe(
      'openapi.customerServiceMessage.send:fail response out of time limit or subscription is canceled',
    );
    expect(error.message).toBe(`errCode: 45015  | errMsg: ${error.errMsg}`);
    expect(next.errCode).toBe(0);
    expect(binding.outbox.entries('customerServiceMessage.send').map((entry) => entry.errCode)).toEqual([45015, 0]);
  });

  it('records the appid of a cross-account call', async () => {
    const { binding } = makeCloud();
    await openapiOf(binding.cloud)({ appid: 'wxOther' }).subscribeMessage.send({ touser: 'o' });
    expect(binding.outbox.entries()[0]).toEqual(
      expect.objectContaining({ api: 'subscribeMessage.send', appid: 'wxOther' }),
    );
  });
});

describe('transport and offline safety', () => {
  it('keeps the store transport although node-sdk re-assigns Db.reqClass on each database()', async () => {
    const { binding, store } = makeCloud();
    store.insert('items', [{ _id: 'a' }]);
    const pinned = Db.reqClass;
    const again: PromiseDb = binding.cloud.database();
    const { data } = await again.collection('items').get();
    expect(Db.reqClass).toBe(pinned);
    expect(data).toEqual([{ _id: 'a' }]);
  });

  it('fails a non-database call at once offline, without an unhandled rejection', async () => {
    const { binding } = makeCloud();
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const error = await rejectionOf(Promise.resolve(binding.cloud.callFunction({ name: 'elsewhere' })));
      await tick();
      expect(error.message).toContain('not served by the local cloud');
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('hands the missing-credentials error to the caller instead of an unhandled rejection', async () => {
    const { binding } = makeCloud({ bind: { offline: false } });
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const error = await rejectionOf(Promise.resolve(binding.cloud.callFunction({ name: 'elsewhere' })));
      await tick();
      expect(error.message).toContain('missing secretId or secretKey');
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
