/**
 * Appeals (common/appeals.service.ts): the agent reads a submitted review of their session and
 * appeals items; the team's supervisor decides them. Scopes are checked in the service, before
 * anything is read beyond the record's team and agent.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { listMessages } from '../../common/messages.repository';
import {
  assertCanReadReview,
  decideAppealItem,
  fileAppealFor,
  getAppeal,
  listAppeals,
  reviewForAppeal,
} from '../../common/appeals.service';
import { route } from '../router';
import { paging } from './paging';

const id = z.string().min(1).max(200);

export const appealsReview = route('appeals/review', {
  params: z.object({ reviewId: id }),
  async handle({ user }, p) {
    const found = await reviewForAppeal(user, p.reviewId);
    return { ...found, messages: await listMessages(found.review.sessionId) };
  },
});

export const appealsFile = route('appeals/file', {
  params: z.object({
    reviewId: id,
    items: z
      .array(z.object({ key: z.string().min(1).max(300), reason: z.string().max(1000) }))
      .min(1)
      .max(50),
  }),
  async handle({ user, now }, p) {
    return { appeal: await fileAppealFor(user, p.reviewId, p.items, now) };
  },
});

export const appealsList = route('appeals/list', {
  params: z.object({ status: z.enum(['open', 'decided', 'expired']).optional(), ...paging }),
  async handle({ user }, p) {
    if (user.role === 'agent')
      return listAppeals({ status: p.status, agentId: user.agentId ?? '__none__' }, p.limit, p.skip);
    if (user.role === 'supervisor')
      return listAppeals({ status: p.status, team: user.team ?? '__none__' }, p.limit, p.skip);
    return listAppeals({ status: p.status }, p.limit, p.skip);
  },
});

export const appealsGet = route('appeals/get', {
  params: z.object({ appealId: id }),
  async handle({ user }, p) {
    const appeal = await getAppeal(p.appealId);
    if (!appeal) throw new DomainError(ERROR_CODES.APPEAL_NOT_FOUND, `申诉不存在: ${p.appealId}`);
    assertCanReadReview(user, appeal);
    const found = await reviewForAppeal(user, appeal.reviewId);
    return { ...found, appeal, messages: await listMessages(appeal.sessionId) };
  },
});

export const appealsDecide = route('appeals/decide', {
  params: z.object({
    appealId: id,
    key: z.string().min(1).max(300),
    outcome: z.enum(['upheld', 'overturned', 'partly']),
    points: z.number().finite().optional(),
    note: z.string().max(1000).optional(),
  }),
  async handle({ user, now }, p) {
    const { appealId, key, ...input } = p;
    return { appeal: await decideAppealItem(user, appealId, key, input, now) };
  },
});
