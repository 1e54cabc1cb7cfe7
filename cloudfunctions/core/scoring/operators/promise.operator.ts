import { z } from 'zod';
import { patternParam } from './pattern.param';
import type { EvalContext, Evidence, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';
import { actsOf, findPhrase, isExcluded, isNegated, normalizedText, originalSpan } from './dialogue.support';
import { DEFAULT_NEGATION_WORDS } from './keywords.operator';
import { DIALOGUE_ACTS, type DialogueAct } from '../../text/dialogue-act.lexicon';

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
    /**
     * A commitment written by its shape rather than a listed word, on normalised text: a
     * certainty word right before an outcome (「必到」「保准送到」「妥妥的能赶上」) or a bad outcome
     * ruled out (「坏不了」「不可能过敏」). Scorecard v3; absent as v2 shipped.
     */
    pattern: patternParam('g').optional(),
    /** Words shortly before a commitment, in its clause, that hedge it (「一般不会延误」「应该能到」). */
    hedges: z.array(z.string().trim().min(1)).default([]),
    /**
     * Besides a question, the customer's nearest turn may state a deadline or a worry this
     * pattern finds (「后天之前一定要到」「我担心会烧屏」): the commitment answers it as well.
     */
    worry: patternParam('').optional(),
    /**
     * Besides a question, customer turns with these acts are answered by a commitment too: 「退款被驳回
     * 三次了」→「百分之百给您退下来」 placates a complaint with an outcome. Absent as v2 shipped.
     */
    answeringActs: z.array(z.enum(DIALOGUE_ACTS)).optional(),
    /**
     * How many of the customer's latest turns the commitment may answer: 「什么时候能来修」, then the
     * address the agent asked for, then 「师傅明天上午肯定到」 answers the question before the
     * address. Absent (as v2 and v3 shipped): the nearest customer turn only.
     */
    answersWithin: z.number().int().min(1).max(5).optional(),
  })
  .strict();

const HEDGE_WINDOW = 6;

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
    regex: p.pattern === undefined ? null : new RegExp(p.pattern, 'g'),
    worryRegex: p.worry === undefined ? null : new RegExp(p.worry),
  }),
  evaluate(ctx, p, heldOnly): Outcome {
    const ms = ctx.messages;
    const evidence: Evidence[] = [];
    // The customer's latest turns, newest first (answersWithin of them; one as v3 shipped).
    const within = p.answersWithin ?? 1;
    const latest: number[] = [];
    for (let i = 0; i < ms.length; i++) {
      if (ms[i].role === 'customer') {
        latest.unshift(i);
        if (latest.length > within) latest.pop();
      }
      if (ms[i].role !== 'agent') continue;
      const text = normalizedText(ctx, i).text;
      // A commitment word followed by a refusal (「保证不了」) is no commitment: look further on.
      const unhedged = (start: number, end: number) =>
        !p.refusals.some((r) => text.startsWith(r, end) || text.startsWith(r, end + 1)) &&
        !isNegated(text, start, p.hedges, HEDGE_WINDOW);
      const found =
        findPhrase(text, p.words, {
          negation: DEFAULT_NEGATION_WORDS,
          window: 5,
          exclude: p.exclude,
          accept: unhedged,
        }) ??
        (p.regex
          ? byShape(
              text,
              p.regex,
              p.exclude,
              (start, end) => !isNegated(text, start, DEFAULT_NEGATION_WORDS, 5) && unhedged(start, end),
            )
          : null);
      if (!found) continue;
      if (p.answeringQuestion && !latest.some((c) => answerable(ctx, c, p))) continue;
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

/** Whether a customer turn asks, states a deadline or a worry, or (answeringActs) complains. */
function answerable(
  ctx: EvalContext,
  c: number,
  p: { answeringActs?: readonly DialogueAct[]; worryRegex: RegExp | null },
): boolean {
  const acts = actsOf(ctx, c);
  if (acts && (acts.acts.includes('question') || (p.answeringActs?.some((a) => acts.acts.includes(a)) ?? false)))
    return true;
  const said = normalizedText(ctx, c).text;
  return QUESTION_FORM.test(said) || (p.worryRegex !== null && p.worryRegex.test(said));
}

/** The first match of a commitment shape that no exclusion covers and no hedge or refusal undoes. */
function byShape(
  text: string,
  regex: RegExp,
  exclude: readonly string[],
  accept: (start: number, end: number) => boolean,
): { start: number; end: number; word: string } | null {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].length > 0 && !isExcluded(text, m.index, end, exclude) && accept(m.index, end))
      return { start: m.index, end, word: m[0] };
    if (m[0].length === 0) regex.lastIndex++;
  }
  return null;
}
