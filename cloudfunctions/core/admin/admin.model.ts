/**
 * What admins configure besides scorecards (issue 14): invites, teams, ingest sources, general
 * settings, the audit log as the settings screens read it. Pure shapes and rules only; the
 * cloud side (common/admin/*) stores them, the routes (api/routes/admin.*.routes.ts) guard them.
 */
import type { Role } from '../model';

/** How long an invite code may wait to be redeemed unless the admin says otherwise. */
export const INVITE_DEFAULT_TTL_HOURS = 72;
export const INVITE_MAX_TTL_HOURS = 30 * 24;

/**
 * Invite codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown
 * grouped `ABCDE-FGHJK`. 31^10 ≈ 8e14 codes: guessing one is hopeless within its expiry.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 10;

/** A code as typed (any case, spaces or dashes) → its canonical form, or null when it cannot be one. */
export function normaliseInviteCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== INVITE_CODE_LENGTH) return null;
  for (const ch of code) if (!INVITE_ALPHABET.includes(ch)) return null;
  return code;
}

export function formatInviteCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * An invite as stored and listed. The code itself is never stored: `_id` is derived from its
 * hash (common/admin/invites.service.ts), so whoever reads the database cannot redeem one.
 */
export interface Invite {
  _id: string;
  role: Role;
  team?: string;
  agentId?: string;
  /** The name the account gets (the redeemer keeps theirs when absent). */
  name?: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  /** The last two characters of the code, so an admin can tell invites apart. */
  hint: string;
  usedBy?: string;
  usedAt?: number;
  /** Set when an admin revoked the unused invite (`invites/revoke`): it no longer redeems. */
  revokedAt?: number;
  revokedBy?: string;
}

export type InviteState = 'open' | 'used' | 'expired' | 'revoked';

export function inviteState(invite: Pick<Invite, 'usedBy' | 'expiresAt' | 'revokedAt'>, now: number): InviteState {
  if (invite.usedBy) return 'used';
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt <= now ? 'expired' : 'open';
}

/** A team as the settings screen shows it: supervisors from `users`, the robot from `teams`. */
export interface TeamView {
  _id: string;
  /** The WeCom group robot URL with its key masked (the key lets anyone post to the group). */
  robotWebhook: string | null;
  supervisors: { _id: string; name: string }[];
  agents: number;
}

/**
 * A WeCom group robot's URL: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<uuid-ish>.
 * Anything else would send alert texts (masked, but still customers' words) to a stranger.
 */
export function isRobotWebhook(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === 'https:' &&
    u.hostname === 'qyapi.weixin.qq.com' &&
    u.pathname === '/cgi-bin/webhook/send' &&
    /^[A-Za-z0-9-]{8,64}$/.test(u.searchParams.get('key') ?? '')
  );
}

/** `…?key=1a2b****9z0y`: enough to recognise a robot, not to post to it. */
export function maskWebhook(url: string): string {
  return url.replace(
    /key=([^&]{0,4})[^&]*?([^&]{0,4})(&|$)/,
    (_m, a: string, b: string, end: string) => `key=${a}****${b}${end}`,
  );
}

/** How a source's secret is kept: encrypted (AES-256-GCM), legacy plain text, or the environment list. */
export type SecretStorage = 'encrypted' | 'plain' | 'env';

/** An ingest source as admins see it: never its secret. */
export interface SourceView {
  _id: string;
  name: string;
  enabled: boolean;
  storage: SecretStorage;
  createdAt?: number;
  rotatedAt?: number;
  /** The previous secret still verifies until then (rotation grace). */
  previousUntil?: number;
}

export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,31}$/;
export const ROTATION_DEFAULT_GRACE_HOURS = 24;
export const ROTATION_MAX_GRACE_HOURS = 7 * 24;

/** Settings admins change without a deploy (`settings` collection, one document per area). */
export interface GeneralSettings {
  appeals: { windowDays: number; decideWithinDays: number };
  sampling: { dueDays: number; share: number };
  /** Reports: a session is first-contact resolved when the customer does not return within `fcrHours`. */
  reports: { fcrHours: number };
}

export const DEFAULT_GENERAL_SETTINGS: GeneralSettings = {
  appeals: { windowDays: 7, decideWithinDays: 7 },
  sampling: { dueDays: 3, share: 0.05 },
  reports: { fcrHours: 24 },
};
