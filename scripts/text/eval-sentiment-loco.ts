/**
 * Leave-one-category-out evaluation of review sentiment: the categories are the 7 `cat` values
 * of online_shopping_7_cats plus waimai_10k as an eighth; for each, a model is trained on all
 * the others (plus the chat training lines, as the shipped recipes do) and tested on it, so
 * every figure is for a domain the model never saw. Reported per category: n, binary accuracy
 * and macro-F1 (p ≥ 0.5), for the current method (v1: logistic regression over character
 * 1+2-grams, scripts/text/sentiment.training.ts), for v2 (NB-weighted logistic regression
 * over character 1-3-grams, words with negation and lexicon priors) and for v3 (v2 over lexicon
 * edition 2, its log-odds averaged with a lexicon scorer's) and v4 (v3 with its n-gram model bagged
 * by left-out category), trained and tested in the same run.
 * Seeded: the same data gives the same figures. Last line: one JSON object.
 *
 * No label of the held-out category reaches its model: the fold hands a variant the training
 * examples and, for the held-out category, feature ids and lexicon scores only (runVariant's
 * `test`); its labels go to binaryScores alone. Variants marked transductive read that unlabelled
 * text (self-training, its feature support, its score distribution) and are printed as
 * TRANSDUCTIVE: compare them with each other, not with the inductive ones.
 *
 *   npx tsx scripts/text/eval-sentiment-loco.ts [--fast] [--variants v1,v2,...] [--list] [--errors 蒙牛]
 *
 * --fast subsamples every training category to 3,000 reviews and fits 3 epochs (exploration);
 * --variants picks methods by name (--list prints them); the default is v1,v2,v3,v4; --errors <category>
 * prints that category's misread texts (stderr), to read.
 * Without ../shared/data (or KEFU_DATA_DIR) it prints why and exits 0.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags } from '../cli/command';
import { REPO_ROOT } from './paths';
import { createSentimentAnalyzer, sigmoid } from '../../cloudfunctions/core/text/sentiment.logreg';
import { getDefaultSegmenter } from '../../cloudfunctions/core/text/segmenter';
import {
  lexiconCountFeatures,
  lexiconEvidence,
  NEGATION_WORDS,
  reviewFeatures,
  type LexiconEvidence,
  type SentimentLexicon,
} from '../../cloudfunctions/core/text/review-sentiment.features';
import { chatTrainingExamples, DEFAULT_TRAIN_OPTIONS, trainLogisticRegression } from './sentiment.training';
import {
  binaryScores,
  categoriesOf,
  DEFAULT_V2_OPTIONS,
  FeatureSpace,
  isV2Protected,
  predictNbLogistic,
  readCategorizedReviews,
  readLexicon,
  subsamplePerGroup,
  trainNbLogistic,
  V2_FEATURES,
  V3_RECIPE,
  V4_RECIPE,
  exampleWeights,
  featureCounts,
  trainCategoryBag,
  type EncodedExample,
  type NbLogisticFit,
  LEXICON_EDITIONS,
  type LexiconEdition,
  type NbLogisticOptions,
} from './review-sentiment.training';
import {
  emPriorAdjust,
  fitDenseLogistic,
  fitLexiconScorer,
  invariantFeatureMask,
  lexiconWithoutContradicted,
  logit,
  matchShare,
  pseudoLabelled,
  readDegreeAdverbs,
  targetSupportMask,
  weightedPrior,
  type InvariantOptions,
} from './review-sentiment.domain';
import { normalizeText } from '../../cloudfunctions/core/text/text.normalize';

interface Variant {
  name: string;
  what: string;
  /** Which encoded features the variant uses, by name; may rename (negation off: n… → w…). */
  feature: (name: string) => string | null;
  options: Partial<NbLogisticOptions>;
  /** Lexicon features are exempt from dropout (default true). */
  protectLexicon?: boolean;
  /** So are the word features (w…, n…) of lexicon terms (default false). */
  protectLexiconWords?: boolean;
  /** How the fold's scores are made from fits of this variant (default: one fit, its P(positive)). */
  method?: Method;
  /** Lexicon edition (review-sentiment.training.ts readLexicon; default 1, as v2). */
  lexicon?: LexiconEdition;
  /** Drop the lexicon terms this fold's training categories contradict (lexiconWithoutContradicted). */
  cleanLexicon?: { minDocs: number; minCategories: number };
  /** Lexicon edition of the lexicon scorer, when not the variant's own. */
  scorerLexicon?: LexiconEdition;
  /** The method reads the held-out category's unlabelled text (reported apart from the inductive ones). */
  transductive?: boolean;
}

/** One fold as a variant sees it: its features already selected and renamed. */
interface Fold {
  names: readonly string[];
  /** Training reviews (and chat lines, group `chat`). */
  train: EncodedExample[];
  trainLexicon: LexiconEvidence[];
  /** The held-out category's texts as feature ids: no labels. */
  test: Int32Array[];
  testLexicon: LexiconEvidence[];
  options: NbLogisticOptions;
}

/** Fits the variant's NB-LR on examples (optionally on the features `select` keeps); returns its P(positive). */
type Fitter = (
  train: readonly EncodedExample[],
  select?: (id: number) => boolean,
  options?: Partial<NbLogisticOptions>,
  /** Ids beyond the fold's features (shared + per-category copies); protection follows id mod the fold's count. */
  featureCount?: number,
) => (x: Int32Array) => number;
/** As Fitter, the fit itself (for methods that combine fits' weights, as v4's bag does). */
type ModelFitter = (train: readonly EncodedExample[]) => NbLogisticFit;
type Method = (fold: Fold, fit: Fitter, fitModel: ModelFitter) => number[];

const single: Method = (fold, fit) => fold.test.map(fit(fold.train));

/** Domain-invariant features only (lexicon priors always kept). */
const invariant =
  (o: InvariantOptions): Method =>
  (fold, fit) => {
    const keep = invariantFeatureMask(fold.train, fold.names.length, o);
    return fold.test.map(fit(fold.train, (id) => keep[id] === 1 || fold.names[id][0] === 'L'));
  };

/** Out-of-category log-odds of every training review: each category scored by a fit on the others. */
function outOfCategory(fold: Fold, fit: Fitter, select?: (id: number) => boolean): number[] {
  const z = new Array<number>(fold.train.length).fill(0);
  const groups = [...new Set(fold.train.map((e) => e.group))].filter((g) => g !== 'chat');
  for (const g of groups) {
    const predict = fit(
      fold.train.filter((e) => e.group !== g),
      select,
    );
    fold.train.forEach((e, i) => {
      if (e.group === g) z[i] = logit(predict(e.x));
    });
  }
  return z;
}

