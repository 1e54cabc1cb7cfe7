import { z } from 'zod';
import type { Evidence, EvalContext, KeywordMatch, MatchTable, Outcome } from '../scoring.types';
import { foldCode, isAlnum, onTokenBoundary } from '../matcher/aho-corasick';
import { defineOperator, NOT_HELD } from './operator.types';
import { inScope, roleSchema, withinSchema, ROLE_LABEL, type RoleSelector, type Within } from './message.scope';

/** Words that, just before a keyword in the same clause, cancel it: 「我不是要投诉」. */
export const DEFAULT_NEGATION_WORDS = [
  '不',
  '没',
  '没有',
  '不是',
  '并不',
  '并非',
  '别',
  '未',
  '不会',
  '不想',
  '不要',
  '不用',
  '不打算',
  '无意',
  '无法',
  '没法',
  '不能',
  '不敢',
  '不必',
];
/** Characters that end a clause: a negation never reaches across them. */
const CLAUSE_BREAK = new Set('，。！？；,.!?;\n~～…'.split('').map((c) => c.charCodeAt(0)));

const wordList = z.array(z.string().trim().min(1, '关键词不能为空')).min(1, '至少需要一个关键词');

export const keywordsParams = z
  .object({
    words: wordList,
    mode: z.enum(['any', 'all', 'none', 'atLeast']).default('any'),
    /** For atLeast: how many distinct words must occur. */
    count: z.number().int().positive().optional(),
    role: roleSchema.default('any'),
    within: withinSchema.optional(),
    /** Phrases that cancel a match they overlap (「亲自」 cancels 「亲」). */
    exclude: z.array(z.string().trim().min(1)).optional(),
    /** Ignore a keyword preceded, within `window` characters of the same clause, by a negation. */
    negation: z
      .union([
        z.boolean(),
        z.object({ window: z.number().int().min(0).max(20).default(2), words: wordList.optional() }).strict(),
      ])
      .optional(),
  })
  .strict()
  .refine((p) => p.mode !== 'atLeast' || (p.count !== undefined && p.count <= new Set(p.words).size), {
    message: 'atLeast 需要 count，且不能大于关键词个数',
    path: ['count'],
  });

export type KeywordsParams = z.output<typeof keywordsParams>;

/** The reusable, compiled form: also used by other operators (order) to find words. */
export interface KeywordFinder {
  group: number;
  role: RoleSelector;
  within?: Within;
  exclude: number | null;
  negation: Negation | null;
  /**
   * Evidence notes by matched word, filled as words are found: a note is the same string for
   * every conversation, and the words of one group are few, so this stays small.
   */
  notes: Map<string, string>;
}

export function compileFinder(
  p: {
    words: string[];
    role: RoleSelector;
    within?: Within;
    exclude?: string[];
    negation?: KeywordsParams['negation'];
  },
  env: { keywordGroup(words: readonly string[]): number },
): KeywordFinder {
  const neg =
    p.negation === true ? { window: 2 } : p.negation === false || p.negation === undefined ? null : p.negation;
  return {
    group: env.keywordGroup(p.words),
    role: p.role,
    within: p.within,
    exclude: p.exclude?.length ? env.keywordGroup(p.exclude) : null,
    negation: neg ? negationOf('words' in neg && neg.words ? neg.words : DEFAULT_NEGATION_WORDS, neg.window) : null,
    notes: new Map(),
  };
}

/**
 * Negation words, looked for behind a keyword rather than scanned for: they are short and common
 * (「不」 is in most conversations), so filing every occurrence would cost more than checking the
 * few characters before the keywords that ask. Matched as the scorecard's matcher matches (case-
 * and width-folded, Latin and digit words as whole tokens only).
 */
interface Negation {
  /** Reversed folded words as a trie of code units: a word ends where a walk back reaches `end`. */
  trie: NegationNode;
  window: number;
}

interface NegationNode {
  next: Map<number, NegationNode>;
  /** Set where a word ends (read backwards: where it starts): its token-edge flags + 4. */
  word: number;
}

