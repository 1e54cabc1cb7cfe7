/**
 * Text as TF-IDF vectors over our segmenter's words, and their cosine similarity: what the
 * knowledge-gap clustering and the article matching compare. Pure and deterministic.
 *
 * Function words and the question particles every customer question shares (吗, 怎么, 请问 …)
 * carry no topic and are dropped, as are punctuation and numbers (an order number is not a
 * topic). Vectors are L2-normalised so a cosine is a dot product.
 */
import { segment } from '../text/segmenter';

const STOP_WORDS = new Set(
  (
    '我 的 了 吗 呢 啊 吧 么 嘛 呀 哦 嗯 哈 你 您 他 她 它 们 我们 你们 是 在 还 也 都 就 和 与 有 没 没有 不 ' +
    '到 怎么 怎么样 怎样 什么 为什么 为何 多久 时候 什么时候 请问 你好 您好 在吗 一下 这个 那个 这 那 哪 哪里 ' +
    '能 能不能 可以 可不可以 要 想 会 给 个 但 但是 又 好 吧 呢 啦 过 被 把 让 已经 现在 今天 一直 还是 如果 ' +
    '请 谢谢 麻烦 帮 帮忙 一个 多少 几 下 上 里 啥 咋 怎么办 办'
  ).split(' '),
);
const WORDLIKE = /[\u3400-\u9fffA-Za-z]/;
const NUMBERISH = /^[0-9０-９.#%]+$/;

/** The topic words of a line, in order (duplicates kept: they are term frequencies). */
export function topicTerms(text: string): string[] {
  return segment(text).filter((w) => WORDLIKE.test(w) && !NUMBERISH.test(w) && !STOP_WORDS.has(w));
}

export type Vector = Map<string, number>;

/** Inverse document frequencies learnt from a corpus (each document a list of terms). */
export interface Idf {
  weight(term: string): number;
}

/** Smoothed idf: ln((1 + N) / (1 + df)) + 1, so a term seen everywhere still weighs 1. */
export function learnIdf(documents: readonly (readonly string[])[]): Idf {
  const df = new Map<string, number>();
  for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const unseen = Math.log((1 + n) / 1) + 1;
  return { weight: (t) => (df.has(t) ? Math.log((1 + n) / (1 + df.get(t)!)) + 1 : unseen) };
}

/** The L2-normalised TF-IDF vector of a document's terms (empty when it has none). */
export function vectorOf(terms: readonly string[], idf: Idf): Vector {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const v: Vector = new Map();
  for (const [t, f] of tf) v.set(t, f * idf.weight(t));
  return normalise(v);
}

export function normalise(v: Vector): Vector {
  let sq = 0;
  for (const x of v.values()) sq += x * x;
  if (sq === 0) return new Map();
  const norm = Math.sqrt(sq);
  const out: Vector = new Map();
  for (const [t, x] of v) out.set(t, x / norm);
  return out;
}

/** Cosine of two normalised vectors (0 when either is empty). */
export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

/** The sum of vectors, normalised: a cluster's centroid direction. */
export function centroid(vectors: readonly Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vectors) for (const [t, x] of v) sum.set(t, (sum.get(t) ?? 0) + x);
  return normalise(sum);
}

/** The heaviest terms of a vector, heaviest first (ties by term, so the order is stable). */
export function topTerms(v: Vector, k: number): string[] {
  return [...v.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([t]) => t);
}
