/**
 * Training pieces of the review sentiment model v2 (core/text/review-sentiment.v2.ts), shared
 * by train-sentiment-v2.ts and eval-sentiment-loco.ts:
 *  - reviews with their category (the 7 `cat` values of online_shopping_7_cats, plus waimai);
 *  - the sentiment lexicons of ../shared/data/lexicons, merged into positive / negative sets;
 *  - NB-weighted logistic regression (Wang & Manning 2012, "NBSVM" with a logistic loss): each
 *    binary feature is scaled by its naive-Bayes log-count ratio r = log(p/|p|) - log(q/|q|)
 *    before an AdaGrad logistic regression, so evidence that separates the classes counts
 *    from the first step and the regression only corrects it;
 *  - example weights that balance classes and categories, so the largest categories (and
 *    their label shares) do not set the decision for a category the model never saw.
 * Features are encoded once into integer ids (FeatureSpace) and every fold or variant works on
 * the ids: featurising is the slow part (segmentation), fitting is cheap.
 */
import { readFileSync } from 'node:fs';
import { dataFile } from './paths';
import { parseCsv, seededRandom, shuffled, type Review } from './sentiment.training';
import { GRAM_SEPARATOR, sigmoid } from '../../cloudfunctions/core/text/sentiment.logreg';
import {
  reviewFeatures,
  type ReviewFeatureOptions,
  type SentimentLexicon,
} from '../../cloudfunctions/core/text/review-sentiment.features';
import type { Segmenter } from '../../cloudfunctions/core/text/segmenter';
import {
  REVIEW_SENTIMENT_FORMAT,
  REVIEW_SENTIMENT_FORMAT_3,
  type ReviewSentimentModelFile,
} from '../../cloudfunctions/core/text/review-sentiment.nblr';

export interface CategorizedReview extends Review {
  /** online_shopping_7_cats `cat` (平板, 手机, …) or `waimai`. */
  category: string;
}

export const WAIMAI = 'waimai';

/** All reviews with their category, in file order. */
export function readCategorizedReviews(): CategorizedReview[] {
  const out: CategorizedReview[] = [];
  const read = (file: string): string[][] => parseCsv(readFileSync(dataFile('sentiment', file), 'utf8'));
  const [wHeader, ...wRows] = read('waimai_10k.csv');
  const [sHeader, ...sRows] = read('online_shopping_7_cats.csv');
  const add = (rows: string[][], header: string[], corpus: string, category: (r: string[]) => string): void => {
    const labelAt = header.indexOf('label');
    const textAt = header.indexOf('review');
    for (const r of rows) {
      const text = (r[textAt] ?? '').trim();
      const label = r[labelAt];
      if (!text || (label !== '0' && label !== '1')) continue;
      out.push({ text, label: label === '1' ? 1 : 0, corpus, category: category(r) });
    }
  };
  add(wRows, wHeader, 'waimai_10k', () => WAIMAI);
  const catAt = sHeader.indexOf('cat');
  add(sRows, sHeader, 'online_shopping_7_cats', (r) => r[catAt]);
  return out;
}

/** Categories in a fixed order: online_shopping's in order of first appearance, then waimai. */
export function categoriesOf(reviews: readonly CategorizedReview[]): string[] {
  const seen = [...new Set(reviews.map((r) => r.category))];
  return [...seen.filter((c) => c !== WAIMAI), ...seen.filter((c) => c === WAIMAI)];
}

const LEXICON_FILES = {
  positive: ['hownet_pos_emotion.txt', 'hownet_pos_judgement.txt', 'ntusd_positive.txt', 'tsinghua_positive.txt'],
  negative: ['hownet_neg_emotion.txt', 'hownet_neg_judgement.txt', 'ntusd_negative.txt', 'tsinghua_negative.txt'],
};
/**
 * DUTIR's seven emotion classes: joy and praise are positive; anger, sadness, fear, disgust
 * negative; surprise neither. The file names praise (好) `like`: edition 1 looked for `good`, so
 * v2 was trained without DUTIR's 11,081 praise words (the negative side kept its 10,262 disgust
 * words, which tilts the lexicon counts negative); edition 2 reads `like` as meant.
 */
const DUTIR_SIDE: Record<1 | 2, Record<string, 'positive' | 'negative' | undefined>> = {
  1: {
    joy: 'positive',
    good: 'positive',
    anger: 'negative',
    sadness: 'negative',
    fear: 'negative',
    disgust: 'negative',
  },
  2: {
    joy: 'positive',
    like: 'positive',
    anger: 'negative',
    sadness: 'negative',
    fear: 'negative',
    disgust: 'negative',
  },
};

