import { z } from 'zod';
import type { EvalContext, Evidence, Outcome, TurnActs } from '../scoring.types';
import { defineOperator, NOT_HELD, unknown } from './operator.types';
import {
  actsOf,
  findPhrase,
  lastSubstantiveCustomer,
  MISSING_ACTS,
  normalizedText,
  originalSpan,
} from './dialogue.support';
import { ROLE_LABEL } from './message.scope';
import { DEFAULT_NEGATION_WORDS } from './keywords.operator';
import { ACT_NAMES, DIALOGUE_ACTS, type DialogueAct } from '../../text/dialogue-act.lexicon';

/**
 * A turn of `role` whose dialogue acts include one of `acts` (from the injected classifier, so a
 * product number or 「已付款」 is order talk, not anger). `lastSubstantive` looks only at the
 * customer's last substantive turn (a trailing 「好的谢谢」 does not count).
 */
export const actParams = z
  .object({
    role: z.enum(['customer', 'agent']),
    acts: z.array(z.enum(DIALOGUE_ACTS)).min(1),
    scope: z.enum(['any', 'lastSubstantive']).default('any'),
    /** A turn counts only when the classifier is at least this sure of its act. */
    minConfidence: z.number().min(0).max(1).default(0),
    /**
     * A complaint (not anger) the classifier also reads as a question at least this likely is a
     * neutral question, not negative (see isNeutralQuestion). Absent, as v2 shipped.
     */
    neutralQuestionAt: z.number().min(0).max(1).optional(),
    /** A wanted act that is not the turn's main act counts only when the classifier is at least this sure of it. */
    secondaryConfidence: z.number().min(0).max(1).optional(),
    /**
     * `lastSubstantive` only: the complaint was settled when the agent answered it with empathy
     * (an apology-empathy act or one of `words`) and the customer's last turn then accepts
     * (「好的」「行，那我等新的」): the customer's last word is agreement, not the complaint.
     * `resigned` words in that last turn (「只能这样了」「算了」) keep it negative.
     */
    settled: z
      .object({
        words: z.array(z.string().trim().min(1)).default([]),
        resigned: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .optional(),
    /**
     * `lastSubstantive` only, from scorecard v4: the customer's last substantive turn is negative
     * whatever the classifier says when it holds one of `escalation` (not negated: 「我去申请平台介入」
     * 「行 差评」), or, after a complaint or anger earlier in the conversation, one of `exit`
     * (「算了，退款吧，不想要了」「不用了，浪费时间」): the customer leaves unhappy.
     */
    endsWith: z
      .object({
        escalation: z.array(z.string().trim().min(1)).default([]),
        exit: z.array(z.string().trim().min(1)).default([]),
        /** Phrases that cancel an escalation word they overlap (「我要投诉吗？不是哈哈」). */
        exclude: z.array(z.string().trim().min(1)).default([]),
        /**
         * From scorecard v5 (absent as v4 shipped): exit words are looked for in the very last
         * customer turn too when it comes after the last substantive one, as escalation words are:
         * an acknowledgement that opens a turn makes it a short reply (「行吧 太失望了」).
         */
        exitInLast: z.boolean().optional(),
        /**
         * From scorecard v5: words that, in the same turn, make an exit word none (「算了算了，也不是
         * 什么大事」, 「那算了，就拍一件」).
         */
        exitUnless: z.array(z.string().trim().min(1)).optional(),
        /**
         * From scorecard v5: words of a content customer (「辛苦了」「下次还来」「这还差不多」): a last
         * substantive turn holding one (not negated) is no complaint however the classifier reads
         * it; escalation and exit words still end the conversation negative.
         */
        content: z.array(z.string().trim().min(1)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((p) => p.scope !== 'lastSubstantive' || p.role === 'customer', {
    message: 'lastSubstantive 只适用于客户',
    path: ['scope'],
  });

export function actNote(role: string, act: string, p: number): string {
  return `${ROLE_LABEL[role as 'customer'] ?? ''}：${ACT_NAMES[act as DialogueAct] ?? act}（对话行为，置信 ${p.toFixed(2)}）`;
}

export const actOperator = defineOperator({
  name: 'act',
  label: '对话行为',
  cost: 40,
  params: actParams,
  prepare: (p) => ({ ...p, wanted: new Set<string>(p.acts) }),
  evaluate(ctx, p, heldOnly): Outcome {
    if (!ctx.facts.text?.acts) return unknown(MISSING_ACTS);
    const indices: number[] = [];
    // A turn counts with a wanted act the classifier is sure enough of, and not a neutral question.
    const counted = (i: number): string | undefined => {
      const acts = actsOf(ctx, i)!;
      const act = acts.acts.find((a) => p.wanted.has(a));
      if (!act || (acts.probabilities[act] ?? 0) < p.minConfidence) return undefined;
      if (
        p.secondaryConfidence !== undefined &&
        acts.primary !== act &&
        (acts.probabilities[act] ?? 0) < p.secondaryConfidence
      )
        return undefined;
      return isNeutralQuestion(acts, p.neutralQuestionAt) ? undefined : act;
    };
    if (p.scope === 'lastSubstantive') {
      const last = lastSubstantiveCustomer(ctx);
      const settled = last >= 0 && p.settled !== undefined && settledAfter(ctx, last, p.settled);
      if (last >= 0 && !settled && !soundsContent(ctx, last, p.endsWith?.content)) indices.push(last);
      if (p.endsWith) {
        const said = endedUnhappy(ctx, settled ? -1 : last, p.endsWith, counted);
        if (said) return heldOnly ? { held: true, evidence: [] } : { held: true, evidence: [said] };
      }
    } else {
      ctx.messages.forEach((m, i) => m.role === p.role && indices.push(i));
    }
    const evidence: Evidence[] = [];
    for (const i of indices) {
      const act = counted(i);
      if (!act) continue;
      if (heldOnly) return { held: true, evidence };
      const acts = actsOf(ctx, i)!;
      evidence.push({ messageIndex: i, span: null, note: actNote(p.role, act, acts.probabilities[act] ?? 0) });
    }
    return evidence.length ? { held: true, evidence } : NOT_HELD;
  },
});

/**
 * The note of a last turn that ends the conversation unhappy by its words (`endsWith`), or null:
 * an escalation word not negated, or an exit word after an earlier complaint or anger.
 */
function endedUnhappy(
  ctx: Parameters<typeof actOperator.evaluate>[0],
  last: number,
  ends: {
    escalation: readonly string[];
    exit: readonly string[];
    exclude: readonly string[];
    exitInLast?: boolean;
    exitUnless?: readonly string[];
  },
  counted: (i: number) => string | undefined,
): Evidence | null {
  const ms = ctx.messages;
  let lastCustomer = ms.length - 1;
  while (lastCustomer >= 0 && ms[lastCustomer].role !== 'customer') lastCustomer--;
  // The very last customer turn too, when it comes after the last substantive one: 「行 差评」
  // looks like a short acknowledgement.
  for (const i of new Set([last, lastCustomer > last ? lastCustomer : -1])) {
    if (i < 0) continue;
    const n = normalizedText(ctx, i);
    const hit = findPhrase(n.text, ends.escalation, {
      negation: DEFAULT_NEGATION_WORDS,
      window: 3,
      exclude: ends.exclude,
    });
    if (hit)
      return { messageIndex: i, span: originalSpan(ctx, i, hit.start, hit.end), note: `客户最后表示「${hit.word}」` };
  }
  if (last < 0) return null;
  const said = exitAfterComplaint(ctx, last, ends, counted);
  if (said || !ends.exitInLast || lastCustomer <= last) return said;
  return exitAfterComplaint(ctx, lastCustomer, ends, counted);
}

/** An exit word in customer turn `at` (none of `exitUnless` there) after a counted complaint or anger before it. */
function exitAfterComplaint(
  ctx: Parameters<typeof actOperator.evaluate>[0],
  at: number,
  ends: { exit: readonly string[]; exitUnless?: readonly string[] },
  counted: (i: number) => string | undefined,
): Evidence | null {
  const ms = ctx.messages;
  const n = normalizedText(ctx, at);
  const exit = findPhrase(n.text, ends.exit);
  if (!exit) return null;
  if (ends.exitUnless !== undefined && findPhrase(n.text, ends.exitUnless) !== null) return null;
  for (let i = 0; i < at; i++) {
    if (ms[i].role !== 'customer') continue;
    if (counted(i))
      return {
        messageIndex: at,
        span: originalSpan(ctx, at, exit.start, exit.end),
        note: `客户不满之后最后表示「${exit.word}」`,
      };
  }
  return null;
}

/**
 * Whether customer turn `i` holds one of `content` (not negated): a content customer, not a
 * complaint (scorecard v5's `content` of `act` endsWith and of `unsoothed`).
 */
export function soundsContent(ctx: EvalContext, i: number, content: readonly string[] | undefined): boolean {
  if (content === undefined) return false;
  return findPhrase(normalizedText(ctx, i).text, content, { negation: DEFAULT_NEGATION_WORDS, window: 3 }) !== null;
}

/**
 * Whether a turn read as a complaint is rather a neutral question: the classifier gives it a
 * question probability of at least `at` and no anger (「能不能先把黑色的发过来」, 「万一到不了呢」,
 * 「如果…有没有奖励」). LABELLING.md: neutral questions are never complaints. Scorecard v3 sets 0.1.
 */
export function isNeutralQuestion(acts: TurnActs, at: number | undefined): boolean {
  return at !== undefined && !acts.acts.includes('anger') && (acts.probabilities.question ?? 0) >= at;
}

/**
 * After customer turn `from`, an agent turn soothes (act or word) and a later customer turn, the
 * customer's last, accepts: it is not itself a complaint or anger and holds no resigned word.
 */
function settledAfter(
  ctx: Parameters<typeof actOperator.evaluate>[0],
  from: number,
  settled: { words: readonly string[]; resigned: readonly string[] },
): boolean {
  const ms = ctx.messages;
  let soothedAt = -1;
  for (let j = from + 1; j < ms.length && soothedAt < 0; j++) {
    if (ms[j].role !== 'agent') continue;
    if (
      findPhrase(normalizedText(ctx, j).text, settled.words) !== null ||
      (actsOf(ctx, j)?.acts.includes('apology-empathy') ?? false)
    )
      soothedAt = j;
  }
  if (soothedAt < 0) return false;
  let accept = -1;
  for (let j = ms.length - 1; j > soothedAt && accept < 0; j--) if (ms[j].role === 'customer') accept = j;
  if (accept < 0) return false;
  const text = normalizedText(ctx, accept).text;
  if (findPhrase(text, settled.resigned) !== null) return false;
  // Read by its main act: 「那我等吧，礼物别忘了」 is acceptance first, a reminder second.
  const main = actsOf(ctx, accept)?.primary;
  return main !== 'complaint' && main !== 'anger';
}
