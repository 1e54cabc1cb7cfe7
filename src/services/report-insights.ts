/** Hot topics and drivers stored by the nightly job (`reports/topics`, `reports/drivers`). */
import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function reportTopics(params: ActionParams<'reports/topics'>): Promise<ActionResult<'reports/topics'>> {
  return call('reports/topics', params);
}

export function reportDrivers(params: ActionParams<'reports/drivers'>): Promise<ActionResult<'reports/drivers'>> {
  return call('reports/drivers', params);
}