/** Reviews only, with category-balanced weights, for a stacking layer. */
function reviewRows(fold: Fold): { rows: number[]; weights: Float64Array } {
  const rows = fold.train.map((e, i) => (e.group === 'chat' ? -1 : i)).filter((i) => i >= 0);
  const weights = exampleWeights(
    rows.map((i) => fold.train[i]),
    'category',
  );
  return { rows, weights };
}

const net = (e: LexiconEvidence): number => e.positive - e.negative;
/** The lexicon evidence as stacking inputs: the net score, or positive and negative apart. */
const lexiconInputs = (e: LexiconEvidence, apart: boolean): number[] => (apart ? [e.positive, e.negative] : [net(e)]);

/** The lexicon scorer alone: P = σ(a + b·score), a and b fitted on the training reviews (as train-sentiment-v3.ts does). */
const lexiconOnly: Method = (fold) => {
  const rows = fold.train.map((e, i) => (e.group === 'chat' ? -1 : i)).filter((i) => i >= 0);
  const { bias, weight } = fitLexiconScorer(
    rows.map((i) => fold.trainLexicon[i]),
    rows.map((i) => fold.train[i]),
  );
  return fold.testLexicon.map((e) => sigmoid(bias + weight * net(e)));
};

/** The n-gram model's log-odds plus beta × the lexicon score (beta fixed). */
const lexiconBlend =
  (beta: number): Method =>
  (fold, fit) => {
    const predict = fit(fold.train);
    return fold.test.map((x, i) => sigmoid(logit(predict(x)) + beta * net(fold.testLexicon[i])));
  };

/**
 * Stacking across categories: the n-gram model's out-of-category log-odds and the lexicon
 * evidence are weighed by a logistic regression fitted on the training reviews (inner leave
 * one category out, the held-out one never among them), then applied to a fit on all of them.
 */
const stackedLexicon =
  (apart: boolean): Method =>
  (fold, fit) => {
    const z = outOfCategory(fold, fit);
    const { rows, weights } = reviewRows(fold);
    const beta = fitDenseLogistic(
      rows.map((i) => [z[i], ...lexiconInputs(fold.trainLexicon[i], apart)]),
      rows.map((i) => fold.train[i].label),
      weights,
    );
    const predict = fit(fold.train);
    return fold.test.map((x, i) =>
      sigmoid(
        [1, logit(predict(x)), ...lexiconInputs(fold.testLexicon[i], apart)].reduce((s, v, j) => s + v * beta[j], 0),
      ),
    );
  };

const kinds =
  (...tags: string[]) =>
  (fold: Fold) =>
  (id: number): boolean =>
    tags.includes(fold.names[id][0]);

/** Members over different feature kinds, their log-odds averaged (the lexicon scorer as a member when asked). */
const ensemble =
  (members: string[][], withLexicon: boolean, abstain = false): Method =>
  (fold, fit, fitModel) => {
    const z = new Array<number>(fold.test.length).fill(0);
    for (const tags of members) {
      const predict = fit(fold.train, kinds(...tags)(fold));
      fold.test.forEach((x, i) => (z[i] += logit(predict(x))));
    }
    let parts = members.length;
    if (withLexicon) {
      // abstain: a text without lexicon evidence gets no vote from the scorer's prior (its bias).
      lexiconOnly(fold, fit, fitModel).forEach((p, i) => {
        const e = fold.testLexicon[i];
        if (!abstain || e.positive + e.negative > 0) z[i] += logit(p);
      });
      parts++;
    }
    return z.map((v) => sigmoid(v / parts));
  };

/** Transductive: trained only on the features that occur in at least minDocs target texts. */
const targetFeatures =
  (minDocs: number): Method =>
  (fold, fit) => {
    const keep = targetSupportMask(fold.test, fold.names.length, minDocs);
    return fold.test.map(fit(fold.train, (id) => keep[id] === 1));
  };

/**
 * Transductive self-training: the target texts scored at least `confidence` from the middle
 * join the training set with their predicted labels (as one more category), then refit.
 */
const selfTrain =
  (confidence: number, rounds: number, inner: Method = single): Method =>
  (fold, fit, fitModel) => {
    let p = inner(fold, fit, fitModel);
    for (let r = 0; r < rounds; r++) {
      const pseudo = pseudoLabelled(fold.test, p, confidence);
      const train = [...fold.train, ...pseudo.examples];
      const trainLexicon = [...fold.trainLexicon, ...pseudo.indices.map((i) => fold.testLexicon[i])];
      p = inner({ ...fold, train, trainLexicon }, fit, fitModel);
    }
    return p;
  };

/** Transductive: the target's class prior re-estimated by EM, posteriors re-weighted to it. */
const emPrior =
  (inner: Method = single): Method =>
  (fold, fit, fitModel) =>
    emPriorAdjust(inner(fold, fit, fitModel), weightedPrior(fold.train, fold.options.balance));

/** Transductive: the threshold set so the target's predicted positive share is the training one. */
const shareThreshold =
  (inner: Method = single): Method =>
  (fold, fit, fitModel) =>
    matchShare(inner(fold, fit, fitModel), weightedPrior(fold.train, fold.options.balance));

/**
 * Inner leave-one-category-out inside a fold's training data (the held-out category is never
 * among them): for each training category, the n-gram model and the lexicon scorer fitted on the
 * other training categories, their log-odds on that category's reviews, and the n-gram fits
 * themselves (members for bagging). What nested selection and category bagging read.
 */
interface InnerFolds {
  /** Training review rows (chat lines left out) and their category. */
  rows: number[];
  /** Out-of-category n-gram and lexicon-scorer log-odds, aligned with rows. */
  ngram: number[];
  scorer: number[];
  members: ((x: Int32Array) => number)[];
}

function innerFolds(fold: Fold, fit: Fitter): InnerFolds {
  const rows = fold.train.map((e, i) => (e.group === 'chat' ? -1 : i)).filter((i) => i >= 0);
  const at = new Map(rows.map((i, j) => [i, j]));
  const ngram = new Array<number>(rows.length).fill(0);
  const scorer = new Array<number>(rows.length).fill(0);
  const members: ((x: Int32Array) => number)[] = [];
  const groups = [...new Set(rows.map((i) => fold.train[i].group))];
  for (const g of groups) {
    const others = fold.train.filter((e) => e.group !== g);
    const predict = fit(others);
    members.push(predict);
    const otherRows = rows.filter((i) => fold.train[i].group !== g);
    const { bias, weight } = fitLexiconScorer(
      otherRows.map((i) => fold.trainLexicon[i]),
      otherRows.map((i) => fold.train[i]),
    );
    for (const i of rows) {
      if (fold.train[i].group !== g) continue;
      ngram[at.get(i)!] = logit(predict(fold.train[i].x));
      scorer[at.get(i)!] = bias + weight * net(fold.trainLexicon[i]);
    }
  }
  return { rows, ngram, scorer, members };
}

