/**
 * Leave-one-category-out evaluation of review sentiment: the categories are the 7 `cat` values
 * of online_shopping_7_cats plus waimai_10k as an eighth; for each, a model is trained on all
 * the others (plus the chat training lines, as the shipped recipes do) and tested on it, so
 * every figure is for a domain the model never saw. Reported per category: n, binary accuracy
 * and macro-F1 (p ≥ 0.5), for the current method (v1: logistic regression over character
 * 1+2-grams, scripts/text/sentiment.training.ts) and for v2 (NB-weighted logistic regression
 * over character 1-3-grams, words with negation and lexicon priors), trained and tested in the
 * same run. Seeded: the same data gives the same figures. Last line: one JSON object.
 *
 *   npx tsx scripts/text/eval-sentiment-loco.ts [--fast] [--variants v1,v2,...] [--list]
 *
 * --fast subsamples every training category to 3,000 reviews and fits 3 epochs (exploration);
 * --variants picks methods by name (--list prints them); the default is v1,v2.
 * Without ../shared/data (or KEFU_DATA_DIR) it prints why and exits 0.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags } from '../cli/command';
import { REPO_ROOT } from './paths';
import { createSentimentAnalyzer } from '../../cloudfunctions/core/text/sentiment.logreg';
import { getDefaultSegmenter } from '../../cloudfunctions/core/text/segmenter';
import { NEGATION_WORDS, reviewFeatures } from '../../cloudfunctions/core/text/review-sentiment.features';
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
  type EncodedExample,
  type NbLogisticOptions,
} from './review-sentiment.training';

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
]; // prettier-ignore

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
  const names = typeof flags.variants === 'string' ? flags.variants.split(',') : ['v1', 'v2'];
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
  const lexicon = readLexicon();
  let encoded: EncodedExample[] = [];
  let chatEncoded: EncodedExample[] = [];
  if (needsV2) {
    const segmenter = getDefaultSegmenter();
    const options = { ...V2_FEATURES, negationWords: new Set(NEGATION_WORDS), lexicon };
    encoded = reviews.map((r) => ({
      x: space.encode(reviewFeatures(r.text, segmenter, options)),
      label: r.label,
      group: r.category,
    }));
    const chatCache = new Map<string, Int32Array>();
    chatEncoded = chat.map((c) => {
      let x = chatCache.get(c.text);
      if (!x) chatCache.set(c.text, (x = space.encode(reviewFeatures(c.text, segmenter, options))));
      return { x, label: c.label, group: 'chat' };
    });
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
        const remap = new Int32Array(space.names.length).fill(-1);
        const vspace = new FeatureSpace();
        space.names.forEach((f, id) => {
          const kept = variant.feature(f);
          if (kept !== null) remap[id] = vspace.encode([kept])[0];
        });
        const project = (e: EncodedExample): EncodedExample => {
          const ids = new Set<number>();
          for (const k of e.x) if (remap[k] >= 0) ids.add(remap[k]);
          return { ...e, x: Int32Array.from(ids) };
        };
        const train = [...trainIdx.map((t) => project(encoded[t.i])), ...chatEncoded.map(project)];
        const options = { ...DEFAULT_V2_OPTIONS, ...variant.options, ...(fast ? { epochs: 3 } : {}) };
        const protectLexicon = variant.protectLexicon ?? true;
        const isProtected = (id: number): boolean => {
          const f = vspace.names[id];
          if (f[0] === 'L') return protectLexicon;
          return variant.protectLexiconWords === true && isV2Protected(f, lexicon);
        };
        const fit = trainNbLogistic(train, vspace.names.length, options, undefined, isProtected);
        p = testIdx.map((i) => predictNbLogistic(fit, project(encoded[i]).x));
      }
      row.scores[name] = binaryScores(gold, p);
      log(`${category} ${name}: accuracy ${row.scores[name].accuracy.toFixed(3)}`);
    }
    rows.push(row);
  }

  const out: string[] = [
    `leave-one-category-out, ${reviews.length} reviews in ${categories.length} categories${fast ? ' (FAST: ≤3,000 training reviews per category, 3 epochs)' : ''}; accuracy / macro-F1 at p ≥ 0.5`,
    `${'category'.padEnd(10)}${pad('n', 7)}${names.map((n) => pad(n, 22)).join('')}`,
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
    { worstAccuracy: number; worstCategory: string; meanAccuracy: number; meanMacroF1: number }
  > = {};
  for (const n of names) {
    const worst = rows.reduce((a, b) => (b.scores[n].accuracy < a.scores[n].accuracy ? b : a));
    summary[n] = {
      worstAccuracy: round(worst.scores[n].accuracy),
      worstCategory: worst.category,
      meanAccuracy: round(rows.reduce((s, r) => s + r.scores[n].accuracy, 0) / rows.length),
      meanMacroF1: round(rows.reduce((s, r) => s + r.scores[n].macroF1, 0) / rows.length),
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
