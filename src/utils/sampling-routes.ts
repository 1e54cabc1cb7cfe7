/** Pages of sampling plans and review tasks (issue 13). */
export const PLANS_PAGE = '/packages/sampling/plans/index';

export function planUrl(planId: string): string {
  return `/packages/sampling/plan/index?planId=${encodeURIComponent(planId)}`;
}

/** The review page works a task: it opens (or resumes) the inspector's review of the session. */
export function reviewTaskUrl(sessionId: string, taskId: string): string {
  return `/packages/review/index/index?sessionId=${encodeURIComponent(sessionId)}&taskId=${encodeURIComponent(taskId)}`;
}

export const KIND_LABELS = { random: '随机', targeted: '定向', stratified: '分层', risk: '风险加权' } as const;
export const RECURRENCE_LABELS = { none: '一次性', daily: '每日', weekly: '每周', monthly: '每月' } as const;
export const RISK_LABELS = {
  lowScore: '低分',
  redLine: '红线',
  customerNegative: '客户不满',
  unresolved: '未解决',
  alerted: '有告警',
} as const;
export const TASK_STATUS_LABELS = { todo: '待质检', 'in-progress': '质检中', done: '已完成' } as const;

/** ±points, one decimal; — when the margin cannot be computed (fewer than 2 drawn). */
export function pts(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? `±${x.toFixed(1)}` : '—';
}

export function dueText(dueAt: number, now: number): string {
  const d = new Date(dueAt + 8 * 3600_000);
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return dueAt < now ? `已逾期 · ${md}` : `截止 ${md}`;
}
