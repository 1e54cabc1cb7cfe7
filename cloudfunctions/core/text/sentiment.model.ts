/**
 * Three-class sentiment for chat messages: a logistic regression over character n-grams,
 * trained on reviews (scripts/text/train-sentiment.ts), gives P(positive); a neutral band
 * calibrated on labelled chat lines turns it into negative / neutral / positive. Reviews have
 * no neutral class, so without the band ordinary questions would come out negative.
 */
import shippedModel from './models/sentiment.json';
import {
  createSentimentAnalyzer as createModel,
  type LogisticSentimentModel,
  type NeutralBand,
  type SentimentModelFile,
  type SentimentResult,
} from './sentiment.logreg';

export * from './sentiment.logreg';

/** An analyzer over the given model file (default: the shipped one), optionally re-banded. */
export function createSentimentAnalyzer(
  model: SentimentModelFile = shippedModel as SentimentModelFile,
  band?: NeutralBand,
): LogisticSentimentModel {
  return createModel(model, band);
}

let defaultAnalyzer: LogisticSentimentModel | undefined;

export function analyzeSentiment(text: string): SentimentResult {
  return (defaultAnalyzer ??= createSentimentAnalyzer()).sentiment(text);
}
