/**
 * How each version of the default scorecard is made from the one before it: the rules it keeps
 * are the earlier version's own objects, and the rules it judges differently replace them by id
 * (same ids, same places: reports and appeals refer to them).
 */
import type { ScorecardInput } from './scorecard.schema';

export type RuleInput = ScorecardInput['sections'][number]['rules'][number];

/** The rule of `version` with this id (the parts the next version keeps). */
export function ruleOf(version: ScorecardInput, id: string): RuleInput {
  const rule = version.sections.flatMap((s) => s.rules).find((r) => r.id === id);
  if (!rule) throw new Error(`default scorecard v${version.version ?? 1} has no rule ${id}`);
  return rule;
}

/** The params of a rule of `version` made of one `op` condition (what the next version extends). */
export function paramsOf(version: ScorecardInput, id: string, op: string): Record<string, unknown> {
  const when = ruleOf(version, id).when;
  if (!('op' in when) || when.op !== op)
    throw new Error(`v${version.version ?? 1} ${id} is expected to be one ${op} condition`);
  return when.params as Record<string, unknown>;
}

/** The sections of `version` with the rules named in `replaced` replaced, each in its place. */
export function withRulesReplaced(
  version: ScorecardInput,
  replaced: Readonly<Record<string, RuleInput>>,
): ScorecardInput['sections'] {
  return version.sections.map((section) => ({
    ...section,
    rules: section.rules.map((rule) => replaced[rule.id] ?? rule),
  }));
}

/**
 * The rule of `version` with this id, made of one `op` condition, with its list params extended by
 * `added` (the earlier entries first) and other params set by `set`: how a later version widens a
 * rule's word lists without restating them.
 */
export function withParamsExtended(
  version: ScorecardInput,
  id: string,
  op: string,
  added: Readonly<Record<string, readonly string[]>>,
  set: Readonly<Record<string, unknown>> = {},
): RuleInput {
  const params = paramsOf(version, id, op);
  const extended = Object.fromEntries(
    Object.entries(added).map(([key, more]) => [key, [...((params[key] as string[] | undefined) ?? []), ...more]]),
  );
  return { ...ruleOf(version, id), when: { op, params: { ...params, ...extended, ...set } } } as RuleInput;
}
