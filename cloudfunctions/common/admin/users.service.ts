/**
 * Accounts as admins manage them (issue 14): change role, team, name or agentId; deactivate
 * and reactivate. A deactivated account keeps its document (its reviews, audit entries and
 * sessions still name it) but the router refuses it at every door (api/router.ts), the alert
 * routing skips it (users.repository.ts `listSupervisors`), and so does the local alert stream.
 * Each change writes one audit entry with the fields before and after.
 */
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { Role, User } from '../../core/model';
import { audit } from '../audit.log';
import { COLLECTIONS, database } from '../cloud';
import { findAgent, findUser } from '../users.repository';

export interface UserPatch {
  role?: Role;
  team?: string | null;
  name?: string;
  agentId?: string | null;
}

export async function userOrThrow(userId: string): Promise<User> {
  const user = await findUser(userId);
  if (!user) throw new DomainError(ERROR_CODES.USER_NOT_FOUND, `用户不存在: ${userId}`);
  return user;
}

/** An agent needs an agentId, held by no other agent (sessions name agents by it). */
export async function checkAgentId(openid: string, role: Role, agentId: string | undefined): Promise<void> {
  if (role !== 'agent') return;
  if (!agentId) throw new DomainError(ERROR_CODES.USER_BAD_AGENT_ID, '客服角色必须填写客服工号（agentId）');
  const holder = await findAgent(agentId);
  if (holder && holder._id !== openid) {
    throw new DomainError(ERROR_CODES.USER_BAD_AGENT_ID, `客服工号 ${agentId} 已属于 ${holder.name}`);
  }
}

function pick(user: Partial<User>, keys: (keyof User)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, user[k] ?? null]));
}

/** Writes the fields of `next` that differ from `user` (null removes one) and audits them. */
async function writeUser(
  user: User,
  next: Partial<Record<keyof User, unknown>>,
  by: string,
  now: number,
  action: string,
): Promise<User> {
  const _ = database().command;
  const keys = (Object.keys(next) as (keyof User)[]).filter((k) => (next[k] ?? null) !== (user[k] ?? null));
  if (keys.length === 0) return user;
  const data = Object.fromEntries(keys.map((k) => [k, next[k] === null ? _.remove() : next[k]]));
  await database().collection(COLLECTIONS.users).doc(user._id).update({ data });
  const after = { ...user } as Record<string, unknown>;
  for (const k of keys) {
    if (next[k] === null) delete after[k];
    else after[k] = next[k];
  }
  await audit({
    at: now,
    by,
    entity: 'user',
    entityId: user._id,
    action,
    before: pick(user, keys),
    after: pick(after, keys),
  });
  return after as unknown as User;
}

export async function updateUser(userId: string, patch: UserPatch, by: string, now: number): Promise<User> {
  const user = await userOrThrow(userId);
  if (userId === by && patch.role !== undefined && patch.role !== 'admin') {
    throw new DomainError(ERROR_CODES.USER_SELF, '不能取消自己的管理员角色');
  }
  const role = patch.role ?? user.role;
  const agentId = patch.agentId === undefined ? user.agentId : (patch.agentId ?? undefined);
  await checkAgentId(userId, role, agentId);
  return writeUser(user, patch, by, now, 'update');
}

export async function setDeactivated(userId: string, deactivate: boolean, by: string, now: number): Promise<User> {
  const user = await userOrThrow(userId);
  if (userId === by) throw new DomainError(ERROR_CODES.USER_SELF, '不能停用自己的账号');
  return writeUser(
    user,
    deactivate
      ? { deactivated: true, deactivatedAt: user.deactivatedAt ?? now }
      : { deactivated: null, deactivatedAt: null },
    by,
    now,
    deactivate ? 'deactivate' : 'reactivate',
  );
}

/** Writes a user document whole (an invite redeemed): created or replaced, audited by the caller. */
export async function putUser(user: User): Promise<void> {
  const { _id, ...fields } = user;
  await database().collection(COLLECTIONS.users).doc(_id).set({ data: fields });
}
