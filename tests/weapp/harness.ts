/**
 * Runs pages of the BUILT weapp bundle (dist/weapp) the way WeChat does, inside jest/jsdom:
 * miniprogram-simulate renders the page's own WXML through the official WXML compiler
 * (`miniprogram-compiler`), Taro's runtime and React run from the built `app.js` and page
 * bundles, and a tap goes through the WXML event binding → Taro's `eh` → React → `setData`.
 *
 * What is a stand-in here: the globals WeChat provides (`wx`, `App`, `getApp`, `Page`,
 * `getCurrentPages`). A page becomes a simulate `Component` (simulate has no `Page`); its
 * lifecycle is called as WeChat calls it (onLoad(query), onShow, onReady, onUnload). `wx` answers
 * navigation by recording it (the test opens the next page itself) and `wx.cloud.callFunction`
 * from a table of `api` answers in the router's envelope (`{ ok, data }` / `{ ok: false, code }`):
 * the cloud is the edge this machine cannot reach. Canvas and selector queries are
 * simulate's mocks.
 *
 * The official compiler is a native binary: `miniprogram-compiler` 1.x ships it for x86-64 Linux
 * and Windows only (its mac folder is empty), so this suite runs on Linux CI, not on a Mac.
 */
import path from 'path';

export const DIST = path.resolve(__dirname, '../../dist/weapp');

type Callbacks = Record<string, unknown> & { success?: (r: unknown) => void; complete?: (r: unknown) => void };
export type ApiAnswer = { ok: true; data: unknown } | { ok: false; code: string; message: string };
export type ApiTable = Record<string, (params: Record<string, unknown>) => ApiAnswer>;

export const ok = (data: unknown): ApiAnswer => ({ ok: true, data });

export interface WeChatRecord {
  /** Every `api` action the page called, in order. */
  calls: { action: string; params: Record<string, unknown> }[];
  /** Every navigation the page asked for (`navigateTo`, `redirectTo`, `reLaunch`). */
  navigations: { api: string; url: string }[];
}

/** A rendered page: its DOM and a way to tap what shows a text. */
export interface OpenPage {
  wx: WeChatRecord;
  dom: HTMLElement;
  text(): string;
  /** Waits until the page shows `expected` (setData from async work lands a tick later). */
  waitForText(expected: string, timeoutMs?: number): Promise<void>;
  /** Taps the innermost element showing `label`; the tap bubbles as in WeChat. */
  tap(label: string): Promise<void>;
  /** Unloads the page (WeChat's onUnload); again is a no-op. */
  close(): void;
}

interface SimulateComponent {
  dom: HTMLElement;
  attach(parent: HTMLElement): void;
  detach(): void;
  dispatchEvent(this: { dom: Element }, name: string, options?: Record<string, unknown>): void;
}

const g = globalThis as Record<string, unknown>;

function installWeChat(table: ApiTable, record: WeChatRecord): void {
  const done = (o: Callbacks | undefined, res: Record<string, unknown> = {}) => {
    const r = { errMsg: 'ok', ...res };
    o?.success?.(r);
    o?.complete?.(r);
    return Promise.resolve(r);
  };
  const storage = new Map<string, unknown>();
  const navigate = (api: string) => (o: Callbacks) => {
    record.navigations.push({ api, url: String(o.url) });
    return done(o);
  };
  g.wx = {
    cloud: {
      init: () => undefined,
      callFunction: async (o: { name: string; data: Record<string, unknown> }) => {
        if (o.name !== 'api') throw { errMsg: `cloud.callFunction:fail function not found: ${o.name}` };
        const { action, ...params } = o.data as { action: string };
        record.calls.push({ action, params });
        const answer = table[action];
        const result: ApiAnswer = answer
          ? answer(params)
          : { ok: false, code: 'TEST.NO_ANSWER', message: `测试应答表中没有 ${action}` };
        // A copy, as the real answer crosses a process boundary.
        return { errMsg: 'cloud.callFunction:ok', result: JSON.parse(JSON.stringify(result)) };
      },
    },
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    navigateBack: done,
    showToast: done,
    stopPullDownRefresh: done,
    pageScrollTo: done,
    requestSubscribeMessage: (o: Callbacks) => done(o, {}),
  };
  let app: Record<string, unknown> | null = null;
  g.App = (options: Record<string, unknown>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [];
}

/**
 * Opens one page of the built mini-program (`route` as in app.json, `query` as WeChat passes
 * it to onLoad) with fresh modules, so no state leaks from one page test to the next.
 */
export async function openPage(route: string, query: Record<string, string>, table: ApiTable): Promise<OpenPage> {
  jest.resetModules();
  const record: WeChatRecord = { calls: [], navigations: [] };
  installWeChat(table, record);
  // Required after resetModules, so each page gets a fresh simulate, Taro runtime and React.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as {
    load(p: string, o: Record<string, unknown>): string;
    render(id: string): SimulateComponent;
  };
  // The built app.js, as WeChat loads it first: it calls App() and fills the webpack chunk list.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'));
  const app = (g.getApp as () => Record<string, (o: unknown) => void>)();
  const launch = { path: route, query, scene: 1001 };
  app.onLaunch.call(app, launch);
  app.onShow?.call(app, launch);

  // WeChat's Page(), as a simulate Component running the page lifecycle on attach/detach.
  g.Page = (options: Record<string, unknown>) => {
    const { data, ...rest } = options;
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) if (typeof value === 'function') methods[key] = value;
    type PageThis = Record<string, (...a: unknown[]) => void> & { route: string; __route__: string };
    (g.Component as (o: unknown) => void)({
      data,
      methods,
      lifetimes: {
        attached(this: PageThis) {
          this.route = route;
          this.__route__ = route;
          this.onLoad({ ...query });
          this.onShow();
        },
        ready(this: PageThis) {
          this.onReady();
        },
        detached(this: PageThis) {
          this.onUnload();
        },
      },
    });
  };
  const id = simulate.load(path.join(DIST, route), { rootPath: DIST, compiler: 'official' });
  const comp = simulate.render(id);
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  comp.attach(parent);

  const page: OpenPage = {
    wx: record,
    dom: comp.dom,
    text: () => comp.dom.textContent ?? '',
    async waitForText(expected, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (!page.text().includes(expected)) {
        if (Date.now() > until) {
          throw new Error(`page ${route} never showed "${expected}"; it shows: ${page.text().slice(0, 500)}`);
        }
        await sleep(20);
      }
    },
    async tap(label) {
      const target = innermostWithText(comp.dom, label);
      if (!target) throw new Error(`page ${route} shows nothing reading "${label}"`);
      // j-component's own dispatch: a DOM event, then an exparser `tap` that bubbles (composed)
      // to the nearest `bindtap` as WeChat's would.
      comp.dispatchEvent.call({ dom: target }, 'tap', { detail: { x: 0, y: 0 } });
      await sleep(50);
    },
    close() {
      if (!parent.isConnected) return;
      comp.detach(); // onUnload: React unmounts, its timers stop
      parent.remove();
    },
  };
  return page;
}

function innermostWithText(root: Element, label: string): Element | null {
  let found: Element | null = null;
  const walk = (el: Element) => {
    if (!(el.textContent ?? '').includes(label)) return;
    found = el;
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(root);
  return found;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The page a recorded navigation leads to, as WeChat would open it: route and query. */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return { route: pathPart.replace(/^\//, ''), query };
}
