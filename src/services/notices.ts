import type { ActionParams, ActionResult } from '@core/api.contract';
import type { Notice } from '@core/model';
import { call } from './api';

/** The agent's inbox, newest first, with the unread count. */
export function listNotices(params: ActionParams<'notices/list'> = {}): Promise<ActionResult<'notices/list'>> {
  return call('notices/list', params);
}

/** Marks a notice read. */
export async function ackNotice(noticeId: string): Promise<Notice> {
  return (await call('notices/ack', { noticeId })).notice;
}
