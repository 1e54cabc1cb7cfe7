/**
 * Users, invites and teams (issue 14, the admins' settings). The router has checked the role
 * (ACTION_ACCESS: admins, except `invites/redeem`, open to any signed-in WeChat user);
 * the services in common/admin/ do the work and write the audit entries.
 */
import { z } from 'zod';
import { INVITE_DEFAULT_TTL_HOURS, INVITE_MAX_TTL_HOURS } from '../../core/admin/admin.model';
import { ROLES } from '../../core/model';
import { createInvite, listInvites, redeemInvite, revokeInvite } from '../../common/admin/invites.service';
import { listTeams, saveTeam } from '../../common/admin/teams.service';
import { setDeactivated, updateUser } from '../../common/admin/users.service';
import { listUsers } from '../../common/users.repository';
import { openRoute, route } from '../router';

const name = z.string().trim().min(1, '请填写姓名').max(32);
const team = z.string().trim().min(1).max(64);
const agentId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, '客服工号只能包含字母、数字、下划线和连字符');
const userId = z.string().trim().min(1).max(128);

export const invitesCreate = route('invites/create', {
  params: z
    .object({
      role: z.enum(ROLES),
      team: team.optional(),
      agentId: agentId.optional(),
      name: name.optional(),
      ttlHours: z.number().int().min(1).max(INVITE_MAX_TTL_HOURS).default(INVITE_DEFAULT_TTL_HOURS),
    })
    .strict(),
  async handle({ user, now }, p) {
    return createInvite(p, user._id, now);
  },
});

export const invitesList = route('invites/list', {
  params: z.object({}).strip(),
  async handle({ now }) {
    return { items: await listInvites(now) };
  },
});

export const invitesRedeem = openRoute('invites/redeem', {
  params: z.object({ code: z.string().trim().min(1, '请输入邀请码').max(40) }).strict(),
  async handleOpen({ openid, user, now }, p) {
    return { user: await redeemInvite(p.code, openid, user, now) };
  },
});

/** Issue 14 gap: an unused invite stops working; a used one cannot be revoked. Audited. */
export const invitesRevoke = route('invites/revoke', {
  params: z.object({ inviteId: z.string().trim().min(1).max(80) }).strict(),
  async handle({ user, now }, p) {
    return { invite: await revokeInvite(p.inviteId, user._id, now) };
  },
});

export const usersList = route('users/list', {
  params: z.object({ role: z.enum(ROLES).optional(), team: team.optional() }).strict(),
  async handle(_ctx, p) {
    const users = await listUsers();
    return { items: users.filter((u) => (!p.role || u.role === p.role) && (!p.team || u.team === p.team)) };
  },
});

export const usersUpdate = route('users/update', {
  params: z
    .object({
      userId,
      role: z.enum(ROLES).optional(),
      team: team.nullable().optional(),
      name: name.optional(),
      agentId: agentId.nullable().optional(),
    })
    .strict(),
  async handle({ user, now }, { userId: id, ...patch }) {
    return { user: await updateUser(id, patch, user._id, now) };
  },
});

export const usersDeactivate = route('users/deactivate', {
  params: z.object({ userId }).strict(),
  async handle({ user, now }, p) {
    return { user: await setDeactivated(p.userId, true, user._id, now) };
  },
});

export const usersReactivate = route('users/reactivate', {
  params: z.object({ userId }).strict(),
  async handle({ user, now }, p) {
    return { user: await setDeactivated(p.userId, false, user._id, now) };
  },
});

export const teamsList = route('teams/list', {
  params: z.object({}).strip(),
  async handle() {
    return { items: await listTeams() };
  },
});

export const teamsSave = route('teams/save', {
  params: z
    .object({
      team,
      robotWebhook: z.string().trim().max(300).nullable().optional(),
      supervisorIds: z.array(userId).max(50).optional(),
    })
    .strict(),
  async handle({ user, now }, p) {
    return { team: await saveTeam(p, user._id, now) };
  },
});
