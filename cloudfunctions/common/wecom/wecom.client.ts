/**
 * A small client for the WeCom server API (企业微信 / 微信客服), on Node's own `http`/`https`:
 * cloud functions may run on Node 16, which has no global `fetch`.
 *
 * The access token is cached in the database (collection `secrets`, doc `wecom-access-token`)
 * so the many short-lived function instances share one instead of each calling `gettoken`
 * (which WeCom rate-limits). A call answered with "invalid/expired token" refreshes it once and
 * retries once. The token never appears in logs or error messages: errors name the API path
 * without its query string.
 *
 * Failures are plain `Error`s (not DomainErrors) on purpose: the ingest function rethrows them,
 * so WeChat retries the callback later instead of the messages being written off.
 */
import { request as httpRequest, type IncomingMessage } from 'http';
import { request as httpsRequest } from 'https';
import { byId, COLLECTIONS, database } from '../cloud';

export const ACCESS_TOKEN_DOC = 'wecom-access-token';

const DEFAULT_BASE = 'https://qyapi.weixin.qq.com';
const DEFAULT_TIMEOUT_MS = 5_000;
/** Refresh this long before WeCom's stated expiry, so a token never dies mid-call. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** invalid credential, invalid access_token, access_token expired. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export interface WecomConfig {
  baseUrl: string;
  corpId: string;
  secret: string;
  timeoutMs: number;
}

export class WecomApiError extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  readonly path: string;
  constructor(path: string, errcode: number, errmsg: string) {
    super(`WeCom ${path} failed: errcode ${errcode} ${errmsg}`);
    this.name = 'WecomApiError';
    this.path = path;
    this.errcode = errcode;
    this.errmsg = errmsg;
  }
}

export class WecomHttpError extends Error {
  readonly path: string;
  readonly status?: number;
  constructor(path: string, message: string, status?: number) {
    super(`WeCom ${path}: ${message}`);
    this.name = 'WecomHttpError';
    this.path = path;
    this.status = status;
  }
}

export function wecomConfigFromEnv(env: Record<string, string | undefined> = process.env): WecomConfig {
  const timeout = Number(env.WECOM_HTTP_TIMEOUT_MS);
  return {
    baseUrl: (env.WECOM_API_BASE || DEFAULT_BASE).replace(/\/+$/, ''),
    corpId: env.WECOM_CORP_ID ?? '',
    secret: env.WECOM_KF_SECRET ?? '',
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  };
}

interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
}

interface TokenAnswer extends WecomAnswer {
  access_token?: string;
  expires_in?: number;
}

interface CachedToken {
  token: string;
  corpId: string;
  expiresAt: number;
}

/** One HTTP exchange → the parsed JSON body. `path` is what errors may show (no query string). */
function exchange(
  config: WecomConfig,
  path: string,
  query: Record<string, string>,
  body: unknown | undefined,
): Promise<unknown> {
  const url = new URL(config.baseUrl + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.reject(new WecomHttpError(path, `unsupported protocol ${url.protocol}`));
  const payload = body === undefined ? undefined : JSON.stringify(body);

  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: payload === undefined ? 'GET' : 'POST',
        headers:
          payload === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
        timeout: config.timeoutMs,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new WecomHttpError(path, 'response too large'));
          else chunks.push(c);
        });
        res.on('error', (e) => reject(new WecomHttpError(path, e.message)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(new WecomHttpError(path, `HTTP ${status}`, status));
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new WecomHttpError(path, 'answer is not JSON', status));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new WecomHttpError(path, `no answer within ${config.timeoutMs} ms`)));
    req.on('error', (e) => reject(e instanceof WecomHttpError ? e : new WecomHttpError(path, e.message)));
    req.end(payload);
  });
}

function checked<T extends WecomAnswer>(path: string, answer: unknown): T {
  if (typeof answer !== 'object' || answer === null) throw new WecomHttpError(path, 'answer is not a JSON object');
  const a = answer as T;
  if (a.errcode !== undefined && a.errcode !== 0)
    throw new WecomApiError(path, Number(a.errcode), String(a.errmsg ?? ''));
  return a;
}

export interface WecomClient {
  readonly config: WecomConfig;
  /** A valid access token: from this instance, else the database cache, else `gettoken`. */
  accessToken(opts?: { refresh?: boolean }): Promise<string>;
  /** POST `path?access_token=…` with a JSON body; one token refresh and retry on a token error. */
  post<T extends object>(path: string, body: unknown): Promise<T>;
}

export function createWecomClient(overrides: Partial<WecomConfig> = {}, clock: () => number = Date.now): WecomClient {
  const config: WecomConfig = { ...wecomConfigFromEnv(), ...overrides };
  let held: CachedToken | null = null;

  const usable = (t: CachedToken | null | undefined): t is CachedToken =>
    !!t && typeof t.token === 'string' && t.corpId === config.corpId && t.expiresAt - EXPIRY_MARGIN_MS > clock();

  async function readCache(): Promise<CachedToken | null> {
    return byId<CachedToken>(COLLECTIONS.secrets, ACCESS_TOKEN_DOC);
  }

  async function fetchToken(): Promise<CachedToken> {
    if (!config.corpId || !config.secret) {
      throw new WecomHttpError('/cgi-bin/gettoken', 'WECOM_CORP_ID and WECOM_KF_SECRET must be set');
    }
    const path = '/cgi-bin/gettoken';
    const answer = checked<TokenAnswer>(
      path,
      await exchange(config, path, { corpid: config.corpId, corpsecret: config.secret }, undefined),
    );
    if (typeof answer.access_token !== 'string' || !answer.access_token)
      throw new WecomHttpError(path, 'answer has no access_token');
    const expiresIn = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : 7200;
    const fresh: CachedToken = {
      token: answer.access_token,
      corpId: config.corpId,
      expiresAt: clock() + expiresIn * 1000,
    };
    await database()
      .collection(COLLECTIONS.secrets)
      .doc(ACCESS_TOKEN_DOC)
      .set({ data: { token: fresh.token, corpId: fresh.corpId, expiresAt: fresh.expiresAt, updatedAt: clock() } });
    return fresh;
  }

  async function accessToken(opts: { refresh?: boolean } = {}): Promise<string> {
    if (!opts.refresh) {
      if (usable(held)) return held.token;
      const cached = await readCache();
      if (usable(cached)) {
        held = cached;
        return cached.token;
      }
    }
    held = await fetchToken();
    return held.token;
  }

  async function post<T extends object>(path: string, body: unknown): Promise<T> {
    const once = async (token: string) =>
      checked<T & WecomAnswer>(path, await exchange(config, path, { access_token: token }, body));
    const token = await accessToken();
    try {
      return await once(token);
    } catch (e) {
      if (!(e instanceof WecomApiError) || !TOKEN_ERRCODES.has(e.errcode)) throw e;
      return once(await accessToken({ refresh: true }));
    }
  }

  return { config, accessToken, post };
}
