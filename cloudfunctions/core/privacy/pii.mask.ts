/**
 * PII masking, applied to every message before it is stored.
 *
 * Detected: mainland mobile numbers, resident ID-card numbers (GB 11643), bank-card numbers
 * (Luhn) and e-mail addresses. Masked forms:
 *   phone    `138****5678`           first 3 and last 4 of the 11-digit number; a `+86`/`86`
 *                                    prefix and any separators are dropped.
 *   idcard   `1101**********1234`    first 4 (province + city: coarse region only) and last 4;
 *                                    the birth date is always hidden.
 *   bankcard `************1234`      last 4 only (what banks print on receipts); grouping is
 *                                    dropped so the mask cannot be re-split into a number.
 *   email    `z***@example.com`      first character of the local part and the domain.
 *
 * Precedence where candidates overlap (earlier wins, later ones skip claimed characters):
 *   email > idcard > bankcard > phone.
 *   - An e-mail address such as `13812345678@163.com` is one finding, not a phone.
 *   - An 18-character string that passes the ID checksum, the province code and a real birth
 *     date is an ID card even when it is also Luhn-valid: the ID checks are far more specific
 *     (about 1 in 11 × ~20 random strings pass) than Luhn (1 in 10).
 *   - A bank-card candidate covers whole digit runs, so a phone pattern can never match inside it.
 *
 * Boundaries: a number counts only when it is not glued to another ASCII letter or digit
 * (`SF1234567890123`, `a13812345678`, a 12-digit run are not phones), while Chinese characters
 * and punctuation are fine neighbours (`手机13812345678。`). Full-width digits (`１３８…`) are
 * recognised too, since Chinese IMEs produce them.
 */
import type { MessageRole, PiiFinding, PiiType } from '../model';

export interface MaskResult {
  text: string;
  findings: PiiFinding[];
}

interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  masked: string;
}

// Not preceded/followed by an ASCII letter or digit; Chinese text counts as a boundary.
const LEFT = '(?<![0-9A-Za-z])';
const RIGHT = '(?![0-9A-Za-z])';
const SEP = '[ \\-]';

const EMAIL_RE =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;
// 18 characters, optionally grouped 6-8-4 as people sometimes type them.
const IDCARD_RE = new RegExp(`${LEFT}\\d{6}${SEP}?\\d{8}${SEP}?\\d{3}[\\dXx]${RIGHT}`, 'g');
// 16-19 digits in one run, grouped in fours (4-4-4-4-3 tried before 4-4-4-7 and 4-4-4-4,
// since the first alternative that matches wins) or 6-13.
const BANKCARD_RE = new RegExp(
  `${LEFT}(?:\\d{16,19}|\\d{4}(?:${SEP}\\d{4}){3}${SEP}\\d{1,3}|\\d{4}(?:${SEP}\\d{4}){2}${SEP}\\d{4,7}|\\d{6}${SEP}\\d{10,13})${RIGHT}`,
  'g',
);
const PHONE_RE = new RegExp(`${LEFT}(?:(?:\\+|00)?86${SEP}?)?(1[3-9]\\d)${SEP}?(\\d{4})${SEP}?(\\d{4})${RIGHT}`, 'g');

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
// GB/T 2260 province-level codes (plus 83 for Taiwan residence permits).
const ID_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

/** Full-width digits and signs become ASCII one-for-one, so indexes stay valid in the original. */
function normalizeWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF20\u3000]/g, (ch) => {
    if (ch === '\u3000') return ' ';
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}

function digitsOf(s: string): string {
  return s.replace(/[^0-9Xx]/g, '');
}

export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!ID_PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day > monthDays[month - 1]) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11] === id[17].toUpperCase();
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
function isPlausibleBankCard(digits: string): boolean {
  return digits.length >= 16 && digits.length <= 19 && /^[34569]/.test(digits) && isLuhnValid(digits);
}

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email[0]}***${email.slice(at)}`;
}

function collect(
  re: RegExp,
  source: string,
  claimed: Candidate[],
  build: (m: RegExpExecArray) => Omit<Candidate, 'start' | 'end'> | null,
): Candidate[] {
  const found: Candidate[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const overlaps = claimed.some((c) => c.start < end && start < c.end);
    if (!overlaps) {
      const built = build(m);
      if (built) found.push({ ...built, start, end });
    }
    // Resume one character on, not after the match: a rejected grouped run may hide a valid
    // candidate starting at a later group. The boundaries stop matches inside a digit run.
    re.lastIndex = start + 1;
  }
  return found;
}

function detect(source: string): Candidate[] {
  const claimed: Candidate[] = [];
  const claim = (cs: Candidate[]): void => {
    for (const c of cs) {
      if (!claimed.some((o) => o.start < c.end && c.start < o.end)) claimed.push(c);
    }
  };
  claim(collect(EMAIL_RE, source, claimed, (m) => ({ type: 'email', masked: maskEmail(m[0]) })));
  claim(
    collect(IDCARD_RE, source, claimed, (m) => {
      const id = digitsOf(m[0]);
      return isValidIdCard(id) ? { type: 'idcard', masked: `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}` } : null;
    }),
  );
  claim(
    collect(BANKCARD_RE, source, claimed, (m) => {
      const digits = digitsOf(m[0]);
      return isPlausibleBankCard(digits)
        ? { type: 'bankcard', masked: `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` }
        : null;
    }),
  );
  claim(collect(PHONE_RE, source, claimed, (m) => ({ type: 'phone', masked: `${m[1]}****${m[3]}` })));
  return claimed.sort((a, b) => a.start - b.start);
}

/**
 * Masks PII in a message. Findings carry spans in the returned (masked) text and who wrote it,
 * never the raw value.
 */
export function maskPii(text: string, by: MessageRole): MaskResult {
  const candidates = detect(normalizeWidth(text));
  if (candidates.length === 0) return { text, findings: [] };
  let out = '';
  let cursor = 0;
  const findings: PiiFinding[] = [];
  for (const c of candidates) {
    out += text.slice(cursor, c.start);
    const start = out.length;
    out += c.masked;
    findings.push({ type: c.type, start, end: out.length, by });
    cursor = c.end;
  }
  out += text.slice(cursor);
  return { text: out, findings };
}

/** True when the text still holds something maskPii would mask: a guard for logs and tests. */
export function containsRawPii(text: string): boolean {
  return detect(normalizeWidth(text)).length > 0;
}
