/**
 * PII masking, applied to every message and every free text a person types or a sender sends,
 * before it is stored or shown.
 *
 * Detected: mainland mobile numbers, resident ID-card numbers (GB 11643), bank-card numbers
 * (Luhn) and e-mail addresses. Masked forms:
 *   phone    `138****5678`           first 3 and last 4 of the 11-digit number; a `+86`/`86`/
 *                                    `0086` prefix and any separators are dropped.
 *   idcard   `1101**********1234`    first 4 (province + city: coarse region only) and last 4;
 *                                    the birth date is always hidden.
 *   bankcard `************1234`      last 4 only (what banks print on receipts); grouping is
 *                                    dropped so the mask cannot be re-split into a number.
 *   email    `z***@example.com`      first character of the local part and the domain, written
 *                                    plainly (`(at)`, `。`, ` dot ` become `@` and `.`).
 *
 * What counts as a number is what a person would read as one, not what a regex sees:
 *   - digits: ASCII, full-width (`１`), every Unicode decimal digit set (mathematical `𝟏`,
 *     Arabic-Indic, ...), circled/parenthesised/keycap forms (`①`, `⑴`, `❶`, `1️⃣`),
 *     super/subscripts, and Chinese numerals (`一三九`, `幺` for 1, `壹叁玖`, `〇`/`零`);
 *   - separators between digit groups: spaces of any kind (several in a row too, NBSP,
 *     ideographic space), hyphens and dashes (`-–—−－`), dots (`.·。．`), slashes and closing
 *     brackets (`(139)12345678`; the opening one precedes the number), at most 4 in a row;
 *     invisible characters (zero-width space, joiners, BOM, soft hyphen, variation selectors)
 *     are read through as if absent;
 *   - boundaries: anything else. Latin letters are boundaries, so `tel13912345678` and
 *     `wx13912345678` are numbers, but a digit is never split from the digits it touches:
 *     `138123456789` (12 digits) is no phone and `SF1234567890123` no card. A switch between
 *     Chinese numerals and other digits starts a new group (`一13812345678`).
 *   - `X`/`x`/`Ｘ`/`ｘ` glued to the last digit is an ID card's check character.
 * A number is then a run of digit groups, and a finding is a contiguous whole-group slice of a
 * run: 11 digits `1[3-9]…` (after an optional 86/0086) for a phone, 18 characters passing the
 * ID checks, 16-19 digits grouped as cards are printed (one block, fours, or 6+rest) passing
 * Luhn with an issuer digit for a card. Whole groups only, so `2026-10-12`, `￥139.00`, a
 * 12-digit order number or a tracking number never contain a phone. Four dot-separated groups
 * of at most 3 digits are an IPv4 address, not a phone. The price of accepting any grouping:
 * unrelated numbers a space apart whose digits happen to add up (`139 129 119 99`, four prices)
 * are masked as one phone number. Accepted, because odd groupings are how numbers are slipped
 * past a checker (`1-351-6556634`, found in a public review corpus).
 *
 * A number that fails its check (GB 11643, Luhn) still counts when words just before it name
 * it: 「身份证 110105…」, 「卡号 / 银行卡 / 建设银行 6227…」 (see ID_CONTEXT below).
 *
 * Precedence where candidates overlap (earlier wins, later ones skip claimed characters):
 *   email > idcard > bankcard > phone.
 *   - An e-mail address such as `13812345678@163.com` is one finding, not a phone.
 *   - An 18-character string that passes the ID checksum, the province code and a real birth
 *     date is an ID card even when it is also Luhn-valid: the ID checks are far more specific
 *     (about 1 in 11 × ~20 random strings pass) than Luhn (1 in 10).
 *
 * Cost: linear in the text's length. Every pass reads each character a bounded number of times
 * (ownership is one byte per character, digit groups are tried at most 19 digits ahead, e-mail
 * scans stop at the previous marker), and no regular expression runs over the text. The old
 * masker compared each match with every earlier one: 20,000 phone numbers took 31 s.
 * `npm run bench:mask` measures n against 10n.
 */
import type { MessageRole, PiiFinding, PiiType } from '../model';

export interface MaskResult {
  text: string;
  findings: PiiFinding[];
}

interface Candidate {
  type: PiiType;
  /** Span in the original text, [start, end). */
  start: number;
  end: number;
  masked: string;
  /** Accepted only on the words naming it (its check failed). */
  named?: true;
}

