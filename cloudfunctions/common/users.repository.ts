import { isActiveUser, type User } from '../core/model';
import { byId, COLLECTIONS, database, rows } from './cloud';

export async function findUser(openid: string): Promise<User | null> {
  return byId<User>(COLLECTIONS.users, openid);
}

export async function findAgent(agentId: string): Promise<User | null> {
  const [agent] = await rows<User>(database().collection(COLLECTIONS.users).where({ role: 'agent', agentId }).limit(1));
  return agent ?? null;
}

/** Supervisors alerts may be routed to: a deactivated one gets none (issue 14). */
export async function listSupervisors(): Promise<User[]> {
  const all = await rows<User>(database().collection(COLLECTIONS.users).where({ role: 'supervisor' }).limit(1000));
  return all.filter(isActiveUser);
}

export async function listUsers(): Promise<User[]> {
  return rows<User>(database().collection(COLLECTIONS.users).orderBy('_id', 'asc').limit(1000));
}

export async function listAgents(): Promise<User[]> {
  return rows<User>(database().collection(COLLECTIONS.users).where({ role: 'agent' }).limit(1000));
}
