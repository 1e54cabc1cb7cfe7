/**
 * A transaction that outlasts a burst of conflicts.
 *
 * The SDK's `runTransaction` retries a conflict three times at once; pushes that start together
 * can collide on every try (they run in step, often on the same hot counter). A conflict left
 * over starts another round after a short random pause that puts them out of step. `run` gets
 * the number of the try across all rounds (0 first), so a counter can move to a shard on a try
 * after a conflict (rollups.ts `shardAfterConflict`). Only for work that is safe to repeat: a
 * keyed add refuses a second copy, a read-then-write starts from fresh state.
 */
import { database, type Transaction } from './cloud';

const CONFLICT_ROUNDS = 5;
const CONFLICT_PAUSE_MS = 8;

export function isTransactionConflict(e: unknown): boolean {
  const err = e as { code?: unknown; errMsg?: unknown; message?: unknown };
  return err?.code === 'DATABASE_TRANSACTION_CONFLICT' || /transaction conflict/i.test(String(err?.errMsg ?? ''));
}

export async function transactionInRounds<T>(run: (t: Transaction, attempt: number) => Promise<T>): Promise<T> {
  const db = database();
  let attempt = 0;
  for (let round = 1; ; round++) {
    try {
      return (await db.runTransaction((t: Transaction) => run(t, attempt++))) as T;
    } catch (e) {
      if (!isTransactionConflict(e) || round >= CONFLICT_ROUNDS) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * CONFLICT_PAUSE_MS * round));
    }
  }
}
