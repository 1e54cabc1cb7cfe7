import { z } from 'zod';
import { patternParam } from './pattern.param';
import type { EvalContext, Evidence, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';
import { findPhrase, isExcluded, isNegated, normalizedText, originalSpan } from './dialogue.support';
import { inScope, roleSchema, withinSchema, ROLE_LABEL } from './message.scope';
import { DEFAULT_NEGATION_WORDS } from './keywords.operator';
import { compileSoundWords, findSoundAlike } from '../../text/sound.match';

/**
 * Words or a pattern found in the NORMALISED text (match.normalize.ts): 「薇 信」, 「V-信」 and
 * 「好平返现」 read as the words they stand for, so a red line cannot be dodged by spelling. The
 * evidence points at the characters as typed. Slower than `keywords` (no shared automaton), so
 * meant for the short lists where spelling tricks matter.
 */
export const phrasesParams = z
  .object({
    words: z.array(z.string().trim().min(1)).optional(),
    /** A regular expression over the normalised text (lower-case, separators removed). */
    pattern: patternParam('g').optional(),
    role: roleSchema.default('any'),
    within: withinSchema.optional(),
    /** Phrases that cancel a match they overlap (「平台规定不能加微信」). */
    exclude: z.array(z.string().trim().min(1)).optional(),
    /**
     * A pattern (normalised text) that, found anywhere in the same message, makes it a warning or
     * a refusal rather than the thing itself: 「平台不允许私下交易」, 「私下转账不安全」.
     */
    unlessMessage: patternParam('').optional(),
    /** Skip matches inside quotation marks: an agent quoting what someone else said. */
    ignoreQuoted: z.boolean().default(false),
    /**
     * Also find `words` written by sound (core/text/sound.match.ts): 「有柄吧」, 「傻b」, 「shabi」,
     * 「爱买8买」. `strong` words may be respelled whole (煞笔); `initials` words also count written
     * by their pinyin initials as a whole token (sb).
     */
    soundAlike: z
      .object({
        strong: z.array(z.string().trim().min(1)).default([]),
        initials: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** Ignore a match preceded, within `window` characters of the same clause, by a negation. */
    negation: z
      .union([
        z.boolean(),
        z
          .object({
            window: z.number().int().min(0).max(20).default(3),
            words: z.array(z.string().min(1)).optional(),
            /**
             * A space or line break typed between the negation and the match ends its clause too
             * (chat writes 「好货不上架 私聊我扣扣」 with a space for a comma; normalisation drops spaces).
             * From scorecard v4 on; absent, spaces are not looked at.
             */
            spaceEndsClause: z.boolean().optional(),
          })
          .strict(),
      ])
      .optional(),
  })
  .strict()
  .refine((p) => (p.words?.length ?? 0) > 0 || p.pattern !== undefined, {
    message: '需要 words 或 pattern',
    path: ['words'],
  });

export const phrasesOperator = defineOperator({
  name: 'phrases',
  label: '关键词（防变体）',
  cost: 8,
  params: phrasesParams,
  prepare(p) {
    const negation =
      p.negation === undefined || p.negation === false
        ? undefined
        : p.negation === true
          ? { window: 3, words: DEFAULT_NEGATION_WORDS }
          : { window: p.negation.window, words: p.negation.words ?? DEFAULT_NEGATION_WORDS };
    const words = (p.words ?? []).map((w) => w.toLowerCase());
    return {
      ...p,
      words,
      regex: p.pattern === undefined ? null : new RegExp(p.pattern, 'g'),
      unless: p.unlessMessage === undefined ? null : new RegExp(p.unlessMessage),
      exclude: p.exclude?.map((w) => w.toLowerCase()),
      negationWords: negation?.words,
      window: negation?.window ?? 0,
      spaceEndsClause: typeof p.negation === 'object' && p.negation.spaceEndsClause === true,
      sound: p.soundAlike === undefined ? null : compileSoundWords(words, p.soundAlike),
    };
  },
  evaluate(ctx, p, heldOnly): Outcome {
    const evidence: Evidence[] = [];
    for (let i = 0; i < ctx.messages.length; i++) {
      if (!inScope(ctx, i, p.role, p.within)) continue;
      const n = normalizedText(ctx, i);
      const negated = p.spaceEndsClause
        ? (at: number) => isNegated(n.text, at, p.negationWords, typedClauseWindow(ctx, i, at, p.window))
        : (at: number) => isNegated(n.text, at, p.negationWords, p.window);
      let found: { start: number; end: number; word: string; bySound?: boolean } | null = null;
      if (p.words.length)
        found = p.spaceEndsClause
          ? findPhrase(n.text, p.words, { exclude: p.exclude, accept: (start) => !negated(start) })
          : findPhrase(n.text, p.words, { negation: p.negationWords, window: p.window, exclude: p.exclude });
      if (!found && p.regex) {
        p.regex.lastIndex = 0;
        for (let m = p.regex.exec(n.text); m && !found; m = p.regex.exec(n.text)) {
          const hit = { start: m.index, end: m.index + m[0].length, word: m[0] };
          if (!isExcluded(n.text, hit.start, hit.end, p.exclude) && !negated(hit.start)) {
            found = hit;
          }
          if (m[0].length === 0) p.regex.lastIndex++;
        }
      }
      if (!found && p.sound) {
        const byEar = findSoundAlike(
          n.text,
          p.sound,
          (start, end) => !isExcluded(n.text, start, end, p.exclude) && !negated(start),
        );
        if (byEar) found = { ...byEar, bySound: true };
      }
      if (!found || (p.unless && p.unless.test(n.text))) continue;
      if (p.ignoreQuoted && insideQuotes(n.text, found.start, found.end)) continue;
      if (heldOnly) return { held: true, evidence };
      const span = originalSpan(ctx, i, found.start, found.end);
      const typed = ctx.messages[i].text.slice(span[0], span[1]);
      const who =
        ctx.messages[i].role === 'agent' || ctx.messages[i].role === 'customer' ? ROLE_LABEL[ctx.messages[i].role] : '';
      const note =
        typed.toLowerCase() === found.word
          ? `${who}命中「${found.word}」`
          : `${who}命中「${found.word}」（${found.bySound ? '读音相近，' : ''}原文「${typed}」）`;
      evidence.push({ messageIndex: i, span, note });
    }
    return evidence.length ? { held: true, evidence } : NOT_HELD;
  },
});

const OPEN_QUOTES = '“「『‘"\'';
const CLOSE_QUOTES = '”」』’"\'';

/** The span sits between an opening quotation mark and its closing one. */
function insideQuotes(text: string, start: number, end: number): boolean {
  let open = -1;
  for (let i = start - 1; i >= 0 && open < 0; i--) {
    if (CLOSE_QUOTES.includes(text[i]) && !OPEN_QUOTES.includes(text[i])) return false;
    if (OPEN_QUOTES.includes(text[i])) open = i;
  }
  if (open < 0) return false;
  for (let i = end; i < text.length; i++) if (CLOSE_QUOTES.includes(text[i])) return true;
  return false;
}

/**
 * The negation window before `at` (normalised text of message i), shortened so that it stops at
 * a space or line break typed in the message: the characters before it belong to another clause.
 */
function typedClauseWindow(ctx: EvalContext, i: number, at: number, window: number): number {
  if (window === 0 || at === 0) return window;
  const typed = ctx.messages[i].text;
  const end = originalSpan(ctx, i, at, at)[0];
  for (let k = 1; k <= Math.min(window, at); k++) {
    const [start] = originalSpan(ctx, i, at - k, at);
    if (/\s/.test(typed.slice(start, end))) return k - 1;
  }
  return window;
}
