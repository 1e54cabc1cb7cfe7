/**
 * Chinese word segmentation, jieba-style: a prefix dictionary gives every position the words
 * that start there (a DAG); dynamic programming picks the path of maximum log-probability.
 *
 * Latin letters and digits are grouped into runs before the DAG is built, so an order number,
 * `12315` or `iPhone15` always stays one token while dictionary words that mix scripts
 * (`T恤`, `卡拉OK`) still match. Other characters become tokens of their own (repeated
 * punctuation such as `……` or `！！！` stays together); whitespace separates and is dropped.
 */
import baseDictionary from './models/base.dict.json';
import { DOMAIN_WORDS, DOMAIN_WORD_FREQ, type CompactDictionary, type DictionaryWord } from './dictionary';

export interface Token {
  word: string;
  /** [start, end) in UTF-16 code units of the input, like String.prototype.slice. */
  start: number;
  end: number;
}

export interface Segmenter {
  tokenize(text: string): Token[];
  cut(text: string): string[];
  /** Whether the word is in the dictionary (base, domain or user words). */
  has(word: string): boolean;
}

export interface SegmenterOptions {
  /** The general dictionary; `null` for a segmenter with domain and user words only (tests). */
  base?: CompactDictionary | null;
  /** Defaults to DOMAIN_WORDS; pass [] to leave them out. */
  domainWords?: readonly (string | DictionaryWord)[];
  /** Extra words, e.g. a scorecard's keywords, so they are never split. */
  userWords?: readonly (string | DictionaryWord)[];
}

// A unit is one CJK character or a whole latin/digit run (full-width forms included, as in
// PKU/MSR text and pasted order numbers), with inner connectors such as 3.5, A-12, 50%.
const UNIT =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]|[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.\uff0e_\-+#&'][A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+)*[%\uff05]?/y;
const WHITESPACE = /\s/;

class DictionarySegmenter implements Segmenter {
  /** word → frequency; proper prefixes of words map to 0 so the DAG walk knows when to stop. */
  private readonly freq = new Map<string, number>();
  private readonly logTotal: number;

  constructor(options: SegmenterOptions) {
    const base = options.base === undefined ? (baseDictionary as CompactDictionary) : options.base;
    let total = 0;
    if (base) {
      for (const [bucket, words] of Object.entries(base.buckets)) {
        const f = Math.round(Math.exp(Number(bucket) / base.scale));
        for (const word of words.split(' ')) if (word) this.add(word, f);
      }
      total = base.total;
    }
    for (const w of options.domainWords ?? DOMAIN_WORDS) total += this.addWord(w);
    for (const w of options.userWords ?? []) total += this.addWord(w);
    this.logTotal = Math.log(Math.max(total, 1));
  }

  has(word: string): boolean {
    return (this.freq.get(word) ?? 0) > 0;
  }

  cut(text: string): string[] {
    return this.tokenize(text).map((t) => t.word);
  }

  tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
      const units = this.readUnits(text, i);
      if (units.length > 0) {
        this.segmentBlock(text, units, tokens);
        i = units[units.length - 1].end;
        continue;
      }
      const ch = text[i];
      if (WHITESPACE.test(ch)) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < text.length && text[end] === ch) end++;
      tokens.push({ word: text.slice(i, end), start: i, end });
      i = end;
    }
    return tokens;
  }

  private addWord(w: string | DictionaryWord): number {
    const { word, freq = DOMAIN_WORD_FREQ } = typeof w === 'string' ? { word: w } : w;
    if (!word) return 0;
    const before = this.freq.get(word) ?? 0;
    const f = Math.max(before, freq);
    this.add(word, f);
    return f - before;
  }

  private add(word: string, f: number): void {
    this.freq.set(word, f);
    for (let k = 1; k < word.length; k++) {
      const prefix = word.slice(0, k);
      if (!this.freq.has(prefix)) this.freq.set(prefix, 0);
    }
  }

  /** The maximal run of units starting at `from`. */
  private readUnits(text: string, from: number): Token[] {
    const units: Token[] = [];
    let pos = from;
    for (;;) {
      UNIT.lastIndex = pos;
      const m = UNIT.exec(text);
      if (!m) break;
      units.push({ word: m[0], start: pos, end: pos + m[0].length });
      pos += m[0].length;
    }
    return units;
  }

  private segmentBlock(text: string, units: Token[], out: Token[]): void {
    const n = units.length;
    // dag[i]: the unit indexes j such that units i..j form a dictionary word (always i itself).
    const dag: number[][] = [];
    for (let i = 0; i < n; i++) {
      const ends: number[] = [];
      let frag = units[i].word;
      let j = i;
      for (;;) {
        const f = this.freq.get(frag);
        if (f === undefined) break;
        if (f > 0) ends.push(j);
        if (++j >= n) break;
        frag += units[j].word;
      }
      if (ends.length === 0 || ends[0] !== i) ends.unshift(i);
      dag.push(ends);
    }
    const best = new Float64Array(n + 1);
    const next = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let bestScore = -Infinity;
      let bestEnd = i;
      for (const j of dag[i]) {
        const word = text.slice(units[i].start, units[j].end);
        const f = this.freq.get(word) || 1;
        const score = Math.log(f) - this.logTotal + best[j + 1];
        if (score > bestScore || (score === bestScore && j > bestEnd)) {
          bestScore = score;
          bestEnd = j;
        }
      }
      best[i] = bestScore;
      next[i] = bestEnd;
    }
    for (let i = 0; i < n;) {
      const j = next[i];
      out.push({ word: text.slice(units[i].start, units[j].end), start: units[i].start, end: units[j].end });
      i = j + 1;
    }
  }
}

export function createSegmenter(options: SegmenterOptions = {}): Segmenter {
  return new DictionarySegmenter(options);
}

let defaultSegmenter: Segmenter | undefined;

/** The shared segmenter (base + domain dictionary), built on first use: about 0.2 s. */
export function getDefaultSegmenter(): Segmenter {
  return (defaultSegmenter ??= createSegmenter());
}

export function segment(text: string): string[] {
  return getDefaultSegmenter().cut(text);
}
