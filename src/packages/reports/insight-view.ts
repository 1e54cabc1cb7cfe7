/**
 * What the hot-topic and driver pages show, pure (tested without rendering): the text of a
 * topic's rise, a driver's effect size and interval, why drivers are hidden, and the drill-down
 * URL to the sessions behind a row.
 */
import type { DriversView, TopicsView } from '@core/reports/report.insights';

type Topic = TopicsView['topics'][number];
type Outcome = DriversView['outcomes'][number];
type Row = Outcome['rows'][number];

export const WINDOW_LABELS = { week: '近7天', month: '近30天' } as const;
export const OUTCOME_LABELS = { lowCsat: '低满意度（评分1-2）', unresolved: '未解决' } as const;

export const pct = (x: number) => `${Math.round(x * 100)}%`;

export function topicLine(t: Topic): string {
  return `本期 ${t.current} 个会话 · 上期 ${t.previous} 个 · z=${t.z.toFixed(1)}`;
}

export function oddsText(r: Row): string {
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
  return `OR ${f(r.oddsRatio)}（95% ${f(r.low)}–${f(r.high)}）`;
}

export function driverLine(r: Row, outcome: Outcome['outcome']): string {
  const what = outcome === 'lowCsat' ? '低满意度' : '未解决';
  return `${r.count} 个会话 · 有此项${what} ${pct(r.rateWith)}，无此项 ${pct(r.rateWithout)}`;
}

/** Why an outcome's drivers are not shown, or null when they are. */
export function hiddenText(o: Outcome, minRated: number): string | null {
  if (o.hidden === 'too-few') return `近90天可用的评价会话 ${o.n} 个，不足 ${minRated} 个，暂不显示驱动因素`;
  if (o.hidden === 'no-variation') return '近90天没有（或全部是）这一结果的会话，无法分析';
  if (o.rows.length === 0) return '没有足够常见的规则未通过或行为可以分析';
  return null;
}

export function labelOf(view: DriversView, feature: string): string {
  return view.labels.find((l) => l.feature === feature)?.label ?? feature;
}

/** The sessions behind a topic or a driver row (the insight-sessions page). */
export function insightDrillUrl(
  q: { kind: 'topic'; term: string; window: string } | { kind: 'driver'; feature: string },
  title: string,
): string {
  const parts = Object.entries({ ...q, title }).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `/packages/reports/insight-sessions/index?${parts.join('&')}`;
}
