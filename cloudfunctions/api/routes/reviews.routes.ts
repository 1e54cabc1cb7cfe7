/** Manual reviews (common/reviews.service.ts): open, read, judge, add, annotate, submit. */
import { z } from 'zod';
import { editReview, openReview, reviewView, type ReviewEdit } from '../../common/reviews.service';
import { listReviews } from '../../common/reviews.repository';
import { PRAISE_LABELS } from '../../core/inspection/review.model';
import type { RouteContext } from '../router';
import { route } from '../router';
import { paging } from './paging';

const id = z.string().min(1).max(300);
const span = z.tuple([z.number().int().min(0), z.number().int().min(0)]).nullable();
const note = z.string().max(1000);

function edit(ctx: RouteContext, reviewId: string, e: ReviewEdit) {
  return editReview(ctx.user, reviewId, e, ctx.now).then((review) => ({ review }));
}

export const reviewsOpen = route('reviews/open', {
  params: z.object({ sessionId: id, taskId: id.optional(), calibrationRoundId: id.optional() }),
  async handle({ user, now }, p) {
    return { review: await openReview(user, p, now) };
  },
});

export const reviewsGet = route('reviews/get', {
  params: z.object({ reviewId: id }),
  async handle({ user }, p) {
    return reviewView(user, p.reviewId);
  },
});

export const reviewsVerdict = route('reviews/verdict', {
  params: z.object({
    reviewId: id,
    key: id,
    verdict: z.enum(['confirmed', 'rejected']).nullable(),
    reason: note.optional(),
  }),
  async handle(ctx, p) {
    return edit(ctx, p.reviewId, { kind: 'verdict', key: p.key, verdict: p.verdict, reason: p.reason });
  },
});

export const reviewsAddHit = route('reviews/addHit', {
  params: z.object({
    reviewId: id,
    ruleId: id,
    messageIndex: z.number().int().min(0).nullable(),
    span,
    note: note.default(''),
  }),
  async handle(ctx, p) {
    const { reviewId, ...input } = p;
    return edit(ctx, reviewId, { kind: 'addHit', input });
  },
});

export const reviewsRemoveHit = route('reviews/removeHit', {
  params: z.object({ reviewId: id, key: id }),
  async handle(ctx, p) {
    return edit(ctx, p.reviewId, { kind: 'removeHit', key: p.key });
  },
});

export const reviewsAnnotate = route('reviews/annotate', {
  params: z.object({
    reviewId: id,
    messageIndex: z.number().int().min(0),
    span,
    // A fault needs a note or a problem type, praise a label or a note (review.model.ts annotate).
    note: note.default(''),
    problemType: z.string().min(1).max(40).optional(),
    tone: z.enum(['fault', 'praise']).optional(),
    label: z.enum(PRAISE_LABELS).optional(),
  }),
  async handle(ctx, p) {
    const { reviewId, ...input } = p;
    return edit(ctx, reviewId, { kind: 'annotate', input });
  },
});

export const reviewsRemoveAnnotation = route('reviews/removeAnnotation', {
  params: z.object({ reviewId: id, key: id }),
  async handle(ctx, p) {
    return edit(ctx, p.reviewId, { kind: 'removeAnnotation', key: p.key });
  },
});

export const reviewsSubmit = route('reviews/submit', {
  params: z.object({ reviewId: id, rectify: z.boolean().optional() }),
  async handle(ctx, p) {
    return edit(ctx, p.reviewId, { kind: 'submit', rectify: p.rectify });
  },
});

/** Inspectors list their own reviews; supervisors their team's; admins any. */
export const reviewsList = route('reviews/list', {
  params: z.object({ status: z.enum(['draft', 'submitted']).optional(), ...paging }),
  async handle({ user }, p) {
    const scope =
      user.role === 'inspector'
        ? { inspectorId: user._id }
        : user.role === 'supervisor'
          ? { team: user.team ?? '__none__' }
          : {};
    const items = await listReviews({ ...scope, status: p.status }, p.limit + 1, p.skip);
    return { items: items.slice(0, p.limit), more: items.length > p.limit };
  },
});