function negationOf(words: readonly string[], window: number): Negation {
  const trie: NegationNode = { next: new Map(), word: 0 };
  for (const w of words) {
    let node = trie;
    for (let i = w.length - 1; i >= 0; i--) {
      const c = foldCode(w.charCodeAt(i));
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = { next: new Map(), word: 0 }));
      node = child;
    }
    node.word = 4 | (isAlnum(w.charCodeAt(0)) ? 1 : 0) | (isAlnum(w.charCodeAt(w.length - 1)) ? 2 : 0);
  }
  return { trie, window };
}

/** Whether a negation word ends exactly at `end` of `text`. */
function negationEndsAt(trie: NegationNode, text: string, end: number): boolean {
  let node = trie;
  for (let j = end - 1; j >= 0; j--) {
    const next = node.next.get(foldCode(text.charCodeAt(j)));
    if (next === undefined) return false;
    node = next;
    if (node.word !== 0 && onTokenBoundary(text, j, end, node.word & 3)) return true;
  }
  return false;
}

/**
 * Whether match k is preceded, within the window and the same clause, by a negation word: one
 * that ends at most `window` characters before the keyword starts, with no clause break between.
 */
function isNegated(ctx: EvalContext, k: number, negation: Negation): boolean {
  const t = ctx.keywords;
  const text = ctx.messages[t.message[k]].text;
  const ms = t.start[k];
  for (let ne = ms; ne >= 0 && ms - ne <= negation.window; ne--) {
    if (ne < ms && CLAUSE_BREAK.has(text.charCodeAt(ne))) return false;
    if (negationEndsAt(negation.trie, text, ne)) return true;
  }
  return false;
}

/** Whether match k overlaps a match of the exclusion group (「亲自」 cancels 「亲」). */
function isExcluded(t: MatchTable, k: number, group: number): boolean {
  const mi = t.message[k];
  const ms = t.start[k];
  const me = t.end[k];
  for (let x = t.from[group], to = t.to[group]; x < to; x++) {
    if (t.message[x] === mi && t.start[x] < me && ms < t.end[x]) return true;
  }
  return false;
}

const EMPTY_MATCHES: readonly KeywordMatch[] = Object.freeze([]);

/**
 * Fills the context's row buffer (`ctx.scratch.rows`) with the rows of the matches that count (in
 * scope, not excluded, not negated, not inside a longer match), in text order, and returns how
 * many there are. Finders never run nested, so the buffer is the caller's until its next call.
 */
function keepRows(ctx: EvalContext, f: KeywordFinder, firstOnly: boolean): number {
  const t = ctx.keywords;
  const from = t.from[f.group];
  const to = t.to[f.group];
  const rows = ctx.scratch.rows(to - from);
  let n = 0;
  for (let k = from; k < to; k++) {
    if (!inScope(ctx, t.message[k], f.role, f.within)) continue;
    if (f.exclude !== null && isExcluded(t, k, f.exclude)) continue;
    if (f.negation !== null && isNegated(ctx, k, f.negation)) continue;
    rows[n++] = k;
    if (firstOnly) break;
  }
  if (n < 2) return n;
  // 「我要投诉」 and 「投诉」 in one place are one finding, not two: drop each match that lies
  // inside a longer one.
  let w = 0;
  for (let i = 0; i < n; i++) if (!insideLonger(t, rows, n, i)) rows[w++] = rows[i];
  return w;
}

/** Matches that count: in scope, not excluded, not negated, not inside a longer match. */
export function findKeywords(ctx: EvalContext, f: KeywordFinder, firstOnly = false): readonly KeywordMatch[] {
  const n = keepRows(ctx, f, firstOnly);
  // Most matches are out of scope (the other side said the word): nothing to allocate then.
  if (n === 0) return EMPTY_MATCHES;
  const t = ctx.keywords;
  const rows = ctx.scratch.rows(n);
  const kept = new Array<KeywordMatch>(n);
  for (let i = 0; i < n; i++) {
    const k = rows[i];
    kept[i] = { messageIndex: t.message[k], start: t.start[k], end: t.end[k], word: t.words[t.pattern[k]] };
  }
  return kept;
}

