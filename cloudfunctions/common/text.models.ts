/**
 * The text models scoring and the live checks give the engine (core/scoring `TextAnalyzers`):
 * review sentiment, the dialogue-act classifier and the red-line model, all shipped with the core. Built on first
 * use and kept for the life of the function instance (they never change while it runs), so a
 * function that never scores text never loads them.
 */
import type { TextAnalyzers } from '../core/scoring';
import { BoundedMap } from './bounded.map';
import { classifyActs } from '../core/text/dialogue-act.model';
import { judgeRedLines } from '../core/text/red-line.model';
import { createSentimentAnalyzer } from '../core/text/sentiment.model';

let models: Required<TextAnalyzers> | undefined;

export function textModels(): Required<TextAnalyzers> {
  if (!models) {
    const analyzer = createSentimentAnalyzer();
    models = { sentiment: (text) => analyzer.sentiment(text), acts: classifyActs, redLines: judgeRedLines };
  }
  return models;
}

/** How many recent lines the live checks remember the analyses of. */
const LIVE_MEMO = 4000;

function memo<V>(size: number): { get(key: string, make: () => V): V } {
  const seen = new BoundedMap<string, V>(size);
  return {
    get(key, make) {
      let value = seen.get(key);
      if (value === undefined) seen.set(key, (value = make()));
      return value;
    },
  };
}

let live: Required<TextAnalyzers> | undefined;

/**
 * The same models for the live checks, remembering recent answers: the angry-customer check
 * reads the session's last few customer lines on every push, so without this each line is
 * analysed again with each new message (the models are pure functions of their input).
 */
export function liveTextModels(): Required<TextAnalyzers> {
  if (!live) {
    const base = textModels();
    const sentiments = memo<ReturnType<TextAnalyzers['sentiment']>>(LIVE_MEMO);
    const acts = memo<ReturnType<Required<TextAnalyzers>['acts']>>(LIVE_MEMO);
    live = {
      sentiment: (text) => sentiments.get(text, () => base.sentiment(text)),
      acts: (text, turn) =>
        turn.firstOfRole === undefined && turn.last === undefined && turn.normalized === undefined
          ? acts.get(`${turn.role}\u0000${text}`, () => base.acts(text, turn))
          : base.acts(text, turn),
      redLines: base.redLines,
    };
  }
  return live;
}
