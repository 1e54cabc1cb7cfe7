/**
 * The features of one turn for the dialogue-act classifier, shared by training and inference so
 * both see the same thing. Numbers are neutralised first (an order number, a price or a date is
 * the fact that a number is there, never its digits), then: the speaker's role, character 1- and
 * 2-grams, cue words per act from the lexicon (negated cues count apart), question form, length,
 * and the turn's place in the conversation. The review-trained sentiment model was tried as a
 * feature: it changed no rule's cross-validated figures and doubled a turn's cost, so it is not one.
 */
import { ACT_CUES, DIALOGUE_ACTS, NEGATION_CUES, REFUSAL_AFTER, type DialogueAct } from './dialogue-act.lexicon';
import { normalizeForMatching } from './match.normalize';

export interface TurnContext {
  role: 'customer' | 'agent' | string;
  /** The turn's text already normalised for matching (the engine has it): saves doing it twice. */
  normalized?: string;
  /** The first turn of this role in the conversation. */
  firstOfRole?: boolean;
  /** The last turn of the conversation. */
  last?: boolean;
}

const CLAUSE = /[,，。.!！?？;；~～\n]/;

/** Long digit runs (order, tracking, product numbers) → #N; short ones (prices, counts) → #. */
export function neutraliseNumbers(text: string): string {
  return text.replace(/[0-9]+/g, (d) => (d.length >= 6 ? 'Ｎ' : '#'));
}

/** Every cue by its first character, so one pass over a turn finds them all. */
const CUES_BY_FIRST = (() => {
  const index = new Map<string, { cue: string; act: DialogueAct }[]>();
  for (const act of DIALOGUE_ACTS) {
    for (const raw of ACT_CUES[act] ?? []) {
      const cue = raw.toLowerCase();
      const list = index.get(cue[0]) ?? [];
      list.push({ cue, act });
      index.set(cue[0], list);
    }
  }
  return index;
})();

function cueFeatures(text: string, out: string[]): void {
  for (let at = 0; at < text.length; at++) {
    const candidates = CUES_BY_FIRST.get(text[at]);
    if (candidates === undefined) continue;
    for (const { cue, act } of candidates) {
      if (!text.startsWith(cue, at)) continue;
      // Up to three characters before the cue, within its clause (negation never crosses one).
      let from = at;
      while (from > 0 && at - from < 3 && !CLAUSE.test(text[from - 1])) from--;
      const before = text.slice(from, at);
      const negated = NEGATION_CUES.some((n) => before.includes(n));
      const refused = act === 'commitment' && REFUSAL_AFTER.some((r) => text.startsWith(r, at + cue.length));
      out.push(negated || refused ? `cue-:${act}` : `cue:${act}`);
    }
  }
}

/**
 * A turn's features in two parts: the characters (for the 1- and 2-gram features, which the
 * classifier looks up by character code instead of building a string per gram) and the rest.
 */
export interface TurnFeatures {
  role: 'c' | 'a';
  /** The turn's characters after normalisation, numbers neutralised, white space removed. */
  chars: string[];
  /** Every other feature, by name. */
  named: string[];
}

export function turnFeatures(rawText: string, ctx: TurnContext): TurnFeatures {
  const text = neutraliseNumbers(ctx.normalized ?? normalizeForMatching(rawText).text);
  const role = ctx.role === 'customer' ? 'c' : 'a';
  const named: string[] = [`role:${role}`];
  if (ctx.firstOfRole) named.push(`first:${role}`);
  if (ctx.last) named.push('last');
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length <= 3) named.push('len:short');
  else if (chars.length >= 30) named.push('len:long');
  if (/Ｎ/.test(text)) named.push('num:long');
  if (chars.length > 0 && chars.every((c) => /[#Ｎa-z\p{P}]/u.test(c))) named.push('num:only');
  if (/[?？]\s*$/.test(text) || /[吗呢么][\s~～。.!！]*$/.test(text)) named.push('q:form');
  if (/[!！]{2,}/.test(rawText)) named.push('excl:many');
  if (chars.length > 0) named.push(`start:${chars.slice(0, 2).join('')}`);
  cueFeatures(text, named);
  return { role, chars, named };
}

/** Feature names of the character grams: `c1:亲` (role and character), `2:亲您` (two characters). */
export const unigramName = (role: 'c' | 'a', ch: string) => `${role}1:${ch}`;
export const bigramName = (a: string, b: string) => `2:${a}${b}`;

/** Every feature of a turn by name (training; the classifier reads TurnFeatures directly). */
export function actFeatures(rawText: string, ctx: TurnContext): string[] {
  const { role, chars, named } = turnFeatures(rawText, ctx);
  const out = [...named];
  for (let i = 0; i < chars.length; i++) {
    out.push(unigramName(role, chars[i]));
    if (i + 1 < chars.length) out.push(bigramName(chars[i], chars[i + 1]));
  }
  return out;
}