/** The blend weights nested selection tries: log-odds = (1 − λ) × n-gram + λ × scorer (v3: λ = 0.5). */
const BLEND_GRID = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * The λ of BLEND_GRID whose inner leave-one-category-out accuracy is best: by the worst inner
 * category (`worst`, ties to the better mean) or by the mean (`mean`).
 */
function chooseBlend(fold: Fold, inner: InnerFolds, by: 'worst' | 'mean'): number {
  const groups = [...new Set(inner.rows.map((i) => fold.train[i].group))];
  let best = { lambda: 0.5, worst: -1, mean: -1 };
  for (const lambda of BLEND_GRID) {
    const accuracy = groups.map((g) => {
      let right = 0;
      let n = 0;
      inner.rows.forEach((i, j) => {
        const e = fold.train[i];
        if (e.group !== g) return;
        const z = (1 - lambda) * inner.ngram[j] + lambda * inner.scorer[j];
        n++;
        if (z >= 0 === e.label >= 0.5) right++;
      });
      return right / n;
    });
    const worst = Math.min(...accuracy);
    const mean = accuracy.reduce((a, b) => a + b, 0) / accuracy.length;
    const [key, tie] = by === 'worst' ? [worst, mean] : [mean, worst];
    const [bestKey, bestTie] = by === 'worst' ? [best.worst, best.mean] : [best.mean, best.worst];
    if (key > bestKey + 1e-12 || (Math.abs(key - bestKey) <= 1e-12 && tie > bestTie)) best = { lambda, worst, mean };
  }
  process.stderr.write(
    `  blend λ ${best.lambda} (inner worst ${best.worst.toFixed(3)}, mean ${best.mean.toFixed(3)}, by ${by})\n`,
  );
  return best.lambda;
}

/**
 * Nested selection of the blend: λ chosen by inner leave-one-category-out over the training
 * categories; the n-gram part is one fit on all of them (`bag`: the mean log-odds of the inner
 * fits, each without one training category).
 */
const nestedBlend =
  (by: 'worst' | 'mean', bag: boolean): Method =>
  (fold, fit) => {
    const inner = innerFolds(fold, fit);
    const lambda = chooseBlend(fold, inner, by);
    const ngram = bag ? baggedLogOdds(inner.members) : logOdds(fit(fold.train));
    const scorer = scorerLogOdds(fold);
    return fold.test.map((x, i) => sigmoid((1 - lambda) * ngram(x) + lambda * scorer(fold.testLexicon[i])));
  };

const logOdds =
  (predict: (x: Int32Array) => number) =>
  (x: Int32Array): number =>
    logit(predict(x));
const baggedLogOdds =
  (members: ((x: Int32Array) => number)[]) =>
  (x: Int32Array): number =>
    members.reduce((s, m) => s + logit(m(x)), 0) / members.length;

/** The lexicon scorer fitted on the fold's training reviews, as log-odds of its evidence. */
function scorerLogOdds(fold: Fold): (e: LexiconEvidence) => number {
  const rows = fold.train.map((e, i) => (e.group === 'chat' ? -1 : i)).filter((i) => i >= 0);
  const { bias, weight } = fitLexiconScorer(
    rows.map((i) => fold.trainLexicon[i]),
    rows.map((i) => fold.train[i]),
  );
  return (e) => bias + weight * net(e);
}

/**
 * Category bagging: the mean log-odds of the inner fits (each without one training category),
 * averaged with the lexicon scorer as v3 averages its single fit.
 */
const categoryBagged: Method = (fold, fit) => {
  const inner = innerFolds(fold, fit);
  const ngram = baggedLogOdds(inner.members);
  const scorer = scorerLogOdds(fold);
  return fold.test.map((x, i) => sigmoid((ngram(x) + scorer(fold.testLexicon[i])) / 2));
};

/**
 * v4 as train-sentiment-v4.ts builds it: the inner fits' weights averaged into one model
 * (trainCategoryBag) and pruned to the largest `maxFeatures` by |mean weight| × frequency, then
 * averaged with the lexicon scorer as v3 is.
 */
const categoryBagPruned =
  (maxFeatures: number): Method =>
  (fold, _fit, fitModel) => {
    const groups = [...new Set(fold.train.map((e) => e.group))].filter((g) => g !== 'chat');
    const counts = featureCounts(fold.train, fold.names.length);
    const bag = trainCategoryBag(groups, (left) => fitModel(fold.train.filter((e) => e.group !== left)), {
      maxFeatures,
      count: (id) => counts[id],
    });
    const scorer = scorerLogOdds(fold);
    return fold.test.map((x, i) => sigmoid((logit(predictNbLogistic(bag, x)) + scorer(fold.testLexicon[i])) / 2));
  };

/**
 * Control for category bagging: the mean log-odds of `members` fits on all training categories,
 * each with its own seed (order and dropout), so only the averaging of seeded noise differs from v3.
 */
const seedBagged =
  (members: number): Method =>
  (fold, fit) => {
    const predictors = Array.from({ length: members }, (_, k) =>
      fit(fold.train, undefined, { seed: fold.options.seed + k + 1 }),
    );
    const ngram = baggedLogOdds(predictors);
    const scorer = scorerLogOdds(fold);
    return fold.test.map((x, i) => sigmoid((ngram(x) + scorer(fold.testLexicon[i])) / 2));
  };

/**
 * Shared and category-specific weights (Daumé 2007's feature augmentation; Khosla et al. 2012,
 * "Undoing the damage of dataset bias"): every training review's features come twice, as the
 * shared feature and as its category's own copy; the held-out category is scored by the shared
 * weights alone, so what one category says by itself can sit in its own copy instead.
 */
const sharedWeights =
  (maxFeatures: number): Method =>
  (fold, fit) => {
    const n = fold.names.length;
    const groups = [...new Set(fold.train.map((e) => e.group))].filter((g) => g !== 'chat');
    const augmented = fold.train.map((e) => {
      const g = groups.indexOf(e.group);
      if (g < 0) return e;
      const x = new Int32Array(e.x.length * 2);
      x.set(e.x);
      e.x.forEach((k, j) => (x[e.x.length + j] = k + n * (g + 1)));
      return { ...e, x };
    });
    const predict = fit(augmented, undefined, { maxFeatures }, n * (groups.length + 1));
    const scorer = scorerLogOdds(fold);
    return fold.test.map((x, i) => sigmoid((logit(predict(x)) + scorer(fold.testLexicon[i])) / 2));
  };

