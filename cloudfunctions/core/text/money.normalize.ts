/**
 * Amounts of money written one way before matching, so 「好评返伍元」, 「好评返五块」, 「返 5 块钱」
 * and 「返5米」 (chat slang for 元) all read 「…5元」 and one pattern (`\d+元`) finds them. Chinese
 * numerals, ordinary or financial (五/伍, 二十/贰拾, 两), become digits; 块, 圆, 块钱 and 元钱 become
 * 元; 米 only right after a reward verb (返/送/领/给/补/奖/赚), since 「2米」 is mostly a length.
 * Part of normalizeForMatching (match.normalize.ts): it keeps each character's origin.
 */

const NUMERAL: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100 };

const AMOUNT = /([零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰]+|\d+(?:\.\d+)?)(块钱|元钱|块(?!儿)|元|圆|米)/g;
const REWARD_VERB = /[返送领给补奖赚]$/;

/** 「二十」 → 20, 「伍」 → 5, 「一百零五」 → 105; null when it is not a plain numeral. */
export function chineseNumeral(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in NUMERAL) {
      digit = NUMERAL[ch];
    } else if (ch in UNIT) {
      total += (digit ?? 1) * UNIT[ch];
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

export function normalizeMoney(text: string, origin: number[]): { text: string; origin: number[] } {
  AMOUNT.lastIndex = 0;
  if (!AMOUNT.test(text)) return { text, origin };
  AMOUNT.lastIndex = 0;
  let out = '';
  const outOrigin: number[] = [];
  let last = 0;
  for (let m = AMOUNT.exec(text); m; m = AMOUNT.exec(text)) {
    const [whole, number, unit] = m;
    if (unit === '米' && !REWARD_VERB.test(text.slice(0, m.index))) continue;
    const value = /\d/.test(number[0]) ? number : chineseNumeral(number);
    if (value === null) continue;
    const digits = String(value);
    if (digits === number && unit === '元') continue;
    out += text.slice(last, m.index);
    for (let u = last; u < m.index; u++) outOrigin.push(origin[u]);
    out += digits + '元';
    for (let u = 0; u < digits.length; u++) outOrigin.push(origin[m.index + Math.min(u, number.length - 1)]);
    outOrigin.push(origin[m.index + whole.length - 1]);
    last = m.index + whole.length;
  }
  out += text.slice(last);
  for (let u = last; u < text.length; u++) outOrigin.push(origin[u]);
  return { text: out, origin: outOrigin };
}
