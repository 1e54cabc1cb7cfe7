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

export function listCases(params: ActionParams<'cases/list'> = {}): Promise<ActionResult<'cases/list'>> {
  return call('cases/list', params);
}