/**
 * 1: as v2 was trained (DUTIR's praise class missed); 2: with it; 3: edition 2 without its
 * one-character terms (about 1,000: 牛, 酸, 死, 要, 说, 想…), whose sign depends on the word they are
 * part of (蒙牛, 酸奶, 爱死了) and which the n-grams weigh from the data anyway.
 */
export type LexiconEdition = 1 | 2 | 3;
export const LEXICON_EDITIONS: readonly LexiconEdition[] = [1, 2, 3];

/**
 * HowNet, NTUSD, Tsinghua and DUTIR merged. A term listed on both sides (好坏, 骄傲…) is left
 * out: its sign depends on context, which the n-grams see and a count cannot.
 */
export function readLexicon(edition: LexiconEdition = 1): SentimentLexicon {
  const positive = new Set<string>();
  const negative = new Set<string>();
  const terms = (file: string): string[] =>
    readFileSync(dataFile('lexicons', file), 'utf8')
      .split(/\r?\n/)
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0);
  for (const f of LEXICON_FILES.positive) for (const t of terms(f)) positive.add(t);
  for (const f of LEXICON_FILES.negative) for (const t of terms(f)) negative.add(t);
  for (const line of terms('dutir_emotion_7class.tsv').slice(1)) {
    const [word, , en] = line.split('\t');
    const side = DUTIR_SIDE[edition === 1 ? 1 : 2][en];
    if (word && side) (side === 'positive' ? positive : negative).add(word);
  }
  for (const t of [...positive]) {
    if (negative.has(t)) {
      positive.delete(t);
      negative.delete(t);
    }
  }
  if (edition === 3) {
    for (const set of [positive, negative]) for (const t of [...set]) if (Array.from(t).length === 1) set.delete(t);
  }
  return { positive, negative };
}

/** Feature strings ↔ dense ids, grown as documents are encoded. */
export class FeatureSpace {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  encode(features: readonly string[]): Int32Array {
    const out = new Int32Array(features.length);
    features.forEach((f, i) => {
      let id = this.ids.get(f);
      if (id === undefined) {
        id = this.names.length;
        this.ids.set(f, id);
        this.names.push(f);
      }
      out[i] = id;
    });
    return out;
  }
}

export interface EncodedExample {
  x: Int32Array;
  /** Target: 1 positive, 0 negative, 0.5 neutral chat line. */
  label: number;
  /** Balancing stratum: a review category, or `chat`. */
  group: string;
}

export type Balance = 'none' | 'class' | 'category' | 'cell';

export interface NbLogisticOptions {
  /** Minimum number of training examples a feature must occur in. */
  minCount: number;
  /** Scale features by naive-Bayes log-count ratios (false: plain logistic regression). */
  nb: boolean;
  /** Laplace smoothing of the NB counts. */
  nbAlpha: number;
  /**
   * `pooled`: one set of NB ratios over all training examples (v2); `category-mean`: the mean
   * of each review category's own ratios (chat lines left out).
   */
  nbRatios: 'pooled' | 'category-mean';
  /**
   * `class`: each class weighs the same in total; `category`: each category weighs the same in
   * total, its label shares kept; `cell`: each category × class cell weighs the same (categories
   * and labels balanced at once). Chat lines keep weight 1.
   */
  balance: Balance;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Keep this many features after the first fit (by |effective weight| × frequency), then refit; 0 keeps all. */
  maxFeatures: number;
  /**
   * Feature dropout in training: each feature of an example is left out of a step with this
   * probability (the rest scaled by 1/(1-d)), except the protected ones (the lexicon priors), so
   * the fit cannot lean on a few domain-specific n-grams and gives the general evidence weight.
   */
  dropout: number;
  /**
   * Group DRO (Sagawa et al. 2020), 0 for off: each review category's examples are weighted by
   * exp(groupDro × its running training loss), normalised to mean 1 over the categories, so the
   * categories the model fits worst pull harder (worst-group rather than average risk).
   */
  groupDro: number;
  seed: number;
}

export const DEFAULT_V2_OPTIONS: NbLogisticOptions = {
  minCount: 3,
  nb: true,
  nbAlpha: 1,
  nbRatios: 'pooled',
  balance: 'category',
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-6,
  maxFeatures: 20000,
  dropout: 0.8,
  groupDro: 0,
  seed: 20240601,
};

