/**
 * Periodic review reports (issue 15), the pure part: which periods have just closed, and what a
 * review report says about one: the headline figures with the change from the period before,
 * flags where the latest period left its control band (pass rate p-chart, first-response EWMA)
 * or rests on few sessions, and the rules hit most. `common/periodic-reports.service.ts` reads
 * the figures and delivers the reports; the screen shows these fields as they are stored.
 */
import type { PeriodRange, ReportOverview } from './report.overview';
import type { ReportDimension } from './report.contribution';
import { ruleHitRows } from './report.export';
import { periodOf, previousPeriod, type Period, type PeriodKind } from './report.periods';
import type { TrendPoint } from './report.trends';

/** The kinds a review report is made for; agents get the month only ("my figures"). */
export const REVIEW_KINDS = ['month', 'quarter', 'half'] as const satisfies readonly PeriodKind[];
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_NAMES: Record<ReviewKind, string> = { month: '月度', quarter: '季度', half: '半年度' };

/** Fewer sessions than this and the report says its figures are uncertain. */
export const REVIEW_SMALL_SAMPLE = 30;
export const REVIEW_TOP_RULES = 5;

/** For each kind, the period that ended most recently before `day` (a China day key). */
export function closedPeriods(day: string, kinds: readonly ReviewKind[] = REVIEW_KINDS): Period[] {
  return kinds.map((kind) => previousPeriod(periodOf(kind, day)));
}

export interface ReviewHeadline {
  key: 'sessions' | 'score' | 'passRate' | 'firstResponse' | 'csat' | 'redLine';
  label: string;
  /** `pct` values are fractions; `secs` seconds. */
  kind: 'int' | 'num' | 'pct' | 'secs';
  value: number | null;
  previous: number | null;
  change: number | null;
  /** Whether the change is for the better; null when there is none or it is not judged. */
  better: boolean | null;
}

export interface ReviewFlag {
  level: 'warn' | 'info';
  text: string;
}

export interface ReviewSummary {
  headline: ReviewHeadline[];
  flags: ReviewFlag[];
  topRules: { rule: string; hits: number; previous: number }[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function reviewSummary(o: ReportOverview, trend: readonly TrendPoint[]): ReviewSummary {
  const f = o.total.figures;
  const p = o.total.previous;
  const c = o.total.change;
  const judged = (d: number | null, lowerIsBetter = false) =>
    d === null || d === 0 ? null : lowerIsBetter ? d < 0 : d > 0;
  const headline: ReviewHeadline[] = [
    {
      key: 'sessions',
      label: '会话数',
      kind: 'int',
      value: f.sessions,
      previous: p.sessions,
      change: c.sessions,
      better: null,
    },
    {
      key: 'score',
      label: '质检平均分',
      kind: 'num',
      value: f.score.value,
      previous: p.score.value,
      change: c.score,
      better: judged(c.score),
    },
    {
      key: 'passRate',
      label: '合格率',
      kind: 'pct',
      value: f.passRate.value,
      previous: p.passRate.value,
      change: c.passRate,
      better: judged(c.passRate),
    },
    {
      key: 'firstResponse',
      label: '首次响应（秒）',
      kind: 'secs',
      value: f.firstResponse.value,
      previous: p.firstResponse.value,
      change: c.firstResponse,
      better: judged(c.firstResponse, true),
    },
    {
      key: 'csat',
      label: '满意度',
      kind: 'num',
      value: f.csat.value,
      previous: p.csat.value,
      change: c.csat,
      better: judged(c.csat),
    },
    {
      key: 'redLine',
      label: '红线会话',
      kind: 'int',
      value: f.redLine,
      previous: p.redLine,
      change: c.redLine,
      better: judged(c.redLine, true),
    },
  ];
  const flags: ReviewFlag[] = [];
  const last = trend[trend.length - 1];
  if (last?.passRate.band?.out && last.passRate.value !== null) {
    const b = last.passRate.band;
    flags.push({
      level: 'warn',
      text: `合格率 ${pct(last.passRate.value)} 超出控制带（${pct(b.low)}–${pct(b.high)}），${last.passRate.value < b.low ? '明显下降' : '明显上升'}`,
    });
  }
  if (last?.firstResponse.band?.out && last.firstResponse.ewma !== null) {
    const b = last.firstResponse.band;
    flags.push({
      level: 'warn',
      text: `首次响应 EWMA ${Math.round(last.firstResponse.ewma)} 秒超出控制带（${Math.round(b.low)}–${Math.round(b.high)} 秒）`,
    });
  }
  if (f.redLine > 0) flags.push({ level: 'warn', text: `${f.redLine} 通会话触犯红线` });
  if (f.sessions > 0 && f.sessions < REVIEW_SMALL_SAMPLE) {
    flags.push({ level: 'info', text: `仅 ${f.sessions} 通会话，数字波动大，比较请谨慎` });
  }
  if (f.sessions === 0) flags.push({ level: 'info', text: '这段时间没有已评分的会话' });
  return { headline, flags, topRules: ruleHitRows(o).slice(0, REVIEW_TOP_RULES) };
}

/** A stored periodic report as the recipient reads it (`periodicReports`). */
export interface PeriodicReportView {
  _id: string;
  to: string;
  role: 'admin' | 'supervisor' | 'inspector' | 'agent';
  kind: ReviewKind;
  period: PeriodRange;
  title: string;
  scope: ReportOverview['scope'];
  dim: ReportDimension;
  summary: ReviewSummary;
  /** The XLSX attached (its record in reportExports). */
  file: { fileID: string; name: string; bytes: number; exportId: string } | null;
  createdAt: number;
}
