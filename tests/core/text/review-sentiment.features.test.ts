import { createSegmenter } from '@core/text/segmenter';
import {
  lexiconCountFeatures,
  lexiconEvidence,
  NEGATION_WORDS,
  reviewFeatures,
  type ReviewFeatureOptions,
} from '@core/text/review-sentiment.features';

// A dictionary of our own, so the tests do not depend on how the base dictionary splits.
const segmenter = createSegmenter({
  base: null,
  domainWords: [],
  userWords: ['满意', '质量', '物流', '推荐', '失望', '没有'],
});
const lexicon = { positive: new Set(['满意', '推荐']), negative: new Set(['失望']) };
const options: ReviewFeatureOptions = {
  charOrders: [1, 2, 3],
  words: true,
  negationScope: 3,
  negationWords: new Set(NEGATION_WORDS),
  lexicon,
};
const words = (text: string, o: ReviewFeatureOptions = options): string[] =>
  reviewFeatures(text, segmenter, o).filter((f) => f[0] === 'w' || f[0] === 'n');

describe('review sentiment features', () => {
  it('tags character 1-3-grams with c, over the normalised text', () => {
    const f = reviewFeatures('ＡＢ 满意', segmenter, { ...options, words: false, lexicon: undefined });
    expect(f).toEqual(expect.arrayContaining(['ca', 'cab', 'cab满', 'c满意']));
    expect(f.every((x) => x[0] === 'c')).toBe(true);
    expect(f.some((x) => x.includes(' '))).toBe(false);
  });

  it('emits segmenter words as w-features', () => {
    expect(words('质量满意')).toEqual(['w质量', 'w满意']);
  });

  it('marks the words after a negation word as negated, not the negation word itself', () => {
    expect(words('不满意')).toEqual(['w不', 'n满意']);
    expect(words('质量没有推荐')).toEqual(['w质量', 'w没有', 'n推荐']);
  });

  it('negates at most negationScope content words', () => {
    expect(words('不质量物流满意推荐')).toEqual(['w不', 'n质量', 'n物流', 'n满意', 'w推荐']);
    expect(words('不质量物流满意推荐', { ...options, negationScope: 1 })).toEqual([
      'w不',
      'n质量',
      'w物流',
      'w满意',
      'w推荐',
    ]);
  });

  it('ends the negation scope at punctuation (a clause boundary)', () => {
    expect(words('不，满意')).toEqual(['w不', 'w满意']);
  });

  it('treats negation words as plain words when negation is off', () => {
    expect(words('不满意', { ...options, negationScope: 0 })).toEqual(['w不', 'w满意']);
  });

  it('counts lexicon terms as thermometer features and flips negated ones', () => {
    const lex = (text: string): string[] => reviewFeatures(text, segmenter, options).filter((f) => f[0] === 'L');
    expect(lex('满意推荐')).toEqual(['L+1', 'L+2', 'L>0']);
    expect(lex('不满意')).toEqual(['L-1', 'L<0']);
    expect(lex('没有失望')).toEqual(['L+1', 'L>0']);
    expect(lex('满意，失望')).toEqual(['L+1', 'L-1', 'L=0']);
    expect(lex('质量物流')).toEqual(['L=0']);
  });

  it('caps lexicon counts at three', () => {
    const f = reviewFeatures('满意满意推荐推荐满意', segmenter, options);
    expect(f.filter((x) => x.startsWith('L+'))).toEqual(['L+1', 'L+2', 'L+3']);
  });

  it('lists every feature once', () => {
    const f = reviewFeatures('满意满意满意，满意', segmenter, options);
    expect(new Set(f).size).toBe(f.length);
  });

  it('gives no word or lexicon features when both are off', () => {
    const f = reviewFeatures('不满意', segmenter, { ...options, words: false, lexicon: undefined });
    expect(f.every((x) => x[0] === 'c')).toBe(true);
  });

  it('counts the same lexicon features from words alone (for a lexicon re-made per fold)', () => {
    for (const text of ['满意推荐', '不满意', '没有失望', '满意，失望', '质量物流']) {
      expect(lexiconCountFeatures(segmenter.cut(text), lexicon, options)).toEqual(
        reviewFeatures(text, segmenter, options).filter((f) => f[0] === 'L'),
      );
    }
  });
});

describe('lexicon evidence (the lexicon scorer of model v3)', () => {
  const degrees = new Map([
    ['很', 1.5],
    ['稍', 0.8],
  ]);
  const evidence = (text: string): { positive: number; negative: number } =>
    lexiconEvidence(segmenter.cut(text), lexicon, options.negationWords, 3, degrees);

  it('adds one per term on its side, times the degree adverb just before it', () => {
    expect(evidence('满意推荐')).toEqual({ positive: 2, negative: 0 });
    expect(evidence('很满意')).toEqual({ positive: 1.5, negative: 0 });
    expect(evidence('稍失望')).toEqual({ positive: 0, negative: 0.8 });
    // The degree applies to the next term only.
    expect(evidence('很满意推荐')).toEqual({ positive: 2.5, negative: 0 });
  });

  it('moves a negated term to the other side, within the clause and scope', () => {
    expect(evidence('不满意')).toEqual({ positive: 0, negative: 1 });
    expect(evidence('没有失望')).toEqual({ positive: 1, negative: 0 });
    expect(evidence('不，满意')).toEqual({ positive: 1, negative: 0 });
    expect(evidence('不质量物流满意推荐')).toEqual({ positive: 1, negative: 1 });
  });

  it('finds nothing in text without lexicon terms', () => {
    expect(evidence('质量物流')).toEqual({ positive: 0, negative: 0 });
  });
});
