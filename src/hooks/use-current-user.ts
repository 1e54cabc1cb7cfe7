import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { User } from '@core/model';
import { errorMessage } from '../services/api.error';
import { needsSignIn, signOut } from '../services/auth';
import { getMe } from '../services/me';
import { LANDING_PAGE } from '../utils/routes';

export interface CurrentUser {
  user: User | null;
  error: string | null;
  /** Present only where a user can sign out (the H5 demo sign-in). */
  signOut?: () => void;
}

function signOutAndRestart(): void {
  signOut();
  void Taro.reLaunch({ url: LANDING_PAGE });
}

/** The signed-in user for a home page: who they are, and how to switch user in H5. */
export function useCurrentUser(): CurrentUser {
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    getMe()
      .then((u) => alive && setUser(u))
      .catch((e: unknown) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, []);
  return { user, error, signOut: needsSignIn() ? signOutAndRestart : undefined };
}
