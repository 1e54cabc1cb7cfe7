import { isDomainError } from '@core/errors';
import { parseScorecard, type Scorecard } from '@core/scoring/scorecard.schema';
import { deepFreeze, draftFrom, publish } from '@core/scoring/scorecard.versioning';
import { rule, scorecard } from './support/factories';

const NOW = Date.UTC(2025, 5, 1);
const kw = (words: string[]) => ({ op: 'keywords', params: { words } });

function v1(): Scorecard {
  return deepFreeze(parseScorecard(scorecard([rule('a', kw(['投诉'])), rule('b', kw(['差评']))])));
}

describe('scorecard versioning', () => {
  it('a draft is an editable copy; the published version stays as it was', () => {
    const published = v1();
    const draft = draftFrom(published);
    draft.sections[0].rules[0].points = -20;
    expect(published.sections[0].rules[0].points).toBe(-10);
    expect(draft).toMatchObject({ status: 'draft', basedOn: 1 });
    expect(draft.publishedAt).toBeUndefined();
  });

  it('a published version cannot be mutated', () => {
    const published = v1();
    expect(() => {
      (published.sections[0].rules[0] as { points: number }).points = 0;
    }).toThrow(TypeError);
  });

  it('publishing makes the next version, bumping only the rules that changed', () => {
    const published = v1();
    const draft = draftFrom(published);
    draft.sections[0].rules[0].points = -20;
    draft.sections[0].rules.push(parseScorecard(scorecard([rule('c', kw(['曝光']))])).sections[0].rules[0]);
    const v2 = publish(draft, [published], NOW);
    expect(v2).toMatchObject({ version: 2, status: 'published', publishedAt: NOW });
    expect(v2.sections[0].rules.map((r) => [r.id, r.version])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
    ]);
    expect(Object.isFrozen(v2.sections[0].rules[0])).toBe(true);
    expect(draft.status).toBe('draft');
  });

  it('the new version number follows the highest published one, even from an older base', () => {
    const published = v1();
    const pending = draftFrom(published);
    const v2 = publish(draftFrom(published), [published, pending], NOW);
    expect(v2.version).toBe(2);
    const late = publish(pending, [published, pending, v2], NOW + 1);
    expect(late.version).toBe(3);
  });

  it('refuses to publish what is not a draft, or to draft from a draft', () => {
    const published = v1();
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isDomainError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => publish(published, [published], NOW))).toBe('SCORECARD.NOT_DRAFT');
    expect(codeOf(() => draftFrom(draftFrom(published)))).toBe('SCORECARD.NOT_PUBLISHED');
  });

  it('an invalid draft cannot be published', () => {
    const draft = draftFrom(v1());
    (draft.sections[0].rules[0].when as { op: string }).op = 'nope';
    expect(() => publish(draft, [], NOW)).toThrow(/when\.op/);
  });
});
