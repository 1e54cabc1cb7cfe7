/**
 * Techniques for review domains the sentiment model never saw, measured one by one by
 * eval-sentiment-loco.ts (leave one category out) before any reaches a shipped recipe:
 *  - domain-invariant feature selection: keep a feature only when it occurs in several training
 *    categories and its naive-Bayes sign agrees in most of them, so brand names, product nouns
 *    and one category's private cues cannot carry weight into a new domain;
 *  - a lexicon-only scorer (HowNet, NTUSD, Tsinghua, DUTIR with negation and degree adverbs);
 *  - stacking across categories: a small logistic regression over out-of-category predictions
 *    (each training category scored by a model that never saw it), so the blend weights are
 *    set by how the parts transfer, not by how they fit;
 *  - transductive ones, which read the held-out category's UNLABELLED text (a deployment has a
 *    shop's unlabelled messages): self-training on confident pseudo-labels, training on the
 *    features the target text holds, and re-estimating the class prior by EM (Saerens et al. 2002).
 * Nothing here sees a held-out label: functions over a target take feature ids or scores only.
 */
import { readFileSync } from 'node:fs';
import { dataFile } from './paths';
import { sigmoid } from '../../cloudfunctions/core/text/sentiment.logreg';
import { exampleWeights, type Balance, type EncodedExample } from './review-sentiment.training';
import type { LexiconEvidence, SentimentLexicon } from '../../cloudfunctions/core/text/review-sentiment.features';

export interface InvariantOptions {
  /** A feature counts as present in a category when it occurs in at least this many of its reviews. */
  minDocs: number;
  /** Present in at least this many training categories. */
  minCategories: number;
  /** Share of those categories whose NB sign is the majority sign (1: all agree). */
  agreement: number;
}

/**
 * Features that are frequent in several training categories and point the same way in most of
 * them (1 = kept). The sign in a category is that of its smoothed log-ratio of document rates
 * in positive and negative reviews; the majority sign is that of the sum over categories. Chat
 * lines (group `chat`) are not a category here.
 */
export function invariantFeatureMask(
  examples: readonly EncodedExample[],
  featureCount: number,
  options: InvariantOptions,
): Uint8Array {
  const categories = [...new Set(examples.filter((e) => e.group !== 'chat').map((e) => e.group))];
  const present = new Int32Array(featureCount);
  const positiveSign = new Int32Array(featureCount);
  const sum = new Float64Array(featureCount);
  const pos = new Int32Array(featureCount);
  const neg = new Int32Array(featureCount);
  for (const category of categories) {
    pos.fill(0);
    neg.fill(0);
    let nPos = 0;
    let nNeg = 0;
    for (const e of examples) {
      if (e.group !== category) continue;
      const counts = e.label >= 0.5 ? pos : neg;
      if (e.label >= 0.5) nPos++;
      else nNeg++;
      for (const k of e.x) counts[k]++;
    }
    for (let k = 0; k < featureCount; k++) {
      if (pos[k] + neg[k] < options.minDocs) continue;
      const r = Math.log((pos[k] + 0.5) / (nPos + 1)) - Math.log((neg[k] + 0.5) / (nNeg + 1));
      present[k]++;
      if (r > 0) positiveSign[k]++;
      sum[k] += r;
    }
  }
  const keep = new Uint8Array(featureCount);
  for (let k = 0; k < featureCount; k++) {
    if (present[k] < options.minCategories) continue;
    const agreeing = sum[k] >= 0 ? positiveSign[k] : present[k] - positiveSign[k];
    if (agreeing >= options.agreement * present[k]) keep[k] = 1;
  }
  return keep;
}

/**
 * The lexicon without the terms the training categories contradict: a term whose word feature
 * (`w` + term, not negated) leans to the other class in most of the categories where it occurs
 * in at least `minDocs` reviews, and in at least `minCategories` of them (牛 and 霸气 read as
 * praise, 酸 in yoghurt…). Terms the reviews rarely use stay: they are what carries to new domains.
 */
