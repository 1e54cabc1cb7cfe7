/** Rectification notices (issue 16): issue from a session, read, acknowledge with an answer, confirm done. */
import type { ActionParams, ActionResult } from '@core/api.contract';
import type { Rectification } from '@core/rectification/rectification.model';
import { call } from './api';

export function listRectifications(
  params: ActionParams<'rectifications/list'> = {},
): Promise<ActionResult<'rectifications/list'>> {
  return call('rectifications/list', params);
}

export async function getRectification(rectificationId: string): Promise<Rectification> {
  return (await call('rectifications/get', { rectificationId })).rectification;
}

export async function issueRectification(params: ActionParams<'rectifications/create'>): Promise<Rectification> {
  return (await call('rectifications/create', params)).rectification;
}

export async function acknowledgeRectification(rectificationId: string, answer?: string): Promise<Rectification> {
  return (await call('rectifications/ack', { rectificationId, ...(answer ? { answer } : {}) })).rectification;
}

export async function confirmRectification(rectificationId: string, note?: string): Promise<Rectification> {
  return (await call('rectifications/confirm', { rectificationId, ...(note ? { note } : {}) })).rectification;
}
