import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function reviewForAppeal(reviewId: string): Promise<ActionResult<'appeals/review'>> {
  return call('appeals/review', { reviewId });
}

export async function fileAppeal(params: ActionParams<'appeals/file'>) {
  return (await call('appeals/file', params)).appeal;
}

export function listAppeals(params: ActionParams<'appeals/list'> = {}): Promise<ActionResult<'appeals/list'>> {
  return call('appeals/list', params);
}

export function getAppeal(appealId: string): Promise<ActionResult<'appeals/get'>> {
  return call('appeals/get', { appealId });
}

export async function decideAppeal(params: ActionParams<'appeals/decide'>) {
  return (await call('appeals/decide', params)).appeal;
}
