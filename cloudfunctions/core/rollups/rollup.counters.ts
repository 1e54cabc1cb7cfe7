/**
 * Statistics are counters written when data arrives, never scans at report time (the cloud
 * database allows 30 QPS and 50k reads a day). One document per day × agent × channel, keyed
 * deterministically; the cloud side applies these increments inside the same transaction as
 * the write they count, so a retried push or a repeated close counts once.
 */
import type { Conversation, MessageRole, ScoreResult } from '../model';

/** Days are China days (UTC+8): the cloud's and the users' calendar. */
const CHINA_OFFSET_MS = 8 * 3600_000;

export function dayKey(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export const NO_AGENT = '_none';

export function rollupId(day: string, agentId: string | undefined, channel: string): string {
  return `d:${day}|a:${agentId || NO_AGENT}|c:${channel}`;
}

/**
 * Documents a hot bucket may be split into: shard 0 is the bucket's own document, shards 1..n-1
 * (`…|s:<k>`, with a `shard` field) take increments from transactions that met a concurrent
 * writer on it (common/rollups.ts). A bucket's figures are the sum of its documents.
 */
export const ROLLUP_SHARDS = 8;

export function rollupShardId(day: string, agentId: string | undefined, channel: string, shard: number): string {
  const id = rollupId(day, agentId, channel);
  return shard === 0 ? id : `${id}|s:${shard}`;
}

export interface RollupKey {
  day: string;
  agentId: string;
  channel: string;
  team?: string;
}

/** Nested counter increments, e.g. `{ messages: 1, byRole: { customer: 1 } }`. */
export interface Increments {
  [field: string]: number | Increments;
}

export function messageIncrements(role: MessageRole): Increments {
  return { messages: 1, byRole: { [role]: 1 } };
}

/** First wait of the session: the first customer message to the first agent answer after it. */
export function firstResponseMs(conv: Conversation): number | null {
  const first = conv.messages.findIndex((m) => m.role === 'customer');
  if (first < 0) return null;
  const reply = conv.messages.find((m, i) => i > first && m.role === 'agent');
  return reply ? reply.at - conv.messages[first].at : null;
}

export const SCORE_BUCKET_WIDTH = 10;

/** [0,10) … [90,100) and 100 on its own: a boundary value goes to the upper bucket. */
export function scoreBucket(total: number): string {
  const b = Math.min(100, Math.max(0, Math.floor(total / SCORE_BUCKET_WIDTH) * SCORE_BUCKET_WIDTH));
  return `b${b}`;
}

export function sessionIncrements(conv: Conversation, score: ScoreResult): Increments {
  const inc: Increments = {
    sessions: 1,
    scoreSum: score.total,
    passed: score.passed ? 1 : 0,
    redLine: score.redLine ? 1 : 0,
    scoreBuckets: { [scoreBucket(score.total)]: 1 },
  };
  const fr = firstResponseMs(conv);
  if (fr !== null) {
    inc.firstResponseSumMs = fr;
    inc.firstResponseCount = 1;
  } else if (conv.messages.some((m) => m.role === 'customer')) {
    inc.unanswered = 1;
  }
  const hits: Increments = {};
  for (const h of score.hits) hits[h.ruleId] = ((hits[h.ruleId] as number | undefined) ?? 0) + 1;
  if (Object.keys(hits).length > 0) inc.ruleHits = hits;
  if (conv.rating?.csat !== undefined) {
    inc.csatSum = conv.rating.csat;
    inc.csatCount = 1;
  }
  if (conv.rating?.resolved !== undefined) {
    inc.resolvedYes = conv.rating.resolved ? 1 : 0;
    inc.resolvedCount = 1;
  }
  return inc;
}

/** A fresh counter document holding exactly `inc` (the first write of a bucket). */
export function initialRollup(key: RollupKey, inc: Increments): Record<string, unknown> {
  const { team, ...rest } = key;
  return { ...rest, ...(team ? { team } : {}), ...inc };
}

/**
 * What to add to a bucket so that it counts `after` instead of `before` (a session scored
 * again, e.g. when its rating arrives after it closed). Zero entries are left out.
 */
export function incrementsDelta(before: Increments, after: Increments): Increments {
  const out: Increments = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (typeof a === 'object' || typeof b === 'object') {
      const nested = incrementsDelta(typeof a === 'object' ? a : {}, typeof b === 'object' ? b : {});
      if (Object.keys(nested).length > 0) out[key] = nested;
    } else {
      const d = ((b as number | undefined) ?? 0) - ((a as number | undefined) ?? 0);
      if (d !== 0) out[key] = d;
    }
  }
  return out;
}
