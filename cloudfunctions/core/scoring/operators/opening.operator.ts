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
    /**
     * From scorecard v9: 好 closing the clause right after a named title or a collective address
     * greets (「王总好」「赵工好，收到」「家人们好～」「大家好」); after 亲 or 宝 it answers (「亲，好的」
     * 「亲，好！」), and 好好, 好不好, 好几天… are no greeting. And a greeting that starts like laughter
     * (「哈喽～」) is read before the laughter is dropped. Off as v2-v8 shipped.
     */
    goodAfterAddress: z.boolean().default(false),
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
    // The greetings the interjection strip would cut (哈喽, 哈啰), read before it (goodAfterAddress).
    laughingGreetings: p.greetings.map((g) => g.toLowerCase()).filter((g) => INTERJECTION.test(g)),
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
    const opening = normalizedText(ctx, first).text.replace(LEADING_NOISE, '');
    if (p.goodAfterAddress && greets({ ...p, greetings: p.laughingGreetings }, opening)) return NOT_HELD;
    const text = opening.replace(INTERJECTION, '').replace(LEADING_NOISE, '');
    if (p.greetingBeforeTitle && greets(p, withoutAddress(p, text), p.goodAfterAddress)) return NOT_HELD;
    const addressed = p.named ? text.replace(p.named, '').replace(LEADING_NOISE, '') : text;
    if (p.goodAfterAddress) {
      // The raw text: normalisation drops the spaces and ～ that close 「赵工好 收到」「家人们好～」.
      const raw = ctx.messages[first].text.toLowerCase().replace(LEADING_NOISE, '').replace(INTERJECTION, '');
      const rawAddressed = p.named ? raw.replace(p.named, '').replace(LEADING_NOISE, '') : raw;
      if (goodAfterAddress(raw, rawAddressed)) return NOT_HELD;
      // A Latin greeting is a word of its own: 「white色」 does not say hi.
      return greets(p, withoutAddress(p, addressed), true) ? NOT_HELD : missing(first);
    }
    if (greets(p, withoutAddress(p, addressed))) return NOT_HELD;
    return missing(first);
  },
});

function missing(first: number): Outcome {
  return { held: true, evidence: [{ messageIndex: first, span: null, note: '客服首句未以问候开头' }] };
}

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

/** Addresses to a whole audience, after which 好 greets (「家人们好」「大家好」). */
const COLLECTIVE = /^(家人们|大家|各位|朋友们|宝宝们|宝子们|亲们|小伙伴们)/;
/** 好 that closes its clause (「王总好，」「家人们好～」「大家好呀」), not 好的, 好好, 好不好, 好几天. */
const GOOD = /^好(?:呀|啊)?(?=$|[\s,，。.!！~～、:：;；])/;
/** Whether 好 greets right after a named title (`afterTitle` is the text with the title cut) or a collective address. */
function goodAfterAddress(text: string, afterTitle: string): boolean {
  if (afterTitle !== text && GOOD.test(afterTitle)) return true;
  const collective = COLLECTIVE.exec(text);
  return collective !== null && GOOD.test(text.slice(collective[0].length).replace(LEADING_NOISE, ''));
}

/**
 * Whether a greeting starts within `withinChars` of the text's start; with `latinWords`, a Latin
 * greeting (hi, hello) only when no Latin letter touches it.
 */
function greets(p: OpeningPrepared, text: string, latinWords = false): boolean {
  const head = text.slice(0, p.withinChars + Math.max(...p.greetings.map((g) => g.length)));
  return p.greetings.some((g) => {
    const at = head.indexOf(g);
    if (at < 0 || at > p.withinChars) return false;
    return !latinWords || !/^[a-z]/.test(g) || !(isLatin(text[at - 1]) || isLatin(text[at + g.length]));
  });
}

const isLatin = (c: string | undefined) => c !== undefined && /[a-z]/i.test(c);
