import type { AlertSeverity, AlertStatus, Channel, Role } from '@core/model';
import { ISSUE_TYPE_NAMES } from '@core/text/issue-type.labels';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  supervisor: '主管',
  inspector: '质检员',
  agent: '客服',
};

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  low: '低',
  medium: '中',
  high: '高',
  critical: '严重',
};

/** Colours follow severity so a supervisor can scan the list. */
export const SEVERITY_COLORS: Record<AlertSeverity, string> = {
  low: '#8c8c8c',
  medium: '#faad14',
  high: '#fa541c',
  critical: '#cf1322',
};

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  new: '新告警',
  acknowledged: '已确认',
  resolved: '已处理',
  'false-alarm': '误报',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  'mp-kf': '公众号/小程序客服',
  'wecom-kf': '微信客服',
  api: '接口',
  import: '导入',
  call: '电话',
};

export function channelLabel(channel: string): string {
  return (CHANNEL_LABELS as Record<string, string>)[channel] ?? channel;
}

/** Picker groups appear in this order: the people who act on alerts first. */
export const ROLE_ORDER: readonly Role[] = ['supervisor', 'inspector', 'agent', 'admin'];

/** The policies that raise alerts (see alertPolicies); unknown ones show their id. */
export const POLICY_LABELS: Record<string, string> = {
  'score-low': '低分会话',
  'red-line': '触犯红线',
  'customer-waiting': '客户久等',
  'customer-angry': '客户情绪',
  'agent-red-line-live': '实时红线',
  'repeat-contact': '重复进线',
};

export function policyLabel(policy: string): string {
  return POLICY_LABELS[policy] ?? policy;
}

/** How an agent is shown in lists: their name when known, else their id. */
export function agentLabel(agentId: string | undefined, names?: Record<string, string>): string {
  if (!agentId) return '未分配';
  return names?.[agentId] ?? agentId;
}

/** An issue type's Chinese name (an unknown one as it is). */
export function issueTypeLabel(issueType: string | undefined): string | undefined {
  if (!issueType) return undefined;
  return (ISSUE_TYPE_NAMES as Record<string, string>)[issueType] ?? issueType;
}

/** A long id (an OPENID is 28 characters) as its first and last four: enough to tell apart. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}
