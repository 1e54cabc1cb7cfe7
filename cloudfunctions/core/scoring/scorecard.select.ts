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

/** Whether a scorecard's scope covers a session's (an unscoped dimension covers every value). */
export function coversScope(card: Pick<Scorecard, 'scope'>, scope: ScoringScope): boolean {
  return (
    fits(card.scope.channels, scope.channel) &&
    fits(card.scope.businessLines, scope.businessLine) &&
    fits(card.scope.issueTypes, scope.issueType)
  );
}

function specificity(s: Scorecard): number {
  // Issue type is the most specific dimension, then business line, then channel.
  return (s.scope.issueTypes ? 4 : 0) + (s.scope.businessLines ? 2 : 0) + (s.scope.channels ? 1 : 0);
}

/**
 * Which scorecard wins where scopes overlap, as an admin set it (settings page): `order` ranks
 * scoped scorecards (earlier wins; ones not listed come after, most specific first), and
 * `defaultId` names the unscoped scorecard that applies where no scoped one does.
 */
export interface ScorecardPrecedence {
  order: readonly string[];
  defaultId: string;
}

/** A scorecard limited to some channel, business line or issue type. */
export function isScoped(s: Scorecard): boolean {
  return specificity(s) > 0;
}

function byId(a: Scorecard, b: Scorecard): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The latest published version of each scorecard id. */
export function latestPublished(scorecards: readonly Scorecard[]): Scorecard[] {
  const latest = new Map<string, Scorecard>();
  for (const s of scorecards) {
    if (s.status !== 'published') continue;
    const seen = latest.get(s.id);
    if (!seen || s.version > seen.version) latest.set(s.id, s);
  }
  return [...latest.values()];
}

/**
 * The scorecard that applies to a conversation: the latest published version of each scorecard,
 * those whose scope covers the conversation, then
 * - with a stored precedence: the first scoped one in its `order` (unlisted ones after, most
 *   specific first, then lowest id), else its default (`defaultId`) when that is unscoped and
 *   published; a precedence whose default has gone falls back to the rule below;
 * - without one (the behaviour before admins could choose): the most specific, ties broken by
 *   lowest id, so the choice never depends on the order of the list. (An unscoped card whose
 *   id sorts after `default` is then never chosen: storing a precedence is how to choose it.)
 */
export function selectScorecard(
  scorecards: readonly Scorecard[],
  scope: ScoringScope,
  precedence?: ScorecardPrecedence | null,
): Scorecard {
  const candidates = latestPublished(scorecards).filter((s) => coversScope(s, scope));
  if (candidates.length === 0) {
    throw new DomainError(SCORECARD_NOT_FOUND, '没有适用于该会话的已发布评分卡', scope);
  }
  if (precedence) {
    const rank = (s: Scorecard) => {
      const i = precedence.order.indexOf(s.id);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const scoped = candidates.filter(isScoped);
    if (scoped.length) {
      scoped.sort((a, b) => rank(a) - rank(b) || specificity(b) - specificity(a) || byId(a, b));
      return scoped[0];
    }
    const chosen = candidates.find((s) => s.id === precedence.defaultId);
    if (chosen) return chosen;
  }
  candidates.sort((a, b) => specificity(b) - specificity(a) || byId(a, b));
  return candidates[0];
}
