/**
 * Storm control. Per (session, policy): while an alert is open nothing new is raised; after it
 * is closed the pair stays quiet for the cooldown; later a new alert gets the next suffixed id
 * (`<policy>_<sessionId>_<n>`), still deterministic so two racing raisers converge on one.
 * Per recipient: more notifications in a minute than the limit are folded into one digest.
 */
import type { Alert, AlertStormSettings } from '../model';
import { alertId } from './alert.policy';

export type RaiseDecision =
  { raise: true; id: string } | { raise: false; reason: 'open' | 'cooldown'; existing: Alert };

export function isOpen(a: Pick<Alert, 'status'>): boolean {
  return a.status === 'new' || a.status === 'acknowledged';
}

/** `prior`: every alert already stored for this session and policy. */
export function decideRaise(
  policy: string,
  sessionId: string,
  prior: readonly Alert[],
  now: number,
  storm: AlertStormSettings,
): RaiseDecision {
  const open = prior.find(isOpen);
  if (open) return { raise: false, reason: 'open', existing: open };
  const latest = prior.reduce<Alert | null>((best, a) => (!best || closedAt(a) > closedAt(best) ? a : best), null);
  if (latest && now - closedAt(latest) < storm.cooldownMinutes * 60_000) {
    return { raise: false, reason: 'cooldown', existing: latest };
  }
  return { raise: true, id: alertId(policy, sessionId, nextSuffix(policy, sessionId, prior)) };
}

function closedAt(a: Alert): number {
  return a.closedAt ?? a.updatedAt;
}

/** One past the highest suffix in use: ids stay unique even if an old alert was deleted. */
function nextSuffix(policy: string, sessionId: string, prior: readonly Alert[]): number {
  const base = alertId(policy, sessionId);
  let n = -1;
  for (const a of prior) {
    if (a._id === base) n = Math.max(n, 0);
    else if (a._id.startsWith(`${base}_`)) {
      const k = Number(a._id.slice(base.length + 1));
      if (Number.isInteger(k)) n = Math.max(n, k);
    }
  }
  return n + 1;
}

/** The minute bucket notifications are counted in. */
export function minuteOf(at: number): number {
  return Math.floor(at / 60_000);
}

/** Whether the `count`-th notification to one recipient within a minute still goes out alone. */
export function sendsAlone(count: number, storm: Pick<AlertStormSettings, 'digestAbovePerMinute'>): boolean {
  return count <= storm.digestAbovePerMinute;
}
