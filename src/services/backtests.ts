/** Back-tests of a scorecard draft (issue 14): start, poll, and the newest result of a scorecard. */
import type { ActionResult, BacktestAnswer } from '@core/api.contract';
import { call } from './api';

export function startBacktest(scorecardId: string, days: number): Promise<BacktestAnswer> {
  return call('backtests/start', { scorecardId, days });
}

/** The job; each call while it runs replays one more chunk on the server. */
export function getBacktest(jobId: string): Promise<BacktestAnswer> {
  return call('backtests/get', { jobId });
}

export function latestBacktest(scorecardId: string): Promise<ActionResult<'backtests/latest'>> {
  return call('backtests/latest', { scorecardId });
}
