import { spawnSync } from 'child_process';
import { join } from 'path';
import { createSegmenter } from '@core/text/segmenter';
import { NEGATION_WORDS, reviewFeatures } from '@core/text/review-sentiment.features';
import { REVIEW_SENTIMENT_FORMAT_3, ReviewSentimentModel } from '@core/text/review-sentiment.nblr';
import { sigmoid } from '@core/text/sentiment.logreg';
import {
  binaryScores,
  buildReviewModelFile,
  DEFAULT_V2_OPTIONS,
  exampleWeights,
  featureCounts,
  FeatureSpace,
  predictNbLogistic,
  subsamplePerGroup,
  trainCategoryBag,
  trainNbLogistic,
  withLexiconScorer,
  type EncodedExample,
} from '../../../scripts/text/review-sentiment.training';

const segmenter = createSegmenter({ base: null, domainWords: [], userWords: ['好吃', '满意', '难吃', '失望', '很快'] });
const features = {
  charOrders: [1, 2, 3],
  words: true,
  negationScope: 3,
  negationWords: NEGATION_WORDS,
  lexicon: { positive: new Set(['满意', '好吃', '优秀的']), negative: new Set(['失望', '难吃']) },
};
const featureOptions = { ...features, negationWords: new Set(NEGATION_WORDS) };
const corpus: [string, 0 | 1, string][] = [
  ...['很好吃', '味道很好', '送餐很快', '非常满意', '好吃不贵', '很新鲜'].map((t): [string, 1, string] => [t, 1, 'a']),
  ...['太难吃', '送餐太慢', '很不满意', '味道很差', '又冷又难吃', '不新鲜'].map((t): [string, 0, string] => [
    t,
    0,
    'b',
  ]),
];
function encode(): { space: FeatureSpace; examples: EncodedExample[] } {
  const space = new FeatureSpace();
  const examples = corpus.map(([text, label, group]) => ({
    x: space.encode(reviewFeatures(text, segmenter, featureOptions)),
    label,
    group,
  }));
  return { space, examples };
}
const options = { ...DEFAULT_V2_OPTIONS, minCount: 1, epochs: 30, maxFeatures: 0 };

