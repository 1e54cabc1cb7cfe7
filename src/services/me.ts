import type { User } from '@core/model';
import { call } from './api';

/** The signed-in user as the server sees them (role, team, agentId). */
export function getMe(): Promise<User> {
  return call('me/get', {});
}
