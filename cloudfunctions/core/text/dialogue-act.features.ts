/**
 * The features of one turn for the dialogue-act classifier, shared by training and inference so
 * both see the same thing. Numbers are neutralised first (an order number, a price or a date is
 * the fact that a number is there, never its digits), then: the speaker's role, character 1- and
 * 2-grams, cue words per act from the lexicon (negated cues count apart), question form, length,
 * and the turn's place in the conversation. The review-trained sentiment model was tried as a
 * feature: it changed no rule's cross-validated figures and doubled a turn's cost, so it is not one.
 */
import {
  ACT_CUES,
  ACT_CUES_ADDED_2,
  DIALOGUE_ACTS,
  NEGATION_CUES,
  REFUSAL_AFTER,
  type ActLexiconEdition,
  type DialogueAct,
} from './dialogue-act.lexicon';
import { FirstCharIndex } from './first-char.index';
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

interface Cue {
  cue: string;
  act: DialogueAct;
  /** The feature it gives (`cue:act`), and negated or refused (`cue-:act`): built once, not per turn. */
  name: string;
  negatedName: string;
}

type CueIndex = FirstCharIndex<Cue>;

/** Every cue by its first character, so one pass over a turn finds them all. */
function cueIndex(...lists: Readonly<Partial<Record<DialogueAct, readonly string[]>>>[]): CueIndex {
  const index: CueIndex = new FirstCharIndex();
  for (const cues of lists) {
    for (const act of DIALOGUE_ACTS) {
      for (const raw of cues[act] ?? []) {
        const cue = raw.toLowerCase();
        if (index.get(cue.charCodeAt(0))?.some((c) => c.cue === cue && c.act === act)) continue;
        index.add(cue.charCodeAt(0), { cue, act, name: `cue:${act}`, negatedName: `cue-:${act}` });
      }
    }
  }
  return index;
}

const CUES_BY_EDITION: Readonly<Record<ActLexiconEdition, CueIndex>> = {
  1: cueIndex(ACT_CUES),
  2: cueIndex(ACT_CUES, ACT_CUES_ADDED_2),
};

/**
 * Edition 2's turn shapes, on a customer turn's normalised text before numbers are neutralised:
 * ways of complaining that no fixed word list covers. Each with a character it cannot do
 * without, checked first (most turns have none of them, and indexOf is cheaper than a regex).
 */
const SHAPES_2: readonly (readonly [string, RegExp, RegExp])[] = [
  // a thing that will not work: 充不进, 连不上, 关不上, 盖不严, 打不开
  ['shape:cannot', /不/, /[\u4e00-\u9fff]不(进|上|开|动|出来|起来|亮|住|严|下去|着)/],
  // it happened again, or for long: 又, 还是, 第三次, 天天, 都一周了
  ['shape:again', /[又还再次天每总]/, /又|还是|再次|第[二三四五几\d]次|[三四五几\d]次了|天天|每次|总是/],
  ['shape:waited', /了/, /(都|已经)?[\d一二三四五六七八九十几两半]+(天|周|个月|小时|星期|分钟)了/],
  // blame and a demand for redress: 你们得负责, 你们看怎么办吧, 凭什么
  [
    'shape:blame',
    /[负说赔办意赖凭]/,
    /(你们|你)[^，,。!?！？]{0,4}(负责|说法|赔|怎么办吧|什么意思|想赖)|凭什么|谁(来)?负责/,
  ],
  // intensity on a bad word: 太差, 真烂, 特别烫, 很失望
  [
    'shape:intense',
    /[差烂慢烦坑过失烫难]/,
    /(太|真|特别|超级|很|好|非常)(差|烂|慢|烦|麻烦|坑|过分|失望|烫|难用|难吃|难闻)/,
  ],
  // a complaint number or escalation written with digits (neutralised below): 12315, 12345
  ['shape:hotline', /123/, /12315|12345/],
];

