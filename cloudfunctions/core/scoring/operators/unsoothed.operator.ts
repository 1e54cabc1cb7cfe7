import { z } from 'zod';
import type { Evidence, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD, unknown } from './operator.types';
import { actsOf, findPhrase, isSubstantive, MISSING_ACTS, normalizedText, originalSpan } from './dialogue.support';
import { DEFAULT_NEGATION_WORDS } from './keywords.operator';
import { actNote, isNeutralQuestion, soundsContent } from './act.operator';
import { DIALOGUE_ACTS } from '../../text/dialogue-act.lexicon';

/**
 * A customer turn that complains or shows anger (its dialogue acts), and none of the agent's next
 * `window` turns answers it with an apology or empathy (the act, or a word of `words`: 别着急,
 * 理解您, 给您添麻烦了, 抱抱…). An apology made before the complaint does not count. The evidence is
 * the complaint itself, so a reviewer sees what went unanswered.
 */
export const unsoothedParams = z
  .object({
    trigger: z.array(z.enum(DIALOGUE_ACTS)).min(1).default(['complaint', 'anger']),
    response: z.array(z.enum(DIALOGUE_ACTS)).min(1).default(['apology-empathy']),
    words: z.array(z.string().trim().min(1)).default([]),
    window: z.number().int().min(1).max(5).default(2),
    /** A trigger turn counts only when the classifier is at least this sure of its act. */
    minConfidence: z.number().min(0).max(1).default(0),
    /**
     * A trigger act that is not the turn's main act (「漏出来的油弄脏了我的地毯怎么办」 read first as a
     * question) counts only when the classifier is at least this sure of it: the guide says
     * neutral questions and order talk are never complaints.
     */
    secondaryConfidence: z.number().min(0).max(1).optional(),
    /**
     * Once the agent has soothed a complaint, the customer's further complaint turns (not anger)
     * are the same complaint going on and need no new apology; anger always does.
     */
    onceSoothed: z.boolean().default(false),
    /**
     * A complaint (not anger) the classifier also reads as a question at least this likely is a
     * neutral question (「能不能先把黑色的发过来」「万一到不了呢」): the guide says neutral
     * questions are never complaints. Absent (as v2 shipped): no such reading.
     */
    neutralQuestionAt: z.number().min(0).max(1).optional(),
    /**
     * A complaint after which the conversation ends (or a fragment is cut off) with fewer than
     * this many agent turns is not judged: the agent had no chance to answer it (no-reply and
     * reply-slow judge the silence). Absent (as v2 and v3 shipped): judged on whatever turns follow.
     */
    minAnswers: z.number().int().min(1).max(5).optional(),
    /**
     * A customer turn holding one of these words (not negated, not inside an `exclude` phrase) is a
     * complaint whatever the classifier reads: 「好，我去申请平台介入」 is a threat, not order talk.
     * From scorecard v4; absent as v2 and v3 shipped.
     */
    escalation: z
      .object({
        words: z.array(z.string().trim().min(1)).min(1),
        exclude: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .optional(),
    /**
     * A customer turn holding one of these words (not negated) is content, no complaint however the
     * classifier reads it (「行，辛苦了，我寄回去」, 「下次还来」); an escalation word still counts.
     * From scorecard v5; absent as v2-v4 shipped.
     */
    content: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

export const unsoothedOperator = defineOperator({
  name: 'unsoothed',
  label: '不满未获安抚',
  cost: 45,
  params: unsoothedParams,
  prepare: (p) => ({ ...p, trig: new Set<string>(p.trigger), resp: new Set<string>(p.response) }),
  evaluate(ctx, p, heldOnly): Outcome {
    if (!ctx.facts.text?.acts) return unknown(MISSING_ACTS);
    const ms = ctx.messages;
    // The word list first: it settles most turns without running the classifier.
    const soothes = (j: number) =>
      findPhrase(normalizedText(ctx, j).text, p.words) !== null || actsOf(ctx, j)!.acts.some((a) => p.resp.has(a));
    const evidence: Evidence[] = [];
    let soothedBefore = false;
    for (let i = 0; i < ms.length; i++) {
      // A bare 「好的」「谢谢」 neither complains nor rages: no need to ask the classifier.
      if (ms[i].role !== 'customer' || !isSubstantive(ms[i].text)) continue;
      const acts = actsOf(ctx, i)!;
      const escalated = p.escalation
        ? findPhrase(normalizedText(ctx, i).text, p.escalation.words, {
            negation: DEFAULT_NEGATION_WORDS,
            window: 3,
            exclude: p.escalation.exclude,
          })
        : null;
      const act = escalated ? 'complaint' : acts.acts.find((a) => p.trig.has(a));
      if (!escalated) {
        if (soundsContent(ctx, i, p.content)) continue;
        if (!act || (acts.probabilities[act] ?? 0) < p.minConfidence) continue;
        if (
          p.secondaryConfidence !== undefined &&
          acts.primary !== act &&
          (acts.probabilities[act] ?? 0) < p.secondaryConfidence
        )
          continue;
        if (p.onceSoothed && soothedBefore && act !== 'anger') continue;
        if (isNeutralQuestion(acts, p.neutralQuestionAt)) continue;
      }
      if (!act) continue;
      let seen = 0;
      let soothed = false;
      for (let j = i + 1; j < ms.length && seen < p.window && !soothed; j++) {
        if (ms[j].role !== 'agent') continue;
        seen++;
        soothed = soothes(j);
      }
      if (soothed) {
        soothedBefore = true;
        continue;
      }
      if (p.minAnswers !== undefined && seen < p.minAnswers) continue;
      if (heldOnly) return { held: true, evidence };
      evidence.push({
        messageIndex: i,
        span: escalated ? originalSpan(ctx, i, escalated.start, escalated.end) : null,
        note: escalated
          ? `客户命中「${escalated.word}」，客服随后 ${p.window} 句内未致歉或安抚`
          : `${actNote('customer', act, acts.probabilities[act] ?? 0)}，客服随后 ${p.window} 句内未致歉或安抚`,
      });
    }
    return evidence.length ? { held: true, evidence } : NOT_HELD;
  },
});
