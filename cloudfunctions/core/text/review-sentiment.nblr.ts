/**
 * The review sentiment model v2's pieces that need no model file: its format and inference.
 * v2 is a logistic regression whose features were scaled by naive-Bayes log-count ratios
 * (NBSVM, Wang & Manning 2012) and trained with feature dropout; the file stores the effective
 * weight (regression weight × ratio) of each feature, so inference is a plain sum. Features
 * come from review-sentiment.features.ts: character 1-3-grams, segmenter words with negation,
 * lexicon priors. It generalises to review domains it never saw better than v1 (see the
 * leave-one-category-out figures in README.md); the neutral band works as v1's does.
 *
 * v1 (sentiment.logreg.ts / sentiment.model.ts) is unchanged: scorecard version 1 keeps it.
 */
import type { Segmenter } from './segmenter';
import { reviewFeatures, type ReviewFeatureOptions } from './review-sentiment.features';
import {
  bandLabel,
  GRAM_SEPARATOR,
  sigmoid,
  type NeutralBand,
  type SentimentAnalyzer,
  type SentimentResult,
} from './sentiment.logreg';

export const REVIEW_SENTIMENT_FORMAT = 'kefu-qa/review-sentiment-nblr@2';

export interface ReviewSentimentModelFile {
  format: typeof REVIEW_SENTIMENT_FORMAT;
  charOrders: number[];
  words: boolean;
  /** Content words after a negation word that are negated; 0 for none. */
  negationScope: number;
  negationWords: string[];
  /**
   * Lexicon terms separated by U+0001, only those the segmenter can emit as one token (the
   * only ones a token-level match can find); empty strings when the model has no lexicon.
   */
  lexicon: { positive: string; negative: string };
  bias: number;
  /** Feature strings (see review-sentiment.features.ts) separated by U+0001. */
  features: string;
  /** Effective weights, aligned with `features`. */
  weights: number[];
  band: NeutralBand;
  /** How the file was made, for the record. */
  trainedOn: string;
}

/** Texts with no letter, digit or CJK character carry no sentiment of their own. */
const CONTENT = /[\p{L}\p{N}]/u;

const split = (s: string): string[] => (s === '' ? [] : s.split(GRAM_SEPARATOR));

/** The feature options a model file was trained with. */
export function featureOptionsOf(file: ReviewSentimentModelFile): ReviewFeatureOptions {
  const positive = split(file.lexicon.positive);
  const negative = split(file.lexicon.negative);
  return {
    charOrders: file.charOrders,
    words: file.words,
    negationScope: file.negationScope,
    negationWords: new Set(file.negationWords),
    lexicon:
      positive.length + negative.length > 0 ? { positive: new Set(positive), negative: new Set(negative) } : undefined,
  };
}

export class ReviewSentimentModel implements SentimentAnalyzer {
  private readonly weights = new Map<string, number>();
  private readonly options: ReviewFeatureOptions;
  readonly band: NeutralBand;

  constructor(
    private readonly file: ReviewSentimentModelFile,
    private readonly segmenter: Segmenter,
  ) {
    if (file.format !== REVIEW_SENTIMENT_FORMAT)
      throw new Error(`unknown review sentiment model format: ${String(file.format)}`);
    const features = split(file.features);
    if (features.length !== file.weights.length)
      throw new Error('review sentiment model: features and weights differ in length');
    features.forEach((f, i) => this.weights.set(f, file.weights[i]));
    this.options = featureOptionsOf(file);
    this.band = file.band;
  }

  /** The features the model sees for a text (for explanations and tests). */
  features(text: string): string[] {
    return reviewFeatures(text, this.segmenter, this.options);
  }

  /** P(positive) before any band. */
  probability(text: string): number {
    let z = this.file.bias;
    for (const f of this.features(text)) z += this.weights.get(f) ?? 0;
    return sigmoid(z);
  }

  sentiment(text: string): SentimentResult {
    if (!CONTENT.test(text)) return { label: 'neutral', pPositive: 0.5 };
    const pPositive = this.probability(text);
    return { label: bandLabel(pPositive, this.band), pPositive };
  }

  withBand(band: NeutralBand): ReviewSentimentModel {
    return new ReviewSentimentModel({ ...this.file, band }, this.segmenter);
  }
}
