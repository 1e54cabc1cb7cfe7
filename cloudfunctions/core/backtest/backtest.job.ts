/**
 * A back-test job as stored (`backtests`): which draft (a snapshot of it, and the `updatedAt`
 * it had) is replayed against which live version over which days, how far the replay got
 * (`cursor`: the last session folded, in `startedAt`, `_id` order) and the partial aggregate
 * up to that cursor. Cursor and aggregate are written together in one transaction after each
 * chunk, guarded by `chunks`, so a chunk that dies before its write is redone and a chunk
 * finished twice (the timer and a poll racing) is counted once.
 */
import type { Scorecard } from '../scoring/scorecard.schema';
import type { BacktestAggregate } from './backtest.aggregate';
import type { BacktestReport } from './backtest.report';

export type BacktestStatus = 'running' | 'done' | 'failed';

export interface BacktestCursor {
  startedAt: number;
  sessionId: string;
}

export interface BacktestJob {
  _id: string;
  scorecardId: string;
  days: number;
  /** Sessions started in [from, to). */
  from: number;
  to: number;
  status: BacktestStatus;
  /** The draft as it was when the job started (the replay never mixes two drafts). */
  draft: Scorecard;
  /** The draft document's `updatedAt` then: a later edit makes the result stale. */
  draftUpdatedAt: number;
  /** The live version compared against: the newest published one, or the shipped default. */
  live: { id: string; version: number };
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Why a failed job stopped (an error code). */
  error?: string;
  /** Closed sessions in the window when the job started (the progress bar's whole). */
  total: number;
  /** Sessions read so far (replayed or outside the draft's scope). */
  processed: number;
  /** Of those, outside the draft's scope: not replayed. */
  outOfScope: number;
  /** Sessions that could not be replayed (unreadable, a scoring failure): skipped, counted. */
  failed: number;
  chunks: number;
  cursor: BacktestCursor | null;
  aggregate: BacktestAggregate;
  /** Milliseconds the latest and the longest chunk took. */
  lastChunkMs: number;
  maxChunkMs: number;
}

/** A job as callers read it: without the draft snapshot and the raw sums. */
export type BacktestJobView = Omit<BacktestJob, 'draft' | 'aggregate'> & {
  draftVersion: number;
  /** processed / total, 1 when done. */
  progress: number;
};

export function jobView(job: BacktestJob): BacktestJobView {
  const { draft, aggregate: _aggregate, ...rest } = job;
  const progress = job.status === 'done' ? 1 : job.total > 0 ? Math.min(1, job.processed / job.total) : 0;
  return { ...rest, draftVersion: draft.version, progress };
}

/**
 * A result no longer describes the draft when the draft was edited after the job started (or
 * removed: published or discarded).
 */
export function isStale(job: Pick<BacktestJob, 'draftUpdatedAt'>, currentDraftUpdatedAt: number | null): boolean {
  return currentDraftUpdatedAt === null || currentDraftUpdatedAt !== job.draftUpdatedAt;
}

/** What `backtests/start`, `get` and `latest` answer. */
export interface BacktestAnswer {
  job: BacktestJobView;
  report: BacktestReport;
  /** The draft's `updatedAt` now (null: no draft any more); `stale` when it differs from the job's. */
  draftUpdatedAt: number | null;
  stale: boolean;
  /** Display names of the draft's rules (the report names rules by id). */
  ruleNames: { ruleId: string; name: string }[];
}

export function ruleNamesOf(card: Scorecard): { ruleId: string; name: string }[] {
  return card.sections.flatMap((s) => s.rules.map((r) => ({ ruleId: r.id, name: r.name })));
}
