import { z } from 'zod';
import type { Evidence, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD, unknown } from './operator.types';
import { actsOf, lastSubstantiveCustomer, MISSING_ACTS } from './dialogue.support';
import { ROLE_LABEL } from './message.scope';
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
    if (p.scope === 'lastSubstantive') {
      const last = lastSubstantiveCustomer(ctx);
      if (last >= 0) indices.push(last);
    } else {
      ctx.messages.forEach((m, i) => m.role === p.role && indices.push(i));
    }
    const evidence: Evidence[] = [];
    for (const i of indices) {
      const acts = actsOf(ctx, i)!;
      const act = acts.acts.find((a) => p.wanted.has(a));
      if (!act || (acts.probabilities[act] ?? 0) < p.minConfidence) continue;
      if (heldOnly) return { held: true, evidence };
      evidence.push({ messageIndex: i, span: null, note: actNote(p.role, act, acts.probabilities[act] ?? 0) });
    }
    return evidence.length ? { held: true, evidence } : NOT_HELD;
  },
});
