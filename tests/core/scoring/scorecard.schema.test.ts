import { isDomainError } from '@core/errors';
import { parseScorecard } from '@core/scoring/scorecard.schema';
import { DEFAULT_SCORECARD_V1_INPUT } from '@core/scoring/default.scorecard';
import { rule, scorecard } from './support/factories';

function errorOf(input: unknown): { code: string; message: string } {
  try {
    parseScorecard(input);
  } catch (e) {
    if (isDomainError(e)) return { code: String(e.code), message: e.message };
    throw e;
  }
  throw new Error('expected parseScorecard to throw');
}

const kw = (params: Record<string, unknown>) => ({ op: 'keywords', params });

describe('parseScorecard', () => {
  it('accepts the default scorecard and applies defaults', () => {
    const card = parseScorecard(scorecard([rule('a', kw({ words: ['投诉'] }))]));
    expect(card.baseScore).toBe(100);
    expect(card.sections[0].rules[0]).toMatchObject({ version: 1, enabled: true, per: 'session' });
    expect(() => parseScorecard(DEFAULT_SCORECARD_V1_INPUT)).not.toThrow();
  });

  it('names the field of a bad operator parameter', () => {
    const bad = scorecard([rule('a', { all: [kw({ words: ['x'] }), kw({ words: [] })] })]);
    const e = errorOf(bad);
    expect(e.code).toBe('SCORECARD.INVALID');
    expect(e.message).toContain('sections[0].rules[0].when.all[1].params.words');
  });

  it('rejects an unknown operator, naming it', () => {
    expect(errorOf(scorecard([rule('a', { op: 'telepathy' })])).message).toMatch(
      /sections\[0\]\.rules\[0\]\.when\.op.*telepathy/,
    );
  });

  it('rejects an invalid regular expression where it is', () => {
    const e = errorOf(scorecard([rule('a', { not: { op: 'regex', params: { pattern: '(' } } })]));
    expect(e.message).toContain('when.not.params.pattern');
  });

  it('rejects duplicate rule ids across sections', () => {
    const card = scorecard([rule('a', kw({ words: ['x'] }))]);
    card.sections.push({ id: 'other', name: '其他', weight: 1, rules: [rule('a', kw({ words: ['y'] }))] });
    expect(errorOf(card).message).toContain('sections[1].rules[0].id');
  });

  it('rejects zero points and a pass threshold above the base score', () => {
    expect(errorOf(scorecard([rule('a', kw({ words: ['x'] }), { points: 0 })])).message).toContain('rules[0].points');
    expect(errorOf(scorecard([], { passThreshold: 120 })).message).toContain('passThreshold');
  });

  it('rejects unknown fields (typos) instead of ignoring them', () => {
    expect(errorOf({ ...scorecard([]), pasThreshold: 80 }).message).toMatch(/Unrecognized key.*pasThreshold/);
  });

  it('reports bad JSON text', () => {
    expect(errorOf('{ not json').message).toContain('JSON');
  });
});
