import { z } from 'zod';

/**
 * An operator parameter that is a regular expression's source, checked with the flags the
 * operator compiles it with (a pattern valid with `u` may not be without it: 「\u{1F44C}」). A bad
 * one would fail every scoring, so it fails the scorecard's validation instead, named at its field
 * (scorecard.schema.ts runs every operator's parameter schema; an admin's save shows the message).
 */
export function patternParam(flags: string) {
  return z
    .string()
    .min(1, '正则不能为空')
    .superRefine((src, ctx) => {
      try {
        new RegExp(src, flags);
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: '不是有效的正则表达式' });
      }
    });
}
