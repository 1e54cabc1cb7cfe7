/**
 * Normalisation before keyword matching, so a red line cannot be dodged by spelling: 「加我薇 信」,
 * 「V-信」, 「ｖｘ」, 「微💬信」 and 「好平返现」 all read as the words they stand for. Each character of
 * the normalised text remembers where it came from, so evidence still points at the customer's
 * or agent's own characters.
 *
 * What it does, in order:
 * 1. folds full-width ASCII to half-width, circled/fullwidth digits to ASCII, Latin to lower case;
 * 2. drops zero-width characters, variation selectors and emoji anywhere;
 * 3. drops separator runs (spaces, - _ . · • * / \ | ~ and the like, at most 3 long) that stand
 *    BETWEEN two characters when at least one side is a CJK character, or the run is not a
 *    single plain space between Latin letters or digits (「v-x」 joins, 「add me」 does not);
 *    Chinese clause punctuation (，。！？；：) is never dropped: it bounds negation;
 * 4. maps homophones and letter variants to the word they stand for (VARIANTS below);
 * 5. writes amounts of money one way: 「伍元」「五块」「5 块」 → 「5元」, 「返 5 米」 → 「返5元」 (money.normalize.ts).
 * Symbols that stand for a word are read as it before other emoji are dropped: 🧧 红包, 💰 钱,
 * ➕ 加, and 「+」 before a contact (「+V」「+我」) 加.
 * Sound-alikes (「有柄吧」「sb」) are matched later, word by word (sound.match.ts).
 *
 * Editions: a scorecard names the edition its rules read (`text.normalize`), so a score keeps
 * the reading it was made with. Edition 1 is what scorecard v2 shipped with (steps 1-4 without
 * 神马, symbols or amounts); edition 2 added symbols, amounts and 神马 → 什么 (scorecard v3), and
 * folds lookalike letters by Unicode compatibility (NFKC: ⓥⓧ, 𝐕𝐗, ⼈ → 人), drops combining marks
 * laid over characters (微̶信̶) and reads common traditional characters as simplified (好評返現).
 */
import { FirstCharIndex } from './first-char.index';
import { normalizeMoney } from './money.normalize';
import { TRADITIONAL_TO_SIMPLIFIED } from './traditional.fold';

export interface NormalizedText {
  text: string;
  /**
   * For each UTF-16 unit of `text`, the index of the original unit it came from; null when the
   * text is the input unchanged (most messages: plain Chinese needs nothing undone).
   */
  origin: Int32Array | null;
  /** The original text. */
  source: string;
}

/** Spellings people use to slip a word past a filter → the word. Longest first is not needed: matched greedily by length. */
export const VARIANTS: Readonly<Record<string, string>> = Object.freeze({
  // 微信
  薇信: '微信',
  威信: '微信',
  徽信: '微信',
  維信: '微信',
  维信: '微信',
  微伈: '微信',
  微心: '微信',
  v信: '微信',
  w信: '微信',
  vx: '微信',
  wx: '微信',
  vchat: '微信',
  wechat: '微信',
  weixin: '微信',
  weix: '微信',
  卫星号: '微信号',
  // QQ
  扣扣: 'qq',
  企鹅号: 'qq',
  // reviews
  好平: '好评',
  好pin: '好评',
  haoping: '好评',
  郝评: '好评',
  hp: '好评',
  五星好平: '五星好评',
  反现: '返现',
  返钱: '返现',
  返xian: '返现',
  fanxian: '返现',
  // what speech recognition and pinyin typing make of common words
  多少变: '多少遍',
  几变了: '几遍了',
  人hua: '人话',
  ai买: '爱买',
  // payment
  支f宝: '支付宝',
  zfb: '支付宝',
});

/** Variants added in edition 2 (read by scorecard v3 on). */
export const VARIANTS_EDITION_2: Readonly<Record<string, string>> = Object.freeze({ 神马: '什么' });

/** The editions of this normalisation a scorecard may name (see the header). */
export type MatchEdition = 1 | 2;
export const LATEST_MATCH_EDITION: MatchEdition = 2;

/** Variants by their first character (by code), longest first: tried only where one can start. */
function variantIndex(variants: Readonly<Record<string, string>>): FirstCharIndex<string> {
  const index = new FirstCharIndex<string>();
  for (const key of Object.keys(variants).sort((a, b) => b.length - a.length)) index.add(key.charCodeAt(0), key);
  return index;
}
const VARIANTS_OF: Readonly<Record<MatchEdition, Readonly<Record<string, string>>>> = {
  1: VARIANTS,
  2: { ...VARIANTS, ...VARIANTS_EDITION_2 },
};
const VARIANTS_BY_FIRST: Readonly<Record<MatchEdition, FirstCharIndex<string>>> = {
  1: variantIndex(VARIANTS_OF[1]),
  2: variantIndex(VARIANTS_OF[2]),
};

