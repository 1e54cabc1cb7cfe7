import {
  calibrateBand,
  seededRandom,
  serializeModel,
  stratifiedSplit,
  trainLogisticRegression,
  DEFAULT_TRAIN_OPTIONS,
} from '../../../scripts/text/sentiment.training';
import { createSentimentAnalyzer } from '@core/text/sentiment.logreg';

const review = (text: string, label: 0 | 1) => ({ text, label });
const corpus = [
  ...['很好吃', '味道很好', '送餐很快', '非常满意', '好吃不贵', '很新鲜'].map((t) => review(t, 1)),
  ...['太难吃', '送餐太慢', '很不满意', '味道很差', '又冷又难吃', '不新鲜'].map((t) => review(t, 0)),
];
const options = { ...DEFAULT_TRAIN_OPTIONS, minCount: 1, epochs: 20, maxFeatures: 50 };

describe('sentiment training', () => {
  it('produces the same file byte for byte on every run', () => {
    expect(serializeModel(trainLogisticRegression(corpus, options))).toBe(
      serializeModel(trainLogisticRegression(corpus, options)),
    );
  });

  it('learns the direction of its training data', () => {
    const model = createSentimentAnalyzer(trainLogisticRegression(corpus, options));
    expect(model.probability('很好吃')).toBeGreaterThan(0.5);
    expect(model.probability('太难吃')).toBeLessThan(0.5);
  });

  it('keeps at most maxFeatures n-grams', () => {
    expect(trainLogisticRegression(corpus, { ...options, maxFeatures: 7 }).weights.length).toBeLessThanOrEqual(7);
  });

  it('splits reproducibly and per stratum', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ i, label: i % 2 }));
    const [a1, b1] = stratifiedSplit(items, (x) => String(x.label), 0.75, 7);
    const [a2] = stratifiedSplit(items, (x) => String(x.label), 0.75, 7);
    expect(a1).toEqual(a2);
    expect(a1.filter((x) => x.label === 0)).toHaveLength(15);
    expect(a1.length + b1.length).toBe(40);
  });

  it('draws the same sequence from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('calibrates a band that separates neutral middles from clear ends', () => {
    const scored = [
      ...[0.02, 0.05, 0.1].map((p) => ({ p, label: 'negative' as const })),
      ...[0.35, 0.45, 0.55].map((p) => ({ p, label: 'neutral' as const })),
      ...[0.85, 0.9, 0.97].map((p) => ({ p, label: 'positive' as const })),
    ];
    const band = calibrateBand(scored);
    expect(band.accuracy).toBe(1);
    expect(band.low).toBeGreaterThan(0.1);
    expect(band.low).toBeLessThanOrEqual(0.35);
    expect(band.high).toBeGreaterThanOrEqual(0.55);
    expect(band.high).toBeLessThan(0.85);
  });
});
