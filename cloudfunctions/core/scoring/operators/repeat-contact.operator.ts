import { z } from 'zod';
import type { Outcome } from '../scoring.types';
import { defineOperator, unknown, NOT_HELD } from './operator.types';

/**
 * The same customer came back within N hours. The history is an injected fact (the caller
 * queries earlier sessions); without it the answer is unknown, never "no".
 */
export const repeatContactOperator = defineOperator({
  name: 'repeatContact',
  label: '重复来访',
  cost: 1,
  params: z
    .object({
      withinHours: z.number().positive(),
      atLeast: z.number().int().positive().default(1),
      /** Count only earlier contacts about the same issue type as this conversation. */
      sameIssueType: z.boolean().default(false),
    })
    .strict(),
  prepare: (p) => p,
  evaluate(ctx, p): Outcome {
    const history = ctx.facts.history;
    if (!history) return unknown('未提供客户历史来访记录');
    const c = ctx.conversation;
    const start = c.startedAt ?? c.messages[0]?.at;
    if (start === undefined) return NOT_HELD;
    const from = start - p.withinHours * 3_600_000;
    const n = history.previousContacts.filter(
      (h) =>
        h.at >= from &&
        h.at < start &&
        (!p.sameIssueType || (h.issueType !== undefined && h.issueType === c.tags?.issueType)),
    ).length;
    if (n < p.atLeast) return NOT_HELD;
    return {
      held: true,
      evidence: [{ messageIndex: null, span: null, note: `${p.withinHours} 小时内第 ${n + 1} 次来访` }],
    };
  },
});
