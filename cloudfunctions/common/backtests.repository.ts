/**
 * Back-test jobs (`backtests`, core/backtest/backtest.job.ts): created by `backtests/start`,
 * advanced chunk by chunk by backtest.service.ts (from the actions and the `sweep` timer), read
 * by `backtests/get` and `backtests/latest`. Also the one read of a scorecard draft the
 * back-test needs (`draft:<scorecardId>` in `scorecards`, written by the scorecard editor).
 */
import type { BacktestJob } from '../core/backtest/backtest.job';
import { byId, COLLECTIONS, database, readInTransaction, rows, type Transaction } from './cloud';

export async function getBacktest(id: string): Promise<BacktestJob | null> {
  return byId<BacktestJob>(COLLECTIONS.backtests, id);
}

export async function insertBacktest(job: BacktestJob): Promise<void> {
  const { _id, ...fields } = job;
  await database().collection(COLLECTIONS.backtests).doc(_id).set({ data: fields });
}

/** The newest job of a scorecard's drafts, or null. */
export async function latestBacktestOf(scorecardId: string): Promise<BacktestJob | null> {
  const [job] = await rows<BacktestJob>(
    database().collection(COLLECTIONS.backtests).where({ scorecardId }).orderBy('createdAt', 'desc').limit(1),
  );
  return job ?? null;
}

/** Running jobs, the least recently advanced first (the timer continues those). */
export async function runningBacktests(limit: number): Promise<BacktestJob[]> {
  return rows<BacktestJob>(
    database().collection(COLLECTIONS.backtests).where({ status: 'running' }).orderBy('updatedAt', 'asc').limit(limit),
  );
}

/**
 * Writes a chunk's outcome only if no other chunk was committed since this one read the job
 * (`chunks` unchanged): the cursor and the aggregate move together, once. False when another
 * run got there first (its result stands; this one is dropped).
 */
export async function commitBacktestChunk(
  id: string,
  expectedChunks: number,
  patch: Partial<Omit<BacktestJob, '_id'>>,
): Promise<boolean> {
  return database().runTransaction(async (t: Transaction) => {
    const current = await readInTransaction<BacktestJob>(t, COLLECTIONS.backtests, id);
    if (!current || current.chunks !== expectedChunks || current.status !== 'running') return false;
    // Objects replaced whole (`set`), not merged field by field as update() does with a plain object.
    const _ = database().command;
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) data[k] = v !== null && typeof v === 'object' ? _.set(v) : v;
    await t.collection(COLLECTIONS.backtests).doc(id).update({ data });
    return true;
  });
}
