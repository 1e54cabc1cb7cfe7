import Taro from '@tarojs/taro';
import type { User } from '@core/model';
import { needsSignIn, signOut } from '../services/auth';
import { getMe } from '../services/me';
import { LANDING_PAGE } from '../utils/routes';
import { useRemote } from './use-remote';

export interface CurrentUser {
  user: User | null;
  error: string | null;
  /** Present only where a user can sign out (the H5 demo sign-in). */
  signOut?: () => void;
}

function signOutAndRestart(): void {
  signOut(); // also drops the cached user: the next identity is asked for afresh
  void Taro.reLaunch({ url: LANDING_PAGE });
}

/**
 * The signed-in user for a page: who they are, and how to switch user in H5. The user comes
 * from `getMe`'s cache (the landing page already asked), so opening a page costs no `me/get`.
 */
export function useCurrentUser(): CurrentUser {
  const me = useRemote(() => getMe(), []);
  return { user: me.data ?? null, error: me.error, signOut: needsSignIn() ? signOutAndRestart : undefined };
}
