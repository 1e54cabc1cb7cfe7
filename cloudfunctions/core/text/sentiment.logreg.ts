/**
 * The sentiment model's pieces that need no model file: its format, the regression over
 * character n-grams and the neutral band. Training scripts use these without the shipped file.
 */
import { charNgrams, normalizeText } from './text.normalize';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  label: SentimentLabel;
  /** Probability that the text is positive, 0..1. */
  pPositive: number;
}

/** What the scoring engine consumes (its `TextAnalyzers` port). */
export interface SentimentAnalyzer {
  sentiment(text: string): SentimentResult;
}

export interface NeutralBand {
  /** pPositive below this is negative. */
  low: number;
  /** pPositive above this is positive; in between is neutral. */
  high: number;
}

export interface SentimentModelFile {
  format: 'kefu-qa/sentiment-logreg@1';
  /** Character n-gram orders the features use. */
  orders: number[];
  bias: number;
  /** Feature n-grams separated by U+0001 (n-grams never hold control characters). */
  grams: string;
  /** Weights, aligned with `grams`. */
  weights: number[];
  band: NeutralBand;
  /** How the file was made, for the record. */
  trainedOn: string;
}

export const GRAM_SEPARATOR = '\u0001';

/** Texts with no letter, digit or CJK character carry no sentiment of their own. */
const CONTENT = /[\p{L}\p{N}]/u;

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function bandLabel(pPositive: number, band: NeutralBand): SentimentLabel {
  if (pPositive < band.low) return 'negative';
  if (pPositive > band.high) return 'positive';
  return 'neutral';
}

export class LogisticSentimentModel implements SentimentAnalyzer {
  private readonly weights = new Map<string, number>();
  readonly band: NeutralBand;

  constructor(private readonly file: SentimentModelFile) {
    if (file.format !== 'kefu-qa/sentiment-logreg@1')
      throw new Error(`unknown sentiment model format: ${String(file.format)}`);
    const grams = file.grams.split(GRAM_SEPARATOR);
    if (grams.length !== file.weights.length) throw new Error('sentiment model: grams and weights differ in length');
    grams.forEach((g, i) => this.weights.set(g, file.weights[i]));
    this.band = file.band;
  }

  /** P(positive) from the review-trained regression, before any band. */
  probability(text: string): number {
    let z = this.file.bias;
    for (const g of charNgrams(normalizeText(text), this.file.orders)) z += this.weights.get(g) ?? 0;
    return sigmoid(z);
  }

  sentiment(text: string): SentimentResult {
    if (!CONTENT.test(text)) return { label: 'neutral', pPositive: 0.5 };
    const pPositive = this.probability(text);
    return { label: bandLabel(pPositive, this.band), pPositive };
  }

  withBand(band: NeutralBand): LogisticSentimentModel {
    return new LogisticSentimentModel({ ...this.file, band });
  }
}

export function createSentimentAnalyzer(model: SentimentModelFile, band?: NeutralBand): LogisticSentimentModel {
  return new LogisticSentimentModel(band ? { ...model, band } : model);
}
