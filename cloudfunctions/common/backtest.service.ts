/**
 * The back-test of a scorecard draft (issue 14): the draft replayed over the closed sessions of
 * the past N days beside the live version, in chunks small enough for one function call.
 *
 * Each session is replayed exactly as live scoring scored it: the conversation built from its
 * stored (masked) messages by session.closer.ts's `conversationFor`, the facts of
 * scoring.service.ts's `scoringFacts` at the instant its score was made; only the scorecard
 * differs. A chunk reads the next sessions after the job's cursor, replays them until
 * CHUNK_SESSIONS or CHUNK_BUDGET_MS, folds them into the job's aggregate (the pure
 * core/backtest/backtest.aggregate.ts) and commits cursor and aggregate together, once
 * (backtests.repository.ts). A chunk that dies before that write leaves the job as it was: the
 * next call redoes just that chunk. Jobs advance on every `backtests/start` and `backtests/get`
 * call and on the `sweep` timer, one chunk each.
 */
import { foldSamples, emptyAggregate, type BacktestSample } from '../core/backtest/backtest.aggregate';
import { judgementOf } from '../core/backtest/backtest.judgement';
import { backtestReport } from '../core/backtest/backtest.report';
import { isStale, jobView, ruleNamesOf, type BacktestAnswer, type BacktestJob } from '../core/backtest/backtest.job';
import { DomainError, ERROR_CODES, isDomainError } from '../core/errors';
import type { Review } from '../core/inspection/review.model';
import {
  compileScorecard,
  coversScope,
  parseScorecard,
  scoreConversation,
  type CompiledScorecard,
} from '../core/scoring';
import { cachedPublishedPolicies } from './alerts/alert-policies.repository';
import {
  commitBacktestChunk,
  getBacktest,
  insertBacktest,
  latestBacktestOf,
  runningBacktests,
} from './backtests.repository';
import { audit } from './audit.log';
import { logFailure } from './log';
import { draftScorecard, getDraft } from './scorecards.repository';
import { listMessagesOf } from './messages.repository';
import { submittedReviewsOf } from './reviews.repository';
import { scoredAtOf } from './scores.repository';
import { compiledScorecard, liveScorecardOf, scorecardOf, scoringFacts } from './scoring.service';
import { conversationFor } from './session.closer';
import { closedSessionsAfter, countClosedSessions } from './sessions.repository';

/** Sessions read per chunk at most. */
export const CHUNK_SESSIONS = 100;
/**
 * A chunk stops replaying after this long (the function's default timeout is 3 s; the commit
 * and the answer come after). `npm run bench:backtest` measures the chunks.
 */
export const CHUNK_BUDGET_MS = 1000;
const DAY_MS = 86_400_000;

/** Drafts change under the same id and version: compiled per job, kept for this instance. */
const compiledDrafts = new Map<string, CompiledScorecard>();
function compiledDraft(job: BacktestJob): CompiledScorecard {
  let c = compiledDrafts.get(job._id);
  if (!c) {
    if (compiledDrafts.size > 8) compiledDrafts.clear();
    c = compileScorecard(job.draft);
    compiledDrafts.set(job._id, c);
  }
  return c;
}

export async function startBacktest(scorecardId: string, days: number, by: string, now: number): Promise<BacktestJob> {
  const doc = await getDraft(scorecardId);
  if (!doc) throw new DomainError(ERROR_CODES.BACKTEST_NO_DRAFT, `评分卡「${scorecardId}」没有草稿，无法回测`);
  // The draft as the schema reads it (defaults filled): what the job replays and keeps.
  const draft = parseScorecard(draftScorecard(doc));
  const live = await liveScorecardOf(scorecardId);
  const liveRef = live ?? (await liveScorecardOf('default'))!;
  const from = now - days * DAY_MS;
  const job: BacktestJob = {
    _id: `bt_${scorecardId}_${now.toString(36)}`,
    scorecardId,
    days,
    from,
    to: now,
    status: 'running',
    draft,
    draftUpdatedAt: doc.updatedAt,
    live: { id: liveRef.id, version: liveRef.version },
    createdBy: by,
    createdAt: now,
    updatedAt: now,
    total: await countClosedSessions(from, now),
    processed: 0,
    outOfScope: 0,
    failed: 0,
    chunks: 0,
    cursor: null,
    aggregate: emptyAggregate(),
    lastChunkMs: 0,
    maxChunkMs: 0,
  };
  await insertBacktest(job);
  return job;
}

/** A chunk's bounds: sessions read, replay time (the benchmark and tests vary them). */
export interface ChunkOptions {
  limit?: number;
  budgetMs?: number;
  clock?: () => number;
}

/** What one chunk computed, before it is committed. */
export interface ChunkOutcome {
  patch: Partial<Omit<BacktestJob, '_id'>>;
  sessions: number;
  ms: number;
  /** Of `ms`, the chunk's reads before replaying (sessions, messages, scores, reviews). */
  readMs?: number;
}

/**
 * Replays the next chunk of a running job and returns the job's next state, writing nothing
 * (commitChunk writes it). Split so a test can stop a chunk between the two, as a kill would.
 */