// ---------------------------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------------------------

/** Chinese numerals: everyday, financial (大写) and traditional forms; 幺 is how 1 is read in numbers. */
const CHINESE_NUMERALS: ReadonlyMap<number, number> = new Map(
  ['〇零', '一幺壹', '二贰貳', '三叁參', '四肆', '五伍', '六陆陸', '七柒', '八捌', '九玖'].flatMap((chars, value) =>
    [...chars].map((c): [number, number] => [c.codePointAt(0) as number, value]),
  ),
);

/** Digits that are not Unicode decimal digits: [first, last, value of first]. */
const ENCLOSED_DIGITS: readonly (readonly [number, number, number])[] = [
  [0x00b2, 0x00b3, 2], // ² ³
  [0x00b9, 0x00b9, 1], // ¹
  [0x2070, 0x2070, 0], // ⁰
  [0x2074, 0x2079, 4], // ⁴-⁹
  [0x2080, 0x2089, 0], // ₀-₉
  [0x2460, 0x2468, 1], // ①-⑨
  [0x2474, 0x247c, 1], // ⑴-⑼
  [0x2488, 0x2490, 1], // ⒈-⒐
  [0x24ea, 0x24ea, 0], // ⓪
  [0x24f5, 0x24fd, 1], // ⓵-⓽
  [0x24ff, 0x24ff, 0], // ⓿
  [0x2776, 0x277e, 1], // ❶-❾
  [0x2780, 0x2788, 1], // ➀-➈
  [0x278a, 0x2792, 1], // ➊-➒
  [0x3220, 0x3228, 1], // ㈠-㈨
  [0x3280, 0x3288, 1], // ㊀-㊈
  [0x1f100, 0x1f100, 0], // 🄀
  [0x1f101, 0x1f10a, 0], // 🄁-🄊
  [0x1f10b, 0x1f10c, 0], // 🄋 🄌
];

const DECIMAL_DIGIT = /\p{Nd}/u;
/**
 * Value of a BMP code point read as a digit, -1 for none, -2 not yet looked up: filled as code
 * points are met, so Chinese text costs one array read per character.
 */
const bmpDigits = new Int8Array(0x10000).fill(-2);
const astralDigits = new Map<number, number>();

/**
 * Unicode encodes every decimal digit set as 10 contiguous code points from 0 to 9 (sets may
 * abut, as the five mathematical styles do), so a digit's value is its distance from the start
 * of its stretch of decimal digits, modulo 10.
 */
function decimalDigitValue(cp: number): number {
  let first = cp;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first -= 1;
  return (cp - first) % 10;
}

function digitValue(cp: number): number {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39 ? cp - 0x30 : -1;
  const known = cp < 0x10000 ? bmpDigits[cp] : (astralDigits.get(cp) ?? -2);
  if (known !== -2) return known;
  let value = CHINESE_NUMERALS.get(cp) ?? -1;
  if (value < 0) {
    for (const [first, last, v] of ENCLOSED_DIGITS) if (cp >= first && cp <= last) value = v + cp - first;
  }
  if (value < 0 && DECIMAL_DIGIT.test(String.fromCodePoint(cp))) value = decimalDigitValue(cp);
  if (cp < 0x10000) bmpDigits[cp] = value;
  else astralDigits.set(cp, value);
  return value;
}

/** Read through as if absent: zero-width and bidi controls, BOM, soft hyphen, variation selectors, keycap. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x20dd ||
    cp === 0x20e3 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  );
}

function isSpace(cp: number): boolean {
  return (
    cp === 0x20 ||
    cp === 0x09 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

const DOT = 1;
const OTHER_SEPARATOR = 2;
/**
 * Closing brackets separate (`(139)1234…`: the opening one precedes the number); opening ones
 * do not, since `1799（1999-200）` is a price and its sum, not a phone number.
 */
const SEPARATORS: ReadonlyMap<number, number> = new Map(
  [...'-‐‑‒–—―−﹘﹣－/／\\)）]】·・･•‧。．｡'].map((c): [number, number] => [
    c.codePointAt(0) as number,
    OTHER_SEPARATOR,
  ]),
);

/** DOT for `.`, OTHER_SEPARATOR for the other characters people put between digit groups, 0 for none. */
function separatorKind(cp: number): number {
  if (cp === 0x2e) return DOT;
  if (isSpace(cp)) return OTHER_SEPARATOR;
  return SEPARATORS.get(cp) ?? 0;
}