export function lexiconWithoutContradicted(
  lexicon: SentimentLexicon,
  examples: readonly EncodedExample[],
  idOf: (feature: string) => number | undefined,
  options: { minDocs: number; minCategories: number },
): { lexicon: SentimentLexicon; dropped: string[] } {
  const sideOf = new Map<number, { term: string; side: 1 | -1 }>();
  for (const [set, side] of [
    [lexicon.positive, 1],
    [lexicon.negative, -1],
  ] as const) {
    for (const term of set) {
      const id = idOf('w' + term);
      if (id !== undefined) sideOf.set(id, { term, side });
    }
  }
  const categories = [...new Set(examples.map((e) => e.group))].filter((g) => g !== 'chat');
  const present = new Map<string, number>();
  const against = new Map<string, number>();
  for (const category of categories) {
    const counts = new Map<string, { pos: number; neg: number }>();
    let nPos = 0;
    let nNeg = 0;
    for (const e of examples) {
      if (e.group !== category) continue;
      const positive = e.label >= 0.5;
      if (positive) nPos++;
      else nNeg++;
      for (const k of e.x) {
        const hit = sideOf.get(k);
        if (!hit) continue;
        let c = counts.get(hit.term);
        if (!c) counts.set(hit.term, (c = { pos: 0, neg: 0 }));
        c[positive ? 'pos' : 'neg']++;
      }
    }
    for (const [term, c] of counts) {
      if (c.pos + c.neg < options.minDocs) continue;
      const r = Math.log((c.pos + 0.5) / (nPos + 1)) - Math.log((c.neg + 0.5) / (nNeg + 1));
      const side = lexicon.positive.has(term) ? 1 : -1;
      present.set(term, (present.get(term) ?? 0) + 1);
      if (r * side < 0) against.set(term, (against.get(term) ?? 0) + 1);
    }
  }
  const dropped = [...present.entries()]
    .filter(([term, n]) => n >= options.minCategories && (against.get(term) ?? 0) * 2 > n)
    .map(([term]) => term)
    .sort();
  const drop = new Set(dropped);
  return {
    lexicon: {
      positive: new Set([...lexicon.positive].filter((t) => !drop.has(t))),
      negative: new Set([...lexicon.negative].filter((t) => !drop.has(t))),
    },
    dropped,
  };
}

/** Features that occur in at least `minDocs` of the target's (unlabelled) texts. */
export function targetSupportMask(target: readonly Int32Array[], featureCount: number, minDocs: number): Uint8Array {
  const counts = new Int32Array(featureCount);
  for (const x of target) for (const k of x) counts[k]++;
  const keep = new Uint8Array(featureCount);
  for (let k = 0; k < featureCount; k++) if (counts[k] >= minDocs) keep[k] = 1;
  return keep;
}

/** Degree adverbs of HowNet's list by level: 极其 2, 很 1.5, 较 1.2, 稍 0.8, 欠 0.5, 超 2. */
const DEGREE_LEVELS = [2, 1.5, 1.2, 0.8, 0.5, 2];

