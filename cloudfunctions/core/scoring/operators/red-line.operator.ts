import { z } from 'zod';
import type { EvalContext, Evidence, Outcome, RedLineJudgement } from '../scoring.types';
import { defineOperator, memoKey, NOT_HELD, unknown } from './operator.types';
import { normalizedText, originalSpan } from './dialogue.support';
import { ROLE_LABEL } from './message.scope';
import { patternParam } from './pattern.param';
import { RED_LINE_HEAD_LABELS } from '../red-line.heads';
import { RED_LINE_HEADS, RED_LINE_MODELS, type RedLineModelName } from '../../text/red-line.heads';

export const MISSING_RED_LINE_MODEL = '未提供红线模型';

/**
 * A turn of `role` the learned red-line model (core/text/red-line.model.ts) judges to cross the
 * red line `head` with at least `minConfidence`: a second opinion beside a rule's word lists, for
 * the wordings no list has (「嫌贵去别家」, 「走个人账户」). The evidence names the model, its
 * confidence and the character cues that weighed most, so a reviewer sees why; it carries the cues
 * as data as well (`cues`, passed on to the hit).
 */
export const redLineParams = z
  .object({
    head: z.enum(RED_LINE_HEADS),
    role: z.enum(['customer', 'agent']).default('agent'),
    minConfidence: z.number().min(0.5).max(1).default(0.8),
    model: z.enum(RED_LINE_MODELS).default('l1'),
    /**
     * A message whose normalised text matches this is not judged: the model reads characters,
     * not negation, so 「请勿添加任何私人微信，谨防诈骗」 looks to it like an invitation.
     */
    unlessMessage: patternParam('').optional(),
    /** Text inside quotes (「…」 “…”) is the customer's or a rule's words, not the agent's: the model does not read it. */
    ignoreQuoted: z.boolean().default(false),
  })
  .strict();

const JUDGED = memoKey((ctx) => new Array<RedLineJudgement | undefined>(ctx.messages.length));

/** Quoted passages (the customer's words repeated, a rule cited), closed on the same line. */
const QUOTED = /[「『“"‘][^「『“"‘」』”"’\n]*[」』”"’]/g;

/**
 * Each turn is judged at most once per conversation, whatever the number of red-line rules; a
 * rule that ignores quotes has a turn with quotes judged again without them (rare: not memoised).
 */
function judged(ctx: EvalContext, i: number, model: RedLineModelName, ignoreQuoted: boolean): RedLineJudgement {
  const text = ctx.messages[i].text;
  if (ignoreQuoted) {
    const unquoted = text.replace(QUOTED, '，');
    if (unquoted !== text) return ctx.facts.text!.redLines!(unquoted, { model });
  }
  const memo = ctx.memo(JUDGED);
  return (memo[i] ??= ctx.facts.text!.redLines!(text, {
    model,
    // The model reads text as matching edition 2 does; an edition-1 scorecard's text is normalised again.
    normalized: ctx.reading.normalize === 2 ? normalizedText(ctx, i).text : undefined,
  }));
}

export const redLineOperator = defineOperator({
  name: 'redLineModel',
  label: '红线模型',
  cost: 30,
  params: redLineParams,
  prepare: (p) => ({ ...p, unless: p.unlessMessage === undefined ? null : new RegExp(p.unlessMessage) }),
  evaluate(ctx, p, heldOnly): Outcome {
    if (!ctx.facts.text?.redLines) return unknown(MISSING_RED_LINE_MODEL);
    const evidence: Evidence[] = [];
    for (let i = 0; i < ctx.messages.length; i++) {
      const m = ctx.messages[i];
      if (m.role !== p.role || m.text.trim() === '') continue;
      const judgement = judged(ctx, i, p.model, p.ignoreQuoted);
      const confidence = judgement.scores[p.head] ?? 0;
      if (confidence < p.minConfidence || (p.unless && p.unless.test(normalizedText(ctx, i).text))) continue;
      if (heldOnly) return { held: true, evidence };
      const cues = judgement.cues(p.head);
      const why = cues.length ? `，线索${cues.map((c) => `「${c}」`).join('')}` : '';
      const note = `红线模型：${ROLE_LABEL[p.role]}${RED_LINE_HEAD_LABELS[p.head]}（置信度 ${confidence.toFixed(2)}${why}）`;
      const e: Evidence = { messageIndex: i, span: cueSpan(ctx, i, cues), note };
      // The cues as data too, for whoever names them (the pre-send check), so nobody parses the note.
      if (cues.length) e.cues = cues;
      evidence.push(e);
    }
    return evidence.length ? { held: true, evidence } : NOT_HELD;
  },
});

/**
 * Where the strongest cue that can be found stands in the message as stored, so the reviewer's
 * highlight falls on it (and a word list's finding of the same words is the same finding, not a
 * second one); null when no cue is found as written (a cue read across a removed space or a
 * neutralised number).
 */
function cueSpan(ctx: EvalContext, i: number, cues: readonly string[]): [number, number] | null {
  const text = normalizedText(ctx, i).text.toLowerCase();
  for (const cue of cues) {
    const at = text.indexOf(cue);
    if (at >= 0) return originalSpan(ctx, i, at, at + cue.length);
  }
  return null;
}