/** Symbols read as a word (before emoji are dropped). */
const SYMBOL_WORDS: ReadonlyMap<number, string> = new Map([
  [0x1f9e7, '红包'], // 🧧
  [0x1f4b0, '钱'], // 💰
  [0x1f4b4, '钱'],
  [0x1f4b5, '钱'],
  [0x1f4b8, '钱'],
  [0x2795, '加'], // ➕
  [0x271a, '加'], // ✚
]);
/** 「+」 means 加 before a contact: +V, +vx, +Q, +微, +我. */
const PLUS_BEFORE_CONTACT = /^[\s]*[vVqQwW微薇威扣我ｖＶｑＱ]/;

const isCjkCode = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;
const isLatinOrDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

/** Separators that carry no meaning inside a word. */
const SEPARATORS = new Set(Array.from(' \t\u00a0\u3000-_.·•*/\\|~～=+^`‐‑‒–—―﹣－．'));

function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, marks
    cp === 0xfeff ||
    cp === 0x2060 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x1f000 && cp <= 0x1faff) || // emoji and pictographs
    (cp >= 0x2600 && cp <= 0x27bf) || // misc symbols, dingbats
    (cp >= 0x1f3fb && cp <= 0x1f3ff)
  );
}

/** Traditional characters of TRADITIONAL_TO_SIMPLIFIED, as a bitmap over the CJK block (a cheap test per character). */
const TRADITIONAL = (() => {
  const bits = new Uint8Array(0xa000 - 0x4e00);
  for (const ch of TRADITIONAL_TO_SIMPLIFIED.keys()) bits[ch.charCodeAt(0) - 0x4e00] = 1;
  return bits;
})();
const isTraditional = (c: number) => c >= 0x4e00 && c < 0xa000 && TRADITIONAL[c - 0x4e00] === 1;
const isCombining = (c: number) =>
  (c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x20d0 && c <= 0x20ff);

/** NFKC of a non-CJK code point when it differs (cached), else null: lookalike letters and digits. */
const COMPAT = new Map<number, string | null>();
function compatOf(cp: number): string | null {
  let out = COMPAT.get(cp);
  if (out === undefined) {
    const ch = String.fromCodePoint(cp);
    const n = ch.normalize('NFKC');
    out = n !== ch ? n : null;
    COMPAT.set(cp, out);
  }
  return out;
}
/** Whether edition 2 changes this BMP code point (CJK ideographs other than traditional ones never). */
/** Edition 2's fold: edition 1's, then traditional → simplified, then NFKC for what edition 1 leaves. */
function foldEdition2(cp: number): string {
  // A CJK ideograph: fold leaves it as it is, so only the traditional fold can change it (the
  // steps below, without building the character twice to find that out).
  if (cp >= 0x4e00 && cp <= 0x9fff) {
    const ch = String.fromCharCode(cp);
    return isTraditional(cp) ? TRADITIONAL_TO_SIMPLIFIED.get(ch)! : ch;
  }
  const first = fold(cp);
  if (first !== String.fromCodePoint(cp) || cp < 0x80) return first;
  if (isTraditional(cp)) return TRADITIONAL_TO_SIMPLIFIED.get(first)!;
  if (cp >= 0x4e00 && cp <= 0x9fff) return first;
  return (compatOf(cp) ?? first).toLowerCase();
}

/** Folds one code point: full-width ASCII, circled and full-width digits, case. */
function fold(cp: number): string {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp >= 0x2460 && cp <= 0x2468)
    cp = 0x31 + (cp - 0x2460); // ①..⑨
  else if (cp === 0x24ea)
    cp = 0x30; // ⓪
  else if (cp >= 0x1d7ce && cp <= 0x1d7ff) cp = 0x30 + ((cp - 0x1d7ce) % 10); // mathematical digits
  const ch = String.fromCodePoint(cp);
  return cp < 0x80 ? ch.toLowerCase() : ch;
}

