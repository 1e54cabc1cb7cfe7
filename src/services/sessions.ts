import type { ActionParams, ActionResult } from '@core/api.contract';
import type { Message } from '@core/model';
import { call } from './api';

export function listSessions(params: ActionParams<'sessions/list'> = {}): Promise<ActionResult<'sessions/list'>> {
  return call('sessions/list', params);
}

export function getSession(sessionId: string): Promise<ActionResult<'sessions/get'>> {
  return call('sessions/get', { sessionId });
}

/** Open sessions of the supervisor's teams, longest wait first. */
export function listLiveSessions(limit = 50): Promise<ActionResult<'sessions/live'>> {
  return call('sessions/live', { limit });
}

/** Answers the customer through the customer-service API; stored in the session as the sender's message. */
export async function replyToCustomer(sessionId: string, text: string): Promise<Message> {
  return (await call('messages/reply', { sessionId, text })).message;
}
