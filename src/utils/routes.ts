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

/** The inspector's review of a session (opens or resumes the caller's draft). */
export function reviewUrl(sessionId: string, extra: { taskId?: string; roundId?: string } = {}): string {
  const query = [`sessionId=${encodeURIComponent(sessionId)}`];
  if (extra.taskId) query.push(`taskId=${encodeURIComponent(extra.taskId)}`);
  if (extra.roundId) query.push(`roundId=${encodeURIComponent(extra.roundId)}`);
  return `/packages/review/index/index?${query.join('&')}`;
}

/** A submitted review as its agent reads it, with appeals. */
export function reviewResultUrl(reviewId: string): string {
  return `/packages/appeal/result/index?reviewId=${encodeURIComponent(reviewId)}`;
}

export const APPEALS_PAGE = '/packages/appeal/list/index';

export function appealDecideUrl(appealId: string): string {
  return `/packages/appeal/decide/index?appealId=${encodeURIComponent(appealId)}`;
}

export const CALIBRATION_ROUNDS_PAGE = '/packages/calibration/rounds/index';
export const CASES_PAGE = '/packages/calibration/cases/index';

export function calibrationRoundUrl(roundId: string): string {
  return `/packages/calibration/round/index?roundId=${encodeURIComponent(roundId)}`;
}
export const PRECISION_PAGE = '/packages/calibration/precision/index';

/** The back-test of a scorecard's draft (issue 14, settings). */
export function backtestUrl(scorecardId: string): string {
  return `/packages/settings/backtest/index?scorecardId=${encodeURIComponent(scorecardId)}`;
}
// Admin settings (issue 14, admin): the settings home and its pages, all in packages/settings.
export const SETTINGS_HOME = '/packages/settings/index/index';
export const SETTINGS_PAGES = {
  scorecards: '/packages/settings/scorecards/index',
  alertPolicies: '/packages/settings/alerts/index',
  issueExamples: '/packages/settings/examples/index',
  users: '/packages/settings/users/index',
  teams: '/packages/settings/teams/index',
  sources: '/packages/settings/sources/index',
  deadLetters: '/packages/settings/deadletters/index',
  audit: '/packages/settings/audit/index',
  general: '/packages/settings/general/index',
  privacy: '/packages/settings/privacy/index',
} as const;
// Settings: scorecards (issue 14, scorecards)
export const SCORECARDS_PAGE = '/packages/settings/scorecards/index';

export function scorecardUrl(scorecardId: string): string {
  return `/packages/settings/scorecard/index?scorecardId=${encodeURIComponent(scorecardId)}`;
}
/** Reports (issue 15): the overview with its cards, trend and breakdown. */
export const REPORTS_PAGE = '/packages/reports/overview/index';
// The agent's workspace (issue 16): the live list and one chat (agents answer, supervisors intervene).
export const DESK_PAGE = '/packages/agent/desk/index';

export function deskChatUrl(sessionId: string): string {
  return `/packages/agent/chat/index?sessionId=${encodeURIComponent(sessionId)}`;
}

export const REPLY_TEMPLATES_PAGE = '/packages/supervisor/templates/index';

// Rectification notices (issue 16, agent-notices)
export const RECTIFICATIONS_PAGE = '/packages/rectification/list/index';

export function rectificationUrl(rectificationId: string): string {
  return `/packages/rectification/detail/index?id=${encodeURIComponent(rectificationId)}`;
}

/** Issue a rectification notice from a session (optionally about one message). */
export function rectifyUrl(sessionId: string, messageIndex?: number | null): string {
  const query = [`sessionId=${encodeURIComponent(sessionId)}`];
  if (messageIndex !== undefined && messageIndex !== null) query.push(`messageIndex=${messageIndex}`);
  return `/packages/rectification/create/index?${query.join('&')}`;
}

/** The session detail opened at one message (a rectification's evidence). */
export function sessionAtMessageUrl(sessionId: string, messageIndex: number | null): string {
  const base = `/packages/session/detail/index?sessionId=${encodeURIComponent(sessionId)}`;
  return messageIndex === null ? base : `${base}&messageIndex=${messageIndex}`;
}

// Knowledge base and training (issue 16, kb): admins' articles and catalogue in settings, the
// gaps for supervisors, and an agent's training (their own, or one agent's for a supervisor).
export const KB_SETTINGS_PAGE = '/packages/settings/knowledge/index';
export const TRAINING_SETTINGS_PAGE = '/packages/settings/training/index';
export const KB_GAPS_PAGE = '/packages/supervisor/gaps/index';
export const TRAINING_PAGE = '/packages/agent/training/index';

export function trainingUrl(agentId?: string): string {
  return agentId ? `${TRAINING_PAGE}?agentId=${encodeURIComponent(agentId)}` : TRAINING_PAGE;
}
