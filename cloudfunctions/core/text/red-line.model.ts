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
 * and the act-training corpus and the labelled agent turns of scripts/eval/red-line-turns/ (all
 * but the frozen ones, FROZEN_TURN_SETS); the model file is data, this file only reads it.
 */
import shippedModel from './models/red-lines.json';
import { fromBase64 } from './dialogue-act.classifier';
import { neutraliseNumbers } from './dialogue-act.features';
import { normalizeForMatching } from './match.normalize';
import { charNgrams, normalizeText } from './text.normalize';
import { LATEST_RED_LINE_MODEL, type RedLineHead, type RedLineModelName } from './red-line.heads';

export {
  LATEST_RED_LINE_MODEL,
  RED_LINE_HEADS,
  RED_LINE_MODELS,
  type RedLineHead,
  type RedLineModelName,
} from './red-line.heads';

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
  const trie = featureTrie(names);
  const longest = Math.max(0, ...model.orders);
  // Per scoring: the turn's code points, and which features it has counted (a feature counts once).
  let points = new Int32Array(256);
  const seenAt = new Int32Array(names.length);
  let stamp = 0;

  function toProbabilities(z: ArrayLike<number>): RedLineScores {
    const out = {} as Record<RedLineHead, number>;
    model.heads.forEach((head, h) => (out[head] = sigmoid(z[h])));
    return out;
  }

  /**
   * The same sums as scoreFeatures(redLineFeatures(…)) without making an n-gram string: the
   * turn's code points walk a trie of the model's features (every agent turn of every scored
   * conversation comes through here).
   */
  function score(text: string, normalized?: string): RedLineScores {
    const matched = normalized ?? normalizeForMatching(text, 2).text;
    if (points.length < matched.length) points = new Int32Array(matched.length * 2);
    const n = featureCodePoints(matched, points);
    if (++stamp === 0x7fffffff) {
      seenAt.fill(0);
      stamp = 1;
    }
    const z = model.bias.slice();
    for (let i = 0; i < n; i++) {
      let node = trie.get(points[i]);
      for (let d = 1; node !== undefined; d++) {
        const f = node.feature;
        if (f >= 0 && seenAt[f] !== stamp) {
          seenAt[f] = stamp;
          for (let h = 0; h < heads; h++) z[h] += weights[f * heads + h];
        }
        if (d === longest || i + d >= n || node.next === null) break;
        node = node.next.get(points[i + d]);
      }
    }
    return toProbabilities(z);
  }

  function scoreFeatures(features: readonly string[]): RedLineScores {
    const z = model.bias.slice();
    for (const feature of features) {
      const f = index.get(feature);
      if (f === undefined) continue;
      for (let h = 0; h < heads; h++) z[h] += weights[f * heads + h];
    }
    return toProbabilities(z);
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

const WHITESPACE = /\s/;

/**
 * The code points redLineFeatures reads in a turn's matched text, written into `out` (at least as
 * long as the text); their count. One pass doing what normalizeText(neutraliseNumbers(matched))
 * does, without the two intermediate strings: digit runs become 「Ｎ」 (6 or more) or 「#」, then
 * full-width forms fold to ASCII (「Ｎ」 too, as normalizeText folds it), whitespace goes, letters
 * are lower-cased and a character repeated more than three times in a row is kept three times.
 */
export function featureCodePoints(matched: string, out: Int32Array): number {
  let n = 0;
  let prev = -1;
  let run = 0;
  const push = (raw: number) => {
    let c = raw;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) return;
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return;
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
    } else if ((c < 0x3001 || c > 0x9fff) && c < 0x1f000) {
      // Outside CJK symbols, kana and ideographs and the emoji planes, which have no case and no space.
      const ch = String.fromCodePoint(c);
      if (WHITESPACE.test(ch)) return;
      c = ch.toLowerCase().codePointAt(0)!;
    }
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run <= 3) out[n++] = c;
  };
  for (let i = 0; i < matched.length; i++) {
    const c = matched.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j + 1 < matched.length && matched.charCodeAt(j + 1) >= 0x30 && matched.charCodeAt(j + 1) <= 0x39) j++;
      push(j - i + 1 >= 6 ? 0xff2e : 0x23); // Ｎ or #
      i = j;
      continue;
    }
    const cp = matched.codePointAt(i)!;
    if (cp > 0xffff) i++;
    push(cp);
  }
  return n;
}

interface TrieNode {
  /** The feature this path spells, or -1. */
  feature: number;
  next: Map<number, TrieNode> | null;
}

/** The features by code point, first character first. */
function featureTrie(names: readonly string[]): Map<number, TrieNode> {
  const root = new Map<number, TrieNode>();
  names.forEach((name, f) => {
    let level = root;
    const chars = Array.from(name);
    chars.forEach((ch, k) => {
      const c = ch.codePointAt(0)!;
      let node = level.get(c);
      if (node === undefined) level.set(c, (node = { feature: -1, next: null }));
      if (k === chars.length - 1) node.feature = f;
      else level = node.next ??= new Map();
    });
  });
  return root;
}

/*
 * The earlier model's file, required only when a scorecard that names it scores (the require names
 * its file, so that the function build copies it beside index.js).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazily: only the scorecard of its time reads it */
const MODEL_FILES: Readonly<Record<RedLineModelName, () => RedLineModelFile>> = {
  l1: () => require('./models/red-lines.l1.json') as RedLineModelFile, // scorecard v7
  l2: () => require('./models/red-lines.l2.json') as RedLineModelFile, // scorecard v8
  l3: () => shippedModel as unknown as RedLineModelFile, // scorecard v9 on
};
/* eslint-enable @typescript-eslint/no-require-imports */
const built = new Map<RedLineModelName, RedLineClassifier>();

/** A shipped red-line model (the latest when none is named), built once per function instance on first use. */
export function redLineClassifier(model: RedLineModelName = LATEST_RED_LINE_MODEL): RedLineClassifier {
  let classifier = built.get(model);
  if (!classifier) built.set(model, (classifier = createRedLineClassifier(MODEL_FILES[model]())));
  return classifier;
}

/**
 * The scoring engine's `redLines` analyzer (core/scoring TextAnalyzers) over a classifier: the
 * turn's scores now, its cues only when a rule shows them as evidence.
 */
export function redLineJudge(classifier: (model?: RedLineModelName) => RedLineClassifier = redLineClassifier): (
  text: string,
  turn: { normalized?: string; model?: RedLineModelName },
) => {
  scores: RedLineScores;
  cues(head: string): string[];
} {
  return (text, turn) => {
    const model = classifier(turn.model);
    return {
      scores: model.score(text, turn.normalized),
      cues: (head) => model.cues(text, head as RedLineHead, 3, turn.normalized),
    };
  };
}

/** The shipped model as the scoring engine's analyzer. */
export const judgeRedLines = redLineJudge();
