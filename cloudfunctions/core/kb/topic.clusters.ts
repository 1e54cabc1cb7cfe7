/**
 * Topics of customer questions (issue 16, knowledge-base gaps): questions are grouped first by
 * the session's issue type, then by text similarity (TF-IDF over our segmenter's words, cosine).
 *
 * Within an issue type: single pass over the questions in a fixed order (session id, then turn),
 * each joining the most similar cluster whose centroid it reaches `joinAt` with, or opening a new
 * one; then clusters whose centroids reach `joinAt` with each other are merged (most similar pair
 * first) until none do, which undoes most of the single pass's dependence on order. No
 * randomness, so the same questions always give the same clusters.
 */
import { centroid, cosine, learnIdf, topicTerms, topTerms, vectorOf, type Idf, type Vector } from './tfidf';

export interface Question {
  sessionId: string;
  /** The turn's index in its session (orders the pass; not shown). */
  index: number;
  text: string;
  issueType: string;
}

export interface TopicCluster {
  /** Stable name: issue type and the three heaviest terms. */
  key: string;
  issueType: string;
  terms: string[];
  questions: Question[];
  centroid: Vector;
}

export interface ClusterOptions {
  /** Cosine at which a question joins a cluster, and two clusters merge. */
  joinAt: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { joinAt: 0.3 };

interface Working {
  questions: Question[];
  vectors: Vector[];
  centre: Vector;
}

const byPlace = (a: Question, b: Question) =>
  a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.index - b.index;

/** The idf the clustering learns from the questions themselves (also used to match articles). */
export function idfOf(questions: readonly Question[]): Idf {
  return learnIdf(questions.map((q) => topicTerms(q.text)));
}

export function clusterQuestions(
  questions: readonly Question[],
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
  idf: Idf = idfOf(questions),
): TopicCluster[] {
  const byType = new Map<string, Question[]>();
  for (const q of [...questions].sort(byPlace)) {
    const list = byType.get(q.issueType) ?? [];
    list.push(q);
    byType.set(q.issueType, list);
  }
  const out: TopicCluster[] = [];
  for (const issueType of [...byType.keys()].sort()) {
    const working: Working[] = [];
    for (const q of byType.get(issueType)!) {
      const v = vectorOf(topicTerms(q.text), idf);
      if (v.size === 0) continue; // 在吗, 你好: no topic to cluster
      let best: Working | null = null;
      let bestSim = options.joinAt;
      for (const c of working) {
        const sim = cosine(v, c.centre);
        if (sim >= bestSim && (best === null || sim > bestSim)) [best, bestSim] = [c, sim];
      }
      if (best) {
        best.questions.push(q);
        best.vectors.push(v);
        best.centre = centroid(best.vectors);
      } else working.push({ questions: [q], vectors: [v], centre: v });
    }
    mergeClose(working, options.joinAt);
    for (const c of working) {
      const terms = topTerms(c.centre, 3);
      out.push({
        key: `${issueType}:${terms.join('+')}`,
        issueType,
        terms,
        questions: [...c.questions].sort(byPlace),
        centroid: c.centre,
      });
    }
  }
  return out;
}

/** Agglomerative step on centroids: merge the most similar pair at or above `joinAt`, repeat. */
function mergeClose(working: Working[], joinAt: number): void {
  for (;;) {
    let pair: [number, number] | null = null;
    let bestSim = joinAt;
    for (let i = 0; i < working.length; i++) {
      for (let j = i + 1; j < working.length; j++) {
        const sim = cosine(working[i].centre, working[j].centre);
        if (sim >= bestSim && (pair === null || sim > bestSim)) [pair, bestSim] = [[i, j], sim];
      }
    }
    if (!pair) return;
    const [i, j] = pair;
    const into = working[i];
    into.questions.push(...working[j].questions);
    into.vectors.push(...working[j].vectors);
    into.centre = centroid(into.vectors);
    working.splice(j, 1);
  }
}

/** The `k` questions nearest the cluster's centre, distinct texts, nearest first. */
export function representatives(cluster: TopicCluster, idf: Idf, k = 3): string[] {
  const scored = cluster.questions.map((q) => ({
    text: q.text,
    sim: cosine(vectorOf(topicTerms(q.text), idf), cluster.centroid),
  }));
  scored.sort((a, b) => b.sim - a.sim || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of scored) {
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    out.push(s.text);
    if (out.length === k) break;
  }
  return out;
}
