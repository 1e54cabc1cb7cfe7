/**
 * Editing a scorecard draft: targeted edits (a rule's switch, points, cap, red line; one
 * parameter of one condition: a threshold or a word list; a section's weight; the card's name,
 * scope and pass mark), and the validation of the result with errors that name the field in
 * Chinese (scorecard.fields.ts). The draft is only ever changed here, through a copy.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../errors';
import { conditionAt, fieldLabel, leavesOf } from './scorecard.fields';
import { compileScorecard } from './scorecard.compile';
import { checkScorecard, formatPath, type Condition, type Scorecard } from './scorecard.schema';

const scopeList = z.array(z.string().trim().min(1).max(40)).max(50);

/** One edit; `rule`/`section` name ids, `leaf` the rule's condition number (from 0, see leavesOf). */
export const scorecardEditSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rule'),
      rule: z.string().min(1).max(64),
      enabled: z.boolean().optional(),
      points: z.number().finite().optional(),
      /** null removes the cap. */
      cap: z.number().finite().nullable().optional(),
      /** null: not a red line. */
      critical: z.enum(['fail-session', 'zero-section']).nullable().optional(),
      per: z.enum(['session', 'occurrence']).optional(),
      name: z.string().trim().min(1).max(40).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('param'),
      rule: z.string().min(1).max(64),
      leaf: z.number().int().min(0).max(100),
      /** A parameter's name as operators spell them (never `__proto__` and the like). */
      param: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, '参数名只能是字母和数字'),
      /** A number, a word list, a choice or a switch; null removes the parameter (its default applies). */
      value: z.union([
        z.number().finite(),
        z.boolean(),
        z.string().max(500),
        z.array(z.string().max(100)).max(500),
        z.null(),
      ]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('section'),
      section: z.string().min(1).max(64),
      weight: z.number().finite().optional(),
      name: z.string().trim().min(1).max(40).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('card'),
      name: z.string().trim().min(1).max(40).optional(),
      passThreshold: z.number().finite().optional(),
      /** An empty or absent list means any. */
      scope: z
        .object({
          channels: scopeList.optional(),
          businessLines: scopeList.optional(),
          issueTypes: scopeList.optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
]);

export type ScorecardEdit = z.infer<typeof scorecardEditSchema>;

function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

function invalid(message: string, field: string): DomainError {
  return new DomainError(ERROR_CODES.SCORECARD_INVALID, `评分卡无效：${field}：${message}`, {
    issues: [{ path: '', field, message }],
  });
}

function ruleIn(card: Scorecard, id: string) {
  for (const [si, s] of card.sections.entries()) {
    const ri = s.rules.findIndex((r) => r.id === id);
    if (ri >= 0) return { rule: s.rules[ri], si, ri };
  }
  throw invalid(`没有规则「${id}」`, '规则');
}

function setOrDelete<T extends object>(o: T, key: keyof T, value: unknown): void {
  if (value === null) delete o[key];
  else (o as Record<keyof T, unknown>)[key] = value;
}

/**
 * Applies the edits to a copy of the draft (not yet validated: see validateDraft). An edit that
 * names a rule, section or condition the draft does not have is refused, naming it.
 */
export function applyEdits(draft: Scorecard, edits: readonly ScorecardEdit[]): Scorecard {
  const next = clone(draft);
  for (const e of edits) {
    if (e.kind === 'rule') {
      const { rule } = ruleIn(next, e.rule);
      if (e.enabled !== undefined) rule.enabled = e.enabled;
      if (e.points !== undefined) rule.points = e.points;
      if (e.cap !== undefined) setOrDelete(rule, 'cap', e.cap);
      if (e.critical !== undefined) setOrDelete(rule, 'critical', e.critical);
      if (e.per !== undefined) rule.per = e.per;
      if (e.name !== undefined) rule.name = e.name;
    } else if (e.kind === 'param') {
      const { rule, si, ri } = ruleIn(next, e.rule);
      const leaf = leavesOf(rule.when)[e.leaf];
      if (!leaf) {
        throw invalid(`没有条件${e.leaf + 1}`, fieldLabel(next, ['sections', si, 'rules', ri, 'when']));
      }
      const cond = conditionAt(rule.when, leaf.path) as Extract<Condition, { op: string }>;
      const params = { ...(cond.params ?? {}) };
      setOrDelete(params, e.param, e.value);
      cond.params = params;
    } else if (e.kind === 'section') {
      const section = next.sections.find((s) => s.id === e.section);
      if (!section) throw invalid(`没有分区「${e.section}」`, '分区');
      if (e.weight !== undefined) section.weight = e.weight;
      if (e.name !== undefined) section.name = e.name;
    } else {
      if (e.name !== undefined) next.name = e.name;
      if (e.passThreshold !== undefined) next.passThreshold = e.passThreshold;
      if (e.scope !== undefined) {
        const scope: Scorecard['scope'] = {};
        for (const key of ['channels', 'businessLines', 'issueTypes'] as const) {
          const list = [...new Set(e.scope[key] ?? [])];
          if (list.length) scope[key] = list;
        }
        next.scope = scope;
      }
    }
  }
  return next;
}

const HAS_CJK = /[\u4e00-\u9fff]/;
const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  string: '文字',
  array: '列表',
  boolean: '开关',
  object: '对象',
};