/** More separators than this in a row end the number: `电话 138 … 5678` is one, a table row is not. */
const MAX_GAP = 4;

function isCheckCharacter(cp: number): boolean {
  return cp === 0x58 || cp === 0x78 || cp === 0xff38 || cp === 0xff58;
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '（': '）', '[': ']', '【': '】' };

/** Full-width ASCII forms (`ａ`, `＿`) as ASCII, for e-mail addresses typed with a Chinese IME. */
function foldWidth(c: number): number {
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isLocalPartChar(c: number): boolean {
  const f = foldWidth(c);
  return isAlnum(f) || f === 0x2e || f === 0x5f || f === 0x25 || f === 0x2b || f === 0x2d;
}

function isDomainChar(c: number): boolean {
  const f = foldWidth(c);
  return isAlnum(f) || f === 0x2d;
}

function folded(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0xff01) i += 1;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i += 1) out += String.fromCharCode(foldWidth(s.charCodeAt(i)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
// GB/T 2260 province-level codes (plus 83 for Taiwan residence permits).
const ID_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

export function isValidIdCard(id: string): boolean {
  if (!isIdCardShaped(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11] === id[17].toUpperCase();
}

/** An ID card's shape: 17 digits and a check character, a province code and a real birth date; the check itself not tested. */
export function isIdCardShaped(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!ID_PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= monthDays[month - 1];
}

/**
 * A number right after words that name it (「身份证 110105…」, 「卡号 6227…」, 「建设银行 6227…」) is
 * that number even when its check digit is wrong: a mistyped or made-up ID still shows a birth
 * date and region, and an agent writing one out is a disclosure (scorecard v2's pii-leak). Only
 * ID- and card-shaped numbers are taken on their context; elsewhere the GB 11643 and Luhn checks
 * decide, so order and tracking numbers, which no such word precedes, stay readable.
 */
const ID_CONTEXT = /(身份证|证件号|身份号码|证号)[^。！？!?\n]{0,6}$/;
const CARD_CONTEXT = /(卡号|银行卡|储蓄卡|信用卡|借记卡|银行|那张卡|卡是)[^。！？!?\n]{0,6}$/;
const CONTEXT_CHARS = 16;

/** Marks a candidate taken only on its naming words. */
function named(byWords: boolean, c: Candidate): Candidate {
  if (byWords) c.named = true;
  return c;
}

function namedBefore(text: string, start: number, words: RegExp): boolean {
  return words.test(text.slice(Math.max(0, start - CONTEXT_CHARS), start));
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Card numbers start with an issuer digit: 3 (JCB/Amex), 4 (Visa), 5 (Mastercard), 6 (UnionPay)
 * or 9 (older domestic debit cards). Requiring it keeps date-prefixed order numbers
 * (`2024031512345678`) out even when they happen to pass Luhn.
 */
const CARD_ISSUERS = [0x33, 0x34, 0x35, 0x36, 0x39];

function isPlausibleBankCard(digits: string): boolean {
  return digits.length >= 16 && digits.length <= 19 && /^[34569]/.test(digits) && isLuhnValid(digits);
}

const MOBILE = /^1[3-9]\d{9}$/;

/** The 11-digit mobile number in `digits` (bare, or after 86 / 0086), or null. */
function mobileOf(digits: string): string | null {
  const national =
    digits.length === 11 ? digits : digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : null;
  if (national !== null) return MOBILE.test(national) ? national : null;
  return digits.length === 15 && digits.startsWith('0086') && MOBILE.test(digits.slice(4)) ? digits.slice(4) : null;
}

// ---------------------------------------------------------------------------------------------
// Numbers: runs of digit groups
// ---------------------------------------------------------------------------------------------

const DIGITS = '0123456789';

/** Gap before a group: none (a switch of numeral script), one `.`, or anything else. */
const GAP_NONE = 0;
const GAP_ONE_DOT = 1;
const GAP_OTHER = 2;

/**
 * The digit groups of one run, in typed arrays grown by doubling: one run can hold every number
 * of a 240 KB push, and typed arrays give the garbage collector nothing to trace or copy.
 */
class Run {
  count = 0;
  /** Digits in all groups: fewer than 11 hold nothing to find, the common case (`一个`, `3件`). */
  total = 0;
  /** The digits of all groups, as ASCII codes; group k is digits[off[k] .. off[k + 1]). */
  digits = new Uint8Array(64);
  off = new Int32Array(17);
  /** Span of the group's digits in the text (invisible characters inside included). */
  start = new Int32Array(16);
  end = new Int32Array(16);
  /** End of an ID check character glued to the group, or -1. */
  checkEnd = new Int32Array(16);
  gapBefore = new Uint8Array(16);
  /** Index of the candidate that claimed the group, or -1. */
  owner = new Int32Array(16);
  // Scanner state: inside a group (and of which numeral script), separators since the last digit.
  groupOpen = false;
  groupChinese = false;
  gapChars = 0;
  gapKind = GAP_NONE;

  open(at: number, gap: number): void {
    const k = this.count;
    if (k === this.start.length) this.growGroups();
    this.count += 1;
    this.off[k] = this.total;
    this.off[k + 1] = this.total;
    this.start[k] = at;
    this.end[k] = at;
    this.checkEnd[k] = -1;
    this.gapBefore[k] = k === 0 ? GAP_OTHER : gap;
    this.owner[k] = -1;
  }

  /** Appends a digit to the last group. */
  push(digit: number, end: number): void {
    if (this.total === this.digits.length) this.digits = grown(this.digits, this.digits.length * 2);
    this.digits[this.total] = 0x30 + digit;
    this.total += 1;
    this.off[this.count] = this.total;
    this.end[this.count - 1] = end;
  }

  /** Length of group k's digits. */
  len(k: number): number {
    return this.off[k + 1] - this.off[k];
  }

  /** The digits of groups i..j as a string. */
  text(i: number, j: number): string {
    let s = '';
    for (let p = this.off[i]; p < this.off[j + 1]; p += 1) s += DIGITS[this.digits[p] - 0x30];
    return s;
  }

  private growGroups(): void {
    const n = this.start.length * 2;
    this.off = grown(this.off, n + 1);
    this.start = grown(this.start, n);
    this.end = grown(this.end, n);
    this.checkEnd = grown(this.checkEnd, n);
    this.gapBefore = grown(this.gapBefore, n);
    this.owner = grown(this.owner, n);
  }
}

function grown<T extends Uint8Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** Cards are written in one block, in fours (the last block 1-7 digits), or 6 + the rest. */
function isCardGrouping(run: Run, i: number, j: number): boolean {
  if (i === j) return true;
  if (j === i + 1 && run.len(i) === 6) return run.len(j) >= 10;
  for (let k = i; k < j; k += 1) if (run.len(k) !== 4) return false;
  return run.len(j) <= 7;
}

/** `139.224.12.34`: four dot-separated groups of 1-3 digits is an IPv4 address. */
function isIpv4Shape(run: Run, i: number, j: number): boolean {
  if (j - i !== 3) return false;
  for (let k = i; k <= j; k += 1) {
    if (run.len(k) > 3 || (k > i && run.gapBefore[k] !== GAP_ONE_DOT)) return false;
  }
  return true;
}

type Accept = (digits: string, i: number, j: number) => Candidate | null;

/** What one kind of number looks like as a slice of a run's digits. */
interface SliceRule {
  /**
   * Whether a slice may start at digit p of the run (digits as ASCII codes, `total` of them):
   * most starts are rejected on their first digits before any string is built.
   */
  starts: (d: Uint8Array, p: number, total: number) => boolean;
  /** Bit n set: a slice of n digits is worth offering to `accept`. */
  lengths: number;
  maxDigits: number;
  /** Keep the longest accepted slice from a start rather than the first (cards: 16 of 19 digits may pass Luhn). */
  longest: boolean;
  accept: Accept;
}

const bits = (...ns: number[]): number => ns.reduce((m, n) => m | (1 << n), 0);

/**
 * Claims whole-group slices of the run, leftmost first: from each unclaimed group, extends over
 * following groups up to `maxDigits` digits and keeps the slice that `accept` takes. At most
 * `maxDigits` groups per start, one string per accepted length: linear in the run.
 */
function claimSlices(run: Run, found: Candidate[], rule: SliceRule): void {
  const off = run.off;
  for (let i = 0; i < run.count; i += 1) {
    if (run.owner[i] >= 0 || !rule.starts(run.digits, off[i], run.total)) continue;
    let best: Candidate | null = null;
    let bestEnd = i;
    for (let j = i; j < run.count && run.owner[j] < 0; j += 1) {
      const length = off[j + 1] - off[i];
      if (length > rule.maxDigits) break;
      if (((rule.lengths >> length) & 1) === 0) continue;
      const c = rule.accept(run.text(i, j), i, j);
      if (c) {
        best = c;
        bestEnd = j;
        if (!rule.longest) break;
      }
    }
    if (best) {
      for (let k = i; k <= bestEnd; k += 1) run.owner[k] = found.length;
      found.push(best);
      i = bestEnd;
    }
  }
}

/** Widens a span over an opening bracket whose closer lies inside it: `(139)1234…` masks whole. */
function withOpeningBracket(text: string, owned: Uint8Array | null, start: number, end: number): number {
  const before = start - 1;
  if (before < 0 || owned?.[before]) return start;
  const closer = CLOSERS[text[before]];
  return closer !== undefined && text.slice(start, end).includes(closer) ? before : start;
}

function candidatesOfRun(text: string, owned: Uint8Array | null, run: Run, out: Candidate[]): void {
  const found: Candidate[] = [];
  const span = (type: PiiType, i: number, end: number, masked: string, prefixed = false): Candidate => {
    let start = run.start[i];
    // `+86 138…`: the plus goes with the country code it belongs to.
    const plus = start - 1;
    if (prefixed && plus >= 0 && !owned?.[plus] && (text[plus] === '+' || text[plus] === '＋')) start = plus;
    return { type, start: withOpeningBracket(text, owned, start, end), end, masked };
  };
  claimSlices(run, found, {
    // A province code, then a birth year from 19xx or 20xx.
    starts: (d, p, total) =>
      p + 17 <= total &&
      ID_PROVINCES.has((d[p] - 0x30) * 10 + d[p + 1] - 0x30) &&
      ((d[p + 6] === 0x31 && d[p + 7] === 0x39) || (d[p + 6] === 0x32 && d[p + 7] === 0x30)),
    lengths: bits(17, 18),
    maxDigits: 18,
    longest: false,
    accept: (digits, i, j) => {
      const checked = digits.length === 17 && run.checkEnd[j] >= 0;
      if (!checked && digits.length !== 18) return null;
      const id = checked ? `${digits}X` : digits;
      const valid = isValidIdCard(id);
      if (!valid && !(isIdCardShaped(id) && namedBefore(text, run.start[i], ID_CONTEXT))) return null;
      const end = checked ? run.checkEnd[j] : run.end[j];
      return named(!valid, span('idcard', i, end, `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`));
    },
  });
  claimSlices(run, found, {
    starts: (d, p) => CARD_ISSUERS.includes(d[p]),
    lengths: bits(16, 17, 18, 19),
    maxDigits: 19,
    longest: true,
    accept: (digits, i, j) => {
      if (!isCardGrouping(run, i, j)) return null;
      const plausible = isPlausibleBankCard(digits);
      if (!plausible && !namedBefore(text, run.start[i], CARD_CONTEXT)) return null;
      return named(!plausible, span('bankcard', i, run.end[j], `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`));
    },
  });
  claimSlices(run, found, {
    // 1[3-9], 861, 00861.
    starts: (d, p, total) => {
      const q = d[p] === 0x38 && d[p + 1] === 0x36 ? p + 2 : d[p] === 0x30 && d[p + 1] === 0x30 ? p + 4 : p;
      return q + 1 < total && d[q] === 0x31 && d[q + 1] >= 0x33 && d[q + 1] <= 0x39;
    },
    lengths: bits(11, 13, 15),
    maxDigits: 15,
    longest: false,
    accept: (digits, i, j) => {
      const mobile = mobileOf(digits);
      if (mobile === null || isIpv4Shape(run, i, j)) return null;
      return span('phone', i, run.end[j], `${mobile.slice(0, 3)}****${mobile.slice(7)}`, digits.length > 11);
    },
  });
  // Emit in text order: groups are in order and each candidate covers consecutive groups.
  for (let k = 0; k < run.count; k += 1) {
    const o = run.owner[k];
    if (o >= 0 && (k === 0 || run.owner[k - 1] !== o)) out.push(found[o]);
  }
}

/** Ends the current run: finds what its groups hold and starts afresh. */
function endRun(text: string, owned: Uint8Array | null, run: Run, out: Candidate[]): void {
  if (run.total >= 11) candidatesOfRun(text, owned, run, out);
  run.count = 0;
  run.total = 0;
  run.groupOpen = false;
  run.gapChars = 0;
}

/** Numbers outside `owned` (the e-mail addresses already found), in text order. */
function detectNumbers(text: string, owned: Uint8Array | null): Candidate[] {
  const out: Candidate[] = [];
  const run = new Run();
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const d = owned !== null && owned[i] ? -1 : digitValue(cp);
    if (d >= 0) {
      const chinese = CHINESE_NUMERALS.has(cp);
      if (!run.groupOpen || chinese !== run.groupChinese) {
        run.open(i, run.groupOpen ? GAP_NONE : run.gapKind);
        run.groupOpen = true;
        run.groupChinese = chinese;
      }
      run.push(d, i + width);
      run.gapChars = 0;
      run.gapKind = GAP_NONE;
    } else if (run.count === 0) {
      // Between numbers: nothing to track.
    } else if (owned !== null && owned[i]) {
      endRun(text, owned, run, out);
    } else if (isInvisible(cp)) {
      // Read through: neither a digit nor a separator. Inside a group (a keycap's U+FE0F U+20E3
      // after its digit) it goes with the digits it decorates.
      if (run.groupOpen) run.end[run.count - 1] = i + width;
    } else if (run.groupOpen && isCheckCharacter(cp)) {
      run.checkEnd[run.count - 1] = i + width;
      endRun(text, owned, run, out);
    } else {
      const kind = separatorKind(cp);
      if (kind === 0) {
        endRun(text, owned, run, out);
      } else {
        run.groupOpen = false;
        run.gapChars += 1;
        run.gapKind = run.gapChars === 1 && kind === DOT ? GAP_ONE_DOT : GAP_OTHER;
        if (run.gapChars > MAX_GAP) endRun(text, owned, run, out);
      }
    }
    i += width;
  }
  endRun(text, owned, run, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses
// ---------------------------------------------------------------------------------------------

interface Marker {
  end: number;
  /** A symbol (`@`, `。`), a word in brackets (`(at)`) or a bare word between spaces (` at `). */
  form: 'symbol' | 'bracketed' | 'bare';
}

/** Up to 3 spaces from `i`: the index after them. */
function skipSpaces(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 3 && isSpace(text.charCodeAt(j))) j += 1;
  return j;
}

/** `word` (ASCII or full-width, any case) at `i`, or -1; the index after it otherwise. */
function wordAt(text: string, i: number, word: string): number {
  for (let k = 0; k < word.length; k += 1) {
    const c = foldWidth(text.charCodeAt(i + k)) | 0x20;
    if (c !== word.charCodeAt(k)) return -1;
  }
  return i + word.length;
}

/**
 * A spelled-out symbol starting at `i`: `(at)`, `[at]`, `（at）`, `【at】` (spaces allowed around
 * them), or ` at ` between spaces; `symbols` are the one-character forms.
 */
function markerAt(text: string, i: number, word: string, symbols: string): Marker | null {
  const j = skipSpaces(text, i);
  if (j >= text.length) return null;
  const c = text[j];
  if (symbols.includes(c) && (c !== '.' || j === i))
    return { end: j === i ? j + 1 : skipSpaces(text, j + 1), form: 'symbol' };
  const closer = CLOSERS[c];
  if (closer !== undefined) {
    const w = wordAt(text, skipSpaces(text, j + 1), word);
    if (w < 0) return null;
    const k = skipSpaces(text, w);
    return text[k] === closer ? { end: skipSpaces(text, k + 1), form: 'bracketed' } : null;
  }
  if (j === i) return null;
  const w = wordAt(text, j, word);
  if (w < 0) return null;
  const after = skipSpaces(text, w);
  return after > w ? { end: after, form: 'bare' } : null;
}

const AT_SYMBOLS = '@＠﹫';
const DOT_SYMBOLS = '.。．｡';

/** RFC 5321 limits: the longer scans stop there, which also bounds the work per marker. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

/** The address around the `@` marker at [at, marker.end), or null. */
function emailAt(text: string, owned: Uint8Array | null, at: number, marker: Marker): Candidate | null {
  let start = at;
  while (start > 0 && !owned?.[start - 1] && isLocalPartChar(text.charCodeAt(start - 1))) {
    start -= 1;
    if (at - start > MAX_LOCAL) return null;
  }
  if (start === at) return null;
  // Labels joined by dots; the longest prefix ending in an alphabetic top-level label wins. A bare
  // ` at ` needs a spelled-out dot too: `look at example.com` is English, not an address.
  const labels: string[] = [];
  let spelledDot = false;
  let best: { end: number; labels: number } | null = null;
  const limit = Math.min(text.length, marker.end + MAX_DOMAIN);
  let p = marker.end;
  while (p < limit) {
    const labelStart = p;
    while (p < limit && !owned?.[p] && isDomainChar(text.charCodeAt(p))) p += 1;
    // A label cut by the limit is no label.
    if (p === limit && p < text.length && isDomainChar(text.charCodeAt(p))) break;
    const label = folded(text.slice(labelStart, p));
    if (label === '' || label.startsWith('-') || label.endsWith('-')) break;
    labels.push(label);
    if (labels.length >= 2 && /^[A-Za-z]{2,}$/.test(label) && (spelledDot || marker.form !== 'bare')) {
      best = { end: p, labels: labels.length };
    }
    const dot = markerAt(text, p, 'dot', DOT_SYMBOLS);
    if (dot === null) break;
    spelledDot ||= dot.form !== 'symbol';
    p = dot.end;
  }
  if (best === null) return null;
  const first = String.fromCharCode(foldWidth(text.charCodeAt(start)));
  return { type: 'email', start, end: best.end, masked: `${first}***@${labels.slice(0, best.labels).join('.')}` };
}

/**
 * E-mail addresses, in text order. Each marker's scans stop at the previous one (a marker is
 * never part of a local part or a domain) or at a limit, so the pass is linear.
 */
function detectEmails(text: string): { emails: Candidate[]; owned: Uint8Array | null } {
  const out: Candidate[] = [];
  // One byte per character, claimed by an address; allocated at the first one.
  let owned: Uint8Array | null = null;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    const maybe =
      c === 0x40 ||
      c === 0xff20 ||
      c === 0xfe6b ||
      c === 0x28 ||
      c === 0xff08 ||
      c === 0x5b ||
      c === 0x3010 ||
      isSpace(c);
    const marker = maybe ? markerAt(text, i, 'at', AT_SYMBOLS) : null;
    if (marker === null) {
      i += 1;
      continue;
    }
    const email = emailAt(text, owned, i, marker);
    if (email === null) {
      i += 1;
      continue;
    }
    out.push(email);
    owned ??= new Uint8Array(text.length);
    owned.fill(1, email.start, email.end);
    i = email.end;
  }
  return { emails: out, owned };
}

// ---------------------------------------------------------------------------------------------
// Masking
// ---------------------------------------------------------------------------------------------

function detect(text: string): Candidate[] {
  const { emails, owned } = detectEmails(text);
  const numbers = detectNumbers(text, owned);
  if (emails.length === 0) return numbers;
  if (numbers.length === 0) return emails;
  // Both lists are in text order and never overlap: merge them.
  const all: Candidate[] = [];
  let e = 0;
  let n = 0;
  while (e < emails.length || n < numbers.length) {
    if (n >= numbers.length || (e < emails.length && emails[e].start < numbers[n].start)) all.push(emails[e++]);
    else all.push(numbers[n++]);
  }
  return all;
}

/**
 * Masks PII in a message. Findings carry spans in the returned (masked) text and who wrote it,
 * never the raw value.
 */
export function maskPii(text: string, by: MessageRole): MaskResult {
  const candidates = detect(text);
  if (candidates.length === 0) return { text, findings: [] };
  const parts: string[] = [];
  let length = 0;
  let cursor = 0;
  const findings: PiiFinding[] = [];
  for (const c of candidates) {
    const kept = text.slice(cursor, c.start);
    parts.push(kept, c.masked);
    const start = length + kept.length;
    length = start + c.masked.length;
    findings.push(
      c.named ? { type: c.type, start, end: length, by, named: true } : { type: c.type, start, end: length, by },
    );
    cursor = c.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), findings };
}

/**
 * Masks free text that a person types or a sender sends outside a message: notes, notices,
 * alert policy word lists, dead letters' reasons, push event values. The same detection as
 * `maskPii`; what was found is not kept, since such text has no findings to carry.
 */
export function maskFreeText(text: string): string {
  return maskPii(text, 'customer').text;
}

/** True when the text still holds something maskPii would mask: a guard for logs and tests. */
export function containsRawPii(text: string): boolean {
  return detect(text).length > 0;
}