/**
 * The text folded character for character, when folding is all it needs: every character
 * stays one UTF-16 unit, and nothing is dropped, joined, respelled or read as a symbol or an
 * amount (then the origin is the identity; a line nothing changes comes back as it is). Most chat
 * lines are this case: they need work only for a full-width comma or question mark. Each UTF-16
 * unit's decision is taken once per edition and kept in a table. Null sends the line through the passes below;
 * tests/core/text/match.normalize.fast.test.ts checks both give the same text.
 *
 * Respelling: with nothing dropped or joined, the passes' respelling step reads exactly the
 * folded text, so a line is respelled only if a variant occurs in its folded text. Characters
 * that merely start a variant (好 of 好平, 多 of 多少变, 支 of 支f宝) are common; a line with one
 * but no variant is still fold-only, and a line where a variant occurs goes through the passes
 * (which also decide whether it stands inside a Latin word).
 */
function foldedOnly(input: string, edition: MatchEdition): string | null {
  const table = FOLD_TABLES[edition];
  const variantsByFirst = VARIANTS_BY_FIRST[edition];
  // The output as the unchanged stretches of the input joined with the folded units between
  // them (a line folds one or two commas, not every character): no array of codes to build.
  let out: string | null = null;
  let unchangedFrom = 0;
  let variantFrom = -1; // the first unit where a variant may start
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    let f = table[c];
    if (f === UNKNOWN) f = table[c] = foldCode(c, edition);
    if (f === NEEDS_PASSES) return null;
    if (variantFrom < 0 && variantsByFirst.get(f) !== undefined) variantFrom = i;
    if (f !== c) {
      out = (out ?? '') + input.slice(unchangedFrom, i) + String.fromCharCode(f);
      unchangedFrom = i + 1;
    }
  }
  const folded = out === null ? input : out + input.slice(unchangedFrom);
  if (variantFrom >= 0) {
    for (let i = variantFrom; i < folded.length; i++) {
      for (const key of variantsByFirst.get(folded.charCodeAt(i)) ?? []) if (folded.startsWith(key, i)) return null;
    }
  }
  return folded;
}

/** Per edition, each UTF-16 unit's one-unit fold, NEEDS_PASSES, or UNKNOWN until first seen. */
const UNKNOWN = 0xffff;
const NEEDS_PASSES = 0xfffe;
const FOLD_TABLES: Record<MatchEdition, Uint16Array> = {
  1: new Uint16Array(0x10000).fill(UNKNOWN),
  2: new Uint16Array(0x10000).fill(UNKNOWN),
};

/** What foldedOnly does with one unit: the decision the passes would make, taken once. */
function foldCode(c: number, edition: MatchEdition): number {
  if (c >= 0xd800 && c <= 0xdfff) return NEEDS_PASSES; // astral
  if (c === UNKNOWN || c === NEEDS_PASSES) return NEEDS_PASSES;
  if (isInvisible(c) || (c >= 0x2460 && c <= 0x27bf)) return NEEDS_PASSES;
  if (edition >= 2 && (SYMBOL_WORDS.has(c) || c === 0x2b || c === 0xff0b || isCombining(c))) return NEEDS_PASSES;
  if (edition >= 2 && (c === 0x5143 || c === 0x5757 || c === 0x5706 || c === 0x7c73)) return NEEDS_PASSES; // 元 块 圆 米
  const ch = String.fromCharCode(c);
  if (SEPARATORS.has(ch)) return NEEDS_PASSES;
  const f = edition >= 2 ? foldEdition2(c) : fold(c);
  if (f.length !== 1 || SEPARATORS.has(f)) return NEEDS_PASSES;
  // Variants are looked for in the folded line by foldedOnly itself.
  return f.charCodeAt(0);
}

export function normalizeForMatching(input: string, edition: MatchEdition = LATEST_MATCH_EDITION): NormalizedText {
  const folded = foldedOnly(input, edition);
  if (folded !== null) return { text: folded, origin: null, source: input };
  return normalizeByPasses(input, edition);
}

