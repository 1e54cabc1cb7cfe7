/**
 * Training and evaluation pieces shared by train-sentiment.ts and eval-sentiment.ts: corpus
 * readers, seeded splits, the logistic-regression trainer and the neutral-band calibration.
 * Everything is deterministic: a seeded generator orders the data and the output rounds
 * weights, so the same inputs give the same model file byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFile, SCRIPT_DATA_DIR } from './paths';
import { charNgrams, normalizeText } from '../../cloudfunctions/core/text/text.normalize';
import { mulberry32 } from '../../devcloud/demo/prng';
import {
  bandLabel,
  GRAM_SEPARATOR,
  sigmoid,
  type NeutralBand,
  type SentimentLabel,
  type SentimentModelFile,
} from '../../cloudfunctions/core/text/sentiment.logreg';

export const SEED = 20240601;
/** How many times each chat training line counts (see chatTrainingExamples); chosen among 5, 10, 20 by calibration-half accuracy. */
export const CHAT_WEIGHT = 20;

export interface Review {
  text: string;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  corpus: string;
}

export interface ChatLine {
  text: string;
  label: SentimentLabel;
}

/** mulberry32 (identical on every platform): the splits and the SGD order depend on it. */
export const seededRandom = mulberry32;

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** RFC 4180 rows (quoted fields may hold commas, doubled quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsvReviews(file: string, corpus: string): Review[] {
  const [header, ...rows] = parseCsv(readFileSync(dataFile('sentiment', file), 'utf8'));
  const labelAt = header.indexOf('label');
  const textAt = header.indexOf('review');
  const out: Review[] = [];
  for (const r of rows) {
    const text = (r[textAt] ?? '').trim();
    const label = r[labelAt];
    if (!text || (label !== '0' && label !== '1')) continue;
    out.push({ text, label: label === '1' ? 1 : 0, corpus });
  }
  return out;
}

export const REVIEW_CORPORA = ['waimai_10k.csv', 'online_shopping_7_cats.csv'] as const;

export function readReviews(): Review[] {
  return REVIEW_CORPORA.flatMap((file) => readCsvReviews(file, file.replace(/\.csv$/, '')));
}

export function readChatLines(file = join(SCRIPT_DATA_DIR, 'chat-sentiment.labelled.tsv')): ChatLine[] {
  const lines = readFileSync(file, 'utf8').split('\n').slice(1);
  const out: ChatLine[] = [];
  for (const line of lines) {
    const [label, text] = line.split('\t');
    if (!text) continue;
    if (label !== 'negative' && label !== 'neutral' && label !== 'positive') throw new Error(`bad chat label: ${line}`);
    out.push({ label, text: text.trim() });
  }
  return out;
}

/** Seeded split per stratum (corpus and label for reviews, label for chat lines). */
export function stratifiedSplit<T>(
  items: readonly T[],
  stratum: (t: T) => string,
  firstShare: number,
  seed: number,
): [T[], T[]] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = stratum(item);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(item);
  }
  const random = seededRandom(seed);
  const first: T[] = [];
  const second: T[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = shuffled(groups.get(key)!, random);
    const cut = Math.round(g.length * firstShare);
    first.push(...g.slice(0, cut));
    second.push(...g.slice(cut));
  }
  return [first, second];
}

export function splitReviews(reviews: readonly Review[]): { train: Review[]; test: Review[] } {
  const [train, test] = stratifiedSplit(reviews, (r) => `${r.corpus}/${r.label}`, 0.8, SEED);
  return { train, test };
}

export function splitChat(lines: readonly ChatLine[]): { calibration: ChatLine[]; test: ChatLine[] } {
  const [calibration, test] = stratifiedSplit(lines, (l) => l.label, 0.5, SEED + 1);
  return { calibration, test };
}

export interface TrainOptions {
  orders: number[];
  /** Minimum number of training texts a feature must occur in. */
  minCount: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Keep this many features (largest |weight|) in the shipped file. */
  maxFeatures: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  orders: [1, 2],
  minCount: 3,
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-6,
  maxFeatures: 20000,
  seed: SEED,
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Fit {
  vocab: string[];
  w: Float64Array;
  bias: number;
}

/** AdaGrad logistic regression over the given vocabulary, examples in a seeded order per epoch. */
function fit(grams: string[][], labels: readonly number[], vocab: string[], options: TrainOptions): Fit {
  const index = new Map(vocab.map((g, i) => [g, i]));
  const docs = grams.map((gs) => Int32Array.from(gs.map((g) => index.get(g) ?? -1).filter((i) => i >= 0)));
  const w = new Float64Array(vocab.length);
  const gsum = new Float64Array(vocab.length).fill(1e-8);
  let bias = 0;
  let bsum = 1e-8;
  const random = seededRandom(options.seed);
  const order = docs.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      const x = docs[i];
      let z = bias;
      for (const k of x) z += w[k];
      const err = sigmoid(z) - labels[i];
      bsum += err * err;
      bias -= (options.learningRate * err) / Math.sqrt(bsum);
      for (const k of x) {
        const g = err + options.l2 * w[k];
        gsum[k] += g * g;
        w[k] -= (options.learningRate * g) / Math.sqrt(gsum[k]);
      }
    }
  }
  return { vocab, w, bias };
}

