/**
 * What the dialogue-aware operators share, computed at most once per conversation: each
 * message's text normalised for matching (spelling tricks undone, spans mappable back), each
 * turn's dialogue acts from the injected classifier (both as the scorecard's `text` reading says), and which customer turns are substantive
 * (a trailing 「好的谢谢」 is not).
 */
import { FirstCharIndex } from '../../text/first-char.index';
import { normalizeForMatching, toOriginalSpan, type NormalizedText } from '../../text/match.normalize';
import type { EvalContext, TurnActs } from '../scoring.types';
import { memoKey } from './operator.types';

const NORMALIZED = memoKey((ctx) => new Array<NormalizedText | undefined>(ctx.messages.length));

export function normalizedText(ctx: EvalContext, i: number): NormalizedText {
  const memo = ctx.memo(NORMALIZED);
  return (memo[i] ??= normalizeForMatching(ctx.messages[i].text, ctx.reading.normalize));
}

/** A span of the normalised text of message i → the span of its stored (masked) text. */
export function originalSpan(ctx: EvalContext, i: number, start: number, end: number): [number, number] {
  return toOriginalSpan(normalizedText(ctx, i), start, end);
}

const ACTS = memoKey((ctx) => new Array<TurnActs | undefined>(ctx.messages.length));

/** The acts of message i, or null when no classifier was injected. */
export function actsOf(ctx: EvalContext, i: number): TurnActs | null {
  const classify = ctx.facts.text?.acts;
  if (!classify) return null;
  const memo = ctx.memo(ACTS);
  let acts = memo[i];
  if (acts === undefined) {
    const m = ctx.messages[i];
    acts = classify.call(ctx.facts.text, m.text, {
      role: m.role,
      normalized: normalizedText(ctx, i).text,
      model: ctx.reading.acts,
      firstOfRole: ctx.roleOrdinal[i] === 0,
      last: i === ctx.messages.length - 1,
    });
    memo[i] = acts;
  }
  return acts;
}

export const MISSING_ACTS = '未提供对话行为模型';

/** Short replies that acknowledge and end rather than ask or tell: 好的 / 谢谢 / 嗯嗯 / ok. */
export const ACKNOWLEDGEMENT =
  /^(好的?|好滴|好吧|好哒|嗯+|哦+|噢+|ok|行|收到|明白了?|知道了|谢谢|感谢|多谢|谢了|再见|拜拜|没有了|没了|没事了|可以|(?:👌|🙏|👍)+)[\s\S]{0,6}$/i;

export function isSubstantive(text: string): boolean {
  const t = text.trim();
  return t !== '' && !ACKNOWLEDGEMENT.test(t);
}

/** Index of the customer's last substantive message, or -1. */
export function lastSubstantiveCustomer(ctx: EvalContext): number {
  for (let i = ctx.messages.length - 1; i >= 0; i--) {
    const m = ctx.messages[i];
    if (m.role === 'customer' && isSubstantive(m.text)) return i;
  }
  return -1;
}

/** Words by first character, longest first, built once per word list (lists live as long as their scorecard). */
const PHRASE_INDEX = new WeakMap<readonly string[], FirstCharIndex<string>>();

function phraseIndex(words: readonly string[]): FirstCharIndex<string> {
  let index = PHRASE_INDEX.get(words);
  if (index === undefined) {
    index = new FirstCharIndex();
    // An empty word was never found (no character is its first), so it is not filed.
    for (const w of [...words].sort((a, b) => b.length - a.length)) if (w.length > 0) index.add(w.charCodeAt(0), w);
    PHRASE_INDEX.set(words, index);
  }
  return index;
}

/**
 * The leftmost of `words` in normalised text that is neither negated within `window` characters
 * of its clause nor inside an excluded phrase. One pass over the text, trying only the words that
 * start with each character.
 */
export function findPhrase(
  text: string,
  words: readonly string[],
  opts: {
    negation?: readonly string[];
    window?: number;
    exclude?: readonly string[];
    /** A further test of an occurrence (the scan goes on past one it refuses). */
    accept?: (start: number, end: number) => boolean;
  } = {},
): { start: number; end: number; word: string } | null {
  if (words.length === 0) return null;
  const index = phraseIndex(words);
  for (let at = 0; at < text.length; at++) {
    const candidates = index.get(text.charCodeAt(at));
    if (candidates === undefined) continue;
    for (const word of candidates) {
      if (!text.startsWith(word, at)) continue;
      const end = at + word.length;
      // A number keyword (12315) is a whole number, never digits inside an order number.
      const wholeNumber = !DIGITS.test(word) || (!DIGIT.test(text[at - 1] ?? '') && !DIGIT.test(text[end] ?? ''));
      if (
        wholeNumber &&
        !isExcluded(text, at, end, opts.exclude) &&
        !isNegated(text, at, opts.negation, opts.window ?? 3) &&
        (opts.accept === undefined || opts.accept(at, end))
      ) {
        return { start: at, end, word };
      }
    }
  }
  return null;
}

const DIGITS = /^\d+$/;
const DIGIT = /\d/;
/** 「不然」「要不」「不行」 introduce a condition, not a negation: 「不然给差评」 is a threat. */
const CONDITIONAL = /不然|要不|不行|否则|不管/g;

const CLAUSE_BREAKS = '，。！？；,.!?;\n~～…';

/** Whether a negation word stands within `window` characters before `at`, in the same clause. */
export function isNegated(text: string, at: number, negation: readonly string[] | undefined, window: number): boolean {
  if (!negation || negation.length === 0) return false;
  let from = at;
  while (from > 0 && at - from < window && !CLAUSE_BREAKS.includes(text[from - 1])) from--;
  const before = text.slice(from, at).replace(CONDITIONAL, '　');
  return negation.some((n) => before.includes(n));
}

/** Whether any of the phrases occurs overlapping [start, end) of the text. */
export function isExcluded(text: string, start: number, end: number, exclude: readonly string[] | undefined): boolean {
  if (!exclude) return false;
  for (const phrase of exclude) {
    // Any occurrence of the phrase that overlaps the match cancels it.
    let at = text.indexOf(phrase, Math.max(0, start - phrase.length + 1));
    while (at >= 0 && at < end) {
      if (at + phrase.length > start) return true;
      at = text.indexOf(phrase, at + 1);
    }
  }
  return false;
}
