/**
 * Hot topics (issue 15): the words and phrases that rose most among problem sessions (failed,
 * unresolved or rated 1-2) in a window against the window before it.
 *
 * Terms come from the customers' messages only, cut by our segmenter: words of two or more
 * characters and bigrams of adjacent kept words, without stopwords, numbers, order ids or masked
 * personal data. A term counts once per session (document frequency), so one chatty customer
 * cannot make a topic.
 *
 * Rise: Monroe, Colaresi & Quinn (2008), "Fightin' Words": the weighted log-odds ratio with an
 * informative Dirichlet prior taken from both windows together (αw = α0 · share of w), divided
 * by its standard deviation, a z-score. Rare terms are shrunk toward no change, so a word seen
 * twice instead of once does not top the list.
 */
import { getDefaultSegmenter } from '../text/segmenter';

/** Why a session counts as a problem session; none of them: it does not. */
export type ProblemReason = 'failed' | 'unresolved' | 'lowCsat';

/** CSAT at most this (of 5) is a negative session here and low satisfaction for the drivers. */
export const LOW_CSAT_AT_MOST = 2;

export function problemReasons(s: {
  score?: { passed: boolean };
  rating?: { csat?: number; resolved?: boolean };
}): ProblemReason[] {
  const out: ProblemReason[] = [];
  if (s.score && !s.score.passed) out.push('failed');
  if (s.rating?.resolved === false) out.push('unresolved');
  if (s.rating?.csat !== undefined && s.rating.csat <= LOW_CSAT_AT_MOST) out.push('lowCsat');
  return out;
}

/** Words that carry no topic in customer service chat (single characters are dropped anyway). */
export const TOPIC_STOPWORDS: ReadonlySet<string> = new Set(
  (
    '你好 您好 请问 谢谢 感谢 麻烦 好的 可以 不是 就是 还是 没有 什么 怎么 怎么样 为什么 这个 那个 这些 那些 ' +
    '这样 那样 这边 那边 我们 你们 他们 她们 它们 自己 一下 一个 已经 现在 然后 但是 因为 所以 如果 还有 ' +
    '的话 时候 知道 问题 一直 是不是 有没有 能不能 可不可以 需要 应该 看看 还要 不要 真的 非常 客服 亲亲 ' +
    '在吗 好吧 嗯嗯 哈哈 谢谢您 不好意思 多少 哪里 这么 那么 一些 一点 东西 情况 帮忙 帮我 告诉 ok'
  ).split(' '),
);

/** At most this many distinct terms from one session (bounds a pasted essay). */
export const MAX_TERMS_PER_SESSION = 200;

const HAS_CJK = /[\u3400-\u9fff]/;
const LATIN_WORD = /^[a-z]{2,}$/;

/** A token that can be (part of) a topic: two characters or more, not a stopword, no digits or masks. */
function keep(word: string): string | null {
  const w = word.toLowerCase();
  if (w.length < 2) return null;
  if (TOPIC_STOPWORDS.has(w)) return null;
  if (HAS_CJK.test(w)) return /[0-9０-９*＊]/.test(w) ? null : w;
  return LATIN_WORD.test(w) ? w : null;
}

/** The distinct terms (words and bigrams) of one session's customer messages. */
export function topicTerms(customerTexts: readonly string[]): string[] {
  const seg = getDefaultSegmenter();
  const out = new Set<string>();
  for (const text of customerTexts) {
    let prev: string | null = null;
    for (const token of seg.cut(text)) {
      const w = keep(token);
      if (w) {
        out.add(w);
        if (prev) out.add(HAS_CJK.test(prev) && HAS_CJK.test(w) ? prev + w : `${prev} ${w}`);
      }
      prev = w;
      if (out.size >= MAX_TERMS_PER_SESSION) return [...out];
    }
  }
  return [...out];
}

export interface TermRise {
  term: string;
  current: number;
  previous: number;
  /** The log-odds ratio (current against previous) with the prior. */
  delta: number;
  z: number;
}

