/**
 * Chart option builders (pure, tested in tests/src/pages/reports.test.tsx): figures in, an
 * ECharts option out, nothing else. The trend line draws the band as a stacked area (the low
 * bound transparent, the width between low and high filled) and marks each point outside it.
 */
import type { ActionResult } from '@core/api.contract';
import { CHART_COLORS } from './chart.colors';

export type TrendPoints = ActionResult<'reports/trend'>['points'];
export type TrendMetric = 'passRate' | 'firstResponse';

export const TREND_METRICS: Record<TrendMetric, { label: string; unit: string; scale: number }> = {
  passRate: { label: '合格率', unit: '%', scale: 100 },
  firstResponse: { label: '首次响应（EWMA）', unit: '秒', scale: 1 },
};

/** A period key as an axis label: `2026-12-01` → `12-01`, `2026-W49` → `W49`, `2026-12` → `2026-12`. */
export function axisLabel(key: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return key.slice(5);
  if (/^\d{4}-W\d{2}$/.test(key)) return key.slice(5);
  return key;
}

const round = (x: number | null | undefined, scale: number) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * scale * 10) / 10;

export interface TrendSeries {
  labels: string[];
  values: (number | null)[];
  low: (number | null)[];
  width: (number | null)[];
  out: boolean[];
}

/** The numbers a trend chart plots, per point: the value (EWMA for response time), band low and width, flag. */
export function trendSeries(points: TrendPoints, metric: TrendMetric): TrendSeries {
  const { scale } = TREND_METRICS[metric];
  const value = (p: TrendPoints[number]) =>
    metric === 'passRate' ? p.passRate.value : (p.firstResponse.ewma ?? p.firstResponse.value);
  const band = (p: TrendPoints[number]) => (metric === 'passRate' ? p.passRate.band : p.firstResponse.band);
  return {
    labels: points.map((p) => axisLabel(p.key)),
    values: points.map((p) => round(value(p), scale)),
    low: points.map((p) => round(band(p)?.low, scale)),
    width: points.map((p) => {
      const b = band(p);
      return b ? round(b.high - b.low, scale) : null;
    }),
    out: points.map((p) => Boolean(band(p)?.out)),
  };
}

export function trendOption(points: TrendPoints, metric: TrendMetric): Record<string, unknown> {
  const s = trendSeries(points, metric);
  const { label, unit } = TREND_METRICS[metric];
  return {
    animation: false,
    grid: { left: 44, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: {
      type: 'category',
      data: s.labels,
      boundaryGap: false,
      axisLabel: { color: CHART_COLORS.muted, fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      scale: true,
      name: unit,
      nameTextStyle: { color: CHART_COLORS.muted, fontSize: 10 },
      axisLabel: { color: CHART_COLORS.muted, fontSize: 10 },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: [
      { name: '控制下限', type: 'line', stack: 'band', data: s.low, symbol: 'none', lineStyle: { opacity: 0 } },
      {
        name: '控制带',
        type: 'line',
        stack: 'band',
        data: s.width,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: CHART_COLORS.band },
      },
      {
        name: label,
        type: 'line',
        data: s.values.map((v, i) => ({
          value: v,
          itemStyle: { color: s.out[i] ? CHART_COLORS.danger : CHART_COLORS.primary },
          symbolSize: s.out[i] ? 9 : 5,
        })),
        connectNulls: false,
        lineStyle: { color: CHART_COLORS.primary, width: 2 },
      },
    ],
  };
}

/** Score buckets as the rollups keep them: `b0` = [0, 10) … `b90` = [90, 100), `b100` = 100. */
export const SCORE_BUCKETS = Array.from({ length: 11 }, (_, i) => i * 10);

export function scoreBucketLabel(low: number): string {
  return low === 100 ? '100' : `${low}-${low + 9}`;
}

/** The score range of a bucket, inclusive, for the `sessions/list` drill-down (`scoreMin`/`scoreMax`). */
export function scoreBucketRange(low: number): { scoreMin: number; scoreMax: number } {
  return low === 100 ? { scoreMin: 100, scoreMax: 100 } : { scoreMin: low, scoreMax: low + 9.999 };
}

/** The distribution of scores as bars, one per bucket (empty buckets shown as 0). */
export function scoreDistributionOption(buckets: Record<string, number>): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 40, right: 12, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: {
      type: 'category',
      data: SCORE_BUCKETS.map(scoreBucketLabel),
      axisLabel: { color: CHART_COLORS.muted, fontSize: 9, interval: 0, rotate: 30 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: CHART_COLORS.muted, fontSize: 10 },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: [
      {
        name: '会话数',
        type: 'bar',
        data: SCORE_BUCKETS.map((low) => buckets[`b${low}`] ?? 0),
        itemStyle: { color: CHART_COLORS.primary },
      },
    ],
  };
}
