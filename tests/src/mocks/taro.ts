/**
 * A small in-memory Taro for jsdom tests. Storage is real (a Map), navigation is recorded,
 * page lifecycle hooks run like a page that is shown once. `cloud` stands for WeChat's
 * servers, the one true edge: tests replace `cloud.callFunction`.
 */
import { useEffect, useRef } from 'react';

type Callback = () => void;

const storage = new Map<string, unknown>();
const pullDownHandlers = new Set<Callback>();
let routerParams: Record<string, string> = {};

export const ENV_TYPE = {
  WEAPP: 'WEAPP',
  WEB: 'WEB',
  RN: 'RN',
  SWAN: 'SWAN',
  ALIPAY: 'ALIPAY',
  TT: 'TT',
  QQ: 'QQ',
  JD: 'JD',
} as const;

const navigation = {
  redirectTo: jest.fn((_: { url: string }) => Promise.resolve({ errMsg: 'redirectTo:ok' })),
  navigateTo: jest.fn((_: { url: string }) => Promise.resolve({ errMsg: 'navigateTo:ok' })),
  /** Confirms by default; a test that cancels sets its own answer with mockResolvedValueOnce. */
  showModal: jest.fn((_: { title?: string; content?: string }) => Promise.resolve({ confirm: true, cancel: false })),
  reLaunch: jest.fn((_: { url: string }) => Promise.resolve({ errMsg: 'reLaunch:ok' })),
  navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
};

const cloud = {
  init: jest.fn(),
  callFunction: jest.fn((_: { name: string; data: unknown }): Promise<{ result: unknown }> => {
    return Promise.reject(new Error('cloud.callFunction is not stubbed in this test'));
  }),
  database: jest.fn((): unknown => {
    throw new Error('cloud.database is not stubbed in this test');
  }),
};

function useDidShow(cb: Callback): void {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => ref.current(), []);
}

function useDidHide(_cb: Callback): void {}

function usePullDownRefresh(cb: Callback): void {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => {
    const handler = () => ref.current();
    pullDownHandlers.add(handler);
    return () => {
      pullDownHandlers.delete(handler);
    };
  }, []);
}

function useRouter() {
  return { params: routerParams, path: '' };
}

function selectorQuery() {
  const q = {
    select: () => q,
    selectAll: () => q,
    selectViewport: () => q,
    boundingClientRect: () => q,
    scrollOffset: () => q,
    fields: () => q,
    exec: (cb?: (res: unknown[]) => void) => cb?.([]),
  };
  return q;
}

const Taro = {
  ENV_TYPE,
  getEnv: () => ENV_TYPE.WEB,
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  ...navigation,
  showToast: jest.fn((_: { title: string; icon?: string }) => Promise.resolve()),
  /** WeChat's consent dialog: tests decide the user's answer. */
  requestSubscribeMessage: jest.fn((_: { tmplIds: string[] }): Promise<Record<string, string>> =>
    Promise.reject(new Error('requestSubscribeMessage is not stubbed in this test')),
  ),
  stopPullDownRefresh: jest.fn(),
  pageScrollTo: jest.fn(() => Promise.resolve()),
  nextTick: (cb: Callback) => setTimeout(cb, 0),
  createSelectorQuery: selectorQuery,
  pxTransform: (n: number) => `${n / 2}px`,
  initPxTransform: () => undefined,
  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
  cloud,
  useDidShow,
  useDidHide,
  usePullDownRefresh,
  useRouter,
  useLoad: useDidShow,
};

/** Test controls, not part of Taro. */
export const taroTest = {
  storage,
  navigation,
  cloud,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  pullDown() {
    pullDownHandlers.forEach((h) => h());
  },
  reset() {
    storage.clear();
    pullDownHandlers.clear();
    routerParams = {};
  },
};

export { useDidShow, useDidHide, usePullDownRefresh, useRouter };
export default Taro;
