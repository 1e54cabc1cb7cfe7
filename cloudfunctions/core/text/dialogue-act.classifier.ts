/**
 * Dialogue acts of a turn (question, order talk, complaint, anger, apology/empathy, greeting,
 * closing, commitment, other): one logistic regression per act over the features of
 * dialogue-act.features.ts (a turn may carry several acts: 「亲您好，给您添麻烦了」 is a greeting and
 * an apology). Trained by scripts/text/train-acts.ts from the labelled turns of the tuning half
 * of scripts/eval/corpus; the model file is data, this file only reads it.
 */
import { DIALOGUE_ACTS, type ActLexiconEdition, type DialogueAct } from './dialogue-act.lexicon';
import { turnFeatures, type TurnContext } from './dialogue-act.features';

export interface ActModelFile {
  format: 'kefu-qa/dialogue-acts@2';
  acts: DialogueAct[];
  /** Feature names joined by U+0001. */
  features: string;
  /**
   * The weights, feature by feature (all acts of feature 0, then feature 1, …), as 16-bit
   * integers (little-endian) in base64; a weight is the integer times `scale`. Dense and
   * quantised: a quarter of the size of JSON pairs, and finer than two decimals.
   */
  weights: string;
  scale: number;
  bias: number[];
  /** An act is present when its probability reaches its threshold. */
  thresholds: number[];
  trainedOn: string;
  /** The lexicon edition its features were built with (dialogue-act.lexicon.ts); absent: 1 (r1, r2). */
  lexicon?: ActLexiconEdition;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 → bytes, written out because the core uses no platform API. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = BASE64.indexOf(clean[i]);
    if (v < 0) throw new Error('act model: bad base64');
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

export interface ActPrediction {
  /** The most probable act (`other` when none reaches its threshold). */
  primary: DialogueAct;
  /** Every act whose probability reaches its threshold, most probable first. */
  acts: DialogueAct[];
  probabilities: Record<DialogueAct, number>;
}

export interface ActClassifier {
  classify(text: string, ctx: TurnContext): ActPrediction;
}

/** P(complaint) + P(anger) at which a turn counts as one of the two. */
const UNHAPPY_THRESHOLD = 0.5;

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Feature ids of the character grams keyed by a pair of integers (a unigram: its role's tag and
 * its code point; a bigram: its two code points), in an open-addressed table of typed arrays.
 * A turn looks up two grams per character: no key string is built for them and, unlike a
 * `Map<number, number>` whose bigram keys (first * 65536 + second) exceed V8's small integers
 * for most Chinese characters and are boxed, a lookup allocates nothing.
 */
class GramTable {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  /** The feature id in each slot, -1 when empty. */
  private readonly ids: Int32Array;
  private readonly mask: number;

