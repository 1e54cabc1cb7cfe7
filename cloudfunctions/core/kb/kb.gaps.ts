/**
 * Knowledge-base gaps (issue 16): which topics of customers' questions in sessions that went
 * badly have no article, and which articles do not help. Pure: the caller reads a bounded set
 * of sessions (failed, unresolved or scored low in a window) and their question turns.
 *
 * A topic's volume is the number of distinct sessions that asked it; its damage is the points
 * those sessions lost, Σ (100 − score) (a session without a score counts `UNSCORED_DAMAGE`), so a
 * topic asked a little in sessions that went very badly can outrank one asked often in mild
 * ones. Topics are ranked by damage, then volume, then key (stable). Each topic is matched
 * against the published articles by cosine between its centre and the article's words (title,
 * body, tags; same idf) where the article's issue types allow; below `matchAt` it is a gap.
 * An article matched by topics whose sessions still failed is reported with those sessions.
 */
import {
  clusterQuestions,
  idfOf,
  representatives,
  type ClusterOptions,
  type Question,
  DEFAULT_CLUSTER_OPTIONS,
} from './topic.clusters';
import { cosine, topicTerms, vectorOf } from './tfidf';
import type { KbArticle } from './kb.model';

/** What the gaps need of each session in the pool. */
export interface GapSession {
  sessionId: string;
  /** 0–100, or null when not scored. */
  score: number | null;
  failed: boolean;
}

export interface GapTopic {
  key: string;
  issueType: string;
  terms: string[];
  /** Distinct sessions that asked it. */
  sessions: number;
  questions: number;
  /** Σ (100 − score) over those sessions. */
  damage: number;
  /** Share of those sessions that failed. */
  failedShare: number;
  /** The questions nearest the topic's centre (masked as stored). */
  representative: string[];
  sessionIds: string[];
  /** The best-matching published article, if any reaches `matchAt`. */
  article: { _id: string; title: string; similarity: number } | null;
}

export interface ArticleStillFailing {
  _id: string;
  title: string;
  topics: string[];
  sessions: number;
  damage: number;
}

export interface GapReport {
  /** Every topic of at least `minSessions` sessions, ranked. */
  topics: GapTopic[];
  /** Those with no article. */
  gaps: GapTopic[];
  articlesStillFailing: ArticleStillFailing[];
}

/** `kb/gaps`: the report with the pool it was computed from (a bounded read). */
export interface GapAnswer extends GapReport {
  days: number;
  /** Sessions read (at most the pool limit) and whether the window held more. */
  pool: number;
  truncated: boolean;
  questions: number;
}

export interface GapOptions extends ClusterOptions {
  /** Cosine at which an article answers a topic. */
  matchAt: number;
  /** A topic asked in fewer sessions is noise, not a topic. */
  minSessions: number;
}

export const DEFAULT_GAP_OPTIONS: GapOptions = { ...DEFAULT_CLUSTER_OPTIONS, matchAt: 0.25, minSessions: 2 };
export const UNSCORED_DAMAGE = 50;

export function findGaps(
  questions: readonly Question[],
  sessions: readonly GapSession[],
  articles: readonly KbArticle[],
  options: GapOptions = DEFAULT_GAP_OPTIONS,
): GapReport {
  const idf = idfOf(questions);
  const bySession = new Map(sessions.map((s) => [s.sessionId, s]));
  const published = articles
    .filter((a) => a.status === 'published')
    .map((a) => ({ a, v: vectorOf(topicTerms([a.title, a.body, ...a.tags].join('\n')), idf) }));

  const topics: GapTopic[] = [];
  for (const c of clusterQuestions(questions, options, idf)) {
    const ids = [...new Set(c.questions.map((q) => q.sessionId))].sort();
    if (ids.length < options.minSessions) continue;
    const pool = ids.map((id) => bySession.get(id)).filter((s): s is GapSession => s !== undefined);
    const damage = pool.reduce((sum, s) => sum + (s.score === null ? UNSCORED_DAMAGE : Math.max(0, 100 - s.score)), 0);
    let article: GapTopic['article'] = null;
    for (const { a, v } of published) {
      if (a.issueTypes.length > 0 && !a.issueTypes.includes(c.issueType)) continue;
      const sim = cosine(c.centroid, v);
      if (sim >= options.matchAt && (article === null || sim > article.similarity)) {
        article = { _id: a._id, title: a.title, similarity: Math.round(sim * 1000) / 1000 };
      }
    }
    topics.push({
      key: c.key,
      issueType: c.issueType,
      terms: c.terms,
      sessions: ids.length,
      questions: c.questions.length,
      damage,
      failedShare: pool.length ? pool.filter((s) => s.failed).length / pool.length : 0,
      representative: representatives(c, idf),
      sessionIds: ids,
      article,
    });
  }
  topics.sort((a, b) => b.damage - a.damage || b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const failing = new Map<string, ArticleStillFailing & { ids: Set<string> }>();
  for (const t of topics) {
    if (!t.article) continue;
    const entry = failing.get(t.article._id) ?? {
      ...t.article,
      topics: [],
      sessions: 0,
      damage: 0,
      ids: new Set<string>(),
    };
    entry.topics.push(t.key);
    for (const id of t.sessionIds) {
      const s = bySession.get(id);
      if (!s?.failed || entry.ids.has(id)) continue;
      entry.ids.add(id);
      entry.damage += s.score === null ? UNSCORED_DAMAGE : Math.max(0, 100 - s.score);
    }
    failing.set(t.article._id, entry);
  }
  const articlesStillFailing = [...failing.values()]
    .map(({ ids, _id, title, topics: ts, damage }) => ({ _id, title, topics: ts, sessions: ids.size, damage }))
    .filter((a) => a.sessions > 0)
    .sort((a, b) => b.damage - a.damage || b.sessions - a.sessions || (a._id < b._id ? -1 : 1));

  return { topics, gaps: topics.filter((t) => t.article === null), articlesStillFailing };
}
