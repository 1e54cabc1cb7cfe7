import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function listRounds(): Promise<ActionResult<'calibration/list'>> {
  return call('calibration/list', { limit: 50 });
}

export async function createRound(params: ActionParams<'calibration/create'>) {
  return (await call('calibration/create', params)).round;
}

export function getRound(roundId: string): Promise<ActionResult<'calibration/get'>> {
  return call('calibration/get', { roundId });
}

export function inspectorStats(): Promise<ActionResult<'inspectors/stats'>> {
  return call('inspectors/stats', {});
}

/** The case library, filtered by tag, issue type, kind and words. */
export function listCases(params: ActionParams<'cases/list'> = {}): Promise<ActionResult<'cases/list'>> {
  return call('cases/list', params);
}

/** Marks a session as an exemplary or cautionary case. */
export function addCase(params: ActionParams<'cases/add'>): Promise<ActionResult<'cases/add'>> {
  return call('cases/add', params);
}

/** Per rule version: precision of the automatic hits, with its Wilson interval and flag. */
export function rulePrecision(params: ActionParams<'rules/precision'> = {}): Promise<ActionResult<'rules/precision'>> {
  return call('rules/precision', params);
}
