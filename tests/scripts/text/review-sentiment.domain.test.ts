import {
  emPriorAdjust,
  fitDenseLogistic,
  fitLexiconScorer,
  invariantFeatureMask,
  lexiconWithoutContradicted,
  logit,
  matchShare,
  pseudoLabelled,
  targetSupportMask,
} from '../../../scripts/text/review-sentiment.domain';
import type { EncodedExample } from '../../../scripts/text/review-sentiment.training';

const ex = (ids: number[], label: number, group: string): EncodedExample => ({ x: Int32Array.from(ids), label, group });

// Feature 0 is positive in every category, 1 only in category a (a brand name), 2 flips sign.
const examples: EncodedExample[] = [];
for (const g of ['a', 'b', 'c']) {
  for (let i = 0; i < 4; i++) {
    examples.push(ex([0, ...(g === 'a' ? [1] : []), ...(g === 'c' ? [] : [2])], 1, g));
    examples.push(ex([...(g === 'c' ? [2] : [])], 0, g));
  }
}

describe('domain-invariant features', () => {
  it('keeps features frequent in enough categories whose sign agrees, drops one-category and flipping ones', () => {
    const keep = invariantFeatureMask(examples, 3, { minDocs: 3, minCategories: 2, agreement: 1 });
    expect(Array.from(keep)).toEqual([1, 0, 0]);
    const lenient = invariantFeatureMask(examples, 3, { minDocs: 3, minCategories: 2, agreement: 2 / 3 });
    expect(Array.from(lenient)).toEqual([1, 0, 1]);
    expect(Array.from(invariantFeatureMask(examples, 3, { minDocs: 3, minCategories: 1, agreement: 1 }))).toEqual([
      1, 1, 0,
    ]);
  });

  it('ignores chat lines as a category', () => {
    const withChat = [...examples, ...Array.from({ length: 5 }, () => ex([1], 0.5, 'chat'))];
    expect(invariantFeatureMask(withChat, 3, { minDocs: 3, minCategories: 2, agreement: 1 })[1]).toBe(0);
  });
});

describe('a lexicon cleaned on the training categories', () => {
  it('drops a term whose word leans to the other class in most categories it occurs in', () => {
    const names = ['w牛', 'w满意', 'w失望'];
    const idOf = (f: string): number | undefined => (names.includes(f) ? names.indexOf(f) : undefined);
    const lexicon = { positive: new Set(['满意']), negative: new Set(['牛', '失望']) };
    const data: EncodedExample[] = [];
    for (const g of ['a', 'b']) {
      for (let i = 0; i < 5; i++) {
        data.push(ex([0, 1], 1, g)); // 牛 (listed negative) in praise
        data.push(ex([2], 0, g));
      }
    }
    const { lexicon: cleaned, dropped } = lexiconWithoutContradicted(lexicon, data, idOf, {
      minDocs: 3,
      minCategories: 2,
    });
    expect(dropped).toEqual(['牛']);
    expect([...cleaned.negative]).toEqual(['失望']);
    expect([...cleaned.positive]).toEqual(['满意']);
    // Seen in one category only: kept.
    expect(
      lexiconWithoutContradicted(
        lexicon,
        data.filter((e) => e.group === 'a'),
        idOf,
        { minDocs: 3, minCategories: 2 },
      ).dropped,
    ).toEqual([]);
  });
});

describe('the lexicon scorer and stacking fits', () => {
  it('fits a dense logistic regression that separates by its input', () => {
    const inputs = [[-2], [-1], [-0.5], [0.5], [1], [2], [1], [-1]];
    const targets = [0, 0, 0, 1, 1, 1, 0, 1];
    const [bias, w] = fitDenseLogistic(inputs, targets, new Array(8).fill(1));
    expect(w).toBeGreaterThan(0);
    expect(Math.abs(bias)).toBeLessThan(1);
  });

  it('weighs positive minus negative evidence, every category the same', () => {
    const evidence = [
      { positive: 2, negative: 0 },
      { positive: 0, negative: 1 },
      { positive: 1, negative: 0 },
      { positive: 0, negative: 2 },
      { positive: 1, negative: 1 },
    ];
    const reviews = [
      { label: 1, group: 'a' },
      { label: 0, group: 'a' },
      { label: 1, group: 'b' },
      { label: 0, group: 'b' },
      { label: 0, group: 'b' },
    ];
    const { weight } = fitLexiconScorer(evidence, reviews);
    expect(weight).toBeGreaterThan(0);
    expect(fitLexiconScorer(evidence, reviews)).toEqual(fitLexiconScorer(evidence, reviews));
  });
});

describe('transductive helpers (they see target scores or features, never labels)', () => {
  it('keeps the features of at least minDocs target texts', () => {
    const target = [Int32Array.from([0, 1]), Int32Array.from([1]), Int32Array.from([2])];
    expect(Array.from(targetSupportMask(target, 4, 2))).toEqual([0, 1, 0, 0]);
  });

  it('pseudo-labels only the confident texts, in group target', () => {
    const target = [0, 1, 2, 3].map((i) => Int32Array.from([i]));
    const { examples: pseudo, indices } = pseudoLabelled(target, [0.95, 0.6, 0.05, 0.5], 0.9);
    expect(indices).toEqual([0, 2]);
    expect(pseudo.map((e) => [e.label, e.group])).toEqual([
      [1, 'target'],
      [0, 'target'],
    ]);
  });

  it('moves posteriors towards the prior EM finds, and leaves them when it is the source prior', () => {
    const p = [0.9, 0.8, 0.7, 0.6, 0.55, 0.3];
    const adjusted = emPriorAdjust(p, 0.5);
    expect(adjusted.every((q, i) => q >= p[i])).toBe(true);
    expect(emPriorAdjust([0.2, 0.8], 0.5)).toEqual([0.2, 0.8].map((q) => expect.closeTo(q, 6)));
  });

  it('shifts the threshold so the predicted positive share is the asked one', () => {
    const p = [0.1, 0.2, 0.3, 0.4, 0.45, 0.6, 0.7, 0.9];
    const shifted = matchShare(p, 0.5);
    expect(shifted.filter((q) => q >= 0.5)).toHaveLength(4);
    // Order is kept: a monotone shift in log-odds.
    expect(shifted.map(logit).map((z, i) => z - logit(p[i]))).toEqual(
      new Array(8).fill(expect.closeTo(logit(shifted[0]) - logit(p[0]), 9)),
    );
  });
});
