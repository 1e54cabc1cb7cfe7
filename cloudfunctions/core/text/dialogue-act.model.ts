/**
 * The shipped dialogue-act classifiers, built once per function instance on first use:
 * - `r7` (models/dialogue-acts.json, trained by scripts/text/train-acts.ts on the tuning half of
 *   the labelled chat corpus, all fifteen of its writers (the frozen halves test to test9 retired
 *   into it, and three writers who wrote for it), and the act-training corpus: r4's recipe and an
 *   unhappy head that decides complaint and anger on customer turns, in the same file), the latest;
 * - `r6` (models/dialogue-acts.r6.json), r4's recipe on nine writers, the model scorecard v8
 *   shipped with, kept so that v8 re-scores a conversation as it did then;
 * - `r5` (models/dialogue-acts.r5.json), the same recipe on six writers, the model scorecard v7
 *   shipped with, kept so that v7 re-scores a conversation as it did then;
 * - `r4` (models/dialogue-acts.r4.json), the same recipe on three writers, the model scorecard v6
 *   shipped with, kept so that v6 re-scores a conversation as it did then;
 * - `r3` (models/dialogue-acts.r3.json), the model scorecards v4 and v5 shipped with, kept so that
 *   they re-score a conversation as they did then (lexicon edition 2);
 * - `r2` (models/dialogue-acts.r2.json), the model scorecard v3 shipped with at commit 669f43b,
 *   kept so that v3 re-scores a conversation as it did then;
 * - `r1` (models/dialogue-acts.r1.json), the model scorecard v2 shipped with at commit 6516744,
 *   kept so that v2 re-scores a conversation as it did then, and read with text normalised by
 *   match edition 1, as it was trained on.
 * The older six are loaded only when a rule of their scorecard asks (about 70-180 KB more each
 * in each bundle; parsed only then). Callers without a scorecard (knowledge-base gaps, live alerts) get the latest.
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
export const ACT_MODELS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'] as const;
export type ActModelName = (typeof ACT_MODELS)[number];
export const LATEST_ACT_MODEL = 'r7' satisfies ActModelName;
/** The normalisation edition each model was trained on (used when the caller passes no normalised text). */
const EDITION_OF: Readonly<Record<ActModelName, MatchEdition>> = { r1: 1, r2: 2, r3: 2, r4: 2, r5: 2, r6: 2, r7: 2 };

let latest: ActClassifier | undefined;

export function defaultActClassifier(): ActClassifier {
  return (latest ??= createActClassifier(shippedModel as unknown as ActModelFile));
}

/*
 * The earlier models' files, required only when a scorecard that reads them scores (each require
 * names its file, so that the function build copies it beside index.js).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazily: only the scorecards of their time read them */
const EARLIER_FILES: Readonly<Record<Exclude<ActModelName, typeof LATEST_ACT_MODEL>, () => ActModelFile>> = {
  r1: () => require('./models/dialogue-acts.r1.json') as ActModelFile, // scorecard v2
  r2: () => require('./models/dialogue-acts.r2.json') as ActModelFile, // scorecard v3
  r3: () => require('./models/dialogue-acts.r3.json') as ActModelFile, // scorecards v4 and v5
  r4: () => require('./models/dialogue-acts.r4.json') as ActModelFile, // scorecard v6
  r5: () => require('./models/dialogue-acts.r5.json') as ActModelFile, // scorecard v7
  r6: () => require('./models/dialogue-acts.r6.json') as ActModelFile, // scorecard v8
};
/* eslint-enable @typescript-eslint/no-require-imports */
const earlier = new Map<ActModelName, ActClassifier>();

export function actClassifier(model: ActModelName = LATEST_ACT_MODEL): ActClassifier {
  if (model === LATEST_ACT_MODEL) return defaultActClassifier();
  let classifier = earlier.get(model);
  if (!classifier) earlier.set(model, (classifier = createActClassifier(EARLIER_FILES[model]())));
  return classifier;
}

/** The acts of one turn by the named model (the latest when none is named). */
export function classifyActs(text: string, turn: TurnContext & { model?: ActModelName }): ActPrediction {
  const model = turn.model ?? LATEST_ACT_MODEL;
  if (turn.normalized !== undefined || EDITION_OF[model] === EDITION_OF[LATEST_ACT_MODEL])
    return actClassifier(model).classify(text, turn);
  return actClassifier(model).classify(text, {
    ...turn,
    normalized: normalizeForMatching(text, EDITION_OF[model]).text,
  });
}
