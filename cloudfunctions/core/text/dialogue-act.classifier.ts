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

export function createActClassifier(model: ActModelFile): ActClassifier {
  if (model.format !== 'kefu-qa/dialogue-acts@2') throw new Error(`unknown act model format ${String(model.format)}`);
  const index = new Map<string, number>();
  model.features.split('\u0001').forEach((f, i) => index.set(f, i));
  // Character grams are looked up by code, not by a string built per gram: a turn has two per
  // character and building them was most of a classification's cost. Keys: a unigram is
  // role * 65536 + code (below 131072), a bigram 131072 + first * 65536 + second.
  const grams = new Map<number, number>();
  for (const [name, i] of index) {
    const m = /^([ca])1:(.)$/su.exec(name) ?? null;
    if (m && m[2].length === 1) grams.set((m[1] === 'c' ? 65536 : 0) + m[2].charCodeAt(0), i);
    const b = /^2:(.)(.)$/su.exec(name);
    if (b && b[1].length === 1 && b[2].length === 1)
      grams.set(131072 + b[1].charCodeAt(0) * 65536 + b[2].charCodeAt(0), i);
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
  const seen = new Set<number>();
  const lexicon = model.lexicon ?? 1;
  return {
    classify(text, ctx) {
      const z = Float64Array.from(model.bias);
      // Presence, not counts (as in training): a feature seen twice in a turn counts once.
      seen.clear();
      const add = (i: number | undefined) => {
        if (i === undefined || seen.has(i)) return;
        seen.add(i);
        for (let a = 0; a < A; a++) z[a] += byFeature[i * A + a];
      };
      const { role, chars, named } = turnFeatures(text, ctx, lexicon);
      for (const f of named) add(index.get(f));
      const roleKey = role === 'c' ? 65536 : 0;
      for (let k = 0; k < chars.length; k++) {
        const ch = chars[k];
        const next = chars[k + 1];
        add(ch.length === 1 ? grams.get(roleKey + ch.charCodeAt(0)) : index.get(`${role}1:${ch}`));
        if (next === undefined) continue;
        add(
          ch.length === 1 && next.length === 1
            ? grams.get(131072 + ch.charCodeAt(0) * 65536 + next.charCodeAt(0))
            : index.get(`2:${ch}${next}`),
        );
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
