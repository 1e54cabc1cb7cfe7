/**
 * The shipped dialogue-act classifiers, built once per function instance on first use:
 * - `r2` (models/dialogue-acts.json, trained by scripts/text/train-acts.ts on the tuning half of
 *   the labelled chat corpus and the act-training corpus), read by scorecard v3 on;
 * - `r1` (models/dialogue-acts.r1.json), the model scorecard v2 shipped with at commit 6516744,
 *   kept so that v2 re-scores a conversation as it did then. It is loaded only when a v2 rule
 *   asks (about 176 KB more in each bundle; parsed only then), and reads text normalised by
 *   match edition 1, as it was trained on.
 * Callers without a scorecard (knowledge-base gaps, live alerts) get the latest.
 */
import shippedModel from './models/dialogue-acts.json';
import {
  createActClassifier,
  type ActClassifier,
  type ActModelFile,
  type ActPrediction,
} from './dialogue-act.classifier';
import type { TurnContext } from './dialogue-act.features';
import { normalizeForMatching, type MatchEdition } from './match.normalize';

/** The act models a scorecard may name (`text.acts`). */
export const ACT_MODELS = ['r1', 'r2'] as const;
export type ActModelName = (typeof ACT_MODELS)[number];
export const LATEST_ACT_MODEL: ActModelName = 'r2';
/** The normalisation edition each model was trained on (used when the caller passes no normalised text). */
const EDITION_OF: Readonly<Record<ActModelName, MatchEdition>> = { r1: 1, r2: 2 };

let latest: ActClassifier | undefined;
let r1: ActClassifier | undefined;

export function defaultActClassifier(): ActClassifier {
  return (latest ??= createActClassifier(shippedModel as unknown as ActModelFile));
}

function r1Classifier(): ActClassifier {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily: only scorecard v2 reads it
  return (r1 ??= createActClassifier(require('./models/dialogue-acts.r1.json') as ActModelFile));
}

export function actClassifier(model: ActModelName = LATEST_ACT_MODEL): ActClassifier {
  return model === 'r1' ? r1Classifier() : defaultActClassifier();
}

/** The acts of one turn by the named model (the latest when none is named). */
export function classifyActs(text: string, turn: TurnContext & { model?: ActModelName }): ActPrediction {
  const model = turn.model ?? LATEST_ACT_MODEL;
  if (turn.normalized !== undefined || model === LATEST_ACT_MODEL) return actClassifier(model).classify(text, turn);
  return actClassifier(model).classify(text, {
    ...turn,
    normalized: normalizeForMatching(text, EDITION_OF[model]).text,
  });
}
