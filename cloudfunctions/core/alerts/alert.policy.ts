/**
 * Which alerts a scored session raises, and to whom. Alert ids are deterministic
 * (`<policy>_<sessionId>`): re-scoring or a retried close never raises a second alert for the
 * same session and policy (storm control in alert.storm.ts decides about later ones).
 */
import type { Alert, AlertEvidence, AlertPolicySet, AlertSeverity, ScoreResult, Session, User } from '../model';
import { enabledPolicy } from './alert.policy-set';

/** An alert a policy wants raised, before storm control gives it an id and routing. */
export interface AlertDraft {
  /** The alert's policy (`red-line` is raised live by `agent-red-line-live` and after scoring). */
  policy: string;
  severity: AlertSeverity;
  title: string;
  evidence: AlertEvidence[];
  score?: number;
}

export function alertId(policy: string, sessionId: string, n = 0): string {
  return n > 0 ? `${policy}_${sessionId}_${n}` : `${policy}_${sessionId}`;
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
 * After scoring: a red line raises `red-line`; otherwise a session below its scorecard's pass
 * mark raises `score-low`, upgraded to high when it is also below `severeBelow`.
 */
export function evaluateAfterScore(score: ScoreResult, policies: Pick<AlertPolicySet, 'policies'>): AlertDraft[] {
  const redLine = enabledPolicy(policies, 'red-line');
  if (score.redLine && redLine) {
    return [
      {
        policy: 'red-line',
        severity: redLine.severity,
        title: `红线违规：${score.total} 分`,
        evidence: evidenceOf(score, true),
        score: score.total,
      },
    ];
  }
  const low = enabledPolicy(policies, 'score-low');
  if (!score.passed && low) {
    const severe = score.total < low.severeBelow && rank(low.severity) < rank('high');
    return [
      {
        policy: 'score-low',
        severity: severe ? 'high' : low.severity,
        title: `不合格会话：${score.total} 分`,
        evidence: evidenceOf(score, false),
        score: score.total,
      },
    ];
  }
  return [];
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
function rank(s: AlertSeverity): number {
  return SEVERITY_RANK[s];
}

/** The stored alert for a draft that storm control let through. */
export function materializeAlert(
  draft: AlertDraft,
  session: Pick<Session, '_id' | 'agentId' | 'team'>,
  id: string,
  routedTo: string[],
  policyVersion: number,
  now: number,
): Alert {
  return {
    _id: id,
    sessionId: session._id,
    ...(session.agentId ? { agentId: session.agentId } : {}),
    ...(session.team ? { team: session.team } : {}),
    policy: draft.policy,
    severity: draft.severity,
    status: 'new',
    title: draft.title,
    evidence: draft.evidence,
    ...(draft.score !== undefined ? { score: draft.score } : {}),
    routedTo,
    policyVersion,
    createdAt: now,
    updatedAt: now,
  };
}
