/**
 * The report figures known only after a session closed, as display lines (pure, tested in
 * tests/src/pages/reports-later.test.tsx): review figures (inspected against automatic scores,
 * overturn rates), each alert policy's false-alarm share, and a ranking's rows with their rank
 * ranges, ties and small samples.
 */
import type { ActionResult } from '@core/api.contract';
import { SMALL_SAMPLE } from './report-view';

type Figures = ActionResult<'reports/overview'>['total']['figures'];
export type Ranking = ActionResult<'reports/ranking'>;
type RankRow = Ranking['rows'][number];

export const REPORTS_RANKING_PAGE = '/packages/reports/ranking/index';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const range = (low: number | null, high: number | null, fmt: (x: number) => string) =>
  low === null || high === null ? '' : `（95% 区间 ${fmt(low)}–${fmt(high)}）`;
const signed = (x: number) => {
  const r = Number(x.toFixed(1));
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r).toFixed(1)}`;
};
const small = (n: number) => (n > 0 && n < SMALL_SAMPLE ? ' · 样本少' : '');

export interface Line {
  key: string;
  label: string;
  text: string;
}

/** Manual inspection against the machine; empty when nothing was reviewed. */
export function reviewLines(f: Figures): Line[] {
  const r = f.review;
  if (r.n === 0) return [];
  const d = r.difference;
  return [
    {
      key: 'difference',
      label: '人工 − 自动',
      text: `${d.value === null ? '—' : `${signed(d.value)} 分`}${range(d.low, d.high, signed)} · ${r.n} 通${small(r.n)}`,
    },
    {
      key: 'overturn',
      label: '改判率',
      text: `${pct(r.overturn.value)}${range(r.overturn.low, r.overturn.high, pct)} · ${r.overturn.k}/${r.overturn.n}`,
    },
    {
      key: 'appeal',
      label: '申诉改判',
      text:
        r.appealOverturn.n === 0
          ? '暂无已裁决的申诉'
          : `${pct(r.appealOverturn.value)}${range(r.appealOverturn.low, r.appealOverturn.high, pct)} · ${r.appealOverturn.k}/${r.appealOverturn.n} 项`,
    },
  ];
}

/** Each policy's false alarms over its alerts, most alerts first. */
export function falseAlarmLines(f: Figures): Line[] {
  return Object.entries(f.falseAlarmShare)
    .sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))
    .map(([policy, s]) => ({
      key: policy,
      label: policy,
      text: `误报 ${s.k}/${s.n} = ${pct(s.value)}${range(s.low, s.high, pct)}`,
    }));
}

export const RANK_METRIC_LABELS = {
  passRate: '合格率',
  score: '平均得分',
  csat: '满意度',
  firstResponse: '首次响应',
} as const satisfies Record<Ranking['metric'], string>;

function estimateText(metric: Ranking['metric'], x: number | null): string {
  if (x === null) return '—';
  if (metric === 'passRate') return pct(x);
  if (metric === 'firstResponse') return `${Math.round(x)}秒`;
  return x.toFixed(metric === 'csat' ? 2 : 1);
}

export interface RankLine {
  value: string;
  rank: string;
  estimate: string;
  note: string;
  small: boolean;
  tied: boolean;
}

/** One ranking row as the screen shows it: rank and range, the figure, ties or the small sample. */
export function rankLine(metric: Ranking['metric'], row: RankRow): RankLine {
  const span = row.rankRange && row.rankRange.best !== row.rankRange.worst;
  return {
    value: row.value,
    rank:
      row.rank === null ? '—' : `第 ${row.rank} 名${span ? `（${row.rankRange!.best}–${row.rankRange!.worst}）` : ''}`,
    estimate: estimateText(metric, row.estimate),
    note:
      row.rank === null
        ? `样本少（n=${row.n}），不参与排名`
        : row.tiedWith.length > 0
          ? `与 ${row.tiedWith.join('、')} 无显著差异`
          : `n=${row.n}`,
    small: row.rank === null,
    tied: row.tiedWith.length > 0,
  };
}
