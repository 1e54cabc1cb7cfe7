import { z } from 'zod';
import { patternParam } from './pattern.param';
import type { Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD, unknown } from './operator.types';
import { actsOf, findPhrase, isSubstantive, lastSubstantiveCustomer, normalizedText } from './dialogue.support';

/**
 * The conversation ended without a polite close: none of the agent's turns after the customer's
 * last substantive message thanks, says goodbye or offers further help. Judged only on
 * conversations that really ended: scoring happens when a session closes (idle, agent close, end
 * of an imported conversation); an imported fragment (`partial`) is skipped with its reason.
 */
export const closingParams = z
  .object({
    words: z.array(z.string().trim().min(1)).min(1),
    /**
     * Customer turns this pattern matches (flags iu) only acknowledge, besides the built-in short
     * replies (好的, 谢谢, 👌): 「哈哈好」, 「……好吧」. From scorecard v4; absent as v2 and v3 shipped.
     */
    acknowledgement: patternParam('iu').optional(),
  })
  .strict();

export const closingOperator = defineOperator({
  name: 'closing',
  label: '结束语缺失',
  cost: 6,
  params: closingParams,
  prepare: (p) => ({
    words: p.words.map((w) => w.toLowerCase()),
    ack: p.acknowledgement === undefined ? null : new RegExp(p.acknowledgement, 'iu'),
  }),
  evaluate(ctx, p): Outcome {
    if (ctx.conversation.partial) return unknown('会话为片段，不评判结束语');
    const ms = ctx.messages;
    if (!ms.some((m) => m.role === 'agent')) return NOT_HELD;
    let last = lastSubstantiveCustomer(ctx);
    // Acknowledgements the built-in list does not know, from the end backwards.
    while (p.ack && last >= 0 && p.ack.test(ms[last].text.trim())) {
      let k = last - 1;
      while (k >= 0 && !(ms[k].role === 'customer' && isSubstantive(ms[k].text))) k--;
      last = k;
    }
    const from = last + 1;
    let lastAgent = -1;
    for (let i = from; i < ms.length; i++) {
      if (ms[i].role !== 'agent') continue;
      lastAgent = i;
      if (findPhrase(normalizedText(ctx, i).text, p.words) !== null) return NOT_HELD;
      if (actsOf(ctx, i)?.acts.includes('closing')) return NOT_HELD;
    }
    return {
      held: true,
      evidence: [
        {
          messageIndex: lastAgent >= 0 ? lastAgent : null,
          span: null,
          note:
            lastAgent >= 0 ? '客户最后的问题之后，客服未致谢、道别或询问其他问题' : '客户最后的问题之后客服再无回复',
        },
      ],
    };
  },
});
