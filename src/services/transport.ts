import Taro from '@tarojs/taro';
import { ApiError, CLIENT_ERROR_CODES } from './api.error';
import { currentOpenid } from './auth';
import { isLocalH5 } from './platform';

let cloudReady = false;

/**
 * Calls a cloud function and resolves with its return value, exactly what
 * `wx.cloud.callFunction` puts in `result`. In WeChat it goes through the cloud SDK; the H5
 * build posts to the local host, which answers `{ result }` the same way.
 */
export async function callFunction(name: string, data: Record<string, unknown>): Promise<unknown> {
  return isLocalH5() ? callOverHttp(name, data) : callThroughCloud(name, data);
}

async function callOverHttp(name: string, data: Record<string, unknown>): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch('/api/callFunction', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Openid': currentOpenid() ?? '' },
      body: JSON.stringify({ name, data }),
    });
  } catch (e) {
    throw new ApiError(CLIENT_ERROR_CODES.NETWORK, '网络异常，请检查本地服务是否启动', e);
  }
  const body = (await res.json().catch(() => null)) as { result?: unknown; error?: unknown; message?: unknown } | null;
  if (!res.ok || body === null || !('result' in body)) {
    const reason =
      typeof body?.message === 'string'
        ? body.message
        : typeof body?.error === 'string'
          ? body.error
          : `HTTP ${res.status}`;
    throw new ApiError(CLIENT_ERROR_CODES.NETWORK, `云函数 ${name} 调用失败：${reason}`, body);
  }
  return body.result;
}

/** Initialises the cloud SDK once; every use of `Taro.cloud` (calls, database watch) goes through it. */
export function ensureCloud(): void {
  if (cloudReady) return;
  // No env id in code: the mini-program's default cloud environment is used.
  Taro.cloud.init({ traceUser: true });
  cloudReady = true;
}

async function callThroughCloud(name: string, data: Record<string, unknown>): Promise<unknown> {
  ensureCloud();
  try {
    const res = await Taro.cloud.callFunction({ name, data });
    return res.result;
  } catch (e) {
    const errMsg = (e as { errMsg?: string }).errMsg ?? (e as Error).message ?? String(e);
    throw new ApiError(CLIENT_ERROR_CODES.NETWORK, `云函数 ${name} 调用失败：${errMsg}`, e);
  }
}
