/**
 * Applying counter increments inside a transaction. The WeChat SDK has no upsert-with-$inc, so
 * the bucket is read first: created with the increments as its values, or incremented. The
 * transaction makes read-then-write safe against a concurrent writer (it retries on conflict).
 */
import { initialRollup, rollupId, type Increments, type RollupKey } from '../core/rollups/rollup.counters';
import { COLLECTIONS, database, readInTransaction, type Transaction } from './cloud';

function asIncOps(inc: Increments): Record<string, unknown> {
  const _ = database().command;
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(inc)) out[field] = typeof v === 'number' ? _.inc(v) : asIncOps(v);
  return out;
}

export async function applyRollup(t: Transaction, key: RollupKey, inc: Increments): Promise<void> {
  const id = rollupId(key.day, key.agentId, key.channel);
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
      .set({ data: initialRollup(key, inc) });
}
