/**
 * Runs the unmodified `wx-server-sdk` against the local store.
 *
 * - Database: every call of the SDK goes through `Db.reqClass` of `@cloudbase/database`
 *   (`new Db.reqClass(config).send(action, params)`). `@cloudbase/node-sdk` re-assigns
 *   `Db.reqClass = TcbDBApiHttpRequester` on every `cloud.database()` call, so the class is pinned
 *   with an accessor whose setter ignores those assignments. The copy pinned is the one node-sdk
 *   itself resolves (resolved from wx-server-sdk → node-sdk), so a second copy elsewhere in
 *   node_modules could not slip past.
 * - `cloud.getWXContext()` answers from an AsyncLocalStorage, so concurrent requests each see
 *   their own caller (`runWithContext(ctx, fn)`).
 * - `cloud.openapi` becomes an outbox (openapi.outbox.ts).
 * - Storage (`uploadFile`, `getTempFileURL`, `downloadFile`, `deleteFile`) is answered from a
 *   folder or, without `storageDir`, from memory (cloud.storage.ts).
 * - Offline safety: node-sdk's `TcbApiHttpRequester.prototype.prepareCredentials` calls the
 *   credential check without awaiting it, so a missing secretId/secretKey becomes an unhandled
 *   rejection ("missing secretId or secretKey of tencent cloud") that kills Node 20. The method is
 *   replaced by one that returns the promise, so the error reaches the caller instead. With
 *   `offline` (the default) any remaining network call (storage, callFunction if not replaced by the
 *   host…) fails at once with SYS_ERR instead of waiting on DNS.
 * - `cloud.init()` keeps working offline; the env defaults to `options.env`.
 *
 * The binding is process-wide (the SDK is a singleton): binding again replaces the store used.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ForegroundGate } from '../../cloudfunctions/common/foreground.gate';
import { isTimerWork } from '../timer.work';
import { dirname } from 'node:path';
import type { DocumentStore } from '../store/document.store';
import { DbRequestHandler } from './db.requester';
import type { CloudLimits } from './db.requester';
import { OpenapiOutbox } from './openapi.outbox';
import { LocalStorage } from './cloud.storage';

export type WxCloud = typeof import('wx-server-sdk');
export type WxDatabase = ReturnType<WxCloud['database']>;

export type WXSource = 'wx_client' | 'wx_trigger' | 'wx_http' | 'wx_devtools' | 'wx_unknown' | (string & {});

export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: WXSource;
  CLIENTIP?: string;
  [key: string]: unknown;
}

export interface BindOptions {
  /** The environment id reported as `ENV` and used by `cloud.init()` (default 'local'). */
  env?: string;
  /** What `getWXContext()` answers outside `runWithContext` (default `{ ENV }`). */
  defaultContext?: WXContext;
  /** Fail every non-database network call immediately (default true). */
  offline?: boolean;
  /** Override the cloud limits (tests use small ones). */
  limits?: Partial<CloudLimits>;
  /** Folder of the cloud storage's files; none: files kept in memory. */
  storageDir?: string;
  /** The host's gate: database calls of timer-run functions wait for foreground work (timer.work.ts). */
  foreground?: ForegroundGate;
}

export interface CloudBinding {
  cloud: WxCloud;
  store: DocumentStore;
  outbox: OpenapiOutbox;
  storage: LocalStorage;
  /** `cloud.database()` after making sure `cloud.init()` ran. */
  db(): WxDatabase;
}

interface DbModule {
  Db: { reqClass: unknown };
}

interface TcbApiRequesterModule {
  TcbApiHttpRequester: { prototype: { prepareCredentials: () => Promise<void> } };
  prepareCredentials: (this: unknown) => Promise<void>;
  request: (args: { params?: { action?: string } }) => Promise<unknown>;
}

const contextStorage = new AsyncLocalStorage<WXContext>();
let current: {
  binding: CloudBinding;
  handler: DbRequestHandler;
  options: Required<Pick<BindOptions, 'env'>> & BindOptions;
} | null = null;
let patched = false;

/** Runs `fn` with `ctx` as the answer of `cloud.getWXContext()` (also across awaits). */
export function runWithContext<T>(ctx: WXContext, fn: () => T): T {
  return contextStorage.run(ctx, fn);
}

/** The context of the running request, if any. */
export function currentContext(): WXContext | undefined {
  return contextStorage.getStore();
}

/*
 * Plain `require` on purpose: the modules must come from the host's module system (Node's cache,
 * or jest's registry in tests) so that they are the very instances the cloud functions load, and
 * they are resolved along the SDK's own dependency chain.
 */
