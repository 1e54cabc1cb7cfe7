/** Report figures read from the rollups (`reports/overview`, `reports/trend`). */
import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function reportOverview(params: ActionParams<'reports/overview'>): Promise<ActionResult<'reports/overview'>> {
  return call('reports/overview', params);
}

export function reportTrend(params: ActionParams<'reports/trend'>): Promise<ActionResult<'reports/trend'>> {
  return call('reports/trend', params);
}

export function reportRanking(params: ActionParams<'reports/ranking'>): Promise<ActionResult<'reports/ranking'>> {
  return call('reports/ranking', params);
}
