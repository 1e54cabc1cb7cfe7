/**
 * Finds a word written by sound rather than by character, so a red line cannot be dodged by
 * respelling: 「有柄吧」 for 有病吧, 「煞笔」「傻b」「sb」「shabi」 for 傻逼, 「爱买8买」 for 爱买不买,
 * 「你有bing吧」. Runs on text already normalised (match.normalize.ts: lower case, separators and
 * emoji between characters removed), so 「s.b」 and 「傻💢逼」 arrive here as 「sb」 and 「傻逼」.
 *
 * Each character of a word may be matched by:
 * - itself;
 * - a homophone: any character sharing a toneless pinyin reading with it (models/homophones.json,
 *   built from a pinyin table by scripts/text/build-homophones.ts);
 * - its pinyin written in Latin letters (「bing」), or, for a few insults and curses, its initial;
 * - a lone digit read as it (「8」 for 不: chat slang, also in that table).
 * Repeated characters (「傻傻逼」「爱爱买不买」) are read once.
 *
 * Limits that keep ordinary chat from matching (each measured against hard negatives in the tests):
 * - words of two characters or more only;
 * - function characters (你, 是, 不, 的… from the stop-word lists) must be written as they are
 *   (except in insults and curses, and by a digit: 8 for 不),
 *   and are never taken as the respelling of another (是 for 事 in 「数量是真多」);
 * - at most one character respelled by a homophone, except insults and curses, which may be
 *   respelled whole (煞笔); a two-character respelling that is itself a dictionary word (白吃 for
 *   白痴, 饲料 for 私聊, 本单 for 笨蛋) is never a match (the generated `realWords`);
 * - Latin spellings (pinyin, initials) must be a whole Latin token when nothing else is written
 *   (「usb」 is not 「sb」); initials only for insults and curses, and only all of them or beside
 *   a character written as is (「傻b」);
 * - a digit only beside two characters written as they are, and never inside a number.
 */
import table from './models/homophones.json';
import { getDefaultSegmenter } from './segmenter';

export interface HomophoneTable {
  origin: string;
  /** Character → its toneless readings, space separated. */
  syllables: Record<string, string>;
  /** Digit → the syllables it can stand for inside a word. */
  digits: Record<string, string>;
  /** Function characters, which must be written as they are. */
  functionChars: string;
  /** Respellings of the default lexicons' two-character words that are ordinary words. */
  realWords: string[];
}

const TABLE = table as HomophoneTable;

interface Position {
  char: string;
  syllables: readonly string[];
  /** Initials the character can be abbreviated to (s for sha, z and zh for zhi). */
  initials: readonly string[];
  soundable: boolean;
}

export interface SoundWord {
  word: string;
  positions: Position[];
  /**
   * The Chinese characters (UTF-16 codes) sharing a reading with the second position: what
   * couldContinue asks of the character after a start, answered by a set lookup built once per
   * list instead of reading that character's syllables at every candidate start.
   */
  secondSoundsLike: ReadonlySet<number>;
  /** Insults and curses: may be respelled whole (煞笔). */
  strong: boolean;
  /** May be written by its pinyin initials (sb). */
  byInitials: boolean;
}

export interface SoundWords {
  words: SoundWord[];
  /** First-position keys (a character, `s:` + syllable, or `l:` + Latin letter) → words. */
  byKey: Map<string, SoundWord[]>;
  /** A text character's UTF-16 code → the words that can start there (filled as characters are met). */
  startingAt: Map<number, readonly SoundWord[]>;
  /** Per UTF-16 unit: 0 not looked up, 1 no word starts there, 2 some may. */
  startMark: Uint8Array;
}

export interface SoundMatch {
  start: number;
  end: number;
  word: string;
}

