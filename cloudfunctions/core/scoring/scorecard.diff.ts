/**
 * What a draft changes against the live version, in words an admin confirms before publishing:
 * rules added, removed and changed (each change named: 关闭, 分值 -5 → -10, 关键词 +「滚」 −「傻」),
 * and the card's own changes (及格线, 适用范围, 分区权重). Pure; the publish dialog shows it.
 */
import { CHOICE_PARAMS, OPERATOR_LABELS, PARAM_LABELS, leavesOf } from './scorecard.fields';
import type { Rule, Scorecard } from './scorecard.schema';

export interface RuleChange {
  kind: 'added' | 'removed' | 'changed';
  ruleId: string;
  name: string;
  /** What changed, one short Chinese line each (empty for added/removed). */
  details: string[];
}

export interface ScorecardChanges {
  rules: RuleChange[];
  /** Changes to the card itself and its sections. */
  card: string[];
  /** Nothing differs from the live version. */
  empty: boolean;
}

const CRITICAL_LABELS: Record<string, string> = {
  'fail-session': '红线：整单不合格',
  'zero-section': '红线：本节清零',
};

function show(v: unknown, key?: string): string {
  if (v === undefined || v === null) return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const choice = key ? CHOICE_PARAMS[key]?.[String(v)] : undefined;
  if (choice) return choice;
  if (Array.isArray(v)) return v.join('、') || '无';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `关键词 +「滚」 −「傻」` for word lists, `超过秒数 60 → 90` otherwise. */
function paramChange(prefix: string, key: string, before: unknown, after: unknown): string {
  const name = `${prefix}${PARAM_LABELS[key] ?? key}`;
  if (Array.isArray(before) && Array.isArray(after)) {
    const was = new Set(before.map(String));
    const now = new Set(after.map(String));
    const added = [...now].filter((w) => !was.has(w));
    const removed = [...was].filter((w) => !now.has(w));
    const parts = [...added.map((w) => `+「${w}」`), ...removed.map((w) => `−「${w}」`)];
    return `${name} ${parts.length ? parts.join(' ') : '顺序调整'}`;
  }
  return `${name} ${show(before, key)} → ${show(after, key)}`;
}

function ruleDetails(before: Rule, after: Rule): string[] {
  const out: string[] = [];
  if (before.enabled !== after.enabled) out.push(after.enabled ? '开启' : '关闭');
  if (before.name !== after.name) out.push(`名称 ${before.name} → ${after.name}`);
  if (before.points !== after.points) out.push(`分值 ${before.points} → ${after.points}`);
  if (before.per !== after.per)
    out.push(
      `计分方式 ${before.per === 'occurrence' ? '按次' : '按会话'} → ${after.per === 'occurrence' ? '按次' : '按会话'}`,
    );
  if (before.cap !== after.cap) out.push(`封顶 ${show(before.cap)} → ${show(after.cap)}`);
  if (before.critical !== after.critical)
    out.push(
      `${CRITICAL_LABELS[before.critical ?? ''] ?? '非红线'} → ${CRITICAL_LABELS[after.critical ?? ''] ?? '非红线'}`,
    );
  if (!sameJson(before.when, after.when)) {
    const was = leavesOf(before.when);
    const now = leavesOf(after.when);
    const sameShape =
      was.length === now.length && was.every((l, i) => l.op === now[i].op && sameJson(l.path, now[i].path));
    if (!sameShape) out.push('条件结构已改');
    else {
      for (const [i, leaf] of now.entries()) {
        const prefix = now.length > 1 ? `条件${i + 1}（${OPERATOR_LABELS[leaf.op] ?? leaf.op}）` : '';
        const keys = new Set([...Object.keys(was[i].params), ...Object.keys(leaf.params)]);
        for (const key of keys) {
          if (!sameJson(was[i].params[key], leaf.params[key]))
            out.push(paramChange(prefix, key, was[i].params[key], leaf.params[key]));
        }
      }
    }
  }
  if (out.length === 0 && before.description !== after.description) out.push('说明已改');
  return out;
}

const SCOPE_LABELS = { channels: '渠道', businessLines: '业务线', issueTypes: '问题类型' } as const;

export function scopeText(scope: Scorecard['scope']): string {
  const parts = (Object.keys(SCOPE_LABELS) as (keyof typeof SCOPE_LABELS)[])
    .filter((k) => scope[k]?.length)
    .map((k) => `${SCOPE_LABELS[k]}：${scope[k]!.join('、')}`);
  return parts.length ? parts.join('；') : '全部会话';
}

/** The draft against the live version (null live: a new card, every rule added). */
export function diffScorecards(live: Scorecard | null, draft: Scorecard): ScorecardChanges {
  const card: string[] = [];
  const rules: RuleChange[] = [];
  const liveRules = new Map<string, Rule>();
  live?.sections.forEach((s) => s.rules.forEach((r) => liveRules.set(r.id, r)));
  const draftIds = new Set<string>();
  for (const s of draft.sections) {
    for (const r of s.rules) {
      draftIds.add(r.id);
      const before = liveRules.get(r.id);
      if (!before) rules.push({ kind: 'added', ruleId: r.id, name: r.name, details: [] });
      else {
        const details = ruleDetails(before, r);
        if (details.length) rules.push({ kind: 'changed', ruleId: r.id, name: r.name, details });
      }
    }
  }
  for (const [id, r] of liveRules)
    if (!draftIds.has(id)) rules.push({ kind: 'removed', ruleId: id, name: r.name, details: [] });
  if (live) {
    if (live.name !== draft.name) card.push(`名称 ${live.name} → ${draft.name}`);
    if (live.passThreshold !== draft.passThreshold) card.push(`及格线 ${live.passThreshold} → ${draft.passThreshold}`);
    if (live.baseScore !== draft.baseScore) card.push(`基础分 ${live.baseScore} → ${draft.baseScore}`);
    if (!sameJson(live.scope, draft.scope)) card.push(`适用范围 ${scopeText(live.scope)} → ${scopeText(draft.scope)}`);
    for (const s of draft.sections) {
      const before = live.sections.find((x) => x.id === s.id);
      if (!before) card.push(`新增分区「${s.name}」`);
      else if (before.weight !== s.weight) card.push(`「${s.name}」权重 ${before.weight} → ${s.weight}`);
    }
    for (const s of live.sections) if (!draft.sections.some((x) => x.id === s.id)) card.push(`删除分区「${s.name}」`);
  } else {
    card.push(`新评分卡，适用范围：${scopeText(draft.scope)}`);
  }
  return { rules, card, empty: rules.length === 0 && card.length === 0 };
}