/** A fitted model over global feature ids: effective weight (w·r) per id. */
export interface NbLogisticFit {
  bias: number;
  /** global feature id → effective weight. */
  weights: Map<number, number>;
}

/** Per-example weights for a balance mode (chat lines keep 1; reviews average 1). */
export function exampleWeights(examples: readonly EncodedExample[], balance: Balance): Float64Array {
  const w = new Float64Array(examples.length).fill(1);
  if (balance === 'none') return w;
  const key = (e: EncodedExample): string =>
    balance === 'class' ? String(e.label) : balance === 'category' ? e.group : `${e.group}/${e.label}`;
  const sizes = new Map<string, number>();
  let reviews = 0;
  for (const e of examples) {
    if (e.group === 'chat') continue;
    reviews++;
    sizes.set(key(e), (sizes.get(key(e)) ?? 0) + 1);
  }
  // Each stratum gets reviews/strata in total, so the mean review weight stays 1.
  const perStratum = reviews / sizes.size;
  examples.forEach((e, i) => {
    if (e.group !== 'chat') w[i] = perStratum / sizes.get(key(e))!;
  });
  return w;
}

/** Naive-Bayes log-count ratios log(p/|p|) - log(q/|q|) over the examples `use` keeps. */
function nbRatios(
  docs: readonly Int32Array[],
  examples: readonly EncodedExample[],
  weights: Float64Array,
  n: number,
  alpha: number,
  use: (i: number) => boolean,
): Float64Array {
  const p = new Float64Array(n).fill(alpha);
  const q = new Float64Array(n).fill(alpha);
  docs.forEach((x, i) => {
    if (!use(i)) return;
    const pos = examples[i].label * weights[i];
    const neg = (1 - examples[i].label) * weights[i];
    for (const k of x) {
      p[k] += pos;
      q[k] += neg;
    }
  });
  let ps = 0;
  let qs = 0;
  for (let k = 0; k < n; k++) {
    ps += p[k];
    qs += q[k];
  }
  const r = new Float64Array(n);
  for (let k = 0; k < n; k++) r[k] = Math.log(p[k] / ps) - Math.log(q[k] / qs);
  return r;
}

/**
 * Online group weights for Group DRO: a running (exponentially averaged) log-loss per review
 * category, turned into weights exp(eta × loss) with mean 1 over the categories, refreshed every
 * 256 steps. Chat lines (group index -1) keep weight 1.
 */
class GroupDroWeights {
  private readonly loss: Float64Array;
  private readonly q: Float64Array;
  private steps = 0;

  constructor(
    private readonly groupOf: Int32Array,
    groups: number,
    private readonly eta: number,
  ) {
    this.loss = new Float64Array(groups).fill(Math.LN2);
    this.q = new Float64Array(groups).fill(1);
  }

  weight(i: number): number {
    const g = this.groupOf[i];
    return g < 0 ? 1 : this.q[g];
  }

  observe(i: number, p: number, label: number): void {
    const g = this.groupOf[i];
    if (g < 0) return;
    const eps = 1e-9;
    const l = -(label * Math.log(p + eps) + (1 - label) * Math.log(1 - p + eps));
    this.loss[g] += 0.01 * (l - this.loss[g]);
    if (++this.steps % 256 === 0) this.refresh();
  }

  private refresh(): void {
    let sum = 0;
    for (let g = 0; g < this.q.length; g++) sum += this.q[g] = Math.exp(this.eta * this.loss[g]);
    for (let g = 0; g < this.q.length; g++) this.q[g] *= this.q.length / sum;
  }
}

/** Each example's review-category index (chat lines -1) and the number of categories. */
function groupIndex(examples: readonly EncodedExample[]): { groupOf: Int32Array; groups: number } {
  const ids = new Map<string, number>();
  const groupOf = Int32Array.from(examples, (e) => {
    if (e.group === 'chat') return -1;
    let g = ids.get(e.group);
    if (g === undefined) ids.set(e.group, (g = ids.size));
    return g;
  });
  return { groupOf, groups: ids.size };
}

