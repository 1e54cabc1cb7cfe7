import { z } from 'zod';
import type { Evidence, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';
import { actsOf, findPhrase, normalizedText, originalSpan } from './dialogue.support';
import { DEFAULT_NEGATION_WORDS } from './keywords.operator';

/**
 * An agent commits to an outcome or time nobody can guarantee, answering the customer's question
 * (「后天能到吗」→「肯定能到」). Not a refusal (「保证不了」「不能保证」: a refusal word right after, or a
 * negation right before), not a generic assurance (`exclude`: 质量是有保证的, 正品保证).
 */
export const promiseParams = z
  .object({
    words: z.array(z.string().trim().min(1)).min(1),
    /** Words right after the commitment that turn it into a refusal. */
    refusals: z.array(z.string().trim().min(1)).default(['不了', '不到', '不行', '没法']),
    exclude: z.array(z.string().trim().min(1)).default([]),
    /** Only when answering a customer's question (the nearest customer turn before it). */
    answeringQuestion: z.boolean().default(true),
  })
  .strict();

const QUESTION_FORM =
  /[?？]|[吗呢么][\s~～。.!！]*$|(能不能|会不会|可不可以|是不是|有没有|多久|几天|什么时候|哪天|几号|啥时候)/;

export const promiseOperator = defineOperator({
  name: 'promise',
  label: '过度承诺',
  cost: 10,
  params: promiseParams,
  prepare: (p) => ({
    ...p,
    words: p.words.map((w) => w.toLowerCase()),
    exclude: p.exclude.map((w) => w.toLowerCase()),
  }),
  evaluate(ctx, p, heldOnly): Outcome {
    const ms = ctx.messages;
    const evidence: Evidence[] = [];
    let lastCustomer = -1;
    for (let i = 0; i < ms.length; i++) {
      if (ms[i].role === 'customer') lastCustomer = i;
      if (ms[i].role !== 'agent') continue;
      const text = normalizedText(ctx, i).text;
      // A commitment word followed by a refusal (「保证不了」) is no commitment: look further on.
      const found = findPhrase(text, p.words, {
        negation: DEFAULT_NEGATION_WORDS,
        window: 5,
        exclude: p.exclude,
        accept: (_start, end) => !p.refusals.some((r) => text.startsWith(r, end) || text.startsWith(r, end + 1)),
      });
      if (!found) continue;
      if (p.answeringQuestion) {
        if (lastCustomer < 0) continue;
        const acts = actsOf(ctx, lastCustomer);
        const asked = acts ? acts.acts.includes('question') : false;
        if (!asked && !QUESTION_FORM.test(normalizedText(ctx, lastCustomer).text)) continue;
      }
      if (heldOnly) return { held: true, evidence };
      evidence.push({
        messageIndex: i,
        span: originalSpan(ctx, i, found.start, found.end),
        note: `客服承诺「${found.word}」`,
      });
    }
    return evidence.length ? { held: true, evidence } : NOT_HELD;
  },
});
