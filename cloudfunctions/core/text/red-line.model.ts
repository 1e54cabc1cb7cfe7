/**
 * A learned second opinion on the three red lines an agent's turn can cross: rude language
 * (insults, blame, brush-offs), steering the customer off the platform (private contact or
 * payment), and rewards for reviews. The word lists of the scorecard find the wordings their
 * authors thought of; each new writer of the labelled corpus brought wordings they had not (the
 * lists found 61-65 % of a fifth writer's rude and off-platform chats). This model reads character
 * 1-3-grams of the turn, so 「爱买买不买拉倒」 and 「嫌贵去别家」 look like the brush-offs it was
 * trained on even when no listed word is in them.
 *
 * One logistic regression per red line over the n-grams of the turn's text as matching reads it
 * (spelling tricks undone: 微-信, V信, 好平), numbers neutralised, then the shared text
 * normalisation. Trained by scripts/text/train-red-lines.ts on the agent turns of the tuning half
 * and the act-training corpus; the model file is data, this file only reads it.
 */
import shippedModel from './models/red-lines.json';
import { fromBase64 } from './dialogue-act.classifier';
import { neutraliseNumbers } from './dialogue-act.features';
import { normalizeForMatching } from './match.normalize';
import { charNgrams, normalizeText } from './text.normalize';

/** The red lines the model judges (its heads), in the model file's order. */
export const RED_LINE_HEADS = ['rude', 'off-platform', 'review-reward'] as const;
export type RedLineHead = (typeof RED_LINE_HEADS)[number];

/** The red-line models a scorecard may name. */
export const RED_LINE_MODELS = ['l1'] as const;
export type RedLineModelName = (typeof RED_LINE_MODELS)[number];

export interface RedLineModelFile {
  format: 'kefu-qa/red-lines@1';
  name: RedLineModelName;
  heads: RedLineHead[];
  /** The n-gram orders of its features. */
  orders: number[];
  /** Feature names (n-grams) joined by U+0001. */
  features: string;
  /** Feature-major 16-bit weights (all heads of feature 0, then feature 1, …), base64; weight = integer × scale. */
  weights: string;
  scale: number;
  bias: number[];
  trainedOn: string;
}

/** Probability of each red line for one turn. */
export type RedLineScores = Readonly<Record<RedLineHead, number>>;

/**
 * The features of a turn: n-grams of its text as matching reads it (`normalized`, from
 * normalizeForMatching edition 2, when the caller has it), numbers neutralised. Training uses
 * this same function.
 */
export function redLineFeatures(text: string, orders: readonly number[], normalized?: string): string[] {
  const matched = normalized ?? normalizeForMatching(text, 2).text;
  return charNgrams(normalizeText(neutraliseNumbers(matched)), orders);
}

export interface RedLineClassifier {
  readonly name: RedLineModelName;
  score(text: string, normalized?: string): RedLineScores;
  /** The same from a turn's features (redLineFeatures), for training scripts that have them already. */
  scoreFeatures(features: readonly string[]): RedLineScores;
  /** The n-grams that pushed `head` up most in this turn, strongest first (for the evidence shown to a reviewer). */
  cues(text: string, head: RedLineHead, max?: number, normalized?: string): string[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function createRedLineClassifier(model: RedLineModelFile): RedLineClassifier {
  const names = model.features === '' ? [] : model.features.split('\u0001');
  const heads = model.heads.length;
  const bytes = fromBase64(model.weights);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Float32Array(names.length * heads);
  for (let k = 0; k < weights.length; k++) weights[k] = view.getInt16(k * 2, true) * model.scale;
  const index = new Map(names.map((name, f) => [name, f]));
  const headAt = new Map(model.heads.map((h, i) => [h, i]));

  function score(text: string, normalized?: string): RedLineScores {
    return scoreFeatures(redLineFeatures(text, model.orders, normalized));
  }

  function scoreFeatures(features: readonly string[]): RedLineScores {
    const z = model.bias.slice();
    for (const feature of features) {
      const f = index.get(feature);
      if (f === undefined) continue;
      for (let h = 0; h < heads; h++) z[h] += weights[f * heads + h];
    }
    const out = {} as Record<RedLineHead, number>;
    model.heads.forEach((head, h) => (out[head] = sigmoid(z[h])));
    return out;
  }

  function cues(text: string, head: RedLineHead, max = 3, normalized?: string): string[] {
    const h = headAt.get(head);
    if (h === undefined) return [];
    const found: [string, number][] = [];
    for (const feature of redLineFeatures(text, model.orders, normalized)) {
      const f = index.get(feature);
      const w = f === undefined ? 0 : weights[f * heads + h];
      if (w > 0 && feature.length > 1) found.push([feature, w]);
    }
    found.sort((a, b) => b[1] - a[1]);
    // A longer cue that contains a shorter one already shown says the same thing twice.
    const shown: string[] = [];
    for (const [feature] of found) {
      if (shown.some((s) => s.includes(feature) || feature.includes(s))) continue;
      shown.push(feature);
      if (shown.length === max) break;
    }
    return shown;
  }

  return { name: model.name, score, scoreFeatures, cues };
}

let shipped: RedLineClassifier | undefined;

/** The shipped red-line model (l1), built once per function instance on first use. */
export function redLineClassifier(): RedLineClassifier {
  return (shipped ??= createRedLineClassifier(shippedModel as unknown as RedLineModelFile));
}

/**
 * The scoring engine's `redLines` analyzer (core/scoring TextAnalyzers) over a classifier: the
 * turn's scores now, its cues only when a rule shows them as evidence.
 */
export function redLineJudge(classifier: () => RedLineClassifier = redLineClassifier): (
  text: string,
  turn: { normalized?: string; model?: RedLineModelName },
) => {
  scores: RedLineScores;
  cues(head: string): string[];
} {
  return (text, turn) => {
    const model = classifier();
    return {
      scores: model.score(text, turn.normalized),
      cues: (head) => model.cues(text, head as RedLineHead, 3, turn.normalized),
    };
  };
}

/** The shipped model as the scoring engine's analyzer. */
export const judgeRedLines = redLineJudge();