const isCjk = (c: string | undefined) => c !== undefined && c >= '\u4e00' && c <= '\u9fff';
const isLatin = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/** isLatin by UTF-16 code (NaN, before the text's start, is none). */
const isLatinCode = (code: number) => code >= 0x61 && code <= 0x7a;
const isDigitCode = (code: number) => code >= 0x30 && code <= 0x39;
const isCjkCode = (code: number) => code >= 0x4e00 && code <= 0x9fff;

const syllablesCache = new Map<string, readonly string[]>();
export function syllablesOf(ch: string): readonly string[] {
  let s = syllablesCache.get(ch);
  if (s === undefined) {
    const raw = TABLE.syllables[ch];
    s = raw ? raw.split(' ') : [];
    syllablesCache.set(ch, s);
  }
  return s;
}

const FUNCTION_CHARS = new Set(Array.from(TABLE.functionChars));
const REAL_WORDS = new Set(TABLE.realWords);
const DIGIT_SYLLABLES = new Map(Object.entries(TABLE.digits).map(([d, s]) => [d, s.split(' ')]));

/** Syllable → the codes of the one-unit Chinese characters read so (isCjk and syllablesOf agree), built on first use. */
let charsBySyllable: Map<string, number[]> | undefined;
function charsReadAs(syllable: string): readonly number[] {
  if (charsBySyllable === undefined) {
    charsBySyllable = new Map();
    for (const ch of Object.keys(TABLE.syllables)) {
      if (ch.length !== 1 || !isCjk(ch)) continue;
      for (const s of syllablesOf(ch)) {
        const list = charsBySyllable.get(s);
        if (list === undefined) charsBySyllable.set(s, [ch.charCodeAt(0)]);
        else list.push(ch.charCodeAt(0));
      }
    }
  }
  return charsBySyllable.get(syllable) ?? [];
}

function initialsOf(syllable: string): string[] {
  const two = syllable.slice(0, 2);
  return two === 'zh' || two === 'ch' || two === 'sh' ? [syllable[0], two] : [syllable[0]];
}

/** Prepares a word list for sound matching (once per list: scorecards compile it). */
export function compileSoundWords(
  words: readonly string[],
  opts: { strong?: readonly string[]; initials?: readonly string[] } = {},
): SoundWords {
  const strongSet = new Set(opts.strong ?? []);
  const initialsSet = new Set(opts.initials ?? []);
  const list: SoundWord[] = [];
  for (const word of words) {
    const chars = Array.from(word);
    if (chars.length < 2 || !chars.every(isCjk)) continue;
    const positions = chars.map((char) => {
      const syllables = syllablesOf(char);
      return {
        char,
        syllables,
        initials: [...new Set(syllables.flatMap(initialsOf))],
        soundable: syllables.length > 0 && !FUNCTION_CHARS.has(char),
      };
    });
    if (!positions.some((p) => p.soundable || p.syllables.length > 0)) continue;
    const secondSoundsLike = new Set(positions[1].syllables.flatMap(charsReadAs));
    list.push({ word, positions, secondSoundsLike, strong: strongSet.has(word), byInitials: initialsSet.has(word) });
  }
  const byKey = new Map<string, SoundWord[]>();
  const add = (key: string, w: SoundWord) => {
    const at = byKey.get(key);
    if (at === undefined) byKey.set(key, [w]);
    else if (!at.includes(w)) at.push(w);
  };
  for (const w of list) {
    const p = w.positions[0];
    add(p.char, w);
    for (const s of p.syllables) {
      add(`s:${s}`, w);
      add(`l:${s[0]}`, w);
    }
  }
  return { words: list, byKey, startingAt: new Map(), startMark: new Uint8Array(0x10000) };
}

const NONE: readonly SoundWord[] = [];

