import shipped from '@core/text/models/sentiment.json';
import { createSentimentAnalyzer, GRAM_SEPARATOR, type SentimentModelFile } from '@core/text/sentiment.logreg';

const model = shipped as SentimentModelFile;

describe('shipped sentiment model file', () => {
  it('has the expected format with one weight per n-gram', () => {
    expect(model.format).toBe('kefu-qa/sentiment-logreg@1');
    expect(model.grams.split(GRAM_SEPARATOR)).toHaveLength(model.weights.length);
    expect(model.weights.length).toBeGreaterThan(1000);
  });

  it('stays small enough for a cloud-function bundle', () => {
    expect(JSON.stringify(model).length * 3).toBeLessThan(1_500_000);
    expect(model.weights.length).toBeLessThanOrEqual(20_000);
  });

  it('gives the same answer for the same text across analyzers', () => {
    const a = createSentimentAnalyzer(model);
    const b = createSentimentAnalyzer(JSON.parse(JSON.stringify(model)) as SentimentModelFile);
    for (const text of ['谢谢，解决了', '太慢了', '订单号是多少']) expect(a.sentiment(text)).toEqual(b.sentiment(text));
  });

  it('rejects a file of another format', () => {
    expect(() => createSentimentAnalyzer({ ...model, format: 'other' } as unknown as SentimentModelFile)).toThrow(
      /format/,
    );
  });
});
