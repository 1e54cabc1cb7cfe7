import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function listSessions(params: ActionParams<'sessions/list'> = {}): Promise<ActionResult<'sessions/list'>> {
  return call('sessions/list', params);
}

export function getSession(sessionId: string): Promise<ActionResult<'sessions/get'>> {
  return call('sessions/get', { sessionId });
}
