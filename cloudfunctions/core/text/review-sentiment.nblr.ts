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
import { lexiconEvidence, reviewFeatures, type ReviewFeatureOptions } from './review-sentiment.features';
import { normalizeText } from './text.normalize';
import {
  bandLabel,
  GRAM_SEPARATOR,
  sigmoid,
  type NeutralBand,
  type SentimentAnalyzer,
  type SentimentResult,
} from './sentiment.logreg';

export const REVIEW_SENTIMENT_FORMAT = 'kefu-qa/review-sentiment-nblr@2';
/** v3's format: v2's plus a lexicon scorer blended with the n-gram model in log-odds. */
export const REVIEW_SENTIMENT_FORMAT_3 = 'kefu-qa/review-sentiment-nblr@3';

/**
 * The lexicon scorer of a @3 file (review-sentiment.features.ts lexiconEvidence over the file's
 * lexicon and negation words) and its blend: log-odds = bias + ngram × (the n-gram model's
 * log-odds) + lexicon × (positive − negative evidence).
 */
export interface LexiconScorerBlend {
  /** Degree adverbs separated by U+0001, aligned with `levels` (很 1.5, 稍 0.8…). */
  degrees: string;
  levels: number[];
  bias: number;
  ngram: number;
  lexicon: number;
}

export interface ReviewSentimentModelFile {
  format: typeof REVIEW_SENTIMENT_FORMAT | typeof REVIEW_SENTIMENT_FORMAT_3;
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
  /** Format @3 only. */
  lexiconScorer?: LexiconScorerBlend;
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
  private readonly degrees = new Map<string, number>();
  readonly band: NeutralBand;

  constructor(
    private readonly file: ReviewSentimentModelFile,
    private readonly segmenter: Segmenter,
  ) {
    if (file.format !== REVIEW_SENTIMENT_FORMAT && file.format !== REVIEW_SENTIMENT_FORMAT_3)
      throw new Error(`unknown review sentiment model format: ${String(file.format)}`);
    if ((file.format === REVIEW_SENTIMENT_FORMAT_3) !== (file.lexiconScorer !== undefined))
      throw new Error('review sentiment model: a lexicon scorer belongs to format @3, and @3 needs one');
    if (file.lexiconScorer) {
      const words = split(file.lexiconScorer.degrees);
      if (words.length !== file.lexiconScorer.levels.length)
        throw new Error('review sentiment model: degree adverbs and levels differ in length');
      words.forEach((w, i) => this.degrees.set(w, file.lexiconScorer!.levels[i]));
    }
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
    const blend = this.file.lexiconScorer;
    if (!blend || !this.options.lexicon) return sigmoid(z);
    const e = lexiconEvidence(
      this.segmenter.cut(normalizeText(text)),
      this.options.lexicon,
      this.options.negationWords,
      this.options.negationScope,
      this.degrees,
    );
    return sigmoid(blend.bias + blend.ngram * z + blend.lexicon * (e.positive - e.negative));
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