/**
 * Transductive co-training (two views: n-grams, lexicon scorer): target texts join training
 * with a pseudo-label only when the blend is confident (p ≥ c or ≤ 1 − c) and both views lean
 * the same way; then v3's method is refitted, `rounds` times (`bag`: v3-bag's, the target
 * texts one more category left out in turn).
 */
const coTrain =
  (confidence: number, rounds: number, bag = false): Method =>
  (fold, fit) => {
    let train = fold.train;
    let trainLexicon = fold.trainLexicon;
    let p: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      const current = { ...fold, train, trainLexicon };
      const ngram = bag ? baggedLogOdds(innerFolds(current, fit).members) : logOdds(fit(train));
      const scorer = scorerLogOdds(current);
      const views = fold.test.map((x, i) => ({ a: ngram(x), b: scorer(fold.testLexicon[i]) }));
      p = views.map((v) => sigmoid((v.a + v.b) / 2));
      if (r === rounds) break;
      const agreeing = p.map((q, i) => (views[i].a > 0 === views[i].b > 0 ? q : 0.5));
      const pseudo = pseudoLabelled(fold.test, agreeing, confidence);
      train = [...fold.train, ...pseudo.examples];
      trainLexicon = [...fold.trainLexicon, ...pseudo.indices.map((i) => fold.testLexicon[i])];
    }
    return p;
  };

function runVariant(
  variant: Variant,
  data: {
    space: FeatureSpace;
    train: EncodedExample[];
    trainLexicon: LexiconEvidence[];
    test: Int32Array[];
    testLexicon: LexiconEvidence[];
    options: NbLogisticOptions;
    lexicon: SentimentLexicon;
    words: { train: string[][]; test: string[][] };
    negationWords: ReadonlySet<string>;
    degrees: ReadonlyMap<string, number>;
  },
): number[] {
  const { space } = data;
  let lexicon = data.lexicon;
  let { trainLexicon, testLexicon } = data;
  if (variant.cleanLexicon) {
    // The lexicon cleaned on this fold's training categories: its counts and scores made again.
    const cleaned = lexiconWithoutContradicted(lexicon, data.train, (f) => space.ids.get(f), variant.cleanLexicon);
    process.stderr.write(
      `  ${variant.name}: ${cleaned.dropped.length} lexicon terms dropped (${cleaned.dropped.slice(0, 40).join(' ')}…)\n`,
    );
    lexicon = cleaned.lexicon;
    const evidence = (words: string[]): LexiconEvidence =>
      lexiconEvidence(words, lexicon, data.negationWords, 3, data.degrees);
    trainLexicon = data.words.train.map(evidence);
    testLexicon = data.words.test.map(evidence);
  }
  const remap = new Int32Array(space.names.length).fill(-1);
  const vspace = new FeatureSpace();
  // A variant reads its edition's lexicon counts as its L features and never sees the others.
  const tag = variant.cleanLexicon ? null : LEXICON_TAG[variant.lexicon ?? 1];
  const feature = (f: string): string | null => {
    if (!LEXICON_TAGS.includes(f[0])) return variant.feature(f);
    return f[0] === tag ? variant.feature('L' + f.slice(1)) : null;
  };
  space.names.forEach((f, id) => {
    const kept = feature(f);
    if (kept !== null) remap[id] = vspace.encode([kept])[0];
  });
  const countFeatures = (words: string[]): string[] =>
    variant.cleanLexicon && variant.feature('L=0') !== null
      ? lexiconCountFeatures(words, lexicon, { negationScope: 3, negationWords: data.negationWords })
      : [];
  const project = (x: Int32Array, words: string[]): Int32Array => {
    const ids = new Set<number>();
    for (const k of x) if (remap[k] >= 0) ids.add(remap[k]);
    for (const k of vspace.encode(countFeatures(words))) ids.add(k);
    return Int32Array.from(ids);
  };
  const protectLexicon = variant.protectLexicon ?? true;
  const isProtected = (id: number): boolean => {
    const f = vspace.names[id];
    if (f[0] === 'L') return protectLexicon;
    return variant.protectLexiconWords === true && isV2Protected(f, lexicon);
  };
  const fold: Fold = {
    names: vspace.names,
    train: data.train.map((e, i) => ({ ...e, x: project(e.x, data.words.train[i]) })),
    trainLexicon,
    test: data.test.map((x, i) => project(x, data.words.test[i])),
    testLexicon,
    options: data.options,
  };
  const fit: Fitter = (train, select, options, featureCount = vspace.names.length) => {
    const n = vspace.names.length;
    const f = trainNbLogistic(train, featureCount, { ...data.options, ...options }, select, (id) =>
      isProtected(id % n),
    );
    return (x) => predictNbLogistic(f, x);
  };
  const fitModel: ModelFitter = (train) =>
    trainNbLogistic(train, vspace.names.length, data.options, undefined, isProtected);
  return (variant.method ?? single)(fold, fit, fitModel);
}

/** A listed variant, or `<listed>@key=value,...` overriding its training options (exploration). */
function findVariant(name: string): Variant | undefined {
  const [base, overrides] = name.split('@');
  const v = VARIANTS.find((x) => x.name === base);
  if (!v || overrides === undefined) return v;
  const options: Record<string, unknown> = { ...v.options };
  let protectLexicon = v.protectLexicon;
  let protectLexiconWords = v.protectLexiconWords;
  for (const kv of overrides.split(';')) {
    const [k, value] = kv.split('=');
    const parsed =
      value === 'true' ? true : value === 'false' ? false : Number.isNaN(Number(value)) ? value : Number(value);
    if (k === 'protect') protectLexicon = parsed === true;
    else if (k === 'protectWords') protectLexiconWords = parsed === true;
    else options[k] = parsed;
  }
  return { ...v, name, options: options as Partial<NbLogisticOptions>, protectLexicon, protectLexiconWords };
}

const charOrder = (name: string): number => Array.from(name).length - 1;
const chars =
  (max: number) =>
  (name: string): string | null =>
    name[0] === 'c' && charOrder(name) <= max ? name : null;
const withWords =
  (max: number, negation: boolean, lexicon: boolean) =>
  (name: string): string | null => {
    if (name[0] === 'c') return chars(max)(name);
    if (name[0] === 'w') return name;
    if (name[0] === 'n') return negation ? name : 'w' + name.slice(1);
    if (name[0] === 'L') return lexicon ? name : null;
    return null;
  };
const ALL = withWords(3, true, true);
/** Options before the two techniques that mattered (NB scaling, dropout) are switched on. */
const plain: Partial<NbLogisticOptions> = { nb: false, balance: 'none', dropout: 0 };
const nb: Partial<NbLogisticOptions> = { nb: true, balance: 'none', dropout: 0 };