function fitOnce(
  docs: Int32Array[],
  labels: readonly number[],
  weights: Float64Array,
  r: Float64Array,
  protect: Uint8Array,
  options: NbLogisticOptions,
  dro?: GroupDroWeights,
): { w: Float64Array; bias: number } {
  const w = new Float64Array(r.length);
  const gsum = new Float64Array(r.length).fill(1e-8);
  let bias = 0;
  let bsum = 1e-8;
  const random = seededRandom(options.seed);
  const order = docs.map((_, i) => i);
  const d = options.dropout;
  const keep: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      let x: ArrayLike<number> = docs[i];
      if (d > 0) {
        keep.length = 0;
        for (const k of docs[i]) if (protect[k] || random() >= d) keep.push(k);
        x = keep;
      }
      let z = bias;
      for (let j = 0; j < x.length; j++) {
        const k = x[j];
        z += w[k] * r[k] * (d > 0 && !protect[k] ? 1 / (1 - d) : 1);
      }
      const p = sigmoid(z);
      const err = (p - labels[i]) * weights[i] * (dro ? dro.weight(i) : 1);
      dro?.observe(i, p, labels[i]);
      bsum += err * err;
      bias -= (options.learningRate * err) / Math.sqrt(bsum);
      for (let j = 0; j < x.length; j++) {
        const k = x[j];
        const g = err * r[k] * (d > 0 && !protect[k] ? 1 / (1 - d) : 1) + options.l2 * w[k];
        gsum[k] += g * g;
        w[k] -= (options.learningRate * g) / Math.sqrt(gsum[k]);
      }
    }
  }
  return { w, bias };
}

/**
 * NB-scaled logistic regression over the examples' features. `select` (global id → kept?)
 * lets a variant drop feature kinds without re-encoding.
 */
export function trainNbLogistic(
  examples: readonly EncodedExample[],
  featureCount: number,
  options: NbLogisticOptions,
  select: (id: number) => boolean = () => true,
  isProtected: (id: number) => boolean = () => false,
): NbLogisticFit {
  const counts = new Int32Array(featureCount);
  for (const e of examples) for (const k of e.x) counts[k]++;
  const run = (
    kept: (id: number) => boolean,
  ): { local: Int32Array; fit: { w: Float64Array; bias: number }; r: Float64Array } => {
    const local = new Int32Array(featureCount).fill(-1);
    let n = 0;
    for (let id = 0; id < featureCount; id++)
      if (counts[id] >= options.minCount && select(id) && kept(id)) local[id] = n++;
    const docs = examples.map((e) => {
      const ids: number[] = [];
      for (const k of e.x) if (local[k] >= 0) ids.push(local[k]);
      return Int32Array.from(ids);
    });
    const weights = exampleWeights(examples, options.balance);
    const r = new Float64Array(n).fill(1);
    if (options.nb) {
      if (options.nbRatios === 'category-mean') {
        // Each category's own ratios, averaged: a cue of one category alone (a brand, a product
        // noun) is shrunk towards 0, a cue every category agrees on keeps its full size.
        const groups = [...new Set(examples.map((e) => e.group))].filter((g) => g !== 'chat');
        r.fill(0);
        for (const g of groups) {
          const rg = nbRatios(docs, examples, weights, n, options.nbAlpha, (i) => examples[i].group === g);
          for (let k = 0; k < n; k++) r[k] += rg[k] / groups.length;
        }
      } else r.set(nbRatios(docs, examples, weights, n, options.nbAlpha, () => true));
    }
    const protect = new Uint8Array(n);
    for (let id = 0; id < featureCount; id++) if (local[id] >= 0 && isProtected(id)) protect[local[id]] = 1;
    const { groupOf, groups } = groupIndex(examples);
    const dro = options.groupDro > 0 ? new GroupDroWeights(groupOf, groups, options.groupDro) : undefined;
    const fit = fitOnce(
      docs,
      examples.map((e) => e.label),
      weights,
      r,
      protect,
      options,
      dro,
    );
    return { local, fit, r };
  };
  let result = run(() => true);
  if (options.maxFeatures > 0) {
    const scored: { id: number; u: number }[] = [];
    for (let id = 0; id < featureCount; id++) {
      const k = result.local[id];
      if (k >= 0) scored.push({ id, u: Math.abs(result.fit.w[k] * result.r[k]) * counts[id] });
    }
    if (scored.length > options.maxFeatures) {
      const keep = new Set(
        scored
          .sort((a, b) => b.u - a.u || a.id - b.id)
          .slice(0, options.maxFeatures)
          .map((s) => s.id),
      );
      result = run((id) => keep.has(id));
    }
  }
  const weights = new Map<number, number>();
  for (let id = 0; id < featureCount; id++) {
    const k = result.local[id];
    if (k >= 0) {
      const eff = result.fit.w[k] * result.r[k];
      if (eff !== 0) weights.set(id, eff);
    }
  }
  return { bias: result.fit.bias, weights };
}