export async function computeChunk(
  job: BacktestJob,
  { limit = CHUNK_SESSIONS, budgetMs = CHUNK_BUDGET_MS, clock = Date.now }: ChunkOptions = {},
): Promise<ChunkOutcome> {
  const started = clock();
  const page = await closedSessionsAfter(job.from, job.to, job.cursor, limit);
  if (page.length === 0) {
    const ms = clock() - started;
    return { patch: { status: 'done', finishedAt: clock(), updatedAt: clock(), lastChunkMs: ms }, sessions: 0, ms };
  }
  const live = await scorecardOf(job.live.id, job.live.version);
  if (!live)
    throw new DomainError(ERROR_CODES.SCORECARD_NOT_FOUND, `评分卡 ${job.live.id} v${job.live.version} 不存在`);
  const liveCompiled = compiledScorecard(live);
  const draftCompiled = compiledDraft(job);
  const ids = page.map((s) => s._id);
  const [messages, scoredAt, reviews, policies] = await Promise.all([
    listMessagesOf(ids),
    scoredAtOf(ids),
    submittedReviewsOf(ids),
    cachedPublishedPolicies(),
  ]);
  const readMs = clock() - started;
  const reviewsBySession = new Map<string, Review[]>();
  for (const r of reviews) reviewsBySession.set(r.sessionId, [...(reviewsBySession.get(r.sessionId) ?? []), r]);

  const samples: BacktestSample[] = [];
  let read = 0;
  let outOfScope = 0;
  let failed = 0;
  for (const session of page) {
    if (read > 0 && clock() - started > budgetMs) break;
    read++;
    if (!coversScope(job.draft, session)) {
      outOfScope++;
      continue;
    }
    try {
      const { conversation } = await conversationFor(session, messages.get(session._id));
      const facts = await scoringFacts(session, scoredAt.get(session._id) ?? session.endedAt ?? session.lastAt);
      const judgement = judgementOf(reviewsBySession.get(session._id) ?? []);
      samples.push({
        sessionId: session._id,
        ...(session.agentId ? { agentId: session.agentId } : {}),
        ...(session.team ? { team: session.team } : {}),
        startedAt: session.startedAt,
        live: scoreConversation(liveCompiled, conversation, facts),
        draft: scoreConversation(draftCompiled, conversation, facts),
        ...(judgement ? { judgement } : {}),
      });
    } catch (e) {
      failed++;
      logFailure('backtest/replay', e, { session: session._id, job: job._id });
    }
  }
  const last = page[read - 1];
  const ms = clock() - started;
  // A short page read to its end was the last one: done now, not on the next call.
  const finished = page.length < limit && read === page.length;
  return {
    sessions: read,
    ms,
    readMs,
    patch: {
      ...(finished ? { status: 'done' as const, finishedAt: clock() } : {}),
      aggregate: foldSamples(job.aggregate, samples, policies),
      cursor: { startedAt: last.startedAt, sessionId: last._id },
      processed: job.processed + read,
      outOfScope: job.outOfScope + outOfScope,
      failed: job.failed + failed,
      chunks: job.chunks + 1,
      updatedAt: clock(),
      lastChunkMs: ms,
      maxChunkMs: Math.max(job.maxChunkMs, ms),
    },
  };
}

/** Commits a computed chunk unless another run committed one meanwhile. */
export async function commitChunk(job: BacktestJob, outcome: ChunkOutcome): Promise<boolean> {
  return commitBacktestChunk(job._id, job.chunks, outcome.patch);
}

/** One chunk of a running job, committed; the job as it stands afterwards. */
export async function advanceBacktest(
  job: BacktestJob,
  options: ChunkOptions & { auditEnd?: boolean } = {},
): Promise<BacktestJob> {
  if (job.status !== 'running') return job;
  let outcome: ChunkOutcome;
  try {
    outcome = await computeChunk(job, options);
  } catch (e) {
    // A job that can never go on (its live version is gone) stops; anything else is tried again.
    if (!isDomainError(e)) throw e;
    const won = await commitBacktestChunk(job._id, job.chunks, {
      status: 'failed',
      error: e.code,
      updatedAt: Date.now(),
    });
    return settled(job, won && options.auditEnd !== false);
  }
  return settled(job, (await commitChunk(job, outcome)) && options.auditEnd !== false);
}

/**
 * The job after a commit. The one caller whose commit ended the job (a screen's poll or the
 * timer, whichever won the compare-and-set) writes the audit entry of its end, once: the chunks
 * themselves are not audited (a job of 10,000 sessions is about a hundred of them). A job that
 * ends inside `backtests/start` is audited by the start entry instead (`auditEnd: false`).
 */
async function settled(before: BacktestJob, auditEnd: boolean): Promise<BacktestJob> {
  const after = (await getBacktest(before._id)) ?? before;
  if (auditEnd && after.status !== 'running') {
    await audit({
      at: after.updatedAt,
      by: before.createdBy,
      entity: 'backtest',
      entityId: after._id,
      action: after.status === 'done' ? 'finish' : 'fail',
      before: { status: before.status },
      after: {
        status: after.status,
        processed: after.processed,
        outOfScope: after.outOfScope,
        failed: after.failed,
        chunks: after.chunks,
        ...(after.error ? { error: after.error } : {}),
      },
    });
  }
  return after;
}

export async function answerOf(job: BacktestJob): Promise<BacktestAnswer> {
  const doc = await getDraft(job.scorecardId);
  const draftUpdatedAt = doc ? doc.updatedAt : null;
  return {
    job: jobView(job),
    report: backtestReport(job.aggregate, job.days),
    draftUpdatedAt,
    stale: isStale(job, draftUpdatedAt),
    ruleNames: ruleNamesOf(job.draft),
  };
}

export async function backtestById(jobId: string): Promise<BacktestJob> {
  const job = await getBacktest(jobId);
  if (!job) throw new DomainError(ERROR_CODES.BACKTEST_NOT_FOUND, '没有这个回测任务');
  return job;
}

export async function latestBacktest(scorecardId: string): Promise<BacktestJob | null> {
  return latestBacktestOf(scorecardId);
}

/** The timer's share: one chunk of the least recently advanced running job. */
export async function continueBacktests(): Promise<number> {
  const [job] = await runningBacktests(1);
  if (!job) return 0;
  const after = await advanceBacktest(job);
  return after.chunks - job.chunks;
}