/** v2's n-gram model (all feature kinds) averaged with the lexicon scorer: v3's method. */
const WITH_SCORER = ensemble([['c', 'w', 'n', 'L']], true);

/** v2's features and options; the issue-12 variants start from it. */
const V2 = { feature: ALL, options: {}, protectLexiconWords: true } as const;

/** The techniques measured one by one, in the order they were tried (v1 is the shipped recipe itself). */
const VARIANTS: Variant[] = [
  { name: 'lr-c12', what: 'LR, char 1+2-grams (v1 features, this trainer)', feature: chars(2), options: plain },
  { name: 'lr-c123', what: 'LR, char 1-3-grams', feature: chars(3), options: plain },
  { name: 'lr-c123-w', what: 'LR, + segmenter words', feature: withWords(3, false, false), options: plain },
  { name: 'lr-c123-wn', what: 'LR, + negation (scope 3)', feature: withWords(3, true, false), options: plain },
  { name: 'lr-all', what: 'LR, + lexicon priors', feature: ALL, options: plain },
  { name: 'lr-all-bclass', what: 'LR, all features, class balance', feature: ALL, options: { ...plain, balance: 'class' } },
  { name: 'lr-all-bcell', what: 'LR, all features, category×class balance', feature: ALL, options: { ...plain, balance: 'cell' } },
  { name: 'nb-c12', what: 'NB-LR, char 1+2-grams', feature: chars(2), options: nb },
  { name: 'nb-all', what: 'NB-LR, all features', feature: ALL, options: nb },
  { name: 'nb-all-bcell', what: 'NB-LR, all features, category×class balance', feature: ALL, options: { ...nb, balance: 'cell' } },
  { name: 'nb-all-bcell-l2e5', what: 'NB-LR, cell balance, L2 1e-5', feature: ALL, options: { ...nb, balance: 'cell', l2: 1e-5 } },
  { name: 'nb-all-bcell-l2e4', what: 'NB-LR, cell balance, L2 1e-4', feature: ALL, options: { ...nb, balance: 'cell', l2: 1e-4 } },
  { name: 'nb-all-bcell-mc10', what: 'NB-LR, cell balance, min count 10', feature: ALL, options: { ...nb, balance: 'cell', minCount: 10 } },
  { name: 'nb-all-bcell-drop5', what: 'NB-LR, cell balance, dropout 0.5', feature: ALL, options: { ...nb, balance: 'cell', dropout: 0.5 } },
  { name: 'nb-all-bcell-drop8', what: 'NB-LR, cell balance, dropout 0.8', feature: ALL, options: { ...nb, balance: 'cell', dropout: 0.8 } },
  { name: 'nb-all-bcell-drop9', what: 'NB-LR, cell balance, dropout 0.9', feature: ALL, options: { ...nb, balance: 'cell', dropout: 0.9 } },
  { name: 'nb-all-bcell-drop95', what: 'NB-LR, cell balance, dropout 0.95', feature: ALL, options: { ...nb, balance: 'cell', dropout: 0.95 } },
  { name: 'nb-all-bcell-drop8-unprotected', what: 'as nb-all-bcell-drop8, lexicon features dropped too', feature: ALL, options: { ...nb, balance: 'cell', dropout: 0.8 }, protectLexicon: false },
  { name: 'lr-all-bcell-drop8', what: 'as nb-all-bcell-drop8 without NB scaling', feature: ALL, options: { ...plain, balance: 'cell', dropout: 0.8 } },
  { name: 'nb-all-drop8', what: 'NB-LR, all features, dropout 0.8 (lexicon counts kept), no balance', feature: ALL, options: { balance: 'none' } },
  { name: 'nb-all-drop8-lexwords', what: '+ lexicon words kept out of dropout too, no balance', feature: ALL, options: { balance: 'none' }, protectLexiconWords: true },
  { name: 'nb-all-drop8-lexwords-bcell', what: 'as nb-all-drop8-lexwords, category×class balance', feature: ALL, options: { balance: 'cell' }, protectLexiconWords: true },
  { name: 'v2', what: 'NB-LR, char 1-3 + words + negation + lexicon, dropout 0.8 (lexicon counts and words kept), category balance (shipped v2)', feature: ALL, options: {}, protectLexiconWords: true },
  // Issue 12, worst category: techniques on top of v2 (same features and options unless named).
  { ...V2, name: 'inv-k2', what: 'v2 on invariant features: in ≥2 training categories (≥3 reviews each), NB sign agreeing in ≥2/3', method: invariant({ minDocs: 3, minCategories: 2, agreement: 2 / 3 }) },
  { ...V2, name: 'inv-k3', what: 'as inv-k2, ≥3 categories', method: invariant({ minDocs: 3, minCategories: 3, agreement: 2 / 3 }) },
  { ...V2, name: 'inv-k4', what: 'as inv-k2, ≥4 categories', method: invariant({ minDocs: 3, minCategories: 4, agreement: 2 / 3 }) },
  { ...V2, name: 'inv-k3-a8', what: 'as inv-k3, sign agreeing in ≥80 %', method: invariant({ minDocs: 3, minCategories: 3, agreement: 0.8 }) },
  { ...V2, name: 'inv-k3-a1', what: 'as inv-k3, sign agreeing in all', method: invariant({ minDocs: 3, minCategories: 3, agreement: 1 }) },
  { ...V2, name: 'nbmean', what: 'v2 with NB ratios averaged over the training categories (each category\'s own ratios)', options: { nbRatios: 'category-mean' } },
  { ...V2, name: 'lex', what: 'lexicon scorer alone (negation, degree adverbs), σ(a + b·score) fitted on training reviews', method: lexiconOnly },
  { ...V2, name: 'lexblend-3', what: 'v2 log-odds + 0.3 × lexicon score', method: lexiconBlend(0.3) },
  { ...V2, name: 'lexblend-4', what: 'v2 log-odds + 0.4 × lexicon score', method: lexiconBlend(0.4) },
  { ...V2, name: 'lexblend-5', what: 'v2 log-odds + 0.5 × lexicon score', method: lexiconBlend(0.5) },
  { ...V2, name: 'lexblend-6', what: 'v2 log-odds + 0.6 × lexicon score', method: lexiconBlend(0.6) },
  { ...V2, name: 'stack-lex', what: 'v2 and lexicon score stacked: weights fitted on out-of-category log-odds (inner leave one category out)', method: stackedLexicon(false) },
  { ...V2, name: 'stack-lex2', what: 'as stack-lex, positive and negative lexicon evidence weighed apart', method: stackedLexicon(true) },
  { ...V2, name: 'ens-cw', what: 'mean log-odds of v2 on char n-grams + lexicon counts and v2 on words + lexicon counts', method: ensemble([['c', 'L'], ['w', 'n', 'L']], false) },
  { ...V2, name: 'ens-cwl', what: 'ens-cw + the lexicon scorer as a third member', method: ensemble([['c', 'L'], ['w', 'n', 'L']], true) },
  { ...V2, name: 'ens-v2l', what: 'mean log-odds of v2 and the lexicon scorer', method: WITH_SCORER },
  // Lexicon editions 2 (DUTIR's praise class read as positive) and 3 (2 without one-character terms); cleaned per fold (c).
  { ...V2, name: 'v2-lex2', what: 'v2 with lexicon edition 2', lexicon: 2 },
  { ...V2, name: 'lex-lex2', what: 'the lexicon scorer alone, edition 2', lexicon: 2, method: lexiconOnly },
  { ...V2, name: 'ens-v2l-lex2', what: 'ens-v2l with lexicon edition 2', lexicon: 2, method: WITH_SCORER },
  { ...V2, name: 'lexblend-4-lex2', what: 'lexblend-4 with lexicon edition 2', lexicon: 2, method: lexiconBlend(0.4) },
  { ...V2, name: 'stack-lex-lex2', what: 'stack-lex with lexicon edition 2', lexicon: 2, method: stackedLexicon(false) },
  { ...V2, name: 'v2-lex2c', what: 'v2, lexicon edition 2 without the terms the training categories contradict (≥2 categories, ≥5 reviews each)', lexicon: 2, cleanLexicon: { minDocs: 5, minCategories: 2 } },
  { ...V2, name: 'ens-v2l-lex2c', what: 'ens-v2l over v2-lex2c\'s cleaned lexicon', lexicon: 2, cleanLexicon: { minDocs: 5, minCategories: 2 }, method: WITH_SCORER },
  { ...V2, name: 'v2-lex3', what: 'v2 with lexicon edition 3 (no one-character terms)', lexicon: 3 },
  { ...V2, name: 'lex-lex3', what: 'the lexicon scorer alone, edition 3', lexicon: 3, method: lexiconOnly },
  { ...V2, name: 'ens-v2l-lex3', what: 'ens-v2l with lexicon edition 3', lexicon: 3, method: WITH_SCORER },
  { ...V2, name: 'stack-lex-lex3', what: 'stack-lex with lexicon edition 3', lexicon: 3, method: stackedLexicon(false) },
  { ...V2, name: 'ens-v2l-lex3-s2', what: 'ens-v2l-lex3, its lexicon scorer on edition 2 (one-character terms kept there)', lexicon: 3, scorerLexicon: 2, method: WITH_SCORER },
  { ...V2, name: 'stack-lex-lex3-s2', what: 'stack-lex-lex3, its lexicon scorer on edition 2', lexicon: 3, scorerLexicon: 2, method: stackedLexicon(false) },
  { ...V2, name: 'ens-v2l-lex3c', what: 'ens-v2l over lexicon edition 3, cleaned as v2-lex2c', lexicon: 3, cleanLexicon: { minDocs: 5, minCategories: 2 }, method: WITH_SCORER },
  { ...V2, name: 'ens-v2l-lex2-abstain', what: 'ens-v2l-lex2, the lexicon scorer silent on texts without lexicon evidence', lexicon: 2, method: ensemble([['c', 'w', 'n', 'L']], true, true) },
  { ...V2, name: 'ens-v2l-lex3-abstain', what: 'ens-v2l-lex3, the lexicon scorer silent on texts without lexicon evidence', lexicon: 3, method: ensemble([['c', 'w', 'n', 'L']], true, true) },
  // The shipped v3 recipe (train-sentiment-v3.ts): chosen on the full-data worst and mean of the eight folds.
  { ...V2, name: 'v3', what: 'v2 over lexicon edition 2, mean log-odds with the lexicon scorer (= ens-v2l-lex2; shipped v3)', lexicon: V3_RECIPE.lexiconEdition, method: WITH_SCORER },
  // Issue 12 round 2 (loco2): beyond v3, settings chosen inside each fold by inner leave-one-category-out.
  { ...V2, name: 'v3-dro2', what: 'v3 trained with Group DRO (category weights exp(2 × running loss))', lexicon: 2, options: { groupDro: 2 }, method: WITH_SCORER },
  { ...V2, name: 'v3-dro5', what: 'v3 trained with Group DRO, eta 5', lexicon: 2, options: { groupDro: 5 }, method: WITH_SCORER },
  { ...V2, name: 'v3-dro10', what: 'v3 trained with Group DRO, eta 10', lexicon: 2, options: { groupDro: 10 }, method: WITH_SCORER },
  { ...V2, name: 'v3-bag', what: 'v3 with its n-gram part the mean log-odds of 7 fits, each without one training category', lexicon: 2, method: categoryBagged },
  { ...V2, name: 'v3-nest-worst', what: 'v3, blend weight λ chosen per fold by inner leave-one-category-out (best worst inner category)', lexicon: 2, method: nestedBlend('worst', false) },
  { ...V2, name: 'v3-nest-mean', what: 'as v3-nest-worst, λ by the inner mean accuracy', lexicon: 2, method: nestedBlend('mean', false) },
  // The shipped v4 recipe (train-sentiment-v4.ts): v3-bag, chosen on the full-data worst and mean of the eight folds.
  { ...V2, name: 'v4', what: 'v3-bag as one model: mean weights of the fits, the 30,000 largest by |w|·frequency kept (shipped v4)', lexicon: V4_RECIPE.lexiconEdition, method: categoryBagPruned(V4_RECIPE.maxFeatures) },
  { ...V2, name: 'v3-seedbag', what: 'control for v3-bag: mean log-odds of 7 fits on all training categories with 7 seeds', lexicon: 2, method: seedBagged(7) },
  { ...V2, name: 'v3-shared', what: 'v3, n-grams with shared + per-category feature copies, scored by the shared weights (40,000 kept)', lexicon: 2, method: sharedWeights(40000) },
  { ...V2, name: 'v3-bag-nest-worst', what: 'v3-bag with λ chosen as v3-nest-worst', lexicon: 2, method: nestedBlend('worst', true) },
  // Transductive: they read the held-out category's unlabelled text (reported apart).
  { ...V2, name: 'T-tgtfeat2', what: 'TRANSDUCTIVE: v2 trained on the features of ≥2 target texts', method: targetFeatures(2), transductive: true },
  { ...V2, name: 'T-self9', what: 'TRANSDUCTIVE: v2 self-trained once on target texts with p ≥ 0.9 or ≤ 0.1', method: selfTrain(0.9, 1), transductive: true },
  { ...V2, name: 'T-self8', what: 'TRANSDUCTIVE: as T-self9, p ≥ 0.8 or ≤ 0.2', method: selfTrain(0.8, 1), transductive: true },
  { ...V2, name: 'T-self9x2', what: 'TRANSDUCTIVE: as T-self9, two rounds', method: selfTrain(0.9, 2), transductive: true },
  { ...V2, name: 'T-self9-ens', what: 'TRANSDUCTIVE: T-self9 over ens-v2l (v2 and the lexicon scorer)', method: selfTrain(0.9, 1, WITH_SCORER), transductive: true },
  { ...V2, name: 'T-self9-ens-lex2', what: 'TRANSDUCTIVE: T-self9-ens with lexicon edition 2 (v3 self-trained)', lexicon: 2, method: selfTrain(0.9, 1, WITH_SCORER), transductive: true },
  { ...V2, name: 'T-v3-self9x2', what: 'TRANSDUCTIVE: v3 self-trained twice (p ≥ 0.9 or ≤ 0.1)', lexicon: 2, method: selfTrain(0.9, 2, WITH_SCORER), transductive: true },
  { ...V2, name: 'T-v3-self8', what: 'TRANSDUCTIVE: v3 self-trained once (p ≥ 0.8 or ≤ 0.2)', lexicon: 2, method: selfTrain(0.8, 1, WITH_SCORER), transductive: true },
  { ...V2, name: 'T-v3-cotrain9', what: 'TRANSDUCTIVE: v3 co-trained once: pseudo-labels where the blend is ≥ 0.9 / ≤ 0.1 and n-grams and scorer agree', lexicon: 2, method: coTrain(0.9, 1), transductive: true },
  { ...V2, name: 'T-v3-cotrain9x2', what: 'TRANSDUCTIVE: as T-v3-cotrain9, two rounds', lexicon: 2, method: coTrain(0.9, 2), transductive: true },
  { ...V2, name: 'T-v3-cotrain8', what: 'TRANSDUCTIVE: as T-v3-cotrain9 at ≥ 0.8 / ≤ 0.2', lexicon: 2, method: coTrain(0.8, 1), transductive: true },
  { ...V2, name: 'T-v3-bag-cotrain8', what: 'TRANSDUCTIVE: T-v3-cotrain8 over v3-bag', lexicon: 2, method: coTrain(0.8, 1, true), transductive: true },
  { ...V2, name: 'T-em', what: 'TRANSDUCTIVE: v2, target class prior re-estimated by EM (Saerens 2002)', method: emPrior(), transductive: true },
  { ...V2, name: 'T-share', what: 'TRANSDUCTIVE: v2, threshold set to give the training positive share on the target', method: shareThreshold(), transductive: true },
]; // prettier-ignore

