/** The agent's workspace (issue 16): live sessions, one chat, replies, transfer and supervisors' interventions. */
import type { ActionResult } from '@core/api.contract';
import type { Message } from '@core/model';
import { call } from './api';

export function listDesk(): Promise<ActionResult<'desk/list'>> {
  return call('desk/list', { limit: 50 });
}

export function getDeskSession(sessionId: string): Promise<ActionResult<'desk/get'>> {
  return call('desk/get', { sessionId });
}

/** Sends the reply; `confirmRedLine` after the agent saw the red-line warning (REPLY.RED_LINE). */
export async function sendReply(sessionId: string, text: string, confirmRedLine = false): Promise<Message> {
  return (await call('messages/reply', { sessionId, text, ...(confirmRedLine ? { confirmRedLine } : {}) })).message;
}

export function transferSession(sessionId: string, toAgentId: string): Promise<ActionResult<'sessions/transfer'>> {
  return call('sessions/transfer', { sessionId, toAgentId });
}

export function closeSession(sessionId: string): Promise<ActionResult<'sessions/close'>> {
  return call('sessions/close', { sessionId });
}

export function whisper(sessionId: string, text: string): Promise<ActionResult<'sessions/whisper'>> {
  return call('sessions/whisper', { sessionId, text });
}

export function takeOver(sessionId: string): Promise<ActionResult<'sessions/takeover'>> {
  return call('sessions/takeover', { sessionId });
}

export function listReplyTemplates(): Promise<ActionResult<'replyTemplates/list'>> {
  return call('replyTemplates/list', {});
}

/** Adds a quick reply (a supervisor's goes to their team; an admin's to everyone). */
export function saveReplyTemplate(title: string, text: string): Promise<ActionResult<'replyTemplates/save'>> {
  return call('replyTemplates/save', { title, text });
}

export function removeReplyTemplate(templateId: string): Promise<ActionResult<'replyTemplates/remove'>> {
  return call('replyTemplates/remove', { templateId });
}
