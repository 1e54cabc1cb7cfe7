import { analyzeSentiment, bandLabel, createSentimentAnalyzer } from '@core/text/sentiment.model';
import shipped from '@core/text/models/sentiment.json';
import type { SentimentModelFile } from '@core/text/sentiment.logreg';

const model = shipped as SentimentModelFile;

describe('neutral band', () => {
  it('labels by the band edges: below low negative, above high positive, else neutral', () => {
    const band = { low: 0.3, high: 0.7 };
    expect(bandLabel(0.29, band)).toBe('negative');
    expect(bandLabel(0.3, band)).toBe('neutral');
    expect(bandLabel(0.7, band)).toBe('neutral');
    expect(bandLabel(0.71, band)).toBe('positive');
  });

  it('the shipped band is a real interval inside (0, 1)', () => {
    expect(model.band.low).toBeGreaterThan(0);
    expect(model.band.high).toBeLessThan(1);
    expect(model.band.low).toBeLessThan(model.band.high);
  });

  it('a wider band turns a mild text neutral without changing its probability', () => {
    const text = '很满意';
    const narrow = createSentimentAnalyzer(model, { low: 0.5, high: 0.5 }).sentiment(text);
    const wide = createSentimentAnalyzer(model, { low: 0.01, high: 0.99 }).sentiment(text);
    expect(narrow.label).toBe('positive');
    expect(wide.label).toBe('neutral');
    expect(wide.pPositive).toBe(narrow.pPositive);
  });

  it('text without letters or digits is neutral at 0.5', () => {
    expect(analyzeSentiment('')).toEqual({ label: 'neutral', pPositive: 0.5 });
    expect(analyzeSentiment('？？ ……')).toEqual({ label: 'neutral', pPositive: 0.5 });
  });
});
