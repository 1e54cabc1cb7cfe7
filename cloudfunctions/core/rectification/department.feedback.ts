/**
 * Department feedback (issue 16): a rule that fails across a team, not in one agent's hands.
 * Over a week, a team's scored sessions are counted once each per rule hit (a rule hitting twice
 * in a session counts once); a rule hit in at least `minShare` of the team's sessions, with at
 * least `minSessions` sessions behind it, becomes one notice to the team's supervisors. Pure.
 */

/**
 * 20 sessions and 30%: below about 20 sessions a week one bad day of one agent moves a share by
 * 5 points or more, and at n = 20 a share of 30% has a 95% Wilson interval of about 15–52%,
 * so its lower end still sits well above a rule's usual failure rate in the demo data (under
 * 10%). Both are constants until the admins' settings page gains a field for them.
 */
export const DEPARTMENT_FEEDBACK = { minSessions: 20, minShare: 0.3 } as const;

export interface ScoredSessionRules {
  team?: string;
  /** Rules that deducted points in the session (duplicates allowed). */
  ruleIds: string[];
}

export interface TeamRuleFinding {
  team: string;
  ruleId: string;
  failing: number;
  sessions: number;
  share: number;
}

export function teamRuleFailures(
  scored: readonly ScoredSessionRules[],
  limits: { minSessions: number; minShare: number } = DEPARTMENT_FEEDBACK,
): TeamRuleFinding[] {
  const sessions = new Map<string, number>();
  const failing = new Map<string, Map<string, number>>();
  for (const s of scored) {
    if (!s.team) continue;
    sessions.set(s.team, (sessions.get(s.team) ?? 0) + 1);
    const byRule = failing.get(s.team) ?? new Map<string, number>();
    for (const ruleId of new Set(s.ruleIds)) byRule.set(ruleId, (byRule.get(ruleId) ?? 0) + 1);
    failing.set(s.team, byRule);
  }
  const out: TeamRuleFinding[] = [];
  for (const [team, n] of sessions) {
    if (n < limits.minSessions) continue;
    for (const [ruleId, k] of failing.get(team) ?? []) {
      if (k / n >= limits.minShare) out.push({ team, ruleId, failing: k, sessions: n, share: k / n });
    }
  }
  return out.sort((a, b) => a.team.localeCompare(b.team) || b.share - a.share || a.ruleId.localeCompare(b.ruleId));
}
