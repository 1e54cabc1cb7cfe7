/**
 * `cloud.openapi` for the local cloud: every call (`cloud.openapi.customerServiceMessage.send(…)`)
 * is written to the `outbox` collection, where the UI and tests can see what would have been sent
 * to WeChat, and answered like WeChat's success, `{ errCode: 0, errMsg: 'openapi.<api>:ok' }`.
 * Tests can make an API fail with a WeChat errcode (45015 outside the 48 h window, 43101 without
 * a subscription consent…); the failure is thrown the way wx-server-sdk throws it (its
 * CloudSDKError: an Error with `errCode`, `errMsg` = 'openapi.<api>:fail <errmsg>' and the
 * message 'errCode: <code>  | errMsg: <errMsg>'), and recorded in the outbox with its errCode.
 */
import { maskPii } from '../../cloudfunctions/core/privacy/pii.mask';
import type { DocumentStore } from '../store/document.store';

/**
 * What WeChat would have received is kept masked: the outbox is a log, and no raw phone, ID or
 * card number may be written to the store or a log.
 */
function maskDeep(v: unknown): unknown {
  if (typeof v === 'string') return maskPii(v, 'agent').text;
  // Uploaded media (uploadTempMedia's `media.value`): its size, not its bytes.
  if (Buffer.isBuffer(v)) return { bytes: v.length };
  if (Array.isArray(v)) return v.map(maskDeep);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, maskDeep(x)]));
  }
  return v;
}

export const OUTBOX_COLLECTION = 'outbox';

export interface OutboxEntry {
  _id: string;
  api: string;
  params: unknown;
  at: Date;
  openid: string | null;
  appid: string | null;
  errCode: number;
  errMsg: string;
}

export interface OpenapiFailure {
  errCode: number;
  /** WeChat's errmsg; a known default is used for common codes. */
  errmsg?: string;
  /** How many calls fail before the API answers normally again (default: every call). */
  times?: number;
}

/** The error shape wx-server-sdk throws for a WeChat errcode. */
export interface OpenapiError extends Error {
  errCode: number;
  errMsg: string;
}

const KNOWN_ERRMSG: Record<number, string> = {
  40003: 'invalid openid',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  47003: 'argument invalid!',
};

interface ContextLike {
  OPENID?: string;
  APPID?: string;
}

function openapiError(api: string, failure: OpenapiFailure): OpenapiError {
  const errMsg = `openapi.${api}:fail ${failure.errmsg ?? KNOWN_ERRMSG[failure.errCode] ?? 'wechat error'}`;
  // Same text as wx-server-sdk's CloudSDKError for codes missing from its error table.
  const error = new Error(`errCode: ${failure.errCode}  | errMsg: ${errMsg}`) as OpenapiError;
  error.errCode = failure.errCode;
  error.errMsg = errMsg;
  return error;
}

export class OpenapiOutbox {
  private readonly store: DocumentStore;
  private readonly context: () => ContextLike | undefined;
  private readonly failures = new Map<string, OpenapiFailure & { remaining: number }>();

  constructor(store: DocumentStore, context: () => ContextLike | undefined) {
    this.store = store;
    this.context = context;
  }

  /** Makes `api` (e.g. 'customerServiceMessage.send') answer a WeChat error. */
  fail(api: string, failure: OpenapiFailure): void {
    this.failures.set(api, { ...failure, remaining: failure.times ?? Number.POSITIVE_INFINITY });
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Outbox entries, oldest first, optionally for one API. */
  entries(api?: string): OutboxEntry[] {
    return this.store.find(OUTBOX_COLLECTION, api ? { api } : {}) as unknown as OutboxEntry[];
  }

  async call(api: string, params: unknown, appid?: string): Promise<Record<string, unknown>> {
    const ctx = this.context();
    const failure = this.failures.get(api);
    const failing = failure !== undefined && failure.remaining > 0;
    if (failure && failing) failure.remaining -= 1;
    const error = failing ? openapiError(api, failure) : null;
    this.store.insert(OUTBOX_COLLECTION, [
      {
        api,
        params: maskDeep(params ?? null),
        at: new Date(),
        openid: ctx?.OPENID ?? null,
        appid: appid ?? ctx?.APPID ?? null,
        errCode: error ? error.errCode : 0,
        errMsg: error ? error.errMsg : `openapi.${api}:ok`,
      },
    ]);
    if (error) throw error;
    // An upload answers a media id as WeChat does (camelCase, as wx-server-sdk returns it).
    if (api === 'customerServiceMessage.uploadTempMedia') {
      const n = this.entries(api).length;
      return { errCode: 0, errMsg: `openapi.${api}:ok`, type: 'image', mediaId: `media_${n}`, createdAt: Date.now() };
    }
    return { errCode: 0, errMsg: `openapi.${api}:ok` };
  }

  /**
   * The object that replaces `cloud.openapi`: any `namespace.method(params)` is a call, and
   * `cloud.openapi({ appid })` (the cross-account form) returns the same tree bound to `appid`.
   */
  proxy(appid?: string): Record<string, unknown> {
    const namespaces = new Map<string, unknown>();
    const namespaceFor = (namespace: string): unknown => {
      let methods = namespaces.get(namespace);
      if (!methods) {
        methods = new Proxy(
          {},
          {
            get: (_target, method) =>
              typeof method === 'string'
                ? (params: unknown) => this.call(`${namespace}.${method}`, params, appid)
                : undefined,
          },
        );
        namespaces.set(namespace, methods);
      }
      return methods;
    };
    const root = (options?: { appid?: string }) => this.proxy(options?.appid ?? appid);
    return new Proxy(root, {
      get: (target, namespace) => {
        if (typeof namespace !== 'string') return Reflect.get(target, namespace);
        if (namespace === 'then') return undefined; // not a thenable
        return namespaceFor(namespace);
      },
    }) as unknown as Record<string, unknown>;
  }
}
