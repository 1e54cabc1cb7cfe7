/**
 * Training (issue 16, kb): an agent's weakness profile over a window, and whether coaching
 * worked, from bounded reads of `scores` (the agent's and the team's in the window, at most
 * MAX_SCORES each) and the submitted reviews of those sessions (a hit a reviewer added is a
 * failure of its rule too). The arithmetic is core/training/*.
 */
import type { StoredScore } from '../core/model';
import type { TrainingItem } from '../core/kb/kb.model';
import { coachingEffect, type EffectItem } from '../core/training/coaching.effect';
import { weaknessProfile, type RuleOutcome, type WeaknessProfile } from '../core/training/weakness';
import { assignmentsOf, listTrainingItems } from './kb.repository';
import { submittedReviewsOf } from './reviews.repository';
import { getScore, scoresBetween } from './scores.repository';
import { scorecardOf } from './scoring.service';
import { listNotices } from './alerts/notices.service';

export const MAX_SCORES = 3000;
const DAY = 86_400_000;

interface Outcomes {
  outcomes: RuleOutcome[];
  ruleNames: Map<string, string>;
}

/** Whether a rule deducts points at that scorecard version (unknown cards and rules count, as before). */
async function isFaultRule(scorecardId: string, version: number, ruleId: string): Promise<boolean> {
  const card = await scorecardOf(scorecardId, version);
  const rule = card?.sections.flatMap((s) => s.rules).find((r) => r.id === ruleId);
  return !rule || rule.points < 0;
}

/** Scores to outcomes: one per session (its latest score), rules with points < 0 plus reviewers' added hits. */
async function outcomesOf(who: { agentId: string } | { team: string }, from: number, to: number): Promise<Outcomes> {
  const scores = await scoresBetween(who, from, to, MAX_SCORES);
  const latest = new Map<string, (typeof scores)[number]>();
  for (const s of scores) if ((latest.get(s.sessionId)?.scoredAt ?? -Infinity) < s.scoredAt) latest.set(s.sessionId, s);
  const ruleNames = new Map<string, string>();
  const added = new Map<string, string[]>();
  const ids = [...latest.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await submittedReviewsOf(ids.slice(i, i + 1000))) {
      // A reviewer's added hit of a bonus rule (positive points) is a strength, not a failure.
      const faults = [];
      for (const h of r.added)
        if (await isFaultRule(r.scorecardId, r.scorecardVersion, h.ruleId)) faults.push(h.ruleId);
      added.set(r.sessionId, [...(added.get(r.sessionId) ?? []), ...faults]);
    }
  }
  const outcomes = [...latest.values()]
    .filter((s) => s.agentId)
    .map((s) => {
      const failed = (s.hits ?? []).filter((h) => h.points < 0);
      for (const h of failed) if (h.ruleName) ruleNames.set(h.ruleId, h.ruleName);
      return {
        sessionId: s.sessionId,
        agentId: s.agentId!,
        at: s.scoredAt,
        failedRules: [...new Set([...failed.map((h) => h.ruleId), ...(added.get(s.sessionId) ?? [])])],
      };
    });
  return { outcomes, ruleNames };
}

export async function profileOf(args: {
  agentId: string;
  team: string | undefined;
  days: number;
  now: number;
  catalogue?: TrainingItem[];
}): Promise<WeaknessProfile> {
  const from = args.now - args.days * DAY;
  const { outcomes, ruleNames } = await outcomesOf(
    args.team ? { team: args.team } : { agentId: args.agentId },
    from,
    args.now,
  );
  return weaknessProfile({
    agentId: args.agentId,
    days: args.days,
    team: outcomes,
    ruleNames,
    catalogue: args.catalogue ?? (await listTrainingItems()),
  });
}

/** Notices and training newer than this are measured (older ones: their after window is long past). */
export const EFFECT_LOOKBACK_DAYS = 180;

/**
 * For each training assigned to the agent and each notice about a session (its failed rules,
 * or the notice's own `ruleIds` when it names them), the before/after of those rules.
 */
export async function effectsOf(args: {
  agentId: string;
  openid: string | null;
  windowDays: number;
  now: number;
}): Promise<EffectItem[]> {
  const since = args.now - EFFECT_LOOKBACK_DAYS * DAY;
  const assignments = await assignmentsOf(args.agentId, since);
  const notices = args.openid
    ? (await listNotices(args.openid, false, 20, 0)).items.filter((n) => n.createdAt >= since)
    : [];
  const subjects: { kind: EffectItem['kind']; id: string; title: string; at: number; ruleIds: string[] }[] = [];
  for (const a of assignments)
    subjects.push({ kind: 'training', id: a._id, title: a.itemTitle, at: a.at, ruleIds: a.ruleIds });
  for (const n of notices) {
    const named = (n as { ruleIds?: string[] }).ruleIds;
    const score: StoredScore | null = !named && n.sessionId ? await getScore(n.sessionId) : null;
    const ruleIds = named ?? [...new Set((score?.hits ?? []).filter((h) => h.points < 0).map((h) => h.ruleId))];
    if (ruleIds.length > 0) subjects.push({ kind: 'notice', id: n._id, title: n.title, at: n.createdAt, ruleIds });
  }
  if (subjects.length === 0) return [];
  const earliest = Math.min(...subjects.map((s) => s.at)) - args.windowDays * DAY;
  const { outcomes } = await outcomesOf({ agentId: args.agentId }, earliest, args.now);
  return subjects
    .sort((a, b) => b.at - a.at)
    .map((s) => ({
      kind: s.kind,
      id: s.id,
      title: s.title,
      effect: coachingEffect({
        outcomes,
        agentId: args.agentId,
        ruleIds: s.ruleIds,
        at: s.at,
        now: args.now,
        windowDays: args.windowDays,
      }),
    }));
}
