import { db, resetStore } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import {
  ACCESS_TOKEN_DOC,
  createWecomClient,
  WecomApiError,
  WecomHttpError,
  wecomConfigFromEnv,
  type WecomConfig,
} from '../../cloudfunctions/common/wecom/wecom.client';
import { startReplay, type Answer, type Replay } from './wecom.replay';

const GETTOKEN = '/cgi-bin/gettoken';
const CALL = '/cgi-bin/kf/account/list';

let replay: Replay | undefined;

async function serve(script: Record<string, Answer[]>): Promise<Replay> {
  replay = await startReplay(script);
  return replay;
}

function client(r: Replay, overrides: Partial<WecomConfig> = {}, clock?: () => number) {
  return createWecomClient(
    { baseUrl: r.baseUrl, corpId: 'ww_corp', secret: 'kf_secret', timeoutMs: 2_000, ...overrides },
    clock,
  );
}

const inCloud = <T>(fn: () => Promise<T>) => runWithContext({ SOURCE: 'wx_http' }, fn);

async function cachedToken(): Promise<Record<string, unknown> | undefined> {
  return inCloud(async () => {
    const { data } = (await db().collection('secrets').where({ _id: ACCESS_TOKEN_DOC }).get()) as {
      data: Record<string, unknown>[];
    };
    return data[0];
  });
}

async function seedToken(token: string, expiresAt: number): Promise<void> {
  await inCloud(async () => {
    await db()
      .collection('secrets')
      .doc(ACCESS_TOKEN_DOC)
      .set({ data: { token, corpId: 'ww_corp', expiresAt } });
  });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => resetStore());
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

describe('wecomConfigFromEnv', () => {
  it('defaults to the public WeCom API and reads credentials from the environment', () => {
    expect(wecomConfigFromEnv({ WECOM_CORP_ID: 'ww1', WECOM_KF_SECRET: 's' })).toEqual({
      baseUrl: 'https://qyapi.weixin.qq.com',
      corpId: 'ww1',
      secret: 's',
      timeoutMs: 5000,
    });
  });

  it('takes the base URL (without a trailing slash) and the timeout from the environment', () => {
    const c = wecomConfigFromEnv({ WECOM_API_BASE: 'http://127.0.0.1:9/', WECOM_HTTP_TIMEOUT_MS: '800' });
    expect(c).toMatchObject({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 800 });
  });
});

describe('access token', () => {
  it('is fetched with corpid and corpsecret and cached in the database with its expiry', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'] });
    const t0 = 1_700_000_000_000;
    await expect(inCloud(() => client(r, {}, () => t0).accessToken())).resolves.toBe('ACCESS_TOKEN_A');
    expect(r.to(GETTOKEN)[0]).toMatchObject({ method: 'GET', query: { corpid: 'ww_corp', corpsecret: 'kf_secret' } });
    expect(await cachedToken()).toMatchObject({ token: 'ACCESS_TOKEN_A', corpId: 'ww_corp', expiresAt: t0 + 7200_000 });
  });

  it('is shared through the database by another function instance', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'] });
    await inCloud(() => client(r).accessToken());
    await expect(inCloud(() => client(r).accessToken())).resolves.toBe('ACCESS_TOKEN_A');
    expect(r.to(GETTOKEN)).toHaveLength(1);
  });

  it('is fetched again when the cached one is about to expire', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken-renewed'] });
    await seedToken('ACCESS_TOKEN_OLD', Date.now() + 60_000);
    await expect(inCloud(() => client(r).accessToken())).resolves.toBe('ACCESS_TOKEN_B');
  });

  it('is not taken from the cache of another corp', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'] });
    await seedToken('ACCESS_TOKEN_OTHER', Date.now() + 3_600_000);
    await expect(inCloud(() => client(r, { corpId: 'ww_second' }).accessToken())).resolves.toBe('ACCESS_TOKEN_A');
  });

  it('is not requested at all without credentials', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'] });
    const e = await rejection(inCloud(() => client(r, { secret: '' }).accessToken()));
    expect(e).toBeInstanceOf(WecomHttpError);
    expect(r.requests).toHaveLength(0);
  });
});

describe('calls', () => {
  it('post JSON with the access token in the query', async () => {
    const r = await serve({
      [GETTOKEN]: ['gettoken'],
      [CALL]: [{ json: { errcode: 0, errmsg: 'ok', account_list: [] } }],
    });
    await expect(inCloud(() => client(r).post(CALL, { offset: 0 }))).resolves.toMatchObject({ account_list: [] });
    expect(r.to(CALL)[0]).toMatchObject({
      method: 'POST',
      query: { access_token: 'ACCESS_TOKEN_A' },
      body: { offset: 0 },
    });
  });

  it('refresh an expired token once and retry with the new one', async () => {
    await seedToken('ACCESS_TOKEN_OLD', Date.now() + 3_600_000);
    const r = await serve({
      [GETTOKEN]: ['gettoken-renewed'],
      [CALL]: ['token-expired', { json: { errcode: 0, errmsg: 'ok' } }],
    });
    await expect(inCloud(() => client(r).post(CALL, {}))).resolves.toMatchObject({ errcode: 0 });
    expect(r.to(CALL).map((q) => q.query.access_token)).toEqual(['ACCESS_TOKEN_OLD', 'ACCESS_TOKEN_B']);
    expect(await cachedToken()).toMatchObject({ token: 'ACCESS_TOKEN_B' });
  });

  it('give up after one refresh when the new token is refused too', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken', 'gettoken-renewed'], [CALL]: ['token-expired', 'token-expired'] });
    const e = await rejection(inCloud(() => client(r).post(CALL, {})));
    expect(e).toMatchObject({ name: 'WecomApiError', errcode: 42001 });
    expect(r.to(GETTOKEN)).toHaveLength(2);
    expect(r.to(CALL)).toHaveLength(2);
  });

  it('surface other error codes without touching the token', async () => {
    const r = await serve({
      [GETTOKEN]: ['gettoken'],
      [CALL]: [{ json: { errcode: 95007, errmsg: 'invalid msg token' } }],
    });
    const e = await rejection(inCloud(() => client(r).post(CALL, {})));
    expect(e).toBeInstanceOf(WecomApiError);
    expect((e as WecomApiError).errcode).toBe(95007);
    expect(r.to(GETTOKEN)).toHaveLength(1);
  });

  it('fail on an HTTP error status, and the error does not show the token', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'], [CALL]: [{ status: 502, raw: 'bad gateway' }] });
    const e = await rejection(inCloud(() => client(r).post(CALL, {})));
    expect(e).toMatchObject({ name: 'WecomHttpError', status: 502 });
    expect(e.message).not.toContain('ACCESS_TOKEN_A');
  });

  it('fail on an answer that is not JSON', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'], [CALL]: [{ raw: '<html>' }] });
    await expect(inCloud(() => client(r).post(CALL, {}))).rejects.toThrow(/not JSON/);
  });

  it('time out when WeCom does not answer', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'], [CALL]: [{ hang: true }] });
    const started = Date.now();
    const e = await rejection(inCloud(() => client(r, { timeoutMs: 200 }).post(CALL, {})));
    expect(e).toBeInstanceOf(WecomHttpError);
    expect(e.message).toMatch(/no answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fail with a network error when nothing listens', async () => {
    const r = await serve({});
    const { baseUrl } = r;
    await r.close();
    replay = undefined;
    const dead = createWecomClient({ baseUrl, corpId: 'ww_corp', secret: 'kf_secret', timeoutMs: 1_000 });
    await expect(inCloud(() => dead.accessToken())).rejects.toThrow(/ECONNREFUSED/);
  });
});
