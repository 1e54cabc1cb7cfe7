import Taro from '@tarojs/taro';
import type { Role } from '@core/model';
import { ApiError, CLIENT_ERROR_CODES } from './api.error';
import { isLocalH5 } from './platform';

const STORAGE_KEY = 'kefu-qa.openid';

/** A user offered by the local host's demo sign-in (`GET /dev/users`). */
export interface DemoUser {
  _id: string;
  name: string;
  role: Role;
  team?: string;
}

/**
 * Whether this build must choose who it is. In WeChat the cloud knows the caller's OPENID;
 * the H5 build against the local host picks a demo user instead.
 */
export function needsSignIn(): boolean {
  return isLocalH5();
}

/** The demo openid in use (H5 only); null when signed out or in WeChat. */
export function currentOpenid(): string | null {
  if (!isLocalH5()) return null;
  const value: unknown = Taro.getStorageSync(STORAGE_KEY);
  return typeof value === 'string' && value !== '' ? value : null;
}

// Bumped by every sign-in and sign-out, so what was cached for one identity (the current user,
// `services/me.ts`) is never served to the next.
let identity = 0;

/** Changes whenever the signed-in identity may have changed. */
export function identityVersion(): number {
  return identity;
}

export function signIn(openid: string): void {
  Taro.setStorageSync(STORAGE_KEY, openid);
  identity++;
}

export function signOut(): void {
  Taro.removeStorageSync(STORAGE_KEY);
  identity++;
}

/**
 * `?as=<openid>` in the address signs in directly (links in demos, the e2e suite). The
 * parameter is then dropped from the address so signing out is not undone by a reload.
 */
export function signInFromQuery(): string | null {
  if (!isLocalH5() || typeof window === 'undefined') return null;
  const params = new URLSearchParams(window.location.search);
  const openid = params.get('as');
  if (!openid) return null;
  signIn(openid);
  params.delete('as');
  const rest = params.toString();
  const url = `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
  return openid;
}

/** Demo users from the local host, for the sign-in picker. */
export async function listDemoUsers(): Promise<DemoUser[]> {
  let res: Response;
  try {
    res = await fetch('/dev/users', { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(CLIENT_ERROR_CODES.NETWORK, '无法连接本地服务', e);
  }
  if (!res.ok) throw new ApiError(CLIENT_ERROR_CODES.NETWORK, `获取演示用户失败（HTTP ${res.status}）`);
  const body: unknown = await res.json();
  if (!Array.isArray(body)) throw new ApiError(CLIENT_ERROR_CODES.BAD_RESPONSE, '演示用户数据格式错误');
  return body as DemoUser[];
}
