import type { LiveSession } from '@core/api.contract';
import type { Alert, AlertSeverity } from '@core/model';

/**
 * How urgently a live session needs a supervisor. Three signals, in the order a supervisor
 * weighs them: a customer kept waiting (growing with the wait, capped so one forgotten session
 * cannot hide a red line), an open alert on the session (by its severity), an angry customer.
 */

export type RiskLevel = 'high' | 'medium' | 'low';

export interface RankedSession<S extends LiveSession = LiveSession> {
  session: S;
  risk: number;
  level: RiskLevel;
  /** The session's alerts still waiting for a supervisor (new or acknowledged). */
  openAlerts: Alert[];
  negativeCustomer: boolean;
}

// Chat customers expect an answer within a minute (the default scorecard deducts after 60 s
// for a first reply, 180 s for later ones): three minutes of waiting is already medium risk.
const WAIT_POINTS_PER_MINUTE = 10;
const WAIT_POINTS_CAP = 60;
const OPEN_ALERT_POINTS = 20;
const SEVERITY_POINTS: Record<AlertSeverity, number> = { low: 0, medium: 10, high: 20, critical: 40 };
const NEGATIVE_CUSTOMER_POINTS = 25;
/** The live policy that raises alerts on a customer's negative trend. */
const ANGRY_POLICY = 'customer-angry';

export const RISK_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };

export function isOpenAlert(alert: Pick<Alert, 'status'>): boolean {
  return alert.status === 'new' || alert.status === 'acknowledged';
}

export function riskScore(input: {
  waitingMs: number;
  openAlerts: Array<Pick<Alert, 'severity'>>;
  negativeCustomer: boolean;
}): number {
  const waitMinutes = Math.max(0, input.waitingMs) / 60_000;
  const wait = Math.min(WAIT_POINTS_CAP, waitMinutes * WAIT_POINTS_PER_MINUTE);
  const alert =
    input.openAlerts.length === 0
      ? 0
      : OPEN_ALERT_POINTS + Math.max(...input.openAlerts.map((a) => SEVERITY_POINTS[a.severity]));
  return Math.round(wait + alert + (input.negativeCustomer ? NEGATIVE_CUSTOMER_POINTS : 0));
}

export function riskLevel(risk: number): RiskLevel {
  if (risk >= 60) return 'high';
  if (risk >= 25) return 'medium';
  return 'low';
}

/**
 * Ranks sessions by risk, highest first; equal risks put the longer wait first, then the more
 * recent activity, so the order is stable between refreshes.
 */
export function rankByRisk<S extends LiveSession>(
  sessions: readonly S[],
  alerts: readonly Alert[],
): RankedSession<S>[] {
  const open = new Map<string, Alert[]>();
  for (const a of alerts) {
    if (!isOpenAlert(a)) continue;
    open.set(a.sessionId, [...(open.get(a.sessionId) ?? []), a]);
  }
  return sessions
    .map((session) => {
      const openAlerts = open.get(session._id) ?? [];
      const negativeCustomer = openAlerts.some((a) => a.policy === ANGRY_POLICY);
      const risk = riskScore({ waitingMs: session.waitingMs, openAlerts, negativeCustomer });
      return { session, risk, level: riskLevel(risk), openAlerts, negativeCustomer };
    })
    .sort(
      (a, b) =>
        b.risk - a.risk ||
        b.session.waitingMs - a.session.waitingMs ||
        b.session.lastAt - a.session.lastAt ||
        (a.session._id < b.session._id ? -1 : a.session._id > b.session._id ? 1 : 0),
    );
}