export function readDegreeAdverbs(): Map<string, number> {
  const out = new Map<string, number>();
  let level = -1;
  for (const raw of readFileSync(dataFile('lexicons', 'hownet_degree.txt'), 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^(\d)\.\s/.exec(line);
    if (header) level = Number(header[1]) - 1;
    else if (line && level >= 0 && !out.has(line)) out.set(line, DEGREE_LEVELS[level]);
  }
  return out;
}

/**
 * Logistic regression over a few dense inputs (Newton's method, weighted, tiny L2), for the
 * stacking layer: inputs are per-example score vectors, targets 0/1.
 */
export function fitDenseLogistic(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  weights: ArrayLike<number>,
  l2 = 1e-3,
  iterations = 25,
): number[] {
  const d = inputs[0].length + 1;
  const beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    inputs.forEach((v, i) => {
      const x = [1, ...v];
      const p = sigmoid(x.reduce((s, xj, j) => s + xj * beta[j], 0));
      const w = weights[i];
      for (let a = 0; a < d; a++) {
        g[a] += w * (p - targets[i]) * x[a];
        for (let b = 0; b < d; b++) h[a][b] += w * p * (1 - p) * x[a] * x[b];
      }
    });
    for (let a = 1; a < d; a++) {
      g[a] += l2 * beta[a];
      h[a][a] += l2;
    }
    const step = solve(h, g);
    for (let a = 0; a < d; a++) beta[a] -= step[a];
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return beta;
}

/** Gaussian elimination with partial pivoting (the systems here are 2×2 to 4×4). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}

/**
 * The lexicon scorer's two parameters: P(positive) = σ(bias + weight × (positive − negative
 * evidence)), fitted on reviews with every category weighing the same.
 */
export function fitLexiconScorer(
  evidence: readonly LexiconEvidence[],
  reviews: readonly { label: number; group: string }[],
): { bias: number; weight: number } {
  const weights = exampleWeights(
    reviews.map((r) => ({ x: new Int32Array(), label: r.label, group: r.group })),
    'category',
  );
  const [bias, weight] = fitDenseLogistic(
    evidence.map((e) => [e.positive - e.negative]),
    reviews.map((r) => r.label),
    weights,
  );
  return { bias, weight };
}

export const logit = (p: number): number => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));

/** The positive share the training weights give the reviews (chat lines left out). */
export function weightedPrior(examples: readonly EncodedExample[], balance: Balance): number {
  const w = exampleWeights(examples, balance);
  let pos = 0;
  let all = 0;
  examples.forEach((e, i) => {
    if (e.group === 'chat') return;
    pos += w[i] * e.label;
    all += w[i];
  });
  return pos / all;
}

/**
 * Saerens, Latinne & Decaestecker (2002): the target's class prior by EM over its unlabelled
 * posteriors, and the posteriors re-weighted to it. Assumes the scores are calibrated on the
 * source, which out of domain they only roughly are.
 */
export function emPriorAdjust(p: readonly number[], sourcePrior: number, iterations = 200): number[] {
  let prior = sourcePrior;
  let adjusted = p.slice();
  for (let it = 0; it < iterations; it++) {
    const a = prior / sourcePrior;
    const b = (1 - prior) / (1 - sourcePrior);
    adjusted = p.map((q) => (a * q) / (a * q + b * (1 - q)));
    const next = adjusted.reduce((s, q) => s + q, 0) / Math.max(adjusted.length, 1);
    if (Math.abs(next - prior) < 1e-7) break;
    prior = Math.min(Math.max(next, 0.02), 0.98);
  }
  return adjusted;
}

/**
 * Scores shifted (in log-odds) so that the target's predicted positive share equals `share`:
 * the threshold calibrated by the target's own score distribution.
 */
export function matchShare(p: readonly number[], share: number): number[] {
  const z = p.map(logit);
  const sorted = [...z].sort((a, b) => b - a);
  const k = Math.min(Math.max(Math.round(share * z.length), 1), z.length - 1);
  const cut = (sorted[k - 1] + sorted[k]) / 2;
  return z.map((v) => sigmoid(v - cut));
}

/**
 * Pseudo-labelled target examples for self-training: the texts scored at least `confidence`
 * from the middle (p ≥ c or p ≤ 1-c), hard-labelled, in group `target`.
 */
export function pseudoLabelled(
  target: readonly Int32Array[],
  p: readonly number[],
  confidence: number,
): { examples: EncodedExample[]; indices: number[] } {
  const examples: EncodedExample[] = [];
  const indices: number[] = [];
  target.forEach((x, i) => {
    if (p[i] < confidence && p[i] > 1 - confidence) return;
    examples.push({ x, label: p[i] >= confidence ? 1 : 0, group: 'target' });
    indices.push(i);
  });
  return { examples, indices };
}
