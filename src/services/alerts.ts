import type { ActionParams, ActionResult } from '@core/api.contract';
import type { Alert, AlertStatus, Notice } from '@core/model';
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

/** Intervention: a notice to the alert's agent (inbox plus notification). */
export async function notifyAgent(alertId: string, text: string): Promise<Notice> {
  return (await call('alerts/notifyAgent', { alertId, text })).notice;
}

/** The supervisor's notification consent: how many are banked and whether to ask again. */
export function getSubscription(): Promise<ActionResult<'alerts/subscription'>> {
  return call('alerts/subscription', {});
}

/** Reports the answer to `requestSubscribeMessage` so the server banks one notification. */
export function reportSubscription(templateId: string, accepted: boolean): Promise<ActionResult<'alerts/subscribe'>> {
  return call('alerts/subscribe', { templateId, accepted });
}
