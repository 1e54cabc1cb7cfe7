import { z } from 'zod';
import { alertPoliciesSchema, alertStormSchema } from '../../core/alerts/alert.policy-set';
import {
  draftPolicies,
  publishDraftPolicies,
  publishedPolicies,
  saveDraftPolicies,
} from '../../common/alerts/alert-policies.repository';
import { route } from '../router';

export const alertPoliciesGet = route('alertPolicies/get', {
  params: z.object({}).strip(),
  async handle() {
    const [published, draft] = await Promise.all([publishedPolicies(), draftPolicies()]);
    return { published, draft };
  },
});

/** Validated here (the router names the faulty field) and again in the core before storing. */
export const alertPoliciesSaveDraft = route('alertPolicies/saveDraft', {
  params: z.object({
    policies: alertPoliciesSchema,
    storm: alertStormSchema.optional(),
  }),
  async handle({ user, now }, p) {
    return { draft: await saveDraftPolicies(p, user._id, now) };
  },
});

export const alertPoliciesPublish = route('alertPolicies/publish', {
  params: z.object({}).strip(),
  async handle({ user, now }) {
    return { published: await publishDraftPolicies(user._id, now) };
  },
});