  constructor(entries: number) {
    let size = 16;
    while (size < entries * 2) size *= 2; // at most half full: short probe runs
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.ids = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  set(a: number, b: number, id: number): void {
    let h = this.slot(a, b);
    while (this.ids[h] !== -1 && (this.first[h] !== a || this.second[h] !== b)) h = (h + 1) & this.mask;
    this.first[h] = a;
    this.second[h] = b;
    this.ids[h] = id;
  }

  /** The feature id of the pair, -1 when the model has no such feature. */
  get(a: number, b: number): number {
    for (let h = this.slot(a, b); ; h = (h + 1) & this.mask) {
      const id = this.ids[h];
      if (id === -1 || (this.first[h] === a && this.second[h] === b)) return id;
    }
  }
}

/** The first key of a unigram in the GramTable: its role's tag, below every code point. */
const UNIGRAM_TAG = { a: -1, c: -2 } as const;

export function createActClassifier(model: ActModelFile): ActClassifier {
  if (model.format !== 'kefu-qa/dialogue-acts@2') throw new Error(`unknown act model format ${String(model.format)}`);
  const index = new Map<string, number>();
  model.features.split('\u0001').forEach((f, i) => index.set(f, i));
  // Character grams are looked up by code point, not by a string built per gram: a turn has two
  // per character and building them was most of a classification's cost. `.` with the u flag is
  // one code point, as the grams of turnFeatures are.
  const grams = new GramTable(index.size);
  for (const [name, i] of index) {
    const m = /^([ca])1:(.)$/su.exec(name);
    if (m) grams.set(UNIGRAM_TAG[m[1] as 'c' | 'a'], m[2].codePointAt(0)!, i);
    const b = /^2:(.)(.)$/su.exec(name);
    if (b) grams.set(b[1].codePointAt(0)!, b[2].codePointAt(0)!, i);
  }
  // Dense per-feature rows: feature → weights of every act, so a turn costs one lookup a feature.
  const A = model.acts.length;
  const bytes = fromBase64(model.weights);
  if (bytes.length !== index.size * A * 2) throw new Error('act model: weights do not match the features');
  const byFeature = new Float64Array(index.size * A);
  for (let k = 0; k < byFeature.length; k++) {
    const u = bytes[2 * k] | (bytes[2 * k + 1] << 8);
    byFeature[k] = (u >= 0x8000 ? u - 0x10000 : u) * model.scale;
  }
  // Reused by every classification (it is synchronous): the sums, and presence as a stamp per
  // feature (a feature counts once per turn when its stamp is this turn's) instead of a Set.
  const z = new Float64Array(A);
  const stamps = new Int32Array(index.size);
  let turn = 0;
  /** Adds feature i's weights once per turn, in the order the features come (the sums' rounding). */
  const add = (i: number) => {
    if (i < 0 || stamps[i] === turn) return;
    stamps[i] = turn;
    for (let a = 0; a < A; a++) z[a] += byFeature[i * A + a];
  };
  const lexicon = model.lexicon ?? 1;
  return {
    classify(text, ctx) {
      z.set(model.bias);
      if (++turn === 0x7fffffff) {
        stamps.fill(0);
        turn = 1;
      }
      // Presence, not counts (as in training): a feature seen twice in a turn counts once.
      const { role, chars, named } = turnFeatures(text, ctx, lexicon);
      for (const f of named) add(index.get(f) ?? -1);
      // Each character's unigram, then its bigram with the next, as actFeatures lists them.
      const tag = UNIGRAM_TAG[role];
      let cur = chars.length > 0 ? chars.codePointAt(0)! : -1;
      for (let k = 0; cur >= 0;) {
        k += cur > 0xffff ? 2 : 1;
        const next = k < chars.length ? chars.codePointAt(k)! : -1;
        add(grams.get(tag, cur));
        if (next >= 0) add(grams.get(cur, next));
        cur = next;
      }
      const probabilities = {} as Record<DialogueAct, number>;
      for (const act of DIALOGUE_ACTS) probabilities[act] = 0;
      const acts: DialogueAct[] = [];
      for (let a = 0; a < A; a++) {
        const act = model.acts[a];
        probabilities[act] = sigmoid(z[a]);
        if (act !== 'other' && probabilities[act] >= model.thresholds[a]) acts.push(act);
      }
      acts.sort((x, y) => probabilities[y] - probabilities[x]);
      // Complaint and anger shade into each other (labellers split them differently); a turn that is
      // clearly one of the two, though neither alone reaches its threshold, is the likelier one.
      if (
        !acts.includes('complaint') &&
        !acts.includes('anger') &&
        probabilities.complaint + probabilities.anger >= UNHAPPY_THRESHOLD
      ) {
        acts.push(probabilities.complaint >= probabilities.anger ? 'complaint' : 'anger');
        acts.sort((x, y) => probabilities[y] - probabilities[x]);
      }
      return { primary: acts[0] ?? 'other', acts: acts.length ? acts : ['other'], probabilities };
    },
  };
}
