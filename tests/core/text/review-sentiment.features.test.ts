import { createSegmenter } from '@core/text/segmenter';
import { NEGATION_WORDS, reviewFeatures, type ReviewFeatureOptions } from '@core/text/review-sentiment.features';

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
});
