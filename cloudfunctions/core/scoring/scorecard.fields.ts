/**
 * A scorecard's editable fields as people name them: the conditions of a rule flattened into
 * numbered leaves (each one operator with its parameters), and the Chinese name of any field
 * path, so an error says 「第2节「服务态度」第3条规则「辱骂」的分值」 rather than
 * `sections[1].rules[2].points`. Plain data, no zod: the settings pages use it too.
 */
import type { Condition, Scorecard } from './scorecard.schema';
import { RED_LINE_HEAD_LABELS } from './red-line.heads';

/** One operator inside a rule's `when`, in depth-first order (the editor's 条件 1, 2, …). */
export interface ConditionLeaf {
  index: number;
  /** Path from the rule's `when` to this leaf: `['all', 1]`, `[]` for a bare operator. */
  path: (string | number)[];
  op: string;
  params: Record<string, unknown>;
  /** Inside a `not`: the rule holds when this does NOT. */
  negated: boolean;
}

export function leavesOf(when: Condition): ConditionLeaf[] {
  const out: ConditionLeaf[] = [];
  const walk = (c: Condition, path: (string | number)[], negated: boolean) => {
    if (c === null || typeof c !== 'object') return; // an invalid draft being named, not judged
    if ('all' in c && Array.isArray(c.all)) c.all.forEach((x, i) => walk(x, [...path, 'all', i], negated));
    else if ('any' in c && Array.isArray(c.any)) c.any.forEach((x, i) => walk(x, [...path, 'any', i], negated));
    else if ('not' in c) walk(c.not, [...path, 'not'], !negated);
    else if ('op' in c) out.push({ index: out.length, path, op: c.op, params: c.params ?? {}, negated });
  };
  walk(when, [], false);
  return out;
}

/** The condition object at `path` inside `when` (the leaf an edit names), or undefined. */
export function conditionAt(when: Condition, path: readonly (string | number)[]): Condition | undefined {
  let at: unknown = when;
  for (const p of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[p];
  }
  return at as Condition | undefined;
}

export const OPERATOR_LABELS: Readonly<Record<string, string>> = {
  keywords: '关键词',
  phrases: '短语',
  regex: '正则',
  act: '对话行为',
  unsoothed: '未安抚',
  opening: '开场问候',
  closing: '结束语',
  promise: '承诺',
  order: '先后顺序',
  pii: '个人信息',
  metadata: '会话信息',
  repeatContact: '重复来访',
  sentiment: '情绪',
  similarity: '相似句',
  firstResponse: '首次响应',
  replyDelay: '回复时长',
  longestSilence: '最长静默',
  sessionLength: '会话时长',
  redLineModel: '红线模型',
};

/** Operator parameters, by key (the same key means the same thing in every operator). */
export const PARAM_LABELS: Readonly<Record<string, string>> = {
  words: '关键词',
  exclude: '排除词',
  greetings: '问候语',
  addressTerms: '称呼',
  refusals: '拒绝用语',
  examples: '例句',
  pattern: '正则表达式',
  overSeconds: '超过秒数',
  underSeconds: '少于秒数',
  count: '次数',
  atLeast: '至少次数',
  minCount: '最少次数',
  window: '窗口句数',
  withinChars: '开头字数',
  withinHours: '小时数',
  threshold: '相似度阈值',
  minConfidence: '最低置信度',
  minDelta: '最小变化',
  label: '情绪等级',
  trend: '情绪趋势',
  scope: '范围',
  role: '角色',
  by: '说话人',
  mode: '匹配方式',
  last: '最后几句',
  negation: '否定词窗口',
  within: '消息范围',
  acts: '对话行为',
  trigger: '触发行为',
  response: '应答行为',
  types: '信息类型',
  field: '字段',
  is: '比较',
  value: '取值',
  sameIssueType: '同一问题类型',
  unansweredOnly: '仅未回复',
  ignoreQuoted: '忽略引述',
  answeringQuestion: '回答客户提问',
  skipFirst: '跳过首句',
  ignoreTrailing: '忽略末尾未回复',
  requires: '需要',
  unlessMessage: '除非消息',
  first: '先出现',
  then: '后出现',
  // scorecard v3's parameters
  neutralQuestionAt: '视为中性提问的提问概率',
  hedges: '限定词',
  worry: '客户顾虑',
  answeringActs: '也回应的对话行为',
  named: '计入按上下文识别的号码',
  // scorecard v4's parameters
  minAnswers: '至少几句客服回复才评判',
  escalation: '升级威胁用语',
  endsWith: '以升级或离开收尾',
  answersWithin: '可回应客户最近几句',
  acknowledgement: '也算简单确认的回复',
  // scorecard v5's parameters
  exitInLast: '简短回复里的离开用语也算',
  exitUnless: '同句出现则不算离开的用语',
  content: '表示满意的用语',
  // scorecard v7's parameters
  titles: '称呼前可带姓氏的头衔',
  head: '红线类型',
  model: '模型版本',
  // scorecard v8's parameters
  greetingBeforeTitle: '问候在头衔前也算（「您好 先生」）',
};

