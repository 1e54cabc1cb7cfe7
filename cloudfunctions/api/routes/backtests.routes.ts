/**
 * Back-test of a scorecard draft (issue 14): start a job, read it (each read of a running job
 * replays one more chunk, so the screen's polling drives the job along with the `sweep` timer),
 * and the newest job of a scorecard for the publish step. Admins only (ACTION_ACCESS).
 */
import { z } from 'zod';
import { audit } from '../../common/audit.log';
import { advanceBacktest, answerOf, backtestById, latestBacktest, startBacktest } from '../../common/backtest.service';
import { logFailure } from '../../common/log';
import type { BacktestJob } from '../../core/backtest/backtest.job';
import { route } from '../router';

/** One chunk; a failing chunk is logged and the job read as it stands (the next call tries again). */
async function advanced(job: BacktestJob, auditEnd = true): Promise<BacktestJob> {
  try {
    return await advanceBacktest(job, { auditEnd });
  } catch (e) {
    logFailure('backtests/advance', e, { job: job._id });
    return job;
  }
}

export const backtestsStart = route('backtests/start', {
  params: z.object({
    scorecardId: z.string().trim().min(1).max(64),
    days: z.number().int().min(1).max(90),
  }),
  async handle({ user, now }, p) {
    const job = await startBacktest(p.scorecardId, p.days, user._id, now);
    // The first chunk runs now; a short window ends here, and this one entry says so.
    const first = await advanced(job, false);
    await audit({
      at: now,
      by: user._id,
      entity: 'backtest',
      entityId: job._id,
      action: 'start',
      before: null,
      after: {
        scorecardId: job.scorecardId,
        days: job.days,
        draftVersion: job.draft.version,
        draftUpdatedAt: job.draftUpdatedAt,
        live: job.live,
        status: first.status,
      },
    });
    return answerOf(first);
  },
});

export const backtestsGet = route('backtests/get', {
  params: z.object({ jobId: z.string().trim().min(1).max(128) }),
  async handle(_ctx, p) {
    return answerOf(await advanced(await backtestById(p.jobId)));
  },
});

export const backtestsLatest = route('backtests/latest', {
  params: z.object({ scorecardId: z.string().trim().min(1).max(64) }),
  async handle(_ctx, p) {
    const job = await latestBacktest(p.scorecardId);
    return job ? answerOf(job) : { job: null };
  },
});