/** The words that can start at character `c` of a text: looked up once per character and list. */
function wordsStartingAt(words: SoundWords, c: string): readonly SoundWord[] {
  let found = words.startingAt.get(c.charCodeAt(0));
  if (found !== undefined) return found;
  const keys: string[] = [c];
  if (isCjk(c)) for (const s of syllablesOf(c)) keys.push(`s:${s}`);
  else if (isLatin(c)) keys.push(`l:${c}`);
  else if (isDigit(c)) for (const s of DIGIT_SYLLABLES.get(c) ?? []) keys.push(`s:${s}`);
  const set = new Set<SoundWord>();
  for (const key of keys) for (const w of words.byKey.get(key) ?? []) set.add(w);
  found = set.size === 0 ? NONE : [...set];
  words.startingAt.set(c.charCodeAt(0), found);
  return found;
}

/**
 * Whether the character after a one-character start can be the word's second position: rules out
 * most candidates (「你」 followed by anything but 有/懂/是/瞎/妈/自…) without the full search. A
 * Latin start (a syllable or initial of several letters) or a repeated character is left to it.
 * Read by UTF-16 code (the word's characters are all one-unit Chinese ones): the next character
 * is the second position as written, a Latin letter or digit, or one of `secondSoundsLike`.
 */
function couldContinue(text: string, w: SoundWord, at: number): boolean {
  const c = text.charCodeAt(at);
  const n = text.charCodeAt(at + 1); // NaN past the end
  if (!isCjkCode(c) || n === c) return true;
  if (Number.isNaN(n)) return false;
  if (n === w.positions[1].char.charCodeAt(0) || isLatinCode(n) || isDigitCode(n)) return true;
  return w.secondSoundsLike.has(n);
}

interface Tally {
  exact: number;
  homophone: number;
  latin: number;
  initial: number;
  digit: number;
  /** Characters read once though typed several times. */
  repeated: number;
}

/** Reads position `i` of `w` as `advance` characters at `at` (counted in `field`) and goes on. */
function step(
  text: string,
  w: SoundWord,
  i: number,
  at: number,
  advance: number,
  field: keyof Tally,
  t: Tally,
  out: { tally?: Tally },
): number {
  const c = text[at];
  t[field]++;
  let to = at + advance;
  // A repeated character is read once (傻傻逼), unless the word repeats it too.
  if (advance === 1 && isCjk(c)) while (text[to] === c && w.positions[i + 1]?.char !== c) to++;
  const repeated = to - at - advance;
  t.repeated += repeated;
  const end = matchFrom(text, w, i + 1, to, t, out);
  t[field]--;
  t.repeated -= repeated;
  return end;
}

/** The end of `w` matched from `at`, or -1; explores respellings depth first. */
function matchFrom(text: string, w: SoundWord, i: number, at: number, t: Tally, out: { tally?: Tally }): number {
  if (i === w.positions.length) {
    out.tally = { ...t };
    return at;
  }
  if (at >= text.length) return -1;
  const p = w.positions[i];
  const c = text[at];
  if (c === p.char) {
    const end = step(text, w, i, at, 1, 'exact', t, out);
    if (end >= 0) return end;
  }
  if (p.syllables.length === 0) return -1;
  // A function character is never the respelling (是 for 事 in 「数量是真多」 is no dodge).
  if (
    isCjk(c) &&
    c !== p.char &&
    (p.soundable || w.strong) &&
    !FUNCTION_CHARS.has(c) &&
    syllablesOf(c).some((s) => p.syllables.includes(s))
  ) {
    const end = step(text, w, i, at, 1, 'homophone', t, out);
    if (end >= 0) return end;
  }
  if (isLatin(c)) {
    for (const s of p.syllables) {
      if (text.startsWith(s, at)) {
        const end = step(text, w, i, at, s.length, 'latin', t, out);
        if (end >= 0) return end;
      }
    }
    if (w.byInitials) {
      for (const s of p.initials) {
        if (text.startsWith(s, at)) {
          const end = step(text, w, i, at, s.length, 'initial', t, out);
          if (end >= 0) return end;
        }
      }
    }
  }
  if (isDigit(c) && !isDigit(text[at - 1]) && !isDigit(text[at + 1])) {
    if ((DIGIT_SYLLABLES.get(c) ?? []).some((s) => p.syllables.includes(s))) {
      const end = step(text, w, i, at, 1, 'digit', t, out);
      if (end >= 0) return end;
    }
  }
  return -1;
}