/** Whether kept row i lies inside a strictly longer kept match of the same message. */
function insideLonger(t: MatchTable, rows: Int32Array, n: number, i: number): boolean {
  const k = rows[i];
  const mi = t.message[k];
  const s = t.start[k];
  const e = t.end[k];
  for (let j = 0; j < n; j++) {
    const o = rows[j];
    if (j !== i && t.message[o] === mi && t.start[o] <= s && t.end[o] >= e && t.end[o] - t.start[o] > e - s)
      return true;
  }
  return false;
}

export function matchEvidence(m: KeywordMatch, f: KeywordFinder): Evidence {
  return { messageIndex: m.messageIndex, span: [m.start, m.end], note: noteFor(f, m.word) };
}

/** The evidence note for a word the finder found, built once per word. */
function noteFor(f: KeywordFinder, word: string): string {
  let note = f.notes.get(word);
  if (note === undefined) f.notes.set(word, (note = `${ROLE_LABEL[f.role]}提到「${word}」`));
  return note;
}

interface Prepared {
  finder: KeywordFinder;
  mode: KeywordsParams['mode'];
  count: number;
  wordCount: number;
  /** The evidence note of mode `none`, the same for every conversation. */
  absentNote: string;
}

export const keywordsOperator = defineOperator({
  name: 'keywords',
  label: '关键词',
  cost: 3,
  params: keywordsParams,
  prepare(p, env): Prepared {
    return {
      finder: compileFinder(p, env),
      mode: p.mode,
      count: p.count ?? 1,
      wordCount: new Set(p.words).size,
      absentNote: `${ROLE_LABEL[p.role]}未说「${p.words.slice(0, 3).join('」「')}」等`,
    };
  },
  evaluate(ctx, p, heldOnly): Outcome {
    const f = p.finder;
    const role = f.role;
    switch (p.mode) {
      case 'any': {
        // When only the answer matters, one finding settles it.
        const n = keepRows(ctx, f, heldOnly === true);
        if (n === 0) return NOT_HELD;
        if (heldOnly) return { held: true, evidence: [] };
        // Evidence straight from the table's rows: no match objects in between.
        const t = ctx.keywords;
        const rows = ctx.scratch.rows(n);
        const evidence = new Array<Evidence>(n);
        for (let i = 0; i < n; i++) {
          const k = rows[i];
          evidence[i] = {
            messageIndex: t.message[k],
            span: [t.start[k], t.end[k]],
            note: noteFor(f, t.words[t.pattern[k]]),
          };
        }
        return { held: true, evidence };
      }
      case 'none': {
        // One finding settles it.
        if (keepRows(ctx, f, true) > 0) return NOT_HELD;
        // Point at the message that should have carried the words: the last in scope for a
        // `last` window (searched from the end), the first otherwise.
        let at: number | null = null;
        const within = p.finder.within;
        if (within?.last) {
          for (let i = ctx.messages.length - 1; i >= 0 && at === null; i--) if (inScope(ctx, i, role, within)) at = i;
        } else {
          for (let i = 0; i < ctx.messages.length && at === null; i++) if (inScope(ctx, i, role, within)) at = i;
        }
        return { held: true, evidence: [{ messageIndex: at, span: null, note: p.absentNote }] };
      }
      case 'all':
      case 'atLeast': {
        const found = findKeywords(ctx, f);
        const firstByWord = new Map<string, KeywordMatch>();
        for (const m of found) if (!firstByWord.has(m.word)) firstByWord.set(m.word, m);
        const need = p.mode === 'all' ? p.wordCount : p.count;
        if (firstByWord.size < need) return NOT_HELD;
        const evidence: Evidence[] = [];
        firstByWord.forEach((m) => evidence.push(matchEvidence(m, f)));
        return { held: true, evidence };
      }
    }
  },
});