export function predictNbLogistic(fit: NbLogisticFit, x: Int32Array): number {
  let z = fit.bias;
  for (const k of x) z += fit.weights.get(k) ?? 0;
  return sigmoid(z);
}

/** Binary accuracy and macro-F1 (mean of the positive and negative classes' F1) at p ≥ 0.5. */
export function binaryScores(
  gold: readonly number[],
  pPositive: readonly number[],
): { accuracy: number; macroF1: number } {
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    const pred = pPositive[i] >= 0.5 ? 1 : 0;
    if (pred === 1 && g === 1) tp++;
    else if (pred === 0 && g === 0) tn++;
    else if (pred === 1) fp++;
    else fn++;
  });
  const f1 = (t: number, f1p: number, f1n: number): number => (t === 0 ? 0 : (2 * t) / (2 * t + f1p + f1n));
  return { accuracy: (tp + tn) / Math.max(gold.length, 1), macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2 };
}

/** Up to `max` examples of each group (seeded), for the fast exploration path. */
export function subsamplePerGroup<T extends { group: string }>(items: readonly T[], max: number, seed: number): T[] {
  const random = seededRandom(seed);
  const groups = new Map<string, T[]>();
  for (const it of items) {
    let g = groups.get(it.group);
    if (!g) groups.set(it.group, (g = []));
    g.push(it);
  }
  const out: T[] = [];
  for (const key of [...groups.keys()].sort()) out.push(...shuffled(groups.get(key)!, random).slice(0, max));
  return out;
}

/**
 * Reviews (group: their category) then chat lines (group `chat`) encoded in one feature space,
 * in that order (the order fixes the feature ids, hence the seeded fit).
 */
export function encodeReviewExamples(
  reviews: readonly CategorizedReview[],
  chat: readonly { text: string; label: number }[],
  segmenter: Segmenter,
  features: ReviewFeatureOptions,
): { space: FeatureSpace; examples: EncodedExample[] } {
  const space = new FeatureSpace();
  const examples: EncodedExample[] = [
    ...reviews.map((r) => ({
      x: space.encode(reviewFeatures(r.text, segmenter, features)),
      label: r.label,
      group: r.category,
    })),
    ...chat.map((c) => ({
      x: space.encode(reviewFeatures(c.text, segmenter, features)),
      label: c.label,
      group: 'chat',
    })),
  ];
  return { space, examples };
}

/**
 * Model v3's recipe beside v2's features and options: lexicon edition 2, and the lexicon
 * scorer averaged with the n-gram model in log-odds (eval-sentiment-loco.ts `v3`).
 */
export const V3_RECIPE = { lexiconEdition: 2 } as const satisfies { lexiconEdition: LexiconEdition };

/**
 * Model v4's recipe: v3's, with the n-gram part bagged by category (eval-sentiment-loco.ts
 * `v4`): one fit per review category, each on all the others (chat lines in every fit), their
 * log-odds averaged, which for linear models is one model with the mean weights; then the
 * `maxFeatures` largest by |mean weight| × frequency kept (the union of eight fits' features
 * would not fit the 1 MB a model file may take).
 */
export const V4_RECIPE = { ...V3_RECIPE, bag: 'leave-one-category-out', maxFeatures: 30000 } as const;

/**
 * The fits of `trainWithout(g)` for every review category g (chat lines never left out), averaged:
 * mean bias and mean weight per feature (0 where a fit lacks it), so its log-odds are the mean
 * of theirs; with `prune`, only the `maxFeatures` largest by |mean weight| × count stay (ties by
 * id). Categories in the given order and ids sorted, so the sums run in a fixed order (same bytes).
 */
