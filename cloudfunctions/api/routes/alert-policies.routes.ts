import { z } from 'zod';
import { alertPoliciesSchema, alertStormSchema } from '../../core/alerts/alert.policy-set';
import {
  draftPolicies,
  publishDraftPolicies,
  publishedPolicies,
  saveDraftPolicies,
} from '../../common/alerts/alert-policies.repository';
import type { Route } from '../router';

export const alertPoliciesGet: Route<'alertPolicies/get'> = {
  params: z.object({}).strip() as unknown as Route<'alertPolicies/get'>['params'],
  async handle() {
    const [published, draft] = await Promise.all([publishedPolicies(), draftPolicies()]);
    return { published, draft };
  },
};

/** Validated here (the router names the faulty field) and again in the core before storing. */
export const alertPoliciesSaveDraft: Route<'alertPolicies/saveDraft'> = {
  params: z.object({
    policies: alertPoliciesSchema,
    storm: alertStormSchema.optional(),
  }) as unknown as Route<'alertPolicies/saveDraft'>['params'],
  async handle({ user, now }, p) {
    return { draft: await saveDraftPolicies(p, user._id, now) };
  },
};

export const alertPoliciesPublish: Route<'alertPolicies/publish'> = {
  params: z.object({}).strip() as unknown as Route<'alertPolicies/publish'>['params'],
  async handle({ user, now }) {
    return { published: await publishDraftPolicies(user._id, now) };
  },
};