/** zod's own messages are English: the common ones said in Chinese, a custom one kept. */
export function chineseMessage(issue: z.ZodIssue): string {
  if (HAS_CJK.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'integer') return '必须是整数';
      return issue.received === 'undefined' ? '必填' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.type === 'array') return `至少需要 ${issue.minimum} 项`;
      if (issue.type === 'string') return '不能为空';
      return issue.inclusive ? `不能小于 ${issue.minimum}` : `必须大于 ${issue.minimum}`;
    case 'too_big':
      if (issue.type === 'array') return `最多 ${issue.maximum} 项`;
      return issue.inclusive ? `不能大于 ${issue.maximum}` : `必须小于 ${issue.maximum}`;
    case 'invalid_enum_value':
      return `只能是 ${issue.options.join('、')} 之一`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'not_finite':
      return '必须是有限的数字';
    case 'invalid_string':
      return '格式不正确';
    default:
      return '取值无效';
  }
}

export interface DraftIssue {
  /** `sections[1].rules[2].points` */
  path: string;
  /** 第2节「服务态度」第3条规则「辱骂」的分值 */
  field: string;
  message: string;
}

/**
 * Validates a draft with the scorecard's own schema and operators; returns it with defaults
 * filled in. Throws SCORECARD.INVALID whose message and `details.issues` name each field in Chinese.
 */
export function validateDraft(draft: unknown): Scorecard {
  const checked = checkScorecard(draft);
  const shaped = draft && typeof draft === 'object' && Array.isArray((draft as Scorecard).sections);
  const card = shaped ? (draft as Scorecard) : undefined;
  if (checked.ok) return compiles(checked.scorecard);
  const issues: DraftIssue[] = checked.issues.map((i) => ({
    path: formatPath(i.path),
    field: fieldLabel(card, i.path),
    message: chineseMessage(i),
  }));
  const shown = issues.slice(0, 5).map((i) => `${i.field}：${i.message}`);
  if (issues.length > 5) shown.push(`…另有 ${issues.length - 5} 处错误`);
  throw new DomainError(ERROR_CODES.SCORECARD_INVALID, `评分卡无效：${shown.join('；')}`, { issues });
}

/** The last guard: the draft compiles as the engine will compile it. */
function compiles(card: Scorecard): Scorecard {
  try {
    compileScorecard(card);
  } catch (e) {
    throw new DomainError(ERROR_CODES.SCORECARD_INVALID, `评分卡无法编译，请检查条件设置（${(e as Error).message}）`);
  }
  return card;
}
