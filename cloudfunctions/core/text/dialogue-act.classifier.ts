/**
 * Dialogue acts of a turn (question, order talk, complaint, anger, apology/empathy, greeting,
 * closing, commitment, other): one logistic regression per act over the features of
 * dialogue-act.features.ts (a turn may carry several acts: 「亲您好，给您添麻烦了」 is a greeting and
 * an apology). Trained by scripts/text/train-acts.ts from the labelled turns of the tuning half
 * of scripts/eval/corpus; the model file is data, this file only reads it. From model r7 on, a
 * file may carry an unhappy head (UnhappyHeadBlock) that decides complaint and anger on customer turns.
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
  /** A second model of one question, "is this customer turn complaint or anger?" (r7 on; absent: none). */
  unhappyHead?: UnhappyHeadBlock;
}

/**
 * The unhappy head (model r7 on): one logistic regression over the same features as the main
 * model, trained on the customer turns relabelled complaint-or-anger against the rest, that
 * decides those two acts on customer turns (applyUnhappyHead). The writers split complaint and
 * anger differently, and each of the main model's two heads learns the other's turns as
 * negatives. It shares the main model's feature index, so a turn's features are found once and
 * the head costs one more weight per feature found.
 */
export interface UnhappyHeadBlock {
  /**
   * The features the head reads that the main model does not, joined by U+0001: the file's feature
   * index is the main model's `features`, then these (the main model's weights for them are 0).
   */
  features: string;
  /** The head's weight for each feature of that index, encoded as ActModelFile.weights (one column). */
  weights: string;
  scale: number;
  bias: number;
  /** A customer turn is complaint or anger when the head's probability reaches this. */
  threshold: number;
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

/**
 * A customer turn's prediction `p` by the main model, decided by the unhappy head (UnhappyHeadBlock):
 * when the head's P(complaint or anger) `headP` reaches `threshold` the turn keeps main's complaint or
 * anger (or gets the likelier of the two by main), below it loses both. The rules read the acts'
 * probabilities too (a complaint must be likely enough before an apology is owed), so the head's
 * probability is given to them: at least the head's for the act it keeps or adds, at most the
 * head's for both when it says no. `p`, the classifier's own new prediction, is changed in place
 * and returned (no copy per customer turn): callers must pass a prediction nobody else holds. An act
 * the head adds goes first in `acts`, before the others (not sorted by probability).
 */
export function applyUnhappyHead(p: ActPrediction, headP: number, threshold: number): ActPrediction {
  const yes = headP >= threshold;
  const probabilities = p.probabilities;
  const main = p.acts.find((a) => a === 'complaint' || a === 'anger');
  const added: DialogueAct = probabilities.complaint >= probabilities.anger ? 'complaint' : 'anger';
  if (!yes) {
    probabilities.complaint = Math.min(probabilities.complaint, headP);
    probabilities.anger = Math.min(probabilities.anger, headP);
  }
  if (yes === (main !== undefined)) {
    if (main !== undefined) probabilities[main] = Math.max(probabilities[main], headP);
    return p;
  }
  const others = p.acts.filter((a) => a !== 'complaint' && a !== 'anger' && a !== 'other');
  if (yes) probabilities[added] = Math.max(probabilities[added], headP);
  const acts: DialogueAct[] = yes ? [added, ...others] : others.length ? others : ['other'];
  p.primary = yes && p.primary === 'other' ? added : acts.includes(p.primary) ? p.primary : acts[0];
  p.acts = acts;
  return p;
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

/** Quantised weights (ActModelFile.weights) as numbers: 16-bit little-endian integers times `scale`. */
function decodeWeights(base64: string, scale: number, count: number): Float64Array {
  const bytes = fromBase64(base64);
  if (bytes.length !== count * 2) throw new Error('act model: weights do not match the features');
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const u = bytes[2 * k] | (bytes[2 * k + 1] << 8);
    out[k] = (u >= 0x8000 ? u - 0x10000 : u) * scale;
  }
  return out;
}

export function createActClassifier(model: ActModelFile): ActClassifier {
  if (model.format !== 'kefu-qa/dialogue-acts@2') throw new Error(`unknown act model format ${String(model.format)}`);
  const head = model.unhappyHead;
  const index = new Map<string, number>();
  model.features.split('\u0001').forEach((f, i) => index.set(f, i));
  const mainFeatures = index.size;
  // The head's own features follow the main model's in one index: a turn's features are found once.
  for (const f of head?.features ? head.features.split('\u0001') : []) {
    if (index.has(f)) throw new Error(`act model: the unhappy head repeats the main model's feature ${f}`);
    index.set(f, index.size);
  }
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
  // Dense per-feature rows: feature → weights of every act (and the head's last, when there is one),
  // so a turn costs one lookup a feature. The head's own features have no main weights (0).
  const A = model.acts.length;
  const S = head ? A + 1 : A;
  const main = decodeWeights(model.weights, model.scale, mainFeatures * A);
  const byFeature = head ? new Float64Array(index.size * S) : main;
  if (head) {
    const column = decodeWeights(head.weights, head.scale, index.size);
    for (let f = 0; f < index.size; f++) {
      for (let a = 0; a < A && f < mainFeatures; a++) byFeature[f * S + a] = main[f * A + a];
      byFeature[f * S + A] = column[f];
    }
  }
  // Reused by every classification (it is synchronous): the sums, and presence as a stamp per
  // feature (a feature counts once per turn when its stamp is this turn's) instead of a Set.
  const z = new Float64Array(S);
  const stamps = new Int32Array(index.size);
  let turn = 0;
  /** Adds feature i's weights once per turn, in the order the features come (the sums' rounding). */
  const add = (i: number) => {
    if (i < 0 || stamps[i] === turn) return;
    stamps[i] = turn;
    for (let a = 0; a < S; a++) z[a] += byFeature[i * S + a];
  };
  const lexicon = model.lexicon ?? 1;
  return {
    classify(text, ctx) {
      z.set(model.bias);
      if (head) z[A] = head.bias;
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
      const p: ActPrediction = { primary: acts[0] ?? 'other', acts: acts.length ? acts : ['other'], probabilities };
      // The head decides complaint and anger of customer turns only (it was trained on them).
      return head && ctx.role === 'customer' ? applyUnhappyHead(p, sigmoid(z[A]), head.threshold) : p;
    },
  };
}