function requireFrom<T>(request: string, fromFile: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(request, { paths: [dirname(fromFile)] })) as T;
}

/** The SDK modules, resolved the way wx-server-sdk itself resolves them. */
function sdkModules(): { cloud: WxCloud; dbModule: DbModule; apiRequester: TcbApiRequesterModule } {
  const sdkPath = require.resolve('wx-server-sdk');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require(sdkPath) as WxCloud;
  const nodeSdk = require.resolve('@cloudbase/node-sdk', { paths: [dirname(sdkPath)] });
  const dbModule = requireFrom<DbModule>('@cloudbase/database', nodeSdk);
  const apiRequester = requireFrom<TcbApiRequesterModule>('./utils/tcbapirequester', nodeSdk);
  return { cloud, dbModule, apiRequester };
}

class PinnedRequester {
  // The SDK passes its config; the local store needs none of it.
  constructor(_config?: unknown) {}
  send(action: string, params?: Record<string, unknown>): Promise<unknown> {
    if (!current) return Promise.reject(new Error('devcloud: the cloud database is not bound (call bindCloud first)'));
    const { handler, options } = current;
    if (options.foreground && isTimerWork(contextStorage.getStore()?.SOURCE)) {
      return options.foreground.idle().then(() => handler.send(action, params));
    }
    return handler.send(action, params);
  }
}

function patchOnce(): void {
  if (patched) return;
  patched = true;
  const { cloud, dbModule, apiRequester } = sdkModules();

  Object.defineProperty(dbModule.Db, 'reqClass', {
    configurable: true,
    get: () => PinnedRequester,
    set: () => {
      /* node-sdk re-assigns its HTTP requester on each database() call: keep ours */
    },
  });

  apiRequester.TcbApiHttpRequester.prototype.prepareCredentials = function prepareCredentials(this: unknown) {
    return apiRequester.prepareCredentials.call(this);
  };
  const networkRequest = apiRequester.request;
  apiRequester.request = async (args) => {
    if (current?.options.offline === false) return networkRequest(args);
    const action = args.params?.action ?? 'request';
    const error = new Error(`devcloud: ${action} is not served by the local cloud (offline)`) as Error & {
      code: string;
    };
    error.code = 'SYS_ERR';
    throw error;
  };

  const mutable = cloud as unknown as Record<string, unknown>;
  const originalInit = cloud.init.bind(cloud);
  mutable.init = (config: Parameters<WxCloud['init']>[0] = {}) =>
    originalInit({ ...config, env: config.env ?? current?.options.env ?? 'local' } as Parameters<WxCloud['init']>[0]);
  mutable.getWXContext = () => {
    const env = current?.options.env ?? 'local';
    const ctx = contextStorage.getStore() ?? current?.options.defaultContext ?? {};
    return { ENV: env, ...ctx };
  };
}

/** Binds the real wx-server-sdk to `store`; see the module comment. */
export function bindCloud(store: DocumentStore, options: BindOptions = {}): CloudBinding {
  patchOnce();
  const { cloud } = sdkModules();
  const outbox = new OpenapiOutbox(store, () => contextStorage.getStore() ?? current?.options.defaultContext);
  (cloud as unknown as Record<string, unknown>).openapi = outbox.proxy();
  const storage = new LocalStorage(options.storageDir ?? null, () => options.env ?? 'local');
  const mutable = cloud as unknown as Record<string, unknown>;
  mutable.uploadFile = (p: Parameters<LocalStorage['uploadFile']>[0]) => storage.uploadFile(p);
  mutable.downloadFile = (p: Parameters<LocalStorage['downloadFile']>[0]) => storage.downloadFile(p);
  mutable.deleteFile = (p: Parameters<LocalStorage['deleteFile']>[0]) => storage.deleteFile(p);
  mutable.getTempFileURL = (p: Parameters<LocalStorage['getTempFileURL']>[0]) => storage.getTempFileURL(p);
  const binding: CloudBinding = {
    cloud,
    store,
    outbox,
    storage,
    db: () => {
      cloud.init({ env: options.env ?? 'local' });
      return cloud.database();
    },
  };
  current = {
    binding,
    handler: new DbRequestHandler(store, options.limits),
    options: { offline: true, ...options, env: options.env ?? 'local' },
  };
  return binding;
}

/** The active binding; throws when `bindCloud` has not run. */
export function getBinding(): CloudBinding {
  if (!current) throw new Error('devcloud: bindCloud(store) has not been called');
  return current.binding;
}

export function getCloud(): WxCloud {
  return getBinding().cloud;
}

export function getDb(): WxDatabase {
  return getBinding().db();
}
