/**
 * The scorecard format: plain data, validated here with messages that name the faulty field
 * (`sections[0].rules[2].when.all[1].params.words: 至少需要一个关键词`).
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../errors';
import { DEFAULT_OPERATORS, type OperatorRegistry } from './operators/operator.registry';

export const SCORECARD_INVALID = ERROR_CODES.SCORECARD_INVALID;

export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | { op: string; params?: Record<string, unknown> };

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1, 'all 至少需要一个条件') }).strict(),
    z.object({ any: z.array(conditionSchema).min(1, 'any 至少需要一个条件') }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ op: z.string().min(1), params: z.record(z.unknown()).optional() }).strict(),
  ]),
);

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, '只能使用小写字母、数字和连字符');

export const ruleSchema = z
  .object({
    id: slug,
    version: z.number().int().positive().default(1),
    /** Chinese, shown to inspectors and agents. */
    name: z.string().min(1),
    description: z.string().optional(),
    enabled: z.boolean().default(true),
    when: conditionSchema,
    /** Negative deducts, positive adds; for `per: occurrence`, per finding. */
    points: z.number().refine((n) => n !== 0, '分值不能为 0'),
    per: z.enum(['session', 'occurrence']).default('session'),
    /** Most points (in absolute value) the rule may move in one session. */
    cap: z.number().positive().optional(),
    /** Red line: fail the whole session, or zero the rule's section. */
    critical: z.enum(['fail-session', 'zero-section']).optional(),
  })
  .strict();

export const sectionSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /** Share of the base score; weights are normalised over the scorecard. */
    weight: z.number().positive(),
    rules: z.array(ruleSchema),
  })
  .strict();

const nonEmptyList = z.array(z.string().min(1)).min(1).optional();

export const scorecardSchema = z
  .object({
    id: slug,
    version: z.number().int().positive(),
    status: z.enum(['draft', 'published']),
    name: z.string().min(1),
    description: z.string().optional(),
    /** Where the scorecard applies; an absent list means "any". */
    scope: z
      .object({ channels: nonEmptyList, businessLines: nonEmptyList, issueTypes: nonEmptyList })
      .strict()
      .default({}),
    baseScore: z.number().positive().default(100),
    passThreshold: z.number().min(0),
    sections: z.array(sectionSchema).min(1, '至少需要一个分区'),
    publishedAt: z.number().optional(),
    /** The published version a draft was made from. */
    basedOn: z.number().int().positive().optional(),
    /**
     * How the rules read the text: the edition of match normalisation (core/text/match.normalize.ts)
     * and the dialogue-act model (core/text/dialogue-act.model.ts). Absent: edition 1 and model r1,
     * what scorecard v2 shipped with; v3 names edition 2 and r2, v4 and v5 edition 2 and r3, v6 edition 2 and r4. A score keeps the
     * reading of its version.
     */
    text: z
      .object({
        normalize: z.union([z.literal(1), z.literal(2)]).default(1),
        acts: z.enum(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']).default('r1'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((card, ctx) => {
    if (card.passThreshold > card.baseScore) {
      ctx.addIssue({ code: 'custom', path: ['passThreshold'], message: '及格线不能高于基础分' });
    }
    const sections = new Set<string>();
    const rules = new Set<string>();
    card.sections.forEach((s, si) => {
      if (sections.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `分区 id 重复：${s.id}` });
      sections.add(s.id);
      s.rules.forEach((r, ri) => {
        if (rules.has(r.id))
          ctx.addIssue({ code: 'custom', path: ['sections', si, 'rules', ri, 'id'], message: `规则 id 重复：${r.id}` });
        rules.add(r.id);
      });
    });
  });

export type Rule = z.output<typeof ruleSchema>;
export type Section = z.output<typeof sectionSchema>;
export type Scorecard = z.output<typeof scorecardSchema>;
/** What a scorecard file may contain before defaults are applied. */
export type ScorecardInput = z.input<typeof scorecardSchema>;

/** `sections[0].rules[2].when.all[1].params.words` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(根)';
}

/** Operators and their parameters, checked against the registry with the full path. */
function checkConditions(
  c: Condition,
  path: (string | number)[],
  registry: OperatorRegistry,
  issues: z.ZodIssue[],
): void {
  if ('all' in c) c.all.forEach((x, i) => checkConditions(x, [...path, 'all', i], registry, issues));
  else if ('any' in c) c.any.forEach((x, i) => checkConditions(x, [...path, 'any', i], registry, issues));
  else if ('not' in c) checkConditions(c.not, [...path, 'not'], registry, issues);
  else {
    const op = registry.get(c.op);
    if (!op) {
      issues.push({
        code: 'custom',
        path: [...path, 'op'],
        message: `未知的运算符「${c.op}」，可用：${[...registry.keys()].join(', ')}`,
      });
      return;
    }
    const res = op.params.safeParse(c.params ?? {});
    if (!res.success) for (const i of res.error.issues) issues.push({ ...i, path: [...path, 'params', ...i.path] });
  }
}

function invalid(issues: readonly z.ZodIssue[]): DomainError {
  const lines = issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
  if (issues.length > 5) lines.push(`…另有 ${issues.length - 5} 处错误`);
  return new DomainError(SCORECARD_INVALID, `评分卡无效：${lines.join('；')}`, {
    issues: issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  });
}

/** Validates a scorecard (object or JSON text); throws DomainError SCORECARD.INVALID naming the field. */
export function parseScorecard(json: unknown, registry: OperatorRegistry = DEFAULT_OPERATORS): Scorecard {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new DomainError(SCORECARD_INVALID, `评分卡不是有效的 JSON：${(e as Error).message}`);
    }
  }
  const checked = checkScorecard(data, registry);
  if (!checked.ok) throw invalid(checked.issues);
  return checked.scorecard;
}

/**
 * The same checks as parseScorecard, answered rather than thrown: the scorecard, or zod's issues
 * (the settings editor names each field in Chinese from them: scorecard.edit.ts).
 */
export function checkScorecard(
  data: unknown,
  registry: OperatorRegistry = DEFAULT_OPERATORS,
): { ok: true; scorecard: Scorecard } | { ok: false; issues: z.ZodIssue[] } {
  const res = scorecardSchema.safeParse(data);
  if (!res.success) return { ok: false, issues: res.error.issues };
  const issues: z.ZodIssue[] = [];
  res.data.sections.forEach((s, si) =>
    s.rules.forEach((r, ri) => checkConditions(r.when, ['sections', si, 'rules', ri, 'when'], registry, issues)),
  );
  return issues.length ? { ok: false, issues } : { ok: true, scorecard: res.data };
}
