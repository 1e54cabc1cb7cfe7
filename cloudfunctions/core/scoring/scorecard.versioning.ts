/**
 * Versions of a scorecard. A published version is frozen and never changes; editing works on a
 * draft, and publishing the draft makes a new version. Every score records the version it used,
 * and every hit the version of its rule, so old scores stay explainable after edits.
 */
import { DomainError, ERROR_CODES } from '../errors';
import { parseScorecard, type Rule, type Scorecard } from './scorecard.schema';

export const SCORECARD_NOT_PUBLISHED = ERROR_CODES.SCORECARD_NOT_PUBLISHED;
export const SCORECARD_NOT_DRAFT = ERROR_CODES.SCORECARD_NOT_DRAFT;

function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** A mutable copy of a published version to edit. The published object is left untouched. */
export function draftFrom(published: Scorecard): Scorecard {
  if (published.status !== 'published') {
    throw new DomainError(
      SCORECARD_NOT_PUBLISHED,
      `只能从已发布的版本创建草稿（${published.id} v${published.version} 是草稿）`,
    );
  }
  const draft = clone(published);
  draft.status = 'draft';
  draft.basedOn = published.version;
  draft.version = published.version + 1;
  delete draft.publishedAt;
  return draft;
}

/** Content of a rule without its version: what decides whether the rule changed. */
function ruleContent(r: Rule): string {
  const { version: _version, ...rest } = r;
  return JSON.stringify(rest);
}

/**
 * Publishes a draft as the next version of its scorecard: version = 1 + the highest published
 * version; a rule keeps its version when unchanged since the latest published version, and gets
 * that version + 1 when changed (new rules start at 1). Returns a new, deep-frozen object.
 */
export function publish(draft: Scorecard, existingVersions: readonly Scorecard[], now: number): Scorecard {
  if (draft.status !== 'draft') {
    throw new DomainError(SCORECARD_NOT_DRAFT, `只能发布草稿（${draft.id} v${draft.version} 已发布）`);
  }
  // Drafts (stored or not) hold tentative numbers; only published versions take a number for good.
  const published = existingVersions.filter((s) => s.id === draft.id && s.status === 'published');
  const latest = published.reduce<Scorecard | undefined>(
    (best, s) => (!best || s.version > best.version ? s : best),
    undefined,
  );
  const previousRules = new Map<string, Rule>();
  latest?.sections.forEach((s) => s.rules.forEach((r) => previousRules.set(r.id, r)));

  const next = clone(draft);
  next.status = 'published';
  next.version = (latest?.version ?? 0) + 1;
  next.publishedAt = now;
  for (const section of next.sections) {
    for (const rule of section.rules) {
      const before = previousRules.get(rule.id);
      rule.version = !before ? 1 : ruleContent(before) === ruleContent(rule) ? before.version : before.version + 1;
    }
  }
  // Publishing is where a bad edit must stop.
  return deepFreeze(parseScorecard(next));
}