describe('review sentiment v2 training', () => {
  it('scores accuracy and macro-F1 at p >= 0.5', () => {
    expect(binaryScores([1, 1, 0, 0], [0.9, 0.2, 0.1, 0.6])).toEqual({ accuracy: 0.5, macroF1: 0.5 });
    const s = binaryScores([1, 1, 1, 0], [0.9, 0.5, 0.1, 0.1]);
    expect(s.accuracy).toBe(0.75);
    // positive F1 = 2·2/(2·2+0+1) = 0.8, negative F1 = 2/(2+1+0) = 2/3
    expect(s.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
  });

  it('learns the direction of its training data, with NB scaling and dropout', () => {
    const { space, examples } = encode();
    for (const o of [options, { ...options, nb: false, dropout: 0 }]) {
      const fit = trainNbLogistic(examples, space.names.length, o);
      const p = (text: string): number =>
        predictNbLogistic(fit, space.encode(reviewFeatures(text, segmenter, featureOptions)));
      expect(p('很好吃')).toBeGreaterThan(0.5);
      expect(p('太难吃')).toBeLessThan(0.5);
    }
  });

  it('gives the same fit on every run (seeded order and dropout)', () => {
    const a = encode();
    const b = encode();
    const fa = trainNbLogistic(a.examples, a.space.names.length, options);
    const fb = trainNbLogistic(b.examples, b.space.names.length, options);
    expect([...fa.weights.entries()]).toEqual([...fb.weights.entries()]);
    expect(fa.bias).toBe(fb.bias);
  });

  it('keeps at most maxFeatures features', () => {
    const { space, examples } = encode();
    expect(
      trainNbLogistic(examples, space.names.length, { ...options, maxFeatures: 7 }).weights.size,
    ).toBeLessThanOrEqual(7);
  });

  it('balances each category × class cell to the same total weight, chat lines at 1', () => {
    const ex = (group: string, label: number): EncodedExample => ({ x: new Int32Array(), label, group });
    const examples = [ex('a', 1), ex('a', 1), ex('a', 1), ex('a', 0), ex('b', 1), ex('b', 0), ex('chat', 0.5)];
    const w = exampleWeights(examples, 'cell');
    const total = (g: string, l: number): number =>
      examples.reduce((s, e, i) => s + (e.group === g && e.label === l ? w[i] : 0), 0);
    expect(total('a', 1)).toBeCloseTo(total('a', 0), 12);
    expect(total('a', 1)).toBeCloseTo(total('b', 1), 12);
    expect(w[6]).toBe(1);
    expect(Array.from(w.slice(0, 6)).reduce((s, x) => s + x, 0)).toBeCloseTo(6, 12);
    expect(Array.from(exampleWeights(examples, 'none'))).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('writes a model file that predicts as the fit does and keeps only lexicon terms the segmenter emits whole', () => {
    const { space, examples } = encode();
    const fit = trainNbLogistic(examples, space.names.length, options);
    const isToken = (t: string): boolean => segmenter.has(t) || segmenter.cut(t).length === 1;
    const file = buildReviewModelFile(fit, space, features, isToken);
    expect(file.lexicon.positive.split('\u0001')).toEqual(['好吃', '满意']);
    expect(JSON.stringify(buildReviewModelFile(fit, space, features, isToken))).toBe(JSON.stringify(file));
    const names = file.features.split('\u0001');
    expect([...names].sort()).toEqual(names);
    const model = new ReviewSentimentModel(file, segmenter);
    for (const text of ['很好吃', '太难吃', '送餐很快', '不满意']) {
      const x = space.encode(reviewFeatures(text, segmenter, featureOptions));
      expect(model.probability(text)).toBeCloseTo(predictNbLogistic(fit, x), 1);
    }
  });

  it('writes a v3 file whose lexicon scorer is averaged with the n-grams in log-odds, the same bytes every time', () => {
    const { space, examples } = encode();
    const fit = trainNbLogistic(examples, space.names.length, options);
    const isToken = (t: string): boolean => segmenter.has(t) || segmenter.cut(t).length === 1;
    const degrees = new Map([
      ['很', 1.5],
      ['不可开交', 2],
    ]);
    const v2File = buildReviewModelFile(fit, space, features, isToken);
    const file = withLexiconScorer(v2File, { bias: -0.4, weight: 0.8 }, degrees, isToken);
    expect(file.format).toBe(REVIEW_SENTIMENT_FORMAT_3);
    // 不可开交 is no token of this segmenter, so no match could find it.
    expect(file.lexiconScorer).toEqual({ degrees: '很', levels: [1.5], bias: -0.2, ngram: 0.5, lexicon: 0.4 });
    expect(JSON.stringify(withLexiconScorer(v2File, { bias: -0.4, weight: 0.8 }, degrees, isToken))).toBe(
      JSON.stringify(file),
    );
    const v2 = new ReviewSentimentModel(v2File, segmenter);
    const v3 = new ReviewSentimentModel(file, segmenter);
    const logit = (p: number): number => Math.log(p / (1 - p));
    // 很满意: evidence +1.5 (满意 after 很); 太难吃: -1 (难吃).
    expect(v3.probability('很满意')).toBeCloseTo(sigmoid(-0.2 + 0.5 * logit(v2.probability('很满意')) + 0.4 * 1.5), 9);
    expect(v3.probability('太难吃')).toBeCloseTo(sigmoid(-0.2 + 0.5 * logit(v2.probability('太难吃')) - 0.4), 9);
  });

  it('bags by category: the mean fit of one fit per left-out category gives the mean of their log-odds, the same every run', () => {
    const { space, examples } = encode();
    const withC = [...examples, ...examples.slice(0, 3).map((e) => ({ ...e, group: 'c' }))];
    const without = (g: string) =>
      trainNbLogistic(
        withC.filter((e) => e.group !== g),
        space.names.length,
        options,
      );
    const members = ['a', 'b', 'c'].map(without);
    const bag = trainCategoryBag(['a', 'b', 'c'], without);
    const logOdds = (fit: ReturnType<typeof without>, text: string): number => {
      const p = predictNbLogistic(fit, space.encode(reviewFeatures(text, segmenter, featureOptions)));
      return Math.log(p / (1 - p));
    };
    for (const text of ['很好吃', '太难吃', '不满意']) {
      const mean = members.reduce((s, m) => s + logOdds(m, text), 0) / members.length;
      expect(logOdds(bag, text)).toBeCloseTo(mean, 9);
    }
    expect(logOdds(bag, '很好吃')).toBeGreaterThan(0);
    expect(logOdds(bag, '太难吃')).toBeLessThan(0);
    const again = trainCategoryBag(['a', 'b', 'c'], without);
    expect([...again.weights.entries()]).toEqual([...bag.weights.entries()]);
    expect(again.bias).toBe(bag.bias);
    // Pruned: the 5 largest |mean weight| × count stay, with their mean weights unchanged.
    const counts = featureCounts(withC, space.names.length);
    const pruned = trainCategoryBag(['a', 'b', 'c'], without, { maxFeatures: 5, count: (id) => counts[id] });
    const u = (id: number): number => Math.abs(bag.weights.get(id)!) * counts[id];
    const top = [...bag.weights.keys()].sort((x, y) => u(y) - u(x) || x - y).slice(0, 5);
    expect([...pruned.weights.keys()].sort((x, y) => x - y)).toEqual([...top].sort((x, y) => x - y));
    for (const id of top) expect(pruned.weights.get(id)).toBe(bag.weights.get(id));
  });

  it('weights categories by their running loss with Group DRO, and is off by default (v2, v3 and v4 unchanged)', () => {
    expect(DEFAULT_V2_OPTIONS.groupDro).toBe(0);
    const { space, examples } = encode();
    const plain = trainNbLogistic(examples, space.names.length, options);
    const dro = trainNbLogistic(examples, space.names.length, { ...options, groupDro: 5 });
    const p = (fit: typeof plain, text: string): number =>
      predictNbLogistic(fit, space.encode(reviewFeatures(text, segmenter, featureOptions)));
    expect(p(dro, '很好吃')).toBeGreaterThan(0.5);
    expect(p(dro, '太难吃')).toBeLessThan(0.5);
    expect([...dro.weights.values()]).not.toEqual([...plain.weights.values()]);
  });

  it('subsamples each group to at most max, reproducibly', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ i, group: i < 20 ? 'big' : 'small' }));
    const a = subsamplePerGroup(items, 5, 3);
    expect(a.filter((x) => x.group === 'big')).toHaveLength(5);
    expect(a.filter((x) => x.group === 'small')).toHaveLength(5);
    expect(subsamplePerGroup(items, 5, 3)).toEqual(a);
    expect(subsamplePerGroup(items, 50, 3)).toHaveLength(30);
  });
});

describe('eval-sentiment-loco.ts', () => {
  it('skips with a message and a JSON last line when the corpus directory is absent', () => {
    const root = join(__dirname, '..', '..', '..');
    const r = spawnSync('npx', ['tsx', join(root, 'scripts', 'text', 'eval-sentiment-loco.ts')], {
      cwd: root,
      env: { ...process.env, KEFU_DATA_DIR: join(root, 'no-such-corpus-dir') },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^skipped: corpus directory not found/);
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ skipped: true });
  }, 30_000);
});
