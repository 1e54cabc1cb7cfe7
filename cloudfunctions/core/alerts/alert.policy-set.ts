/**
 * Alert policies as data: which checks run, how severe they are and their thresholds, plus the
 * storm settings. Versioned like scorecards: admins edit a draft, publishing makes a new,
 * immutable version, and every alert records the version that raised it. Until an admin
 * publishes anything, the defaults below (version 0) are in force.
 */
import { z } from 'zod';
import type { AlertPolicyConfig, AlertPolicySet, AlertStormSettings } from '../model';
import { DomainError, ERROR_CODES } from '../errors';
import { ALERT_SEVERITIES } from '../model';
import { formatPath } from '../scoring';
import { COMPLAINT_WORDS } from '../scoring/default.scorecard';

export const ALERT_POLICY_IDS = [
  'score-low',
  'red-line',
  'customer-waiting',
  'customer-angry',
  'agent-red-line-live',
  'repeat-contact',
] as const;
export type AlertPolicyId = (typeof ALERT_POLICY_IDS)[number];

export const ALERT_POLICY_NO_DRAFT = ERROR_CODES.ALERT_POLICY_NO_DRAFT;

const severity = z.enum(ALERT_SEVERITIES, { message: `级别只能是 ${ALERT_SEVERITIES.join(' / ')}` });
const base = { enabled: z.boolean(), severity };

const policySchema = z.discriminatedUnion('id', [
  z
    .object({
      id: z.literal('score-low'),
      ...base,
      severeBelow: z.number().min(0, '不能小于 0').max(100, '不能大于 100'),
    })
    .strict(),
  z.object({ id: z.literal('red-line'), ...base }).strict(),
  z
    .object({
      id: z.literal('customer-waiting'),
      ...base,
      waitSeconds: z
        .number()
        .int('必须是整数')
        .min(30, '至少 30 秒')
        .max(24 * 3600, '最多 24 小时'),
    })
    .strict(),
  z
    .object({
      id: z.literal('customer-angry'),
      ...base,
      negativeBelow: z.number().min(0, '不能小于 0').max(1, '不能大于 1'),
      window: z.number().int('必须是整数').min(2, '至少 2 条').max(10, '最多 10 条'),
      complaintWords: z.array(z.string().trim().min(1, '关键词不能为空')).max(200, '最多 200 个'),
    })
    .strict(),
  z.object({ id: z.literal('agent-red-line-live'), ...base }).strict(),
  z
    .object({
      id: z.literal('repeat-contact'),
      ...base,
      withinHours: z
        .number()
        .min(1, '至少 1 小时')
        .max(7 * 24, '最多 7 天（168 小时）'),
      sameIssueType: z.boolean(),
    })
    .strict(),
]);

export const alertPoliciesSchema = z
  .array(policySchema)
  .max(ALERT_POLICY_IDS.length)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `策略重复：${p.id}` });
      seen.add(p.id);
    });
  });

export const alertStormSchema = z
  .object({
    cooldownMinutes: z
      .number()
      .int('必须是整数')
      .min(0, '不能小于 0')
      .max(7 * 24 * 60, '最多 7 天'),
    digestAbovePerMinute: z.number().int('必须是整数').min(1, '至少 1 条').max(100, '最多 100 条'),
  })
  .strict();

export const DEFAULT_STORM: AlertStormSettings = Object.freeze({ cooldownMinutes: 30, digestAbovePerMinute: 5 });

export const DEFAULT_ALERT_POLICIES: readonly AlertPolicyConfig[] = Object.freeze([
  { id: 'score-low', enabled: true, severity: 'medium', severeBelow: 60 },
  { id: 'red-line', enabled: true, severity: 'critical' },
  { id: 'customer-waiting', enabled: true, severity: 'high', waitSeconds: 180 },
  // The shipped sentiment model reads plain impatience (「怎么还没到」) as strongly negative, so
  // only a near-certain reading counts, and one message alone never does (see alert.live.ts).
  {
    id: 'customer-angry',
    enabled: true,
    severity: 'high',
    negativeBelow: 0.05,
    window: 3,
    complaintWords: COMPLAINT_WORDS,
  },
  { id: 'agent-red-line-live', enabled: true, severity: 'critical' },
  { id: 'repeat-contact', enabled: true, severity: 'medium', withinHours: 24, sameIssueType: true },
]);

export const DEFAULT_POLICY_SET: AlertPolicySet = Object.freeze({
  version: 0,
  status: 'published',
  policies: DEFAULT_ALERT_POLICIES as AlertPolicyConfig[],
  storm: DEFAULT_STORM,
});

export type PolicyOf<I extends AlertPolicyId> = Extract<AlertPolicyConfig, { id: I }>;

/** The policy's settings when it is present and enabled; a policy missing from a set is off. */
export function enabledPolicy<I extends AlertPolicyId>(
  set: Pick<AlertPolicySet, 'policies'>,
  id: I,
): PolicyOf<I> | null {
  const p = set.policies.find((x) => x.id === id);
  return p && p.enabled ? (p as PolicyOf<I>) : null;
}

export function stormOf(set: Pick<AlertPolicySet, 'storm'>): AlertStormSettings {
  return set.storm ?? DEFAULT_STORM;
}

function invalid(issues: readonly z.ZodIssue[], root: string): DomainError {
  const lines = issues.slice(0, 5).map((i) => `${formatPath([root, ...i.path])}: ${i.message}`);
  return new DomainError(ERROR_CODES.INPUT_INVALID, `告警策略无效：${lines.join('；')}`, {
    issues: issues.map((i) => ({ path: formatPath([root, ...i.path]), message: i.message })),
  });
}

/** Validates an edited policy list (and storm settings); the error names the faulty field. */
export function parsePolicies(
  policies: unknown,
  storm?: unknown,
): { policies: AlertPolicyConfig[]; storm: AlertStormSettings } {
  const p = alertPoliciesSchema.safeParse(policies);
  if (!p.success) throw invalid(p.error.issues, 'policies');
  if (storm === undefined) return { policies: p.data as AlertPolicyConfig[], storm: DEFAULT_STORM };
  const s = alertStormSchema.safeParse(storm);
  if (!s.success) throw invalid(s.error.issues, 'storm');
  return { policies: p.data as AlertPolicyConfig[], storm: s.data };
}

export function draftPolicySet(
  published: AlertPolicySet,
  edit: { policies: unknown; storm?: unknown },
  by: string,
): AlertPolicySet {
  const parsed = parsePolicies(edit.policies, edit.storm ?? published.storm);
  return { version: published.version + 1, status: 'draft', updatedBy: by, ...parsed };
}

/** The draft as the next published version: numbered after the latest one, never reused. */
export function publishPolicySet(
  draft: AlertPolicySet | null,
  latestVersion: number,
  now: number,
  by: string,
): AlertPolicySet {
  if (!draft) throw new DomainError(ALERT_POLICY_NO_DRAFT, '没有待发布的告警策略草稿');
  const parsed = parsePolicies(draft.policies, draft.storm);
  return { version: latestVersion + 1, status: 'published', publishedAt: now, updatedBy: by, ...parsed };
}
