import { z } from 'zod';
import type { KeywordMatch, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';
import { roleSchema } from './message.scope';
import { compileFinder, findKeywords, matchEvidence } from './keywords.operator';

const side = z
  .object({
    words: z.array(z.string().trim().min(1)).min(1, '至少需要一个关键词'),
    role: roleSchema.default('any'),
    negation: z.boolean().optional(),
  })
  .strict();

const precedes = (a: KeywordMatch, b: KeywordMatch): boolean =>
  a.messageIndex < b.messageIndex || (a.messageIndex === b.messageIndex && a.end <= b.start);

/**
 * Holds when the first mention of `then` is preceded by a mention of `first` (A before B).
 * A rule that wants "B without A first" combines it: all(keywords B, not(order A, B)).
 */
export const orderOperator = defineOperator({
  name: 'order',
  label: '先后顺序',
  cost: 4,
  params: z.object({ first: side, then: side }).strict(),
  prepare: (p, env) => ({ first: compileFinder(p.first, env), then: compileFinder(p.then, env) }),
  evaluate(ctx, p): Outcome {
    const b = findKeywords(ctx, p.then)[0];
    if (!b) return NOT_HELD;
    const a = findKeywords(ctx, p.first).find((m) => precedes(m, b));
    if (!a) return NOT_HELD;
    return { held: true, evidence: [matchEvidence(a, p.first), matchEvidence(b, p.then)] };
  },
});
