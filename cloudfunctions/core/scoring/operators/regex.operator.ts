import { z } from 'zod';
import type { Evidence, EvalContext, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';
import { inScope, roleSchema, withinSchema, ROLE_LABEL } from './message.scope';

const validPattern = z
  .string()
  .min(1, '正则不能为空')
  .superRefine((src, ctx) => {
    try {
      new RegExp(src, 'u');
    } catch (e) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `无效的正则表达式：${(e as Error).message}` });
    }
  });

export const regexParams = z
  .object({
    pattern: validPattern,
    /** Only i (ignore case) and s (dot matches newline); g and u are always on. */
    flags: z
      .string()
      .regex(/^[is]*$/, '只允许 i、s 标志')
      .default(''),
    role: roleSchema.default('any'),
    within: z.lazy(() => withinSchema).optional(),
    /** A match overlapped by a match of this pattern does not count. */
    exclude: validPattern.optional(),
    /**
     * Literal words of which at least one must occur for the pattern to be tried: the shared
     * matcher finds them in the same single pass, so most messages never reach the regex.
     */
    requires: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

interface Prepared {
  re: RegExp;
  exclude: RegExp | null;
  role: z.output<typeof regexParams>['role'];
  within: z.output<typeof regexParams>['within'];
  requires: number | null;
}

function spans(re: RegExp, text: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length, m[0]]);
  }
  return out;
}

function scanMessage(ctx: EvalContext, p: Prepared, i: number, evidence: Evidence[]): void {
  if (!inScope(ctx, i, p.role, p.within)) return;
  const text = ctx.messages[i].text;
  const found = spans(p.re, text);
  if (found.length === 0) return;
  const excluded = p.exclude ? spans(p.exclude, text) : [];
  for (const [s, e, str] of found) {
    if (excluded.some(([xs, xe]) => xs < e && s < xe)) continue;
    evidence.push({ messageIndex: i, span: [s, e], note: `${ROLE_LABEL[p.role]}说了「${str}」` });
  }
}

export const regexOperator = defineOperator({
  name: 'regex',
  label: '正则表达式',
  params: regexParams,
  prepare(p, env): Prepared {
    const flags = `gu${p.flags}`;
    return {
      re: new RegExp(p.pattern, flags),
      exclude: p.exclude ? new RegExp(p.exclude, flags) : null,
      role: p.role,
      within: p.within,
      requires: p.requires ? env.keywordGroup(p.requires) : null,
    };
  },
  evaluate(ctx, p): Outcome {
    const evidence: Evidence[] = [];
    if (p.requires === null) {
      for (let i = 0; i < ctx.messages.length; i++) scanMessage(ctx, p, i, evidence);
    } else {
      // Only messages holding a required word; the matches are in text order, so each message
      // comes once, in order, without building a set.
      const t = ctx.keywords;
      let previous = -1;
      for (let k = t.from[p.requires], to = t.to[p.requires]; k < to; k++) {
        const i = t.message[k];
        if (i === previous) continue;
        previous = i;
        scanMessage(ctx, p, i, evidence);
      }
    }
    if (evidence.length === 0) return NOT_HELD;
    evidence.sort((a, b) => a.messageIndex! - b.messageIndex! || a.span![0] - b.span![0]);
    return { held: true, evidence };
  },
});
