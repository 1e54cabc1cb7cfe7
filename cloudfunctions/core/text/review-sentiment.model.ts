/**
 * The shipped review sentiment model v2 (models/review-sentiment.v2.json, trained by
 * scripts/text/train-sentiment-v2.ts) over the default segmenter. Not yet used by any
 * scorecard: version 1 keeps sentiment.model.ts; scorecard version 2 is to use this one.
 */
import shippedModel from './models/review-sentiment.v2.json';
import { getDefaultSegmenter, type Segmenter } from './segmenter';
import { ReviewSentimentModel, type ReviewSentimentModelFile } from './review-sentiment.nblr';
import type { NeutralBand, SentimentResult } from './sentiment.logreg';

export * from './review-sentiment.nblr';

/**
 * An analyzer over the given model file (default: the shipped one), optionally re-banded. The
 * segmenter must be the one the model was trained with: the default one.
 */
export function createReviewSentimentAnalyzer(
  model: ReviewSentimentModelFile = shippedModel as ReviewSentimentModelFile,
  band?: NeutralBand,
  segmenter: Segmenter = getDefaultSegmenter(),
): ReviewSentimentModel {
  return new ReviewSentimentModel(band ? { ...model, band } : model, segmenter);
}

let defaultAnalyzer: ReviewSentimentModel | undefined;

export function analyzeReviewSentiment(text: string): SentimentResult {
  return (defaultAnalyzer ??= createReviewSentimentAnalyzer()).sentiment(text);
}