export function trainCategoryBag(
  categories: readonly string[],
  trainWithout: (category: string) => NbLogisticFit,
  prune?: { maxFeatures: number; count: (id: number) => number },
): NbLogisticFit {
  const sum = new Map<number, number>();
  let bias = 0;
  for (const category of categories) {
    const fit = trainWithout(category);
    bias += fit.bias;
    for (const [id, w] of fit.weights) sum.set(id, (sum.get(id) ?? 0) + w);
  }
  let ids = [...sum.keys()].sort((a, b) => a - b);
  if (prune && ids.length > prune.maxFeatures) {
    const u = (id: number): number => Math.abs(sum.get(id)!) * prune.count(id);
    const kept = new Set([...ids].sort((a, b) => u(b) - u(a) || a - b).slice(0, prune.maxFeatures));
    ids = ids.filter((id) => kept.has(id));
  }
  const weights = new Map<number, number>();
  for (const id of ids) weights.set(id, sum.get(id)! / categories.length);
  return { bias: bias / categories.length, weights };
}

/** How many of the examples hold each feature id (the frequency pruning weighs by). */
export function featureCounts(examples: readonly EncodedExample[], featureCount: number): Int32Array {
  const counts = new Int32Array(featureCount);
  for (const e of examples) for (const k of e.x) counts[k]++;
  return counts;
}

/** The v2 model's features: character 1-3-grams, words with negation, lexicon priors. */
export const V2_FEATURES = { charOrders: [1, 2, 3], words: true, negationScope: 3, lexicon: true } as const;

/**
 * The features v2 exempts from dropout: the lexicon counts and the word features of lexicon
 * terms (满意, 失望, n满意…), general evidence that should keep its full weight when a new
 * domain's own n-grams are unknown.
 */
export function isV2Protected(feature: string, lexicon: SentimentLexicon): boolean {
  if (feature[0] === 'L') return true;
  if (feature[0] !== 'w' && feature[0] !== 'n') return false;
  const word = feature.slice(1);
  return lexicon.positive.has(word) || lexicon.negative.has(word);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The model file of a fit: features in string order with weights rounded to 3 decimals (zeros
 * dropped), and the lexicon pruned to terms the segmenter can emit as one token, the only ones
 * a token-level match can find. Same fit, same bytes.
 */
export function buildReviewModelFile(
  fit: NbLogisticFit,
  space: FeatureSpace,
  features: {
    charOrders: readonly number[];
    words: boolean;
    negationScope: number;
    negationWords: readonly string[];
    lexicon?: SentimentLexicon;
  },
  isToken: (term: string) => boolean,
): ReviewSentimentModelFile {
  const kept = [...fit.weights.entries()]
    .map(([id, w]) => ({ f: space.names[id], w: round3(w) }))
    .filter((x) => x.w !== 0 && !x.f.includes(GRAM_SEPARATOR))
    .sort((a, b) => byString(a.f, b.f));
  const terms = (set: ReadonlySet<string> | undefined): string =>
    [...(set ?? [])]
      .filter((t) => !t.includes(GRAM_SEPARATOR) && isToken(t))
      .sort(byString)
      .join(GRAM_SEPARATOR);
  return {
    format: REVIEW_SENTIMENT_FORMAT,
    charOrders: [...features.charOrders],
    words: features.words,
    negationScope: features.negationScope,
    negationWords: [...features.negationWords],
    lexicon: { positive: terms(features.lexicon?.positive), negative: terms(features.lexicon?.negative) },
    bias: round3(fit.bias),
    features: kept.map((x) => x.f).join(GRAM_SEPARATOR),
    weights: kept.map((x) => x.w),
    band: { low: 0.5, high: 0.5 },
    trainedOn: '',
  };
}

/**
 * A v3 file (format @3) from a v2-style file and a fitted lexicon scorer σ(bias + weight ×
 * score): the two log-odds averaged, so the file's blend is (bias/2, ngram 1/2, weight/2). The
 * degree adverbs are kept when the segmenter emits them whole (the only ones a match can find),
 * in string order. Same inputs, same bytes.
 */
export function withLexiconScorer(
  file: ReviewSentimentModelFile,
  scorer: { bias: number; weight: number },
  degrees: ReadonlyMap<string, number>,
  isToken: (term: string) => boolean,
): ReviewSentimentModelFile {
  const kept = [...degrees.entries()].filter(([w]) => isToken(w)).sort(([a], [b]) => byString(a, b));
  return {
    ...file,
    format: REVIEW_SENTIMENT_FORMAT_3,
    lexiconScorer: {
      degrees: kept.map(([w]) => w).join(GRAM_SEPARATOR),
      levels: kept.map(([, level]) => level),
      bias: round3(scorer.bias / 2),
      ngram: 0.5,
      lexicon: round3(scorer.weight / 2),
    },
  };
}
