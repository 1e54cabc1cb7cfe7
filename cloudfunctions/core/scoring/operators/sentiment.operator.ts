import { z } from 'zod';
import type { EvalContext, Evidence, Outcome, SentimentLabel, TextAnalyzers } from '../scoring.types';
import { defineOperator, memoKey, unknown, NOT_HELD } from './operator.types';

const LABEL: Record<SentimentLabel, string> = { negative: '负面', neutral: '中性', positive: '正面' };
const ROLE: Record<'customer' | 'agent', string> = { customer: '客户', agent: '客服' };

type Sentiment = ReturnType<TextAnalyzers['sentiment']>;

/** Each message is analysed at most once per conversation, whatever the number of rules. */
function sentimentOf(ctx: EvalContext, analyzer: TextAnalyzers, i: number): Sentiment {
  const memo = ctx.memo(SENTIMENTS);
  return (memo[i] ??= analyzer.sentiment(ctx.messages[i].text));
}

const SENTIMENTS = memoKey((ctx) => new Array<Sentiment | undefined>(ctx.messages.length));

export const sentimentParams = z
  .object({
    role: z.enum(['customer', 'agent']),
    /**
     * any: at least `minCount` messages with the label; end: the role's last `last` messages all
     * have it; trend: the mean P(positive) of the second half moves by `minDelta` from the first.
     */
    scope: z.enum(['any', 'end', 'trend']).default('any'),
    label: z.enum(['negative', 'neutral', 'positive']).optional(),
    minCount: z.number().int().positive().default(1),
    last: z.number().int().positive().default(1),
    trend: z.enum(['worsening', 'improving']).optional(),
    minDelta: z.number().positive().max(1).default(0.3),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.scope === 'trend' && !p.trend)
      ctx.addIssue({ code: 'custom', path: ['trend'], message: 'trend 范围需要 trend' });
    if (p.scope !== 'trend' && !p.label) ctx.addIssue({ code: 'custom', path: ['label'], message: '需要 label' });
  });

export const sentimentOperator = defineOperator({
  name: 'sentiment',
  label: '情绪',
  cost: 50,
  params: sentimentParams,
  prepare: (p) => p,
  evaluate(ctx, p): Outcome {
    const analyzer = ctx.facts.text;
    if (!analyzer) return unknown('未提供情感分析模型');
    const idx: number[] = [];
    ctx.messages.forEach((m, i) => {
      if (m.role === p.role && m.text.trim() !== '') idx.push(i);
    });
    if (idx.length === 0) return NOT_HELD;
    const who = ROLE[p.role];

    if (p.scope === 'trend') {
      if (idx.length < 2) return NOT_HELD;
      const half = Math.floor(idx.length / 2);
      const mean = (xs: number[]) => xs.reduce((s, i) => s + sentimentOf(ctx, analyzer, i).pPositive, 0) / xs.length;
      const delta = mean(idx.slice(idx.length - half)) - mean(idx.slice(0, half));
      const held = p.trend === 'worsening' ? delta <= -p.minDelta : delta >= p.minDelta;
      if (!held) return NOT_HELD;
      const note = `${who}情绪${p.trend === 'worsening' ? '转差' : '好转'}（正面概率变化 ${delta.toFixed(2)}）`;
      return { held: true, evidence: [{ messageIndex: idx[idx.length - 1], span: null, note }] };
    }

    const wanted = p.label!;
    const note = `${who}情绪${LABEL[wanted]}`;
    if (p.scope === 'end') {
      const tail = idx.slice(-p.last);
      if (tail.length < p.last || !tail.every((i) => sentimentOf(ctx, analyzer, i).label === wanted)) {
        return NOT_HELD;
      }
      return {
        held: true,
        evidence: tail.map((i): Evidence => ({
          messageIndex: i,
          span: null,
          note: `${who}结束时情绪${LABEL[wanted]}`,
        })),
      };
    }
    const evidence: Evidence[] = [];
    for (const i of idx)
      if (sentimentOf(ctx, analyzer, i).label === wanted) evidence.push({ messageIndex: i, span: null, note });
    return evidence.length >= p.minCount ? { held: true, evidence } : NOT_HELD;
  },
});