/** Parameters an admin tunes as numbers (thresholds: seconds, counts, levels). */
export const NUMBER_PARAMS: readonly string[] = [
  'overSeconds',
  'underSeconds',
  'count',
  'atLeast',
  'minCount',
  'window',
  'withinChars',
  'withinHours',
  'threshold',
  'minConfidence',
  'minDelta',
  'last',
  'minAnswers',
  'answersWithin',
];

/** Parameters that are word lists (add and remove chips). */
export const WORD_LIST_PARAMS: readonly string[] = [
  'words',
  'exclude',
  'greetings',
  'addressTerms',
  'titles',
  'refusals',
  'examples',
];

/** Choices of the level-like parameters, with their Chinese names. */
export const CHOICE_PARAMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  label: { negative: '负面', neutral: '中性', positive: '正面' },
  trend: { worsening: '转差', improving: '好转' },
  /** The red lines the learned model judges (operator redLineModel). */
  head: RED_LINE_HEAD_LABELS,
};

const RULE_FIELDS: Readonly<Record<string, string>> = {
  id: 'id',
  version: '版本',
  name: '名称',
  description: '说明',
  enabled: '开关',
  when: '条件',
  points: '分值',
  per: '计分方式',
  cap: '封顶',
  critical: '红线设置',
};

const SECTION_FIELDS: Readonly<Record<string, string>> = {
  id: 'id',
  name: '名称',
  weight: '权重',
  rules: '规则',
};

const CARD_FIELDS: Readonly<Record<string, string>> = {
  id: '评分卡 id',
  version: '版本',
  status: '状态',
  name: '评分卡名称',
  description: '评分卡说明',
  scope: '适用范围',
  baseScore: '基础分',
  passThreshold: '及格线',
  sections: '分区',
  publishedAt: '发布时间',
  basedOn: '来源版本',
};

const SCOPE_FIELDS: Readonly<Record<string, string>> = {
  channels: '适用渠道',
  businessLines: '适用业务线',
  issueTypes: '适用问题类型',
};

type CardShape = Pick<Scorecard, 'sections'>;

function nth(list: string, i: number | string | undefined): string {
  return typeof i === 'number' ? `${list}第${i + 1}项` : list;
}

/** The Chinese name of a leaf parameter path (`['words', 3]` → 关键词第4项). */
function paramLabel(rest: readonly (string | number)[]): string {
  const [key, ...more] = rest;
  if (key === undefined) return '参数';
  const name = PARAM_LABELS[String(key)] ?? String(key);
  if (more.length === 0) return name;
  if (typeof more[0] === 'number') return nth(name, more[0]) + (more.length > 1 ? paramTail(more.slice(1)) : '');
  return `${name}的${paramLabel(more)}`;
}

function paramTail(rest: readonly (string | number)[]): string {
  return rest.length ? `的${paramLabel(rest)}` : '';
}

/** The rule part of a path: 第3条规则「辱骂」的…; `card` gives the names when it has them. */
function ruleLabel(card: CardShape | undefined, si: number, ri: number, rest: readonly (string | number)[]): string {
  const rule = card?.sections[si]?.rules[ri];
  const head = `第${ri + 1}条规则${rule?.name ? `「${rule.name}」` : ''}`;
  if (rest.length === 0) return head;
  const [field, ...more] = rest;
  if (field !== 'when') return `${head}的${RULE_FIELDS[String(field)] ?? String(field)}`;
  if (!rule?.when) return `${head}的条件`;
  const leaves = leavesOf(rule.when);
  // The leaf this path is inside: the longest leaf path that prefixes it.
  const leaf = leaves
    .filter((l) => l.path.length <= more.length && l.path.every((p, i) => p === more[i]))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!leaf) return `${head}的条件`;
  const tail = more.slice(leaf.path.length);
  const which = leaves.length > 1 ? `条件${leaf.index + 1}（${OPERATOR_LABELS[leaf.op] ?? leaf.op}）` : '';
  if (tail[0] === 'params') return `${head}的${which}${paramLabel(tail.slice(1))}`;
  if (tail[0] === 'op') return `${head}的${which || '条件'}运算符`;
  return `${head}的${which || '条件'}`;
}

/**
 * The Chinese name of a field of a scorecard, from a validation path:
 * `['sections', 1, 'rules', 2, 'points']` → 第2节「服务态度」第3条规则「辱骂」的分值.
 */
export function fieldLabel(card: CardShape | undefined, path: readonly (string | number)[]): string {
  const [top, ...rest] = path;
  if (top === undefined) return '评分卡';
  if (top === 'scope') return rest.length ? (SCOPE_FIELDS[String(rest[0])] ?? '适用范围') : '适用范围';
  if (top !== 'sections' || typeof rest[0] !== 'number') return CARD_FIELDS[String(top)] ?? String(top);
  const si = rest[0];
  const section = card?.sections[si];
  const head = `第${si + 1}节${section?.name ? `「${section.name}」` : ''}`;
  const [field, ...more] = rest.slice(1);
  if (field === undefined) return head;
  if (field === 'rules' && typeof more[0] === 'number') return `${head}${ruleLabel(card, si, more[0], more.slice(1))}`;
  return `${head}的${SECTION_FIELDS[String(field)] ?? String(field)}`;
}
