/**
 * The shipped review sentiment models over the default segmenter: v4 (the default,
 * models/review-sentiment.v4.json, trained by scripts/text/train-sentiment-v4.ts: v3's recipe
 * with the n-gram model bagged by category, one fit per left-out category, weights averaged),
 * v3 (models/review-sentiment.v3.json, scripts/text/train-sentiment-v3.ts: v2's n-gram model
 * over lexicon edition 2, averaged with a lexicon scorer) and v2
 * (models/review-sentiment.v2.json, scripts/text/train-sentiment-v2.ts), kept as they shipped.
 * Not yet used by any scorecard: version 1 keeps sentiment.model.ts.
 */
import shippedModel from './models/review-sentiment.v4.json';
import { getDefaultSegmenter, type Segmenter } from './segmenter';
import { ReviewSentimentModel, type ReviewSentimentModelFile } from './review-sentiment.nblr';
import type { NeutralBand, SentimentResult } from './sentiment.logreg';

export * from './review-sentiment.nblr';

export const REVIEW_SENTIMENT_MODELS = ['v2', 'v3', 'v4'] as const;
export type ReviewSentimentModelName = (typeof REVIEW_SENTIMENT_MODELS)[number];

/** v2's and v3's files, required only when asked for (they are not the default any more). */
/* eslint-disable @typescript-eslint/no-require-imports -- lazily: only what names v2 or v3 reads it */
const MODEL_FILES: Record<ReviewSentimentModelName, () => ReviewSentimentModelFile> = {
  v2: () => require('./models/review-sentiment.v2.json') as ReviewSentimentModelFile,
  v3: () => require('./models/review-sentiment.v3.json') as ReviewSentimentModelFile,
  v4: () => shippedModel as ReviewSentimentModelFile,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** A shipped model's file by name. */
export function reviewSentimentModelFile(name: ReviewSentimentModelName = 'v4'): ReviewSentimentModelFile {
  return MODEL_FILES[name]();
}

/**
 * An analyzer over the given model (a shipped one by name, default v4, or a file), optionally
 * re-banded. The segmenter must be the one the model was trained with: the default one.
 */
export function createReviewSentimentAnalyzer(
  model: ReviewSentimentModelFile | ReviewSentimentModelName = 'v4',
  band?: NeutralBand,
  segmenter: Segmenter = getDefaultSegmenter(),
): ReviewSentimentModel {
  const file = typeof model === 'string' ? reviewSentimentModelFile(model) : model;
  return new ReviewSentimentModel(band ? { ...file, band } : file, segmenter);
}

let defaultAnalyzer: ReviewSentimentModel | undefined;

export function analyzeReviewSentiment(text: string): SentimentResult {
  return (defaultAnalyzer ??= createReviewSentimentAnalyzer()).sentiment(text);
}