/**
 * Weighted log-odds with an informative Dirichlet prior for every term of either window:
 * δw = ln((yᵢ+αw)/(nᵢ+α0−yᵢ−αw)) − ln((yⱼ+αw)/(nⱼ+α0−yⱼ−αw)), σ²w ≈ 1/(yᵢ+αw) + 1/(yⱼ+αw),
 * z = δw/σw, with αw = α0·(yᵢ+yⱼ)/(nᵢ+nⱼ) and n the sum of all counts of a window. The prior's
 * strength α0 defaults to nᵢ+nⱼ: the pooled counts themselves are the prior (αw = yᵢ+yⱼ, as
 * tidylo's `bind_log_odds` does), so it neither swamps a small team's counts nor vanishes in a
 * large one's.
 */
export function logOddsRise(
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number>,
  prior?: number,
): TermRise[] {
  const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((s, x) => s + x, 0);
  const ni = sum(current);
  const nj = sum(previous);
  if (ni + nj === 0) return [];
  const alpha0 = prior ?? ni + nj;
  const out: TermRise[] = [];
  for (const term of new Set([...current.keys(), ...previous.keys()])) {
    const yi = current.get(term) ?? 0;
    const yj = previous.get(term) ?? 0;
    const a = (alpha0 * (yi + yj)) / (ni + nj);
    const delta = Math.log((yi + a) / (ni + alpha0 - yi - a)) - Math.log((yj + a) / (nj + alpha0 - yj - a));
    const z = delta / Math.sqrt(1 / (yi + a) + 1 / (yj + a));
    out.push({ term, current: yi, previous: yj, delta, z });
  }
  return out;
}

/** A topic is shown when it rose this clearly and was seen in at least this many sessions. */
export const TOPIC_MIN_Z = 1.96;
export const TOPIC_MIN_SESSIONS = 3;
export const TOPIC_LIMIT = 20;

/** The terms that rose most: z ≥ 1.96, in ≥ 3 sessions now, highest z first (ties: more sessions, then the term). */
export function hotTopics(
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number>,
  opts: { minZ?: number; minSessions?: number; limit?: number; alpha0?: number } = {},
): TermRise[] {
  const minZ = opts.minZ ?? TOPIC_MIN_Z;
  const minSessions = opts.minSessions ?? TOPIC_MIN_SESSIONS;
  return logOddsRise(current, previous, opts.alpha0)
    .filter((r) => r.z >= minZ && r.current >= minSessions)
    .sort((a, b) => b.z - a.z || b.current - a.current || a.term.localeCompare(b.term))
    .slice(0, opts.limit ?? TOPIC_LIMIT);
}

/** One term's count on a day (sessions it appeared in) and a few of those sessions for the drill-down. */
export interface TermCount {
  t: string;
  n: number;
  ids: string[];
}

/** Session ids kept per term and day, and per topic shown. */
export const TERM_IDS_PER_DAY = 3;
export const TOPIC_IDS = 30;
/** A day's document keeps at most this many terms (the most frequent). */
export const MAX_TERMS_PER_DAY = 5000;

/** Counts the problem sessions' terms of one day: `sessions` are (id, terms) pairs. */
export function countTerms(sessions: readonly { id: string; terms: readonly string[] }[]): TermCount[] {
  const m = new Map<string, TermCount>();
  for (const s of sessions) {
    for (const t of s.terms) {
      const c = m.get(t) ?? { t, n: 0, ids: [] };
      c.n++;
      if (c.ids.length < TERM_IDS_PER_DAY) c.ids.push(s.id);
      m.set(t, c);
    }
  }
  return [...m.values()].sort((a, b) => b.n - a.n || a.t.localeCompare(b.t)).slice(0, MAX_TERMS_PER_DAY);
}

/** The sum of days' term counts, with up to TOPIC_IDS session ids per term. */
export function sumTerms(days: readonly (readonly TermCount[])[]): Map<string, TermCount> {
  const m = new Map<string, TermCount>();
  for (const day of days) {
    for (const c of day) {
      const into = m.get(c.t) ?? { t: c.t, n: 0, ids: [] };
      into.n += c.n;
      for (const id of c.ids) if (into.ids.length < TOPIC_IDS && !into.ids.includes(id)) into.ids.push(id);
      m.set(c.t, into);
    }
  }
  return m;
}
