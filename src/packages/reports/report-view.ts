/**
 * What the report screens show, as pure functions (tested in tests/src/pages/reports.test.tsx):
 * the figure cards of an overview (value, 95% interval, change from the previous period, a
 * small-sample mark), the breakdown dimensions a role may pick, and the drill-down link to the
 * sessions behind a figure.
 */
import type { ActionResult } from '@core/api.contract';
import type { Role } from '@core/model';

export type Overview = ActionResult<'reports/overview'>;
type Figures = Overview['total']['figures'];
type Changes = Overview['total']['change'];

export const REPORTS_SESSIONS_PAGE = '/packages/reports/sessions/index';

/** Below this many observations a figure is shown but marked: its interval is wide. */
export const SMALL_SAMPLE = 30;

export const PERIOD_LABELS = { day: '日', week: '周', month: '月', quarter: '季度', half: '半年' } as const;
export type PeriodChoice = keyof typeof PERIOD_LABELS;

export const DIM_LABELS = {
  agent: '按坐席',
  team: '按小组',
  channel: '按渠道',
  issueType: '按问题类型',
  businessLine: '按业务线',
  scorecard: '按评分卡版本',
  inspector: '按质检员',
} as const;
export type DimChoice = keyof typeof DIM_LABELS;

/** The breakdowns a role may ask for: none for an agent (their own figures), no teams for a supervisor. */
export function dimsFor(role: Role | undefined): DimChoice[] {
  if (role === 'agent' || role === undefined) return [];
  const all = Object.keys(DIM_LABELS) as DimChoice[];
  return role === 'supervisor' ? all.filter((d) => d !== 'team') : all;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const one = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const secs = (x: number | null) =>
  x === null ? '—' : x >= 60 ? `${Math.floor(x / 60)}分${Math.round(x % 60)}秒` : `${Math.round(x)}秒`;

function change(
  d: number | null,
  kind: 'pct' | 'num' | 'secs',
  lowerIsBetter = false,
): { text: string; good: boolean | null } {
  if (d === null || d === 0) return { text: d === 0 ? '持平' : '—', good: null };
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  const text =
    kind === 'pct'
      ? `${sign}${(abs * 100).toFixed(1)}个百分点`
      : kind === 'secs'
        ? `${sign}${secs(abs)}`
        : `${sign}${abs.toFixed(1)}`;
  return { text: `较上期 ${text}`, good: lowerIsBetter ? d < 0 : d > 0 };
}

export interface Card {
  key: string;
  title: string;
  value: string;
  /** `95% 区间 a–b`, or why there is none. */
  interval: string | null;
  change: { text: string; good: boolean | null };
  n: number;
  small: boolean;
  /** Sessions behind the figure: extra `sessions/list` filters for the drill-down. */
  drill: Record<string, string>;
}

export function cardsOf(f: Figures, c: Changes): Card[] {
  const interval = (low: number | null, high: number | null, fmt: (x: number | null) => string) =>
    low === null || high === null ? null : `95% 区间 ${fmt(low)}–${fmt(high)}`;
  const card = (x: Omit<Card, 'small'>): Card => ({ ...x, small: x.n > 0 && x.n < SMALL_SAMPLE });
  return [
    card({
      key: 'sessions',
      title: '会话量',
      value: String(f.sessions),
      interval: `消息 ${f.messages} 条`,
      change: change(c.sessions, 'num'),
      n: f.sessions,
      drill: {},
    }),
    card({
      key: 'score',
      title: '平均得分',
      value: one(f.score.value),
      interval: interval(f.score.low, f.score.high, one),
      change: change(c.score, 'num'),
      n: f.score.n,
      drill: {},
    }),
    card({
      key: 'passRate',
      title: '合格率',
      value: pct(f.passRate.value),
      interval: interval(f.passRate.low, f.passRate.high, pct),
      change: change(c.passRate, 'pct'),
      n: f.passRate.n,
      drill: { passed: 'false' },
    }),
    card({
      key: 'firstResponse',
      title: '首次响应',
      value: secs(f.firstResponse.value),
      interval:
        f.firstResponse.p90 === null ? null : `P90 ${f.firstResponse.p90Open ? '≥' : ''}${secs(f.firstResponse.p90)}`,
      change: change(c.firstResponse, 'secs', true),
      n: f.firstResponse.n,
      drill: {},
    }),
    card({
      key: 'reply',
      title: '平均响应',
      value: secs(f.reply.value),
      interval: f.reply.p90 === null ? null : `P90 ${f.reply.p90Open ? '≥' : ''}${secs(f.reply.p90)}`,
      change: change(c.reply, 'secs', true),
      n: f.reply.n,
      drill: {},
    }),
    card({
      key: 'resolution',
      title: '解决率',
      value: pct(f.resolution.value),
      interval: interval(f.resolution.low, f.resolution.high, pct),
      change: change(c.resolution, 'pct'),
      n: f.resolution.n,
      drill: {},
    }),
    card({
      key: 'fcr',
      title: '一次解决率',
      value: pct(f.fcr.value),
      interval: interval(f.fcr.low, f.fcr.high, pct),
      change: change(c.fcr, 'pct'),
      n: f.fcr.n,
      drill: {},
    }),
    card({
      key: 'csat',
      title: '满意度',
      value: f.csat.value === null ? '—' : `${f.csat.value.toFixed(2)} / 5`,
      interval: f.satisfied.value === null ? null : `满意占比 ${pct(f.satisfied.value)}`,
      change: change(c.csat, 'num'),
      n: f.csat.n,
      drill: {},
    }),
    card({
      key: 'nps',
      title: 'NPS',
      value: f.nps.value === null ? '—' : f.nps.value.toFixed(0),
      interval: f.nps.n ? `推荐 ${f.nps.promoters} · 贬损 ${f.nps.detractors}` : null,
      change: change(c.nps, 'num'),
      n: f.nps.n,
      drill: {},
    }),
    card({
      key: 'redLine',
      title: '红线',
      value: String(f.redLine),
      interval: `告警会话 ${f.alerted}`,
      change: change(c.redLine, 'num', true),
      n: f.sessions,
      drill: {},
    }),
  ];
}

/** `sessions/list` filter for one row of a breakdown; null when the value cannot be filtered. */
export function rowFilter(dim: Overview['dim'], value: string): Record<string, string> | null {
  if (value === '_none') return null;
  switch (dim) {
    case 'agent':
      return { agentId: value };
    case 'team':
      return { team: value };
    case 'channel':
      return { channel: value };
    case 'issueType':
      return { issueType: value };
    case 'businessLine':
      return { businessLine: value };
    default:
      return null;
  }
}

/** The drill-down page for sessions started in [from, to) narrowed by `filters` and the overview's scope. */
export function drillUrl(
  range: { from: number; to: number },
  scope: Overview['scope'],
  filters: Record<string, string>,
  title: string,
): string {
  const q: Record<string, string> = {
    from: String(range.from),
    to: String(range.to),
    ...(scope.team ? { team: scope.team } : {}),
    ...(scope.agentId ? { agentId: scope.agentId } : {}),
    ...filters,
    title,
  };
  return `${REPORTS_SESSIONS_PAGE}?${Object.entries(q)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;
}

/** The drill-down page's query back into `sessions/list` parameters (closed sessions only). */
export function drillParams(query: Record<string, string | undefined>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { status: 'closed' };
  const from = Number(query.from);
  const to = Number(query.to);
  if (Number.isFinite(from) && from > 0) out.from = from;
  if (Number.isFinite(to) && to > 0) out.to = to;
  for (const k of ['team', 'agentId', 'channel', 'issueType', 'businessLine'] as const) {
    const v = query[k];
    if (v) out[k] = decodeURIComponent(v);
  }
  if (query.passed === 'false' || query.passed === 'true') out.passed = query.passed === 'true';
  for (const k of ['scoreMin', 'scoreMax'] as const) {
    const v = Number(query[k]);
    if (query[k] !== undefined && Number.isFinite(v)) out[k] = v;
  }
  return out;
}
