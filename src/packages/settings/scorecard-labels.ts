/** Words the scorecard settings pages share: a scope as people read it, red-line settings. */
import type { Scorecard } from '@core/scoring/scorecard.schema';
import { ISSUE_TYPE_NAMES, ISSUE_TYPES } from '@core/text/issue-type.labels';
import { CHANNEL_LABELS, channelLabel } from '../../utils/labels';

export const CHANNEL_OPTIONS = Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }));
export const ISSUE_TYPE_OPTIONS = ISSUE_TYPES.map((value) => ({ value, label: ISSUE_TYPE_NAMES[value] }));

function issueTypeLabel(id: string): string {
  return (ISSUE_TYPE_NAMES as Record<string, string>)[id] ?? id;
}

/** 渠道：微信客服 · 问题类型：退款退货, or 全部会话 for an unscoped card. */
export function scopeLabel(scope: Scorecard['scope']): string {
  const parts: string[] = [];
  if (scope.channels?.length) parts.push(`渠道：${scope.channels.map(channelLabel).join('、')}`);
  if (scope.businessLines?.length) parts.push(`业务线：${scope.businessLines.join('、')}`);
  if (scope.issueTypes?.length) parts.push(`问题类型：${scope.issueTypes.map(issueTypeLabel).join('、')}`);
  return parts.length ? parts.join(' · ') : '全部会话';
}

export const CRITICAL_OPTIONS: { value: 'none' | 'fail-session' | 'zero-section'; label: string }[] = [
  { value: 'none', label: '非红线' },
  { value: 'fail-session', label: '整单不合格' },
  { value: 'zero-section', label: '本节清零' },
];
