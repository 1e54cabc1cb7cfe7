import { z } from 'zod';
import type { Conversation } from '../../model';
import type { EvalContext, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';

type Fact = string | number | boolean | undefined;

/** The session facts a rule may compare, by name (the names are part of the scorecard format). */
const FACTS: Record<string, { label: string; read(c: Conversation, ctx: EvalContext): Fact }> = {
  'rating.csat': { label: '满意度', read: (c) => c.rating?.csat },
  'rating.nps': { label: 'NPS', read: (c) => c.rating?.nps },
  'rating.resolved': { label: '是否解决', read: (c) => c.rating?.resolved },
  channel: { label: '渠道', read: (c) => c.channel },
  transfers: { label: '转接次数', read: (c) => c.transfers ?? 0 },
  'tags.issueType': { label: '问题类型', read: (c) => c.tags?.issueType },
  'tags.businessLine': { label: '业务线', read: (c) => c.tags?.businessLine },
  'messages.count': { label: '消息数', read: (c) => c.messages.length },
  'messages.customer': { label: '客户消息数', read: (_c, ctx) => ctx.roleCount('customer') },
  'messages.agent': { label: '客服消息数', read: (_c, ctx) => ctx.roleCount('agent') },
};

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const metadataParams = z
  .object({
    field: z.enum(Object.keys(FACTS) as [string, ...string[]]),
    is: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'exists', 'missing']),
    value: z.union([scalar, z.array(scalar)]).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const needsArray = p.is === 'in' || p.is === 'notIn';
    const needsNone = p.is === 'exists' || p.is === 'missing';
    if (needsNone && p.value !== undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${p.is} 不需要 value` });
    if (!needsNone && p.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: '需要 value' });
    if (needsArray && !Array.isArray(p.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${p.is} 需要数组` });
    if (!needsArray && Array.isArray(p.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${p.is} 不接受数组` });
  });

/** Answers remembered per metadata condition (see evaluate). */
const NOTES_KEPT = 64;

const SYMBOL: Record<string, string> = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥', in: '∈', notIn: '∉' };

function compare(actual: Fact, is: string, value: unknown): boolean {
  switch (is) {
    case 'exists':
      return actual !== undefined;
    case 'missing':
      return actual === undefined;
    case 'in':
      return actual !== undefined && (value as unknown[]).includes(actual);
    case 'notIn':
      return actual !== undefined && !(value as unknown[]).includes(actual);
  }
  // A missing fact never satisfies a comparison: no rating is not a bad rating.
  if (actual === undefined) return false;
  switch (is) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
      return typeof actual === 'number' && actual < (value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (value as number);
    case 'gt':
      return typeof actual === 'number' && actual > (value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (value as number);
  }
  return false;
}

export const metadataOperator = defineOperator({
  name: 'metadata',
  label: '会话属性',
  cost: 1,
  params: metadataParams,
  prepare: (p) => ({
    is: p.is,
    value: p.value,
    fact: FACTS[p.field],
    condition: SYMBOL[p.is] ? `（${SYMBOL[p.is]} ${JSON.stringify(p.value)}）` : '',
    held: new Map<Fact, Outcome>(),
  }),
  evaluate(ctx, p): Outcome {
    const actual = p.fact.read(ctx.conversation, ctx);
    if (!compare(actual, p.is, p.value)) return NOT_HELD;
    // The answer depends on the fact's value only, so it is built once per value and shared
    // (frozen: callers copy evidence, never change it).
    let held = p.held.get(actual);
    if (held === undefined) {
      const shown = typeof actual === 'boolean' ? (actual ? '是' : '否') : String(actual ?? '无');
      const note = p.condition ? `${p.fact.label}为 ${shown}${p.condition}` : `${p.fact.label}：${shown}`;
      held = Object.freeze({
        held: true,
        evidence: Object.freeze([Object.freeze({ messageIndex: null, span: null, note })]),
      });
      // Counts and ratings take few values; free-text facts (issue types) are not kept forever.
      if (p.held.size < NOTES_KEPT) p.held.set(actual, held);
    }
    return held;
  },
});
