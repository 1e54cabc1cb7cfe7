/**
 * The feature pipeline of the review sentiment model v2 (review-sentiment.v2.ts), shared by
 * its training script and its inference so both see exactly the same features:
 *  - character n-grams of the normalised text (`c` + gram): robust to words the segmenter
 *    does not know, which is most of a new domain's vocabulary;
 *  - words from our segmenter (`w` + word), and a negated form (`n` + word) for the few words
 *    after a negation word inside the same clause, so 不太满意 does not count as 满意;
 *  - lexicon priors (`L` + tag): how many positive / negative terms of a general sentiment
 *    lexicon the text holds, with negated terms counted on the other side. They carry
 *    sentiment into domains whose own words the reviews never taught.
 * Every feature is a string tagged by its first character, so the kinds never collide.
 */
import type { Segmenter } from './segmenter';
import { charNgrams, normalizeText } from './text.normalize';

export interface SentimentLexicon {
  positive: ReadonlySet<string>;
  negative: ReadonlySet<string>;
}

export interface ReviewFeatureOptions {
  /** Character n-gram orders; [] for none. */
  charOrders: readonly number[];
  /** Segmenter words as features. */
  words: boolean;
  /** How many content words after a negation word are negated (0: no negation handling). */
  negationScope: number;
  negationWords: ReadonlySet<string>;
  /** Lexicon prior features; undefined for none. */
  lexicon?: SentimentLexicon;
}

/**
 * Negation words: the shared list (lexicons/negation_words.txt) without its verbs of stopping
 * or refusing (放弃, 拒绝, 禁止…), which negate an action rather than an opinion, plus the
 * spoken forms reviews use (不太, 一点也不, 不够).
 */
export const NEGATION_WORDS: readonly string[] = [
  '不', '没', '没有', '无', '未', '别', '非', '莫', '勿', '毋', '甭', '否', '木有', '不是', '不会',
  '不能', '不要', '不用', '不必', '不该', '不曾', '不太', '不怎么', '不大', '不甚', '没怎么', '从不',
  '从来不', '从未', '从没', '并不', '并非', '并未', '毫不', '毫无', '绝不', '决不', '绝非', '远非',
  '尚未', '未曾', '未尝', '几乎不', '很少', '极少', '难以', '一点也不', '一点都不', '不够', '一无',
]; // prettier-ignore

/** A token with no letter or digit (punctuation, emoji) ends a clause and the negation scope. */
const CONTENT = /[\p{L}\p{N}]/u;

/** Lexicon counts are coded as thermometers (≥1, ≥2, ≥3): binary features, monotone in the count. */
const MAX_COUNT = 3;

function thermometer(tag: string, count: number, out: string[]): void {
  for (let k = 1; k <= Math.min(count, MAX_COUNT); k++) out.push(`L${tag}${k}`);
}

/**
 * The content words of a segmented text, each marked negated when a negation word stands up to
 * `negationScope` content words before it in the same clause (punctuation and other non-content
 * tokens end the scope); a negation word itself is never negated. What the word features (`n不满`)
 * and the lexicon counts share.
 */
function* negationScoped(
  words: readonly string[],
  negation: Pick<ReviewFeatureOptions, 'negationScope' | 'negationWords'>,
): Generator<{ word: string; negated: boolean }> {
  let negatedLeft = 0;
  for (const word of words) {
    if (!CONTENT.test(word)) {
      negatedLeft = 0;
      continue;
    }
    const negator = negation.negationScope > 0 && negation.negationWords.has(word);
    yield { word, negated: !negator && negatedLeft > 0 };
    if (negator) negatedLeft = negation.negationScope;
    else if (negatedLeft > 0) negatedLeft--;
  }
}

/** The text's features, each once (presence, not counts, as for the v1 model). */
export function reviewFeatures(text: string, segmenter: Segmenter, options: ReviewFeatureOptions): string[] {
  const normalized = normalizeText(text);
  const out: string[] = [];
  for (const g of charNgrams(normalized, options.charOrders)) out.push('c' + g);
  if (options.words || options.lexicon) {
    const words = segmenter.cut(normalized);
    if (options.words)
      for (const { word, negated } of negationScoped(words, options)) out.push((negated ? 'n' : 'w') + word);
    if (options.lexicon) out.push(...lexiconCountFeatures(words, options.lexicon, options));
  }
  return [...new Set(out)];
}

/**
 * The lexicon prior features (`L` + tag) of a segmented text: thermometer counts of positive
 * and negative terms, negated terms counted on the other side, and the sign of their balance.
 */
export function lexiconCountFeatures(
  words: readonly string[],
  lexicon: SentimentLexicon,
  negation: Pick<ReviewFeatureOptions, 'negationScope' | 'negationWords'>,
): string[] {
  const out: string[] = [];
  const counts = { p: 0, n: 0 };
  for (const { word, negated } of negationScoped(words, negation)) {
    if (lexicon.positive.has(word)) counts[negated ? 'n' : 'p']++;
    if (lexicon.negative.has(word)) counts[negated ? 'p' : 'n']++;
  }
  thermometer('+', counts.p, out);
  thermometer('-', counts.n, out);
  const balance = counts.p - counts.n;
  out.push(balance > 0 ? 'L>0' : balance < 0 ? 'L<0' : 'L=0');
  return out;
}

/** Positive and negative lexicon evidence of a text (both ≥ 0). */
export interface LexiconEvidence {
  positive: number;
  negative: number;
}

/**
 * The lexicon scorer of model v3 (a second opinion beside the n-grams, blended in log-odds):
 * over the segmented, normalised text, each lexicon term adds 1 to its side, times the degree
 * adverb just before it in the clause (很满意 1.5, 稍好 0.8); a negation word up to
 * `negationScope` content words back in the same clause moves it to the other side (不太满意 is
 * negative evidence). Unlike the n-gram weights it needs no training example of a term, so it
 * carries into domains whose words the reviews never taught.
 */
export function lexiconEvidence(
  words: readonly string[],
  lexicon: SentimentLexicon,
  negationWords: ReadonlySet<string>,
  negationScope: number,
  degrees: ReadonlyMap<string, number>,
): LexiconEvidence {
  const evidence = { positive: 0, negative: 0 };
  let negatedLeft = 0;
  let degree = 1;
  for (const word of words) {
    if (!CONTENT.test(word)) {
      negatedLeft = 0;
      degree = 1;
      continue;
    }
    if (negationWords.has(word)) {
      negatedLeft = negationScope;
      continue;
    }
    const d = degrees.get(word);
    if (d !== undefined) {
      degree = d;
      continue;
    }
    const sign = lexicon.positive.has(word) ? 1 : lexicon.negative.has(word) ? -1 : 0;
    if (sign !== 0) {
      evidence[sign * (negatedLeft > 0 ? -1 : 1) > 0 ? 'positive' : 'negative'] += degree;
      degree = 1;
    }
    if (negatedLeft > 0) negatedLeft--;
  }
  return evidence;
}
