/**
 * Invites (issue 14): an admin picks a role (and team, agentId, name) and gets a one-time
 * code to hand over; whoever redeems it in the mini-program, signed in with WeChat, becomes
 * that user under their own OPENID (a stranger gets an account; an existing user takes the
 * invite's role and team). The code is shown once and never stored: the invite's `_id` is
 * derived from its SHA-256, so reading the database redeems nothing. A code works once: the
 * claim is a conditional update (`usedBy` must still be absent), so two redeemers racing on
 * one code cannot both win.
 */
import { createHash, randomInt } from 'crypto';
import {
  INVITE_ALPHABET,
  INVITE_CODE_LENGTH,
  inviteState,
  normaliseInviteCode,
  type Invite,
} from '../../core/admin/admin.model';
import type { InviteView } from '../../core/api.contract';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { Role, User } from '../../core/model';
import { audit } from '../audit.log';
import { byId, COLLECTIONS, database, rows } from '../cloud';
import { checkAgentId, putUser } from './users.service';

export function inviteIdOf(code: string): string {
  return `inv_${createHash('sha256').update(code).digest('hex').slice(0, 32)}`;
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

export interface InviteInput {
  role: Role;
  team?: string;
  agentId?: string;
  name?: string;
  ttlHours: number;
}

function view(invite: Invite, now: number): InviteView {
  return { ...invite, state: inviteState(invite, now) };
}

export async function createInvite(
  input: InviteInput,
  by: string,
  now: number,
): Promise<{ invite: InviteView; code: string }> {
  if (input.role === 'agent') await checkAgentId('', 'agent', input.agentId);
  const code = newCode();
  const invite: Invite = {
    _id: inviteIdOf(code),
    role: input.role,
    ...(input.team ? { team: input.team } : {}),
    ...(input.role === 'agent' && input.agentId ? { agentId: input.agentId } : {}),
    ...(input.name ? { name: input.name } : {}),
    createdBy: by,
    createdAt: now,
    expiresAt: now + input.ttlHours * 3600_000,
    hint: code.slice(-2),
  };
  const { _id, ...fields } = invite;
  await database()
    .collection(COLLECTIONS.invites)
    .add({ data: { _id, ...fields } });
  const { createdBy: _by, createdAt: _at, ...after } = fields;
  await audit({ at: now, by, entity: 'invite', entityId: _id, action: 'create', before: null, after });
  return { invite: view(invite, now), code };
}

export async function listInvites(now: number): Promise<InviteView[]> {
  const items = await rows<Invite>(database().collection(COLLECTIONS.invites).orderBy('createdAt', 'desc').limit(100));
  return items.map((i) => view(i, now));
}

/**
 * Redeems `typed` for `openid` (`current`: their account, if any). Refusals, each with its
 * code: INVITE.NOT_FOUND (no such code, or not one at all), INVITE.USED, INVITE.EXPIRED,
 * USER.BAD_AGENT_ID (the agentId was taken since the invite was made), USER.SELF (an admin
 * redeeming a non-admin invite). A refused code stays unused.
 */
export async function redeemInvite(typed: string, openid: string, current: User | null, now: number): Promise<User> {
  const code = normaliseInviteCode(typed);
  const invite = code ? await byId<Invite>(COLLECTIONS.invites, inviteIdOf(code)) : null;
  if (!invite) throw new DomainError(ERROR_CODES.INVITE_NOT_FOUND, '邀请码不存在，请核对后重新输入');
  if (invite.usedBy) throw new DomainError(ERROR_CODES.INVITE_USED, '邀请码已被使用，请向管理员索取新的邀请码');
  if (invite.revokedAt)
    throw new DomainError(ERROR_CODES.INVITE_REVOKED, '邀请码已被管理员撤销，请向管理员索取新的邀请码');
  if (invite.expiresAt <= now)
    throw new DomainError(ERROR_CODES.INVITE_EXPIRED, '邀请码已过期，请向管理员索取新的邀请码');
  // As in users/update: an admin cannot hand away their own admin role (someone must stay admin).
  if (current?.role === 'admin' && invite.role !== 'admin') {
    throw new DomainError(ERROR_CODES.USER_SELF, '管理员不能用邀请码取消自己的管理员角色');
  }
  await checkAgentId(openid, invite.role, invite.agentId ?? (invite.role === 'agent' ? current?.agentId : undefined));
  const _ = database().command;
  const claim = (await database()
    .collection(COLLECTIONS.invites)
    // Not revoked meanwhile either: a revoke and a redeem racing cannot both win.
    .where({ _id: invite._id, usedBy: _.exists(false), revokedAt: _.exists(false) })
    .update({ data: { usedBy: openid, usedAt: now } })) as { stats?: { updated?: number } };
  if (!claim.stats?.updated) throw new DomainError(ERROR_CODES.INVITE_USED, '邀请码已被使用，请向管理员索取新的邀请码');
  const user: User = {
    _id: openid,
    role: invite.role,
    name: invite.name ?? current?.name ?? '新用户',
    ...(invite.team ? { team: invite.team } : {}),
    ...(invite.role === 'agent' ? { agentId: invite.agentId ?? current?.agentId } : {}),
  };
  await putUser(user);
  const fields = (u: Partial<User> | null) =>
    u && { role: u.role, name: u.name, team: u.team ?? null, agentId: u.agentId ?? null };
  await audit({
    at: now,
    by: openid,
    entity: 'user',
    entityId: openid,
    action: 'redeemInvite',
    before: fields(current),
    after: fields(user),
    refs: { invite: invite._id },
  });
  return user;
}

/**
 * Revokes an unused invite (issue 14 gap): from now on it redeems nothing (INVITE.REVOKED). A
 * conditional update like the redeem's claim, so a revoke and a redeem racing cannot both win;
 * a used invite cannot be revoked (INVITE.USED: deactivate the account instead), nor one twice.
 * An expired one can (the list then says why it stopped). Audited.
 */
export async function revokeInvite(inviteId: string, by: string, now: number): Promise<InviteView> {
  const invite = await byId<Invite>(COLLECTIONS.invites, inviteId);
  if (!invite) throw new DomainError(ERROR_CODES.INVITE_NOT_FOUND, '邀请不存在');
  const refuse = (i: Invite): never => {
    if (i.usedBy) throw new DomainError(ERROR_CODES.INVITE_USED, '邀请码已被使用，不能撤销；如需停用请停用该账号');
    throw new DomainError(ERROR_CODES.INVITE_REVOKED, '邀请码已撤销');
  };
  if (invite.usedBy || invite.revokedAt) refuse(invite);
  const _ = database().command;
  const claim = (await database()
    .collection(COLLECTIONS.invites)
    .where({ _id: invite._id, usedBy: _.exists(false), revokedAt: _.exists(false) })
    .update({ data: { revokedAt: now, revokedBy: by } })) as { stats?: { updated?: number } };
  if (!claim.stats?.updated) refuse((await byId<Invite>(COLLECTIONS.invites, inviteId)) ?? invite);
  const revoked: Invite = { ...invite, revokedAt: now, revokedBy: by };
  await audit({
    at: now,
    by,
    entity: 'invite',
    entityId: invite._id,
    action: 'revoke',
    before: { state: inviteState(invite, now) },
    after: { state: inviteState(revoked, now), revokedAt: now },
  });
  return view(revoked, now);
}