function cueFeatures(text: string, out: string[], cues: CueIndex): void {
  for (let at = 0; at < text.length; at++) {
    const candidates = cues.get(text.charCodeAt(at));
    if (candidates === undefined) continue;
    for (const { cue, act, name, negatedName } of candidates) {
      if (!text.startsWith(cue, at)) continue;
      // Up to three characters before the cue, within its clause (negation never crosses one).
      let from = at;
      while (from > 0 && at - from < 3 && !CLAUSE.test(text[from - 1])) from--;
      const before = text.slice(from, at);
      const negated = NEGATION_CUES.some((n) => before.includes(n));
      const refused = act === 'commitment' && REFUSAL_AFTER.some((r) => text.startsWith(r, at + cue.length));
      out.push(negated || refused ? negatedName : name);
    }
  }
}

/**
 * A turn's features in two parts: the characters (for the 1- and 2-gram features, which the
 * classifier looks up by code point instead of building a string per gram) and the rest.
 */
export interface TurnFeatures {
  role: 'c' | 'a';
  /**
   * The turn's characters after normalisation, numbers neutralised, white space removed, as one
   * string: the grams are over its code points (`[...chars]`), and the classifier walks them with
   * codePointAt instead of allocating a string per character.
   */
  chars: string;
  /** Every other feature, by name. */
  named: string[];
}

const WHITE_SPACE = /\s+/g;
const LONG_NUMBER = /Ｎ/;
/** Every character a digit placeholder, a Latin letter or punctuation (tested code point by code point). */
const NUMBERS_ONLY = /^[#Ｎa-z\p{P}]+$/u;
const QUESTION_MARK_END = /[?？]\s*$/;
const QUESTION_WORD_END = /[吗呢么][\s~～。.!！]*$/;
const EXCLAMATIONS = /[!！]{2,}/;
const ROLE_FEATURE = { c: 'role:c', a: 'role:a' } as const;
const FIRST_FEATURE = { c: 'first:c', a: 'first:a' } as const;

/** The number of code points of `s` (what `[...s].length` counts), without building the array. */
function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The first `n` code points of `s` (what `[...s].slice(0, n).join('')` gives). */
function firstCodePoints(s: string, n: number): string {
  let end = 0;
  for (let k = 0; k < n && end < s.length; k++) end += (s.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  return s.slice(0, end);
}

export function turnFeatures(rawText: string, ctx: TurnContext, lexicon: ActLexiconEdition = 1): TurnFeatures {
  const normalized = ctx.normalized ?? normalizeForMatching(rawText).text;
  const text = neutraliseNumbers(normalized);
  const role = ctx.role === 'customer' ? 'c' : 'a';
  const named: string[] = [ROLE_FEATURE[role]];
  if (ctx.firstOfRole) named.push(FIRST_FEATURE[role]);
  if (ctx.last) named.push('last');
  const chars = text.replace(WHITE_SPACE, '');
  const length = codePointCount(chars);
  if (length <= 3) named.push('len:short');
  else if (length >= 30) named.push('len:long');
  if (LONG_NUMBER.test(text)) named.push('num:long');
  if (length > 0 && NUMBERS_ONLY.test(chars)) named.push('num:only');
  if (QUESTION_MARK_END.test(text) || QUESTION_WORD_END.test(text)) named.push('q:form');
  if (EXCLAMATIONS.test(rawText)) named.push('excl:many');
  if (length > 0) named.push(`start:${firstCodePoints(chars, 2)}`);
  cueFeatures(text, named, CUES_BY_EDITION[lexicon]);
  if (lexicon >= 2 && role === 'c')
    for (const [name, needs, shape] of SHAPES_2) if (needs.test(normalized) && shape.test(normalized)) named.push(name);
  return { role, chars, named };
}

/** Feature names of the character grams: `c1:亲` (role and character), `2:亲您` (two characters). */
export const unigramName = (role: 'c' | 'a', ch: string) => `${role}1:${ch}`;
export const bigramName = (a: string, b: string) => `2:${a}${b}`;

/** Every feature of a turn by name (training; the classifier reads TurnFeatures directly). */
export function actFeatures(rawText: string, ctx: TurnContext, lexicon: ActLexiconEdition = 1): string[] {
  const { role, chars: text, named } = turnFeatures(rawText, ctx, lexicon);
  const chars = [...text];
  const out = [...named];
  for (let i = 0; i < chars.length; i++) {
    out.push(unigramName(role, chars[i]));
    if (i + 1 < chars.length) out.push(bigramName(chars[i], chars[i + 1]));
  }
  return out;
}
