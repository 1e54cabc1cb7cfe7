/**
 * An agent's weak spots (issue 16, training): per rule, in how many of the agent's scored
 * sessions of a window the rule cost points, against the same rate over the team, plus the
 * findings reviewers added by hand (a hit the machine missed counts as a failure of its rule in
 * that session too). Recommendations: catalogue items tagged with a rule the agent fails
 * clearly more often than the team, with the reason in Chinese.
 *
 * "Clearly": at least `minFailures` failures, and the agent's rate at least `ratio` times the
 * team's and `minGap` above it; a rule the whole team fails is the team's problem, not this
 * agent's. Pure; the caller reads the window.
 */
import type { TrainingItem } from '../kb/kb.model';

/** One scored session as the profile needs it: whose, and which rules cost points in it. */
export interface RuleOutcome {
  sessionId: string;
  agentId: string;
  at: number;
  /** Rules that cost points (automatic hits with points < 0, and reviewers' added hits). */
  failedRules: string[];
}

export interface RuleWeakness {
  ruleId: string;
  ruleName: string;
  failures: number;
  sessions: number;
  rate: number;
  teamFailures: number;
  teamSessions: number;
  teamRate: number;
}

export interface Recommendation {
  itemId: string;
  title: string;
  link: string;
  ruleId: string;
  reason: string;
}

export interface WeaknessProfile {
  agentId: string;
  days: number;
  sessions: number;
  teamSessions: number;
  rules: RuleWeakness[];
  recommendations: Recommendation[];
}

export interface RecommendOptions {
  minFailures: number;
  ratio: number;
  minGap: number;
}

export const DEFAULT_RECOMMEND: RecommendOptions = { minFailures: 3, ratio: 1.5, minGap: 0.05 };

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function weaknessProfile(args: {
  agentId: string;
  days: number;
  /** The agent's team's sessions in the window (the agent's own among them). */
  team: readonly RuleOutcome[];
  ruleNames: ReadonlyMap<string, string>;
  catalogue: readonly TrainingItem[];
  options?: RecommendOptions;
}): WeaknessProfile {
  const opts = args.options ?? DEFAULT_RECOMMEND;
  const mine = args.team.filter((o) => o.agentId === args.agentId);
  const count = (list: readonly RuleOutcome[]) => {
    const m = new Map<string, number>();
    for (const o of list) for (const r of new Set(o.failedRules)) m.set(r, (m.get(r) ?? 0) + 1);
    return m;
  };
  const own = count(mine);
  const team = count(args.team);
  const rules: RuleWeakness[] = [...own.entries()].map(([ruleId, failures]) => {
    const teamFailures = team.get(ruleId) ?? 0;
    return {
      ruleId,
      ruleName: args.ruleNames.get(ruleId) ?? ruleId,
      failures,
      sessions: mine.length,
      rate: failures / mine.length,
      teamFailures,
      teamSessions: args.team.length,
      teamRate: args.team.length ? teamFailures / args.team.length : 0,
    };
  });
  rules.sort(
    (a, b) => b.rate - b.teamRate - (a.rate - a.teamRate) || b.failures - a.failures || (a.ruleId < b.ruleId ? -1 : 1),
  );

  const recommendations: Recommendation[] = [];
  const given = new Set<string>();
  for (const w of rules) {
    const weak =
      w.failures >= opts.minFailures && w.rate >= w.teamRate * opts.ratio && w.rate - w.teamRate >= opts.minGap;
    if (!weak) continue;
    for (const item of args.catalogue) {
      if (!item.ruleIds.includes(w.ruleId) || given.has(item._id)) continue;
      given.add(item._id);
      recommendations.push({
        itemId: item._id,
        title: item.title,
        link: item.link,
        ruleId: w.ruleId,
        reason: `近${args.days}天「${w.ruleName}」规则失败 ${w.failures}/${w.sessions} 次（${pct(w.rate)}），团队为 ${pct(w.teamRate)}`,
      });
    }
  }
  return {
    agentId: args.agentId,
    days: args.days,
    sessions: mine.length,
    teamSessions: args.team.length,
    rules,
    recommendations,
  };
}
