/**
 * Applying counter increments inside a transaction. The WeChat SDK has no upsert-with-$inc, so
 * the bucket is read first: created with the increments as its values, or incremented. The
 * transaction makes read-then-write safe against a concurrent writer (it retries on conflict).
 *
 * Hot buckets: every push of the day's customers not yet with an agent increments one document
 * (day × no agent × channel), so concurrent pushes conflicted on it, retried and, past the SDK's
 * three retries, failed. A transaction trying again after a conflict counts in one of the
 * bucket's shards instead (`shardAfterConflict`); readers add a bucket's documents.
 */
import {
  initialRollup,
  NO_AGENT,
  ROLLUP_SHARDS,
  rollupShardId,
  type Increments,
  type RollupKey,
} from '../core/rollups/rollup.counters';
import { COLLECTIONS, database, readInTransaction, type Transaction } from './cloud';

function asIncOps(inc: Increments): Record<string, unknown> {
  const _ = database().command;
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(inc)) out[field] = typeof v === 'number' ? _.inc(v) : asIncOps(v);
  return out;
}

/**
 * The shard a transaction's try counts in: the bucket's own document first; on a try after a
 * conflict one of the other shards at random (a second conflict on the same shard is unlikely).
 */
export function shardAfterConflict(attempt: number, random: () => number = Math.random): number {
  return attempt === 0 ? 0 : 1 + Math.floor(random() * (ROLLUP_SHARDS - 1));
}

/**
 * The shard a push's try counts in: the unassigned bucket (day × no agent × channel), which
 * every push of a customer not yet with an agent increments, is spread over all its shards from
 * the first try (a wave of new customers conflicted on its own document on 4 pushes in 10 and
 * paid a second transaction each: `npx tsx scripts/bench-ingest-path.ts`); an agent's bucket,
 * written by that agent's sessions alone, keeps to its own document until a conflict.
 */
export function shardForPush(agentId: string, attempt: number, random: () => number = Math.random): number {
  return agentId === NO_AGENT ? Math.floor(random() * ROLLUP_SHARDS) : shardAfterConflict(attempt, random);
}

export async function applyRollup(t: Transaction, key: RollupKey, inc: Increments, shard = 0): Promise<void> {
  const id = rollupShardId(key.day, key.agentId, key.channel, shard);
  const existing = await readInTransaction(t, COLLECTIONS.rollups, id);
  if (existing)
    await t
      .collection(COLLECTIONS.rollups)
      .doc(id)
      .update({ data: asIncOps(inc) });
  else
    await t
      .collection(COLLECTIONS.rollups)
      .doc(id)
      .set({ data: { ...initialRollup(key, inc), ...(shard ? { shard } : {}) } });
}