const SELECTION_POWER = 1;

const byGram = (a: { g: string }, b: { g: string }): number => (a.g < b.g ? -1 : a.g > b.g ? 1 : 0);

/** The `max` features with the largest |weight| (ties by n-gram), in n-gram order. */
function strongest(f: Fit, max: number): { g: string; w: number }[] {
  return f.vocab
    .map((g, i) => ({ g, w: round3(f.w[i]) }))
    .filter((x) => x.w !== 0)
    .sort((a, b) => Math.abs(b.w) - Math.abs(a.w) || byGram(a, b))
    .slice(0, max)
    .sort(byGram);
}

/**
 * Logistic regression in two passes: a fit over every n-gram frequent enough, then a refit
 * over the strongest `maxFeatures` of them, so the small shipped model is trained as it is
 * used rather than truncated.
 */
export function trainLogisticRegression(
  data: readonly { text: string; label: number }[],
  options: TrainOptions,
  band: NeutralBand = { low: 0.5, high: 0.5 },
): SentimentModelFile {
  const grams = data.map((d) => charNgrams(normalizeText(d.text), options.orders));
  const labels = data.map((d) => d.label);
  const counts = new Map<string, number>();
  for (const gs of grams) for (const g of gs) counts.set(g, (counts.get(g) ?? 0) + 1);
  const vocab = [...counts.entries()]
    .filter(([g, c]) => c >= options.minCount && !g.includes(GRAM_SEPARATOR))
    .map(([g]) => g)
    .sort();
  const first = fit(grams, labels, vocab, options);
  // Plain |w| favours rare n-grams (AdaGrad takes big steps on them); weighting by how often a
  // feature occurs keeps the everyday words (谢谢, 满意, 快递) that chat messages are made of.
  const usefulness = first.vocab.map((g, i) => ({
    g,
    u: Math.abs(first.w[i]) * Math.pow(counts.get(g)!, SELECTION_POWER),
  }));
  const selected = usefulness
    .sort((a, b) => b.u - a.u || byGram(a, b))
    .slice(0, options.maxFeatures)
    .map((x) => x.g)
    .sort();
  const second = fit(grams, labels, selected, options);
  const kept = strongest(second, options.maxFeatures);
  return {
    format: 'kefu-qa/sentiment-logreg@1',
    orders: options.orders,
    bias: round3(second.bias),
    grams: kept.map((f) => f.g).join(GRAM_SEPARATOR),
    weights: kept.map((f) => f.w),
    band,
    trainedOn: '',
  };
}

/**
 * The chat training lines (scripts/text/data/chat-sentiment.train.tsv, written apart from the
 * labelled evaluation set) as regression targets: positive 1, negative 0, neutral 0.5 — a soft
 * target that pulls the n-grams of ordinary questions towards no opinion, which reviews cannot
 * teach (in reviews, 请问…什么时候发货 is a complaint). Each line counts CHAT_WEIGHT times so a
 * hundred-odd lines hold their own against 50 000 reviews.
 */
export function chatTrainingExamples(
  weight = CHAT_WEIGHT,
  file = join(SCRIPT_DATA_DIR, 'chat-sentiment.train.tsv'),
): { text: string; label: number }[] {
  const target: Record<SentimentLabel, number> = { negative: 0, neutral: 0.5, positive: 1 };
  return readChatLines(file).flatMap((l) =>
    Array.from({ length: weight }, () => ({ text: l.text, label: target[l.label] })),
  );
}

/**
 * The band maximising 3-class accuracy on labelled chat lines; among equal accuracies the
 * one with the best macro-averaged recall, then the narrowest, so the choice is stable.
 */
export function calibrateBand(
  scored: readonly { p: number; label: SentimentLabel }[],
): NeutralBand & { accuracy: number } {
  const grid: number[] = [];
  for (let t = 0.01; t < 0.995; t += 0.01) grid.push(Math.round(t * 100) / 100);
  let best = { low: 0.5, high: 0.5, accuracy: -1, macro: -1, width: 1 };
  for (const low of grid) {
    for (const high of grid) {
      if (high < low) continue;
      const band = { low, high };
      const hits: Record<SentimentLabel, [number, number]> = { negative: [0, 0], neutral: [0, 0], positive: [0, 0] };
      let correct = 0;
      for (const s of scored) {
        const ok = bandLabel(s.p, band) === s.label;
        if (ok) correct++;
        hits[s.label][0] += ok ? 1 : 0;
        hits[s.label][1]++;
      }
      const accuracy = correct / scored.length;
      const present = Object.values(hits).filter(([, n]) => n > 0);
      const macro = present.reduce((a, [c, n]) => a + c / n, 0) / present.length;
      const width = high - low;
      if (
        accuracy > best.accuracy + 1e-12 ||
        (Math.abs(accuracy - best.accuracy) <= 1e-12 &&
          (macro > best.macro + 1e-12 || (Math.abs(macro - best.macro) <= 1e-12 && width < best.width)))
      ) {
        best = { low, high, accuracy, macro, width };
      }
    }
  }
  return { low: best.low, high: best.high, accuracy: best.accuracy };
}

export function serializeModel(model: SentimentModelFile): string {
  return JSON.stringify(model) + '\n';
}
