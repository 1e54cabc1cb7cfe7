/**
 * The text models scoring and the live checks give the engine (core/scoring `TextAnalyzers`):
 * review sentiment and the dialogue-act classifier, both shipped with the core. Built on first
 * use and kept for the life of the function instance (they never change while it runs), so a
 * function that never scores text never loads them.
 */
import type { TextAnalyzers } from '../core/scoring';
import { classifyActs } from '../core/text/dialogue-act.model';
import { createSentimentAnalyzer } from '../core/text/sentiment.model';

let models: Required<TextAnalyzers> | undefined;

export function textModels(): Required<TextAnalyzers> {
  if (!models) {
    const analyzer = createSentimentAnalyzer();
    models = { sentiment: (text) => analyzer.sentiment(text), acts: classifyActs };
  }
  return models;
}
