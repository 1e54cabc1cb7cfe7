import { z } from 'zod';
import type { EvalContext, Evidence, Outcome } from '../scoring.types';
import { defineOperator, memoKey } from './operator.types';
import { inScope, roleSchema, withinSchema, ROLE_LABEL } from './message.scope';
import { foldCode } from '../matcher/aho-corasick';

/**
 * Semantic templates: an admin writes example sentences and messages close enough to one of
 * them count. Closeness is the cosine of character 1+2-gram TF-IDF vectors: no model file, fast,
 * and robust to the word-order and wording variations of short chat lines.
 */

/** Punctuation and spaces carry no meaning here. */
const SKIP = /[\s\p{P}\p{S}]/u;

/** Character unigram and bigram counts of a text (folded like the keyword matcher). */
export function gramCounts(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  let prev = '';
  for (const ch of text) {
    if (SKIP.test(ch)) {
      prev = '';
      continue;
    }
    const c = ch.length === 1 ? String.fromCharCode(foldCode(ch.charCodeAt(0))) : ch;
    grams.set(c, (grams.get(c) ?? 0) + 1);
    if (prev) {
      const bi = prev + c;
      grams.set(bi, (grams.get(bi) ?? 0) + 1);
    }
    prev = c;
  }
  return grams;
}

/** Unigrams say less than bigrams (「退」 vs 「退款」). */
const UNIGRAM_WEIGHT = 0.5;

export interface TemplateSpace {
  idf: Map<string, number>;
  unseenIdf: number;
  templates: { text: string; vec: Map<string, number>; norm: number }[];
}

function weight(space: Pick<TemplateSpace, 'idf' | 'unseenIdf'>, gram: string): number {
  return (space.idf.get(gram) ?? space.unseenIdf) * (gram.length === 1 ? UNIGRAM_WEIGHT : 1);
}

export function buildTemplateSpace(examples: readonly string[]): TemplateSpace {
  const counts = examples.map(gramCounts);
  const df = new Map<string, number>();
  for (const c of counts) for (const g of c.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const n = examples.length;
  const idf = new Map<string, number>();
  for (const [g, d] of df) idf.set(g, Math.log((1 + n) / (1 + d)) + 1);
  const space = { idf, unseenIdf: Math.log(1 + n) + 1, templates: [] as TemplateSpace['templates'] };
  examples.forEach((text, k) => {
    const vec = new Map<string, number>();
    let sq = 0;
    for (const [g, tf] of counts[k]) {
      const w = tf * weight(space, g);
      vec.set(g, w);
      sq += w * w;
    }
    space.templates.push({ text, vec, norm: Math.sqrt(sq) });
  });
  return space;
}

/** Best cosine between a text and the templates, with the template that gave it. */
export function bestSimilarity(space: TemplateSpace, grams: Map<string, number>): { score: number; template: string } {
  let sq = 0;
  for (const [g, tf] of grams) {
    const w = tf * weight(space, g);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  let best = { score: 0, template: '' };
  if (norm === 0) return best;
  for (const t of space.templates) {
    if (t.norm === 0) continue;
    let dot = 0;
    for (const [g, tf] of grams) {
      const tw = t.vec.get(g);
      if (tw !== undefined) dot += tw * tf * weight(space, g);
    }
    const score = dot / (norm * t.norm);
    if (score > best.score) best = { score, template: t.text };
  }
  return best;
}

const GRAMS = memoKey((ctx) => new Array<Map<string, number> | undefined>(ctx.messages.length));

function gramsOf(ctx: EvalContext, i: number): Map<string, number> {
  const memo = ctx.memo(GRAMS);
  return (memo[i] ??= gramCounts(ctx.messages[i].text));
}

export const similarityOperator = defineOperator({
  name: 'similarity',
  label: '语义相似',
  cost: 80,
  params: z
    .object({
      examples: z.array(z.string().trim().min(2, '例句至少两个字')).min(1, '至少需要一个例句'),
      threshold: z.number().gt(0).max(1).default(0.6),
      role: roleSchema.default('any'),
      within: withinSchema.optional(),
    })
    .strict(),
  prepare: (p) => ({ space: buildTemplateSpace(p.examples), threshold: p.threshold, role: p.role, within: p.within }),
  evaluate(ctx, p): Outcome {
    const evidence: Evidence[] = [];
    for (let i = 0; i < ctx.messages.length; i++) {
      if (!inScope(ctx, i, p.role, p.within)) continue;
      const { score, template } = bestSimilarity(p.space, gramsOf(ctx, i));
      if (score >= p.threshold) {
        evidence.push({
          messageIndex: i,
          span: null,
          note: `${ROLE_LABEL[p.role]}的话与「${template}」相似（${score.toFixed(2)}）`,
        });
      }
    }
    return { held: evidence.length > 0, evidence };
  },
});
