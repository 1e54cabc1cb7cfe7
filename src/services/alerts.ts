import type { ActionParams, ActionResult } from '@core/api.contract';
import type { Alert, AlertStatus } from '@core/model';
import { call } from './api';

export function listAlerts(params: ActionParams<'alerts/list'> = {}): Promise<ActionResult<'alerts/list'>> {
  return call('alerts/list', params);
}

export async function getAlert(alertId: string): Promise<Alert> {
  return (await call('alerts/get', { alertId })).alert;
}

export async function transitionAlert(alertId: string, to: Exclude<AlertStatus, 'new'>, note?: string): Promise<Alert> {
  return (await call('alerts/transition', note === undefined ? { alertId, to } : { alertId, to, note })).alert;
}
