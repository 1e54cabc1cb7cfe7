/**
 * `sweep`: the timer function (one trigger, every minute). Closes sessions idle past the
 * timeout and scores them. A timer's return value goes nowhere in the cloud; it is returned
 * anyway for the local host's log and the tests.
 *
 * Only the timer may run it (core/ingest/caller.policy.ts): a mini-program client or any other
 * caller gets a refusal and nothing runs. One session that cannot be closed (too big to read,
 * a scoring failure) is dead-lettered and the run goes on with the others.
 */
import { sweepCallerRefusal, type CallerRefusal } from '../core/ingest/caller.policy';
import { cloud, now } from '../common/cloud';
import { deadLetter } from '../common/events/events.deadletter';
import { idleTimeoutMs } from '../common/message.store';
import { closeAndScore } from '../common/session.closer';
import { listIdleSessionIds, markSweepFailed } from '../common/sessions.repository';
import { checkWaitingSessions, deliverStranded } from '../common/alerts/alert.raiser';
import { sendDigests } from '../common/alerts/alert.delivery';
import { expireDueAppeals } from '../common/appeals.service';
import { describeFailure, logFailure } from '../common/log';
import { sweepSampling } from '../common/sampling.service';
import { purgeExpired } from '../common/personal-data.service';
import { continueBacktests } from '../common/backtest.service';
import { nightlyReports, settleRepeatContacts } from '../common/report.rollups';
import { purgeExpiredExports } from '../common/report.export';
import { sweepPeriodicReports } from '../common/periodic-reports.service';
import { sweepRectifications } from '../common/rectification/rectification.sweep';
import { departmentFeedback } from '../common/rectification/department.feedback.service';
import { runInsights } from '../common/report.insights';

/** Bounded per run so one invocation stays inside the cloud's function timeout. */
const MAX_PER_RUN = 50;
/** A session that failed to close is tried again after this long, not on every run. */
export const SWEEP_RETRY_MS = 60 * 60_000;

export interface SweepResult {
  closed: number;
  /** Sessions that failed to close this run (each dead-lettered). */
  failed: number;
}

export async function main(): Promise<SweepResult | CallerRefusal> {
  const refusal = sweepCallerRefusal(cloud.getWXContext());
  if (refusal) return refusal;
  const idle = await listIdleSessionIds(now() - idleTimeoutMs(), MAX_PER_RUN, now() - SWEEP_RETRY_MS);
  let closed = 0;
  let failed = 0;
  for (const id of idle) {
    try {
      await closeAndScore(id);
      closed++;
    } catch (e) {
      failed++;
      logFailure('sweep/close', e, { session: id });
      try {
        await deadLetter({
          raw: { sessionId: id },
          // The reason names the failure's class and code, not its message (it may quote the session).
          reason: `会话无法关闭评分: ${describeFailure(e)}`,
          code: 'SWEEP.SESSION_FAILED',
          origin: 'sweep',
        });
        await markSweepFailed(id, now());
      } catch (err) {
        logFailure('sweep/dead-letter', err, { session: id });
      }
    }
  }
  // After closing, so a session closed for idleness is scored rather than reported as waiting.
  // Each stage on its own: a failure in one must not stop the digests of the other.
  await checkWaitingSessions(now()).catch((e: unknown) => logFailure('sweep/waiting', e));
  // Alerts a push raised whose instance never sent their notifications (frozen after answering).
  await deliverStranded(now()).catch((e: unknown) => logFailure('sweep/stranded-alerts', e));
  await sendDigests(now()).catch((e: unknown) => logFailure('sweep/digests', e));
  await expireDueAppeals(now()).catch((e: unknown) => logFailure('sweep/appeals', e));
  // Sampling plans (issue 13): recurring draws once per period, overdue task reminders.
  await sweepSampling(now()).catch((e: unknown) => logFailure('sweep/sampling', e));
  // Retention (issue 17): message texts and raw dead letters past the retention period, a batch a run.
  await purgeExpired(now()).catch((e: unknown) => logFailure('sweep/retention', e));
  // Back-tests of scorecard drafts (issue 14): one chunk of the least recently advanced job.
  await continueBacktests().catch((e: unknown) => logFailure('sweep/backtests', e));
  // Reports (issue 15): once per China day after 02:00, recompute the last two days from raw
  // data and rebuild the weeks and months they (and late-changed days) belong to.
  await nightlyReports(now()).catch((e: unknown) => logFailure('sweep/reports', e));
  // First-contact resolution: sessions whose repeat-contact window closed are recorded as settled.
  await settleRepeatContacts(now()).catch((e: unknown) => logFailure('sweep/fcr', e));
  // Report exports (issue 15): files past their expiry leave cloud storage, a batch a run.
  await purgeExpiredExports(now()).catch((e: unknown) => logFailure('sweep/exports', e));
  // Periodic review reports (issue 15): per recipient, once per closed month, quarter and half-year.
  await sweepPeriodicReports(now()).catch((e: unknown) => logFailure('sweep/periodic-reports', e));
  // Rectification notices (issue 16): reminders a day before the deadline, overdue and escalated
  // after it; department feedback once a week for the week before.
  await sweepRectifications(now()).catch((e: unknown) => logFailure('sweep/rectifications', e));
  await departmentFeedback(now()).catch((e: unknown) => logFailure('sweep/department-feedback', e));
  // Hot topics and drivers (issue 15): the day documents of the last 90 days, a bounded batch a run, then the results.
  await runInsights(now()).catch((e: unknown) => logFailure('sweep/insights', e));
  return { closed, failed };
}