function acceptable(text: string, w: SoundWord, start: number, end: number, t: Tally): boolean {
  const k = w.positions.length;
  if (t.exact === k && t.repeated === 0) return false; // written as is: plain matching finds it
  const written = t.exact + t.homophone + t.digit; // positions written with characters
  if (t.homophone > 1 && !w.strong) return false;
  if (t.digit > 1 || (t.digit === 1 && t.exact < 2)) return false;
  if (t.initial > 0 && written > 0 && t.exact === 0) return false; // 「傻b」 yes, 「煞b」 no
  const edge = (c: string | undefined) => isLatin(c) || isDigit(c);
  if (written === 0 && (edge(text[start - 1]) || edge(text[end]))) return false;
  if (k === 2 && t.latin === 0 && t.initial === 0 && REAL_WORDS.has(text.slice(start, end))) return false;
  if (t.homophone > 0 && !onWordBoundaries(text, start, end)) return false;
  return true;
}

/** Characters either side of a match the boundary check segments with it. */
const BOUNDARY_CONTEXT = 4;

/**
 * A homophone respelling must stand as words of its own: 「收件人」 holds 件人 (贱人) and
 * 「手机什么」 holds 机什么 (急什么), but the segmenter cuts them as 收件人 and 手机/什么, so the
 * match starts inside a word and is no respelling. 「有柄吧」「煞笔」 are cut at the match's
 * edges. Measured on 62,846 real review and news sentences said by an agent (scripts/eval/
 * probe-red-lines.ts): most homophone hits there were such word fragments.
 */
function onWordBoundaries(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - BOUNDARY_CONTEXT);
  const to = Math.min(text.length, end + BOUNDARY_CONTEXT);
  const cuts = new Set<number>();
  for (const t of getDefaultSegmenter().tokenize(text.slice(from, to))) {
    cuts.add(t.start + from);
    cuts.add(t.end + from);
  }
  return cuts.has(start) && cuts.has(end);
}

/**
 * The leftmost sound-alike of one of the words in `text` (normalised), accepted by `accept`
 * when given (the caller's negation and exclusion checks), or null.
 */
export function findSoundAlike(
  text: string,
  words: SoundWords,
  accept?: (start: number, end: number) => boolean,
): SoundMatch | null {
  if (words.words.length === 0) return null;
  const tally: Tally = { exact: 0, homophone: 0, latin: 0, initial: 0, digit: 0, repeated: 0 };
  for (let at = 0; at < text.length; at++) {
    // Read by code until a word may start here (most characters start none): `text[at]` would
    // build a string per Chinese character only to be told so by startMark.
    const code = text.charCodeAt(at);
    // A Latin spelling starts a token: never inside 「usb」.
    if (isLatinCode(code) && isLatinCode(text.charCodeAt(at - 1))) continue;
    const mark = words.startMark[code];
    if (mark === 1) continue;
    const candidates = mark === 2 ? words.startingAt.get(code)! : wordsStartingAt(words, text[at]);
    if (mark === 0) words.startMark[code] = candidates.length === 0 ? 1 : 2;
    if (candidates.length === 0) continue;
    for (const w of candidates) {
      // Cheap test first: the second position must be reachable from the next character.
      if (!couldContinue(text, w, at)) continue;
      const out: { tally?: Tally } = {};
      const end = matchFrom(text, w, 0, at, tally, out);
      if (end < 0 || !out.tally || !acceptable(text, w, at, end, out.tally)) continue;
      if (accept && !accept(at, end)) continue;
      return { start: at, end, word: w.word };
    }
  }
  return null;
}
