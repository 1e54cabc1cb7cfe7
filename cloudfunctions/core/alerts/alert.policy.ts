/**
 * Which alerts a scored session raises, and to whom. Alert ids are deterministic
 * (`<policy>_<sessionId>`): re-scoring or a retried close never raises a second alert for the
 * same session and policy.
 */
import type { Alert, AlertEvidence, AlertSeverity, ScoreResult, Session, User } from '../model';

export const DEFAULT_SCORE_THRESHOLD = 60;

export function alertId(policy: string, sessionId: string): string {
  return `${policy}_${sessionId}`;
}

/** Supervisors of the session's team; with no team (no agent yet) every supervisor. */
export function routeTo(session: Pick<Session, 'team'>, supervisors: Pick<User, '_id' | 'team'>[]): string[] {
  const ofTeam = session.team ? supervisors.filter((s) => s.team === session.team) : [];
  return (ofTeam.length > 0 ? ofTeam : supervisors).map((s) => s._id).sort();
}

function evidenceOf(score: ScoreResult, onlyRedLine: boolean): AlertEvidence[] {
  return score.hits
    .filter((h) => h.points < 0 && (!onlyRedLine || h.redLine))
    .map((h) => ({ messageIndex: h.messageIndex, span: h.span, excerpt: h.excerpt, ruleId: h.ruleId }));
}

/**
 * After scoring: a red line is critical; a session below its scorecard's pass mark is a
 * low-score alert, high when it is also below `severeBelow`.
 */
export function alertsForScore(
  session: Session,
  score: ScoreResult,
  supervisors: Pick<User, '_id' | 'team'>[],
  now: number,
  severeBelow = DEFAULT_SCORE_THRESHOLD,
): Alert[] {
  const routedTo = routeTo(session, supervisors);
  const make = (policy: string, severity: AlertSeverity, title: string, evidence: AlertEvidence[]): Alert => ({
    _id: alertId(policy, session._id),
    sessionId: session._id,
    ...(session.agentId ? { agentId: session.agentId } : {}),
    ...(session.team ? { team: session.team } : {}),
    policy,
    severity,
    status: 'new',
    title,
    evidence,
    score: score.total,
    routedTo,
    createdAt: now,
    updatedAt: now,
  });
  const alerts: Alert[] = [];
  if (score.redLine) {
    alerts.push(make('red-line', 'critical', `红线违规：${score.total} 分`, evidenceOf(score, true)));
  } else if (!score.passed) {
    const severity: AlertSeverity = score.total < severeBelow ? 'high' : 'medium';
    alerts.push(make('score-low', severity, `不合格会话：${score.total} 分`, evidenceOf(score, false)));
  }
  return alerts;
}
