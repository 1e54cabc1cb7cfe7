import type { ActionParams, ActionResult } from '@core/api.contract';
import type { ReviewTask } from '@core/inspection/review-task';
import { call } from './api';

export function previewPlan(draft: ActionParams<'plans/preview'>): Promise<ActionResult<'plans/preview'>> {
  return call('plans/preview', draft);
}

export function createPlan(draft: ActionParams<'plans/create'>): Promise<ActionResult<'plans/create'>> {
  return call('plans/create', draft);
}

export function listPlans(params: ActionParams<'plans/list'> = {}): Promise<ActionResult<'plans/list'>> {
  return call('plans/list', params);
}

export function getPlan(planId: string): Promise<ActionResult<'plans/get'>> {
  return call('plans/get', { planId });
}

export function listTasks(params: ActionParams<'tasks/list'> = {}): Promise<ActionResult<'tasks/list'>> {
  return call('tasks/list', params);
}

export async function reassignTask(taskId: string, inspectorId: string): Promise<ReviewTask> {
  return (await call('tasks/reassign', { taskId, inspectorId })).task;
}
