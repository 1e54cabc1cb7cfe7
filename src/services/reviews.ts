import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export async function openReview(params: ActionParams<'reviews/open'>) {
  return (await call('reviews/open', params)).review;
}

export function getReview(reviewId: string): Promise<ActionResult<'reviews/get'>> {
  return call('reviews/get', { reviewId });
}

export async function setVerdict(params: ActionParams<'reviews/verdict'>) {
  return (await call('reviews/verdict', params)).review;
}

export async function addMissedHit(params: ActionParams<'reviews/addHit'>) {
  return (await call('reviews/addHit', params)).review;
}

export async function annotateMessage(params: ActionParams<'reviews/annotate'>) {
  return (await call('reviews/annotate', params)).review;
}

/** `rectify` (issue 16): a failed review also issues a rectification notice per rule that cost points. */
export async function submitReview(reviewId: string, rectify = false) {
  return (await call('reviews/submit', { reviewId, ...(rectify ? { rectify } : {}) })).review;
}

export async function removeMissedHit(reviewId: string, key: string) {
  return (await call('reviews/removeHit', { reviewId, key })).review;
}

export async function removeNote(reviewId: string, key: string) {
  return (await call('reviews/removeAnnotation', { reviewId, key })).review;
}