/** The general case: fold, drop invisibles and separators inside words, respell, amounts (exported for the fast path's test). */
export function normalizeByPasses(input: string, edition: MatchEdition): NormalizedText {
  const symbols = edition >= 2;
  // Pass 1: fold, drop invisibles; keep each kept char's original index.
  const chars: string[] = [];
  const from: number[] = [];
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const word = !symbols
      ? undefined
      : (SYMBOL_WORDS.get(cp) ??
        ((cp === 0x2b || cp === 0xff0b) && PLUS_BEFORE_CONTACT.test(input.slice(i + 1, i + 4)) ? '加' : undefined));
    if (word !== undefined) {
      for (const ch of word) {
        chars.push(ch);
        from.push(i);
      }
    } else if (!isInvisible(cp) && !(symbols && isCombining(cp))) {
      chars.push(symbols ? foldEdition2(cp) : fold(cp));
      from.push(i);
    }
    i += width;
  }
  // Pass 2: drop short separator runs inside words.
  const kept: string[] = [];
  const keptFrom: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (SEPARATORS.has(chars[i])) {
      let j = i;
      while (j < chars.length && SEPARATORS.has(chars[j])) j++;
      const run = j - i;
      const before = kept.length ? kept[kept.length - 1].charCodeAt(0) : -1;
      const after = j < chars.length ? chars[j].charCodeAt(0) : -1;
      const wordBefore = before >= 0 && (isCjkCode(before) || isLatinOrDigit(before));
      const wordAfter = after >= 0 && (isCjkCode(after) || isLatinOrDigit(after));
      const digits = isDigitCode(before) && isDigitCode(after); // 3.5, 2026-10-12: numbers stay as written
      // 「v x」「Q Q」: single letters spaced apart are one word; 「add me」 keeps its space.
      const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
      const singleBefore =
        isLetter(kept[kept.length - 1]) && !isLatinOrDigit(kept[kept.length - 2]?.charCodeAt(0) ?? -1);
      const singleAfter = isLetter(chars[j]) && !isLatinOrDigit(chars[j + 1]?.charCodeAt(0) ?? -1);
      const plainSpaceBetweenLatin =
        run === 1 &&
        chars[i] === ' ' &&
        isLatinOrDigit(before) &&
        isLatinOrDigit(after) &&
        !(singleBefore && singleAfter);
      if (
        !digits &&
        run <= 3 &&
        wordBefore &&
        wordAfter &&
        (isCjkCode(before) || isCjkCode(after) || !plainSpaceBetweenLatin)
      ) {
        i = j - 1;
        continue;
      }
    }
    kept.push(chars[i]);
    keptFrom.push(from[i]);
  }
  // Pass 3: variants, greedily by length.
  let text = '';
  const origin: number[] = [];
  const joined = kept.join('');
  const unitFrom: number[] = [];
  kept.forEach((ch, k) => {
    for (let u = 0; u < ch.length; u++) unitFrom.push(keptFrom[k]);
  });
  // Characters no variant replaces are copied as whole stretches (`copiedTo` marks where the
  // copied text ends), not appended one string of one character at a time.
  let copiedTo = 0;
  for (let i = 0; i < joined.length;) {
    let matched = '';
    for (const key of VARIANTS_BY_FIRST[edition].get(joined.charCodeAt(i)) ?? []) {
      if (joined.startsWith(key, i)) {
        matched = key;
        break;
      }
    }
    if (matched && !latinInsideWord(joined, i, matched)) {
      const to = VARIANTS_OF[edition][matched];
      for (let u = 0; u < to.length; u++) origin.push(unitFrom[i + Math.min(u, matched.length - 1)]);
      text += joined.slice(copiedTo, i) + to;
      i += matched.length;
      copiedTo = i;
    } else {
      origin.push(unitFrom[i]);
      i++;
    }
  }
  text += joined.slice(copiedTo);
  if (edition < 2) return { text, origin: Int32Array.from(origin), source: input };
  const money = normalizeMoney(text, origin);
  return { text: money.text, origin: Int32Array.from(money.origin), source: input };
}

/** A Latin variant ("hp", "wx") only counts as a whole token: not inside "whp" or "wxyz". */
function latinInsideWord(s: string, at: number, piece: string): boolean {
  if (!/^[a-z]/.test(piece)) return false;
  const before = at > 0 ? s.charCodeAt(at - 1) : -1;
  const after = at + piece.length < s.length ? s.charCodeAt(at + piece.length) : -1;
  const latin = (c: number) => c >= 0x61 && c <= 0x7a;
  return latin(before) || (latin(after) && /[a-z]$/.test(piece));
}

/** A span [start, end) of the normalised text → the span of the original text it covers. */
export function toOriginalSpan(n: NormalizedText, start: number, end: number): [number, number] {
  if (n.origin === null) return [start, Math.max(start, end)];
  if (start >= n.origin.length) return [n.source.length, n.source.length];
  const from = n.origin[start];
  if (end <= start) return [from, from];
  const last = n.origin[Math.min(end, n.origin.length) - 1];
  // Just past the last original character covered (an astral character is two units).
  return [from, last + (n.source.codePointAt(last)! > 0xffff ? 2 : 1)];
}
