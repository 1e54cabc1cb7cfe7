import { z } from 'zod';
import type { PiiType } from '../../model';
import type { Evidence, Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD } from './operator.types';

const PII_LABEL: Record<PiiType, string> = { phone: '手机号', idcard: '身份证号', bankcard: '银行卡号', email: '邮箱' };

/**
 * Personal data disclosed by a role, read from ingestion's masking record (`pii` findings on
 * each message). A customer giving their own number is recorded with `by: 'customer'` and is
 * not an agent's leak.
 */
export const piiOperator = defineOperator({
  name: 'pii',
  label: '泄露个人信息',
  cost: 2,
  params: z
    .object({
      by: z.enum(['customer', 'agent', 'system', 'supervisor']).default('agent'),
      types: z
        .array(z.enum(['phone', 'idcard', 'bankcard', 'email']))
        .min(1)
        .optional(),
      /**
       * Also count numbers taken only on the words naming them (「身份证 …」 with a wrong check
       * digit: finding `named`). Scorecard v3 on; absent, as v2 shipped, only checked numbers count.
       */
      named: z.boolean().default(false),
    })
    .strict(),
  prepare: (p) => ({ by: p.by, types: p.types ? new Set<PiiType>(p.types) : null, named: p.named }),
  evaluate(ctx, p): Outcome {
    let evidence: Evidence[] | null = null;
    const messages = ctx.messages;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      if (!m.pii || m.role !== p.by) continue;
      for (const f of m.pii) {
        if (f.by !== p.by || (p.types && !p.types.has(f.type)) || (f.named && !p.named)) continue;
        (evidence ??= []).push({ messageIndex: i, span: [f.start, f.end], note: `透露了${PII_LABEL[f.type]}` });
      }
    }
    return evidence === null ? NOT_HELD : { held: true, evidence };
  },
});
