import type { User } from '@core/model';
import { call } from './api';
import { identityVersion } from './auth';

/*
 * The current user, asked once per identity: the landing page asks the server and every page
 * after it reuses the answer instead of calling `me/get` again. Policy: the answer is kept until
 * the identity changes (sign-in, sign-out, switch user in H5: `identityVersion`), or until a
 * caller asks for a fresh one (`fresh`: the landing page, which decides where the user goes,
 * always does). A failure is not kept, so the next page asks again.
 */
let cached: { identity: number; user: Promise<User> } | null = null;

/** The signed-in user as the server sees them (role, team, agentId). */
export function getMe(options: { fresh?: boolean } = {}): Promise<User> {
  const identity = identityVersion();
  if (!options.fresh && cached && cached.identity === identity) return cached.user;
  const user = call('me/get', {});
  const entry = { identity, user };
  cached = entry;
  user.catch(() => {
    if (cached === entry) cached = null;
  });
  return user;
}

/** Drops the cached user (tests; a role change the page learns about). */
export function forgetMe(): void {
  cached = null;
}
