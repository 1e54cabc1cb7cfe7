/**
 * An agent's strengths (issue 16; the arithmetic is core/inspection/strengths.ts): two bounded
 * reads, the agent's submitted reviews (newest change first, at most MAX_REVIEWS) and their
 * scores in the window (at most MAX_SCORES, as the training profile reads them), and the
 * scorecards those reviews were made under (instance-cached) to tell a reviewer's added bonus
 * hit from an added fault.
 */
import { gatherStrengths, type RuleLookup, type Strengths } from '../core/inspection/strengths';
import type { Scorecard } from '../core/scoring/scorecard.schema';
import { listReviews } from './reviews.repository';
import { scorecardOf } from './scoring.service';
import { scoresBetween } from './scores.repository';
import { MAX_SCORES } from './training.service';

export const MAX_REVIEWS = 1000;
/** Items listed; the counts cover the whole window. */
export const STRENGTHS_LISTED = 30;
const DAY = 86_400_000;

export async function strengthsOf(args: { agentId: string; days: number; now: number }): Promise<Strengths> {
  const since = args.now - args.days * DAY;
  const [reviews, scores] = await Promise.all([
    listReviews({ agentId: args.agentId, status: 'submitted' }, MAX_REVIEWS),
    scoresBetween({ agentId: args.agentId }, since, args.now + 1, MAX_SCORES),
  ]);
  const cards = new Map<string, Scorecard | null>();
  for (const r of reviews) {
    const key = `${r.scorecardId}@${r.scorecardVersion}`;
    if (r.added.length > 0 && !cards.has(key)) cards.set(key, await scorecardOf(r.scorecardId, r.scorecardVersion));
  }
  const ruleOf: RuleLookup = (id, version, ruleId) => {
    const rule = cards
      .get(`${id}@${version}`)
      ?.sections.flatMap((s) => s.rules)
      .find((r) => r.id === ruleId);
    return rule ? { name: rule.name, points: rule.points } : undefined;
  };
  return gatherStrengths({ reviews, scores, ruleOf, days: args.days, since, limit: STRENGTHS_LISTED });
}
