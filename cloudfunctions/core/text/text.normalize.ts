/**
 * The one normalisation every text model shares, so training and inference see the same
 * characters: full-width ASCII folded to half-width, latin lower-cased, whitespace removed
 * (chat and reviews use it as punctuation at best), long repeats capped at three.
 */
export function normalizeText(text: string): string {
  let out = '';
  let run = 0;
  let prev = '';
  for (const raw of text) {
    let ch = raw;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) continue;
    if (/\s/.test(ch)) continue;
    ch = ch.toLowerCase();
    run = ch === prev ? run + 1 : 1;
    prev = ch;
    if (run > 3) continue;
    out += ch;
  }
  return out;
}

/**
 * Character n-grams of the normalised text (n in `orders`), each once: presence, not counts,
 * works better for short texts and keeps a repeated word from dominating.
 */
export function charNgrams(normalized: string, orders: readonly number[]): string[] {
  const chars = Array.from(normalized);
  const seen = new Set<string>();
  for (const n of orders) {
    for (let i = 0; i + n <= chars.length; i++) seen.add(chars.slice(i, i + n).join(''));
  }
  return [...seen];
}
