import { z } from 'zod';
import type { Outcome } from '../scoring.types';
import { defineOperator, NOT_HELD, unknown } from './operator.types';
import { normalizedText } from './dialogue.support';

/**
 * The agent's first reply does not OPEN with a greeting. A shop's address terms (亲, 客官, 亲爱的,
 * 宝…) are scorecard data: they are skipped at the start, so 「亲，在的～」 and 「客官您好」 greet,
 * while 「亲，这个已经发货了」 does not. Fragments (`partial`) are not judged.
 */
export const openingParams = z
  .object({
    greetings: z.array(z.string().trim().min(1)).min(1),
    addressTerms: z.array(z.string().trim().min(1)).default([]),
    /** The greeting must start within this many characters after the address terms. */
    withinChars: z.number().int().min(0).max(20).default(2),
    /**
     * From scorecard v7: titles that address a named person, skipped at the start with the one- or
     * two-character surname before them (「张经理您好」「王总，您好」「陈工早上好」 greet).
     */
    titles: z.array(z.string().trim().min(1)).default([]),
    /**
     * From scorecard v8: a greeting at the start counts before a title is read as a name (v7 took
     * 「您好 先生」 for a person called 您好 and found no greeting after it).
     */
    greetingBeforeTitle: z.boolean().default(false),
  })
  .strict();

const LEADING_NOISE = /^[\s,，。.!！~～、:：;；…]+/;
/** Laughter and fillers before the greeting: 「哈哈亲亲您好」 still greets. */
const INTERJECTION = /^(哈+|嘿+|嗯+|呵+|啊+|哇+|嗨(?=[亲您你]))/;

export const openingOperator = defineOperator({
  name: 'opening',
  label: '开场问候缺失',
  cost: 5,
  params: openingParams,
  prepare: (p) => ({
    ...p,
    greetings: p.greetings.map((g) => g.toLowerCase()),
    // Longest first, so 亲爱的 is stripped whole before 亲.
    addressTerms: [...p.addressTerms].map((t) => t.toLowerCase()).sort((a, b) => b.length - a.length),
    named: p.titles.length
      ? new RegExp(`^\\p{Script=Han}{1,2}?(?:${p.titles.map(escapeRegExp).join('|')})`, 'u')
      : null,
  }),
  evaluate(ctx, p): Outcome {
    if (ctx.conversation.partial) return unknown('会话为片段，不评判开场问候');
    const first = ctx.messages.findIndex((m) => m.role === 'agent');
    if (first < 0) return NOT_HELD;
    let text = normalizedText(ctx, first)
      .text.replace(LEADING_NOISE, '')
      .replace(INTERJECTION, '')
      .replace(LEADING_NOISE, '');
    if (p.greetingBeforeTitle && greets(p, withoutAddress(p, text))) return NOT_HELD;
    if (p.named) text = text.replace(p.named, '').replace(LEADING_NOISE, '');
    if (greets(p, withoutAddress(p, text))) return NOT_HELD;
    return { held: true, evidence: [{ messageIndex: first, span: null, note: '客服首句未以问候开头' }] };
  },
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type OpeningPrepared = { greetings: string[]; addressTerms: string[]; withinChars: number };

/** The text with the shop's address terms at its start skipped (「亲亲，」「客官」). */
function withoutAddress(p: OpeningPrepared, text: string): string {
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const term of p.addressTerms) {
      if (text.startsWith(term)) {
        text = text.slice(term.length).replace(LEADING_NOISE, '');
        stripped = true;
      }
    }
  }
  return text;
}

/** Whether a greeting starts within `withinChars` of the text's start. */
function greets(p: OpeningPrepared, text: string): boolean {
  const head = text.slice(0, p.withinChars + Math.max(...p.greetings.map((g) => g.length)));
  return p.greetings.some((g) => {
    const at = head.indexOf(g);
    return at >= 0 && at <= p.withinChars;
  });
}
