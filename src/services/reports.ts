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

/** The report as an XLSX or CSV file in cloud storage (`reports/export`): fileID and a temp URL. */
export function exportReport(params: ActionParams<'reports/export'>): Promise<ActionResult<'reports/export'>> {
  return call('reports/export', params);
}

/** The caller's periodic review reports, newest first (`reports/periodic/list`). */
export function listPeriodicReports(
  params: ActionParams<'reports/periodic/list'> = {},
): Promise<ActionResult<'reports/periodic/list'>> {
  return call('reports/periodic/list', params);
}

/** One periodic report with a fresh link to its XLSX (`reports/periodic/get`). */
export function getPeriodicReport(reportId: string): Promise<ActionResult<'reports/periodic/get'>> {
  return call('reports/periodic/get', { reportId });
}
