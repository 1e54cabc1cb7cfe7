import { z } from 'zod';
import { patternParam } from './pattern.param';
import type { Evidence, EvalContext, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';
import { inScope, roleSchema, withinSchema, ROLE_LABEL } from './message.scope';
import type { SpanList } from './operator.scratch';

export const regexParams = z
  .object({
    pattern: patternParam('u'),
    /** Only i (ignore case) and s (dot matches newline); g and u are always on. */
    flags: z
      .string()
      .regex(/^[is]*$/, '只允许 i、s 标志')
      .default(''),
    role: roleSchema.default('any'),
    within: z.lazy(() => withinSchema).optional(),
    /** A match overlapped by a match of this pattern does not count. */
    exclude: patternParam('u').optional(),
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
  /** The start of every note: who said the match. */
  said: string;
}

/**
 * Fills `out` with the pattern's matches in `text` as `start, end` pairs (empty matches skipped)
 * and returns how many numbers that is. `out` is the context's scratch (OperatorScratch `found`
 * and `excluded`), so only the matches that count allocate anything.
 */
function spans(re: RegExp, text: string, out: SpanList): number {
  out.length = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const size = m[0].length;
    if (size === 0) {
      re.lastIndex++;
      continue;
    }
    out.push(m.index, m.index + size);
  }
  return out.length;
}

function overlaps(list: SpanList, s: number, e: number): boolean {
  const at = list.at;
  for (let x = 0; x < list.length; x += 2) if (at[x] < e && s < at[x + 1]) return true;
  return false;
}

/** Adds the message's matches that count to `evidence` (created on the first); returns it. */
function scanMessage(ctx: EvalContext, p: Prepared, i: number, evidence: Evidence[] | null): Evidence[] | null {
  if (!inScope(ctx, i, p.role, p.within)) return evidence;
  const text = ctx.messages[i].text;
  const { found, excluded } = ctx.scratch;
  if (spans(p.re, text, found) === 0) return evidence;
  if (p.exclude) spans(p.exclude, text, excluded);
  else excluded.length = 0;
  for (let k = 0; k < found.length; k += 2) {
    const s = found.at[k];
    const e = found.at[k + 1];
    if (overlaps(excluded, s, e)) continue;
    (evidence ??= []).push({ messageIndex: i, span: [s, e], note: `${p.said}「${text.slice(s, e)}」` });
  }
  return evidence;
}

function textOrder(a: Evidence, b: Evidence): number {
  return a.messageIndex! - b.messageIndex! || a.span![0] - b.span![0];
}

export const regexOperator = defineOperator({
  name: 'regex',
  label: '正则表达式',
  cost: 8,
  params: regexParams,
  prepare(p, env): Prepared {
    const flags = `gu${p.flags}`;
    return {
      re: new RegExp(p.pattern, flags),
      exclude: p.exclude ? new RegExp(p.exclude, flags) : null,
      role: p.role,
      within: p.within,
      requires: p.requires ? env.keywordGroup(p.requires) : null,
      said: `${ROLE_LABEL[p.role]}说了`,
    };
  },
  evaluate(ctx, p): Outcome {
    let evidence: Evidence[] | null = null;
    if (p.requires === null) {
      for (let i = 0; i < ctx.messages.length; i++) evidence = scanMessage(ctx, p, i, evidence);
    } else {
      // Only messages holding a required word; the matches are in text order, so each message
      // comes once, in order, without building a set.
      const t = ctx.keywords;
      let previous = -1;
      for (let k = t.from[p.requires], to = t.to[p.requires]; k < to; k++) {
        const i = t.message[k];
        if (i === previous) continue;
        previous = i;
        evidence = scanMessage(ctx, p, i, evidence);
      }
    }
    if (evidence === null) return NOT_HELD;
    evidence.sort(textOrder);
    return { held: true, evidence };
  },
});
