import { DomainError, ERROR_CODES } from '../errors';
import type { Scorecard } from './scorecard.schema';

export const SCORECARD_NOT_FOUND = ERROR_CODES.SCORECARD_NOT_FOUND;

export interface ScoringScope {
  channel?: string;
  businessLine?: string;
  issueType?: string;
}

function fits(list: readonly string[] | undefined, value: string | undefined): boolean {
  return !list || (value !== undefined && list.includes(value));
}

function specificity(s: Scorecard): number {
  // Issue type is the most specific dimension, then business line, then channel.
  return (s.scope.issueTypes ? 4 : 0) + (s.scope.businessLines ? 2 : 0) + (s.scope.channels ? 1 : 0);
}

/**
 * The scorecard that applies to a conversation: the latest published version of each scorecard,
 * those whose scope covers the conversation, the most specific of them (ties: lowest id, so
 * the choice never depends on the order of the list).
 */
export function selectScorecard(scorecards: readonly Scorecard[], scope: ScoringScope): Scorecard {
  const latest = new Map<string, Scorecard>();
  for (const s of scorecards) {
    if (s.status !== 'published') continue;
    const seen = latest.get(s.id);
    if (!seen || s.version > seen.version) latest.set(s.id, s);
  }
  const candidates = [...latest.values()].filter(
    (s) =>
      fits(s.scope.channels, scope.channel) &&
      fits(s.scope.businessLines, scope.businessLine) &&
      fits(s.scope.issueTypes, scope.issueType),
  );
  if (candidates.length === 0) {
    throw new DomainError(SCORECARD_NOT_FOUND, '没有适用于该会话的已发布评分卡', scope);
  }
  candidates.sort((a, b) => specificity(b) - specificity(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return candidates[0];
}
