import type { Role } from '@core/model';

export const LANDING_PAGE = '/pages/index/index';

/** Each role's home page. Admins get the session list until their settings page arrives. */
export const HOME_PAGES: Record<Role, string> = {
  supervisor: '/packages/supervisor/alerts/index',
  agent: '/packages/agent/home/index',
  inspector: '/packages/inspector/home/index',
  admin: '/packages/admin/home/index',
};

export function homePageFor(role: Role): string {
  return HOME_PAGES[role];
}

export function sessionDetailUrl(sessionId: string, alertId?: string): string {
  const query = [`sessionId=${encodeURIComponent(sessionId)}`];
  if (alertId) query.push(`alertId=${encodeURIComponent(alertId)}`);
  return `/packages/session/detail/index?${query.join('&')}`;
}

export const LIVE_SESSIONS_PAGE = '/packages/supervisor/live/index';