/** The tag of each lexicon edition's count features in the shared encoding (edition 1: L, as v2). */
const LEXICON_TAG: Record<LexiconEdition, string> = { 1: 'L', 2: 'M', 3: 'K' };
const LEXICON_TAGS = Object.values(LEXICON_TAG);

const isTransductive = (name: string): boolean => findVariant(name)?.transductive === true;

function pad(s: string | number, n: number): string {
  return String(s).padStart(n);
}

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  if (flags.list) {
    process.stdout.write(
      ['v1  shipped recipe (sentiment.training.ts)', ...VARIANTS.map((v) => `${v.name}  ${v.what}`)].join('\n') + '\n',
    );
    return;
  }
  const dir = process.env.KEFU_DATA_DIR
    ? resolve(process.env.KEFU_DATA_DIR)
    : resolve(REPO_ROOT, '..', 'shared', 'data');
  if (!existsSync(dir)) {
    process.stdout.write(
      `skipped: corpus directory not found (${dir}); set KEFU_DATA_DIR to run the leave-one-category-out evaluation\n`,
    );
    process.stdout.write(JSON.stringify({ skipped: true, reason: 'no data', dataDir: dir }) + '\n');
    return;
  }
  const fast = flags.fast === true;
  const names = typeof flags.variants === 'string' ? flags.variants.split(',') : ['v1', 'v2', 'v3', 'v4'];
  for (const n of names) {
    if (n !== 'v1' && !findVariant(n)) throw new Error(`unknown variant: ${n} (see --list)`);
  }
  const seed = DEFAULT_V2_OPTIONS.seed;
  const FAST_MAX = 3000;
  const t0 = performance.now();

  const reviews = readCategorizedReviews();
  const categories = categoriesOf(reviews);
  const chat = chatTrainingExamples();
  const log = (s: string): void => {
    process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}\n`);
  };

  // Encode every review and chat line once with the full feature set; variants select from it.
  const needsV2 = names.some((n) => n !== 'v1');
  const space = new FeatureSpace();
  const lexicons = Object.fromEntries(LEXICON_EDITIONS.map((e) => [e, readLexicon(e)])) as Record<
    LexiconEdition,
    SentimentLexicon
  >;
  let encoded: EncodedExample[] = [];
  const chatEncoded: EncodedExample[] = [];
  const lexiconScores: Record<LexiconEdition, LexiconEvidence[]> = { 1: [], 2: [], 3: [] };
  // Each text's segmented words, for the variants that re-count a lexicon cleaned per fold.
  const wordsOf = new Map<string, string[]>();
  const degrees = readDegreeAdverbs();
  const negationWords = new Set(NEGATION_WORDS);
  const chatLexicon: Record<LexiconEdition, LexiconEvidence[]> = { 1: [], 2: [], 3: [] };
  if (needsV2) {
    const segmenter = getDefaultSegmenter();
    const options = { ...V2_FEATURES, negationWords, lexicon: lexicons[1] };
    // Later editions' lexicon counts are encoded beside edition 1's, tagged by edition (a variant reads its own as L).
    const countsOnly = (e: LexiconEdition) => ({
      charOrders: [],
      words: false,
      negationScope: 3,
      negationWords,
      lexicon: lexicons[e],
    });
    const featuresOf = (text: string): string[] => [
      ...reviewFeatures(text, segmenter, options),
      ...LEXICON_EDITIONS.slice(1).flatMap((e) =>
        reviewFeatures(text, segmenter, countsOnly(e)).map((f) => LEXICON_TAG[e] + f.slice(1)),
      ),
    ];
    const scoresOf = (text: string): Record<LexiconEdition, LexiconEvidence> => {
      const words = segmenter.cut(normalizeText(text));
      wordsOf.set(text, words);
      const one = (e: LexiconEdition): LexiconEvidence =>
        lexiconEvidence(words, lexicons[e], negationWords, 3, degrees);
      return { 1: one(1), 2: one(2), 3: one(3) };
    };
    encoded = reviews.map((r) => {
      const s = scoresOf(r.text);
      for (const e of LEXICON_EDITIONS) lexiconScores[e].push(s[e]);
      return { x: space.encode(featuresOf(r.text)), label: r.label, group: r.category };
    });
    const chatCache = new Map<string, { x: Int32Array; s: Record<LexiconEdition, LexiconEvidence> }>();
    for (const c of chat) {
      let e = chatCache.get(c.text);
      if (!e) chatCache.set(c.text, (e = { x: space.encode(featuresOf(c.text)), s: scoresOf(c.text) }));
      chatEncoded.push({ x: e.x, label: c.label, group: 'chat' });
      for (const ed of LEXICON_EDITIONS) chatLexicon[ed].push(e.s[ed]);
    }
    log(`encoded ${reviews.length} reviews + ${chat.length} chat examples, ${space.names.length} distinct features`);
  }

  type Row = { category: string; n: number; scores: Record<string, { accuracy: number; macroF1: number }> };
  const rows: Row[] = [];
  const reviewIndex = reviews.map((r, i) => ({ i, group: r.category }));
  for (const category of categories) {
    const testIdx = reviewIndex.filter((r) => r.group === category).map((r) => r.i);
    let trainIdx = reviewIndex.filter((r) => r.group !== category);
    if (fast) trainIdx = subsamplePerGroup(trainIdx, FAST_MAX, seed);
    const gold = testIdx.map((i) => reviews[i].label);
    const row: Row = { category, n: testIdx.length, scores: {} };
    for (const name of names) {
      let p: number[];
      if (name === 'v1') {
        const file = trainLogisticRegression(
          [...trainIdx.map((t) => reviews[t.i]), ...chat],
          fast ? { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 } : DEFAULT_TRAIN_OPTIONS,
        );
        const model = createSentimentAnalyzer(file);
        p = testIdx.map((i) => model.probability(reviews[i].text));
      } else {
        const variant = findVariant(name)!;
        const edition = variant.scorerLexicon ?? variant.lexicon ?? 1;
        p = runVariant(variant, {
          space,
          train: [...trainIdx.map((t) => encoded[t.i]), ...chatEncoded],
          trainLexicon: [...trainIdx.map((t) => lexiconScores[edition][t.i]), ...chatLexicon[edition]],
          // The held-out category enters as feature ids and lexicon scores only: never its labels.
          test: testIdx.map((i) => encoded[i].x),
          testLexicon: testIdx.map((i) => lexiconScores[edition][i]),
          options: { ...DEFAULT_V2_OPTIONS, ...variant.options, ...(fast ? { epochs: 3 } : {}) },
          lexicon: lexicons[variant.lexicon ?? 1],
          words: {
            train: [...trainIdx.map((t) => wordsOf.get(reviews[t.i].text)!), ...chat.map((c) => wordsOf.get(c.text)!)],
            test: testIdx.map((i) => wordsOf.get(reviews[i].text)!),
          },
          negationWords,
          degrees,
        });
      }
      row.scores[name] = binaryScores(gold, p);
      if (flags.errors === category) printErrors(name, testIdx, gold, p);
      log(`${category} ${name}: accuracy ${row.scores[name].accuracy.toFixed(3)}`);
    }
    rows.push(row);
  }

  function printErrors(name: string, testIdx: number[], gold: number[], p: number[]): void {
    const wrong = testIdx.map((i, j) => ({ i, j })).filter(({ j }) => p[j] >= 0.5 !== (gold[j] === 1));
    const fp = wrong.filter(({ j }) => gold[j] === 0).length;
    log(`${name} errors: ${wrong.length} (${fp} negative read as positive, ${wrong.length - fp} positive as negative)`);
    for (const { i, j } of wrong.slice(0, 60))
      log(`  gold ${gold[j]} p ${p[j].toFixed(2)}  ${reviews[i].text.slice(0, 80)}`);
  }

  const out: string[] = [
    `leave-one-category-out, ${reviews.length} reviews in ${categories.length} categories${fast ? ' (FAST: ≤3,000 training reviews per category, 3 epochs)' : ''}; accuracy / macro-F1 at p ≥ 0.5`,
    `${'category'.padEnd(10)}${pad('n', 7)}${names.map((n) => pad(n, 22)).join('')}`,
    // Transductive methods read the held-out category's unlabelled text: never compare them with inductive ones as equals.
    `${'kind'.padEnd(17)}${names.map((n) => pad(isTransductive(n) ? 'TRANSDUCTIVE' : 'inductive', 22)).join('')}`,
  ];
  for (const r of rows) {
    out.push(
      `${r.category.padEnd(10 - Array.from(r.category).length)}${pad(r.n, 7)}${names
        .map((n) => pad(`${r.scores[n].accuracy.toFixed(3)} / ${r.scores[n].macroF1.toFixed(3)}`, 22))
        .join('')}`,
    );
  }
  const summary: Record<
    string,
    {
      worstAccuracy: number;
      worstCategory: string;
      meanAccuracy: number;
      meanMacroF1: number;
      transductive: boolean;
    }
  > = {};
  for (const n of names) {
    const worst = rows.reduce((a, b) => (b.scores[n].accuracy < a.scores[n].accuracy ? b : a));
    summary[n] = {
      worstAccuracy: round(worst.scores[n].accuracy),
      worstCategory: worst.category,
      meanAccuracy: round(rows.reduce((s, r) => s + r.scores[n].accuracy, 0) / rows.length),
      meanMacroF1: round(rows.reduce((s, r) => s + r.scores[n].macroF1, 0) / rows.length),
      transductive: isTransductive(n),
    };
  }
  out.push(
    `${'worst'.padEnd(17)}${names.map((n) => pad(`${summary[n].worstAccuracy.toFixed(3)} ${summary[n].worstCategory}`, 22)).join('')}`,
  );
  out.push(
    `${'mean'.padEnd(17)}${names.map((n) => pad(`${summary[n].meanAccuracy.toFixed(3)} / ${summary[n].meanMacroF1.toFixed(3)}`, 22)).join('')}`,
  );
  out.push(`time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  out.push(
    JSON.stringify({
      fast,
      seed,
      methods: names,
      categories: rows.map((r) => ({
        category: r.category,
        n: r.n,
        ...Object.fromEntries(
          names.map((n) => [n, { accuracy: round(r.scores[n].accuracy), macroF1: round(r.scores[n].macroF1) }]),
        ),
      })),
      summary,
    }),
  );
  process.stdout.write(out.join('\n') + '\n');
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

main();
