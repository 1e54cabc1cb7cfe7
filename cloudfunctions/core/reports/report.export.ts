/**
 * A report as tables for export (pure): the overview with its breakdown and trend turned into
 * named sheets of typed cells, Chinese headers, numbers kept as numbers (rates as fractions the
 * writer formats as percentages, times in seconds), every estimate beside its 95% interval.
 * `common/report.export.ts` writes these sheets as XLSX (streaming) or CSV; the periodic review
 * reports attach the same sheets. CSV text here: UTF-8 with a BOM (Excel opens Chinese right),
 * RFC 4180 quoting, and text cells that a spreadsheet would run as a formula prefixed with `'`.
 */
import type { Figures, MeanFigure, RateFigure } from './report.figures';
import type { OverviewParams, PeriodRange, ReportOverview } from './report.overview';
import type { Band, TrendPoint } from './report.trends';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

export interface ReportExportParams extends OverviewParams {
  format: (typeof EXPORT_FORMATS)[number];
}

export interface ReportExportResult {
  exportId: string;
  fileID: string;
  /** The file's name (`质检报表_2026-11_售前一组.xlsx`). */
  name: string;
  format: (typeof EXPORT_FORMATS)[number];
  bytes: number;
  /** A temp download URL, valid until `urlExpiresAt` (epoch ms); the file itself until `expiresAt`. */
  url: string;
  urlExpiresAt: number;
  expiresAt: number;
  sheets: string[];
}

/** How a column's numbers are shown: `pct` holds a fraction (0.85 → 85.0%). */
export type ColumnKind = 'text' | 'int' | 'num' | 'pct' | 'secs';
export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  width?: number;
}

export interface ExportSheet {
  name: string;
  columns: ExportColumn[];
  rows: Cell[][];
  /** Per row, the kind of its numeric cells (the overview: a rate row holds fractions); else the column's. */
  rowKinds?: ColumnKind[];
}

export const DIM_NAMES: Record<string, string> = {
  all: '合计',
  agent: '坐席',
  team: '小组',
  channel: '渠道',
  issueType: '问题类型',
  businessLine: '业务线',
  scorecard: '评分卡版本',
};

const PERIOD_NAMES = { day: '日', week: '周', month: '月', quarter: '季度', half: '半年' } as const;

const NONE = '_none';
const valueName = (v: string) => (v === NONE ? '（未标注）' : v);

export function scopeName(scope: ReportOverview['scope']): string {
  if (scope.agentId) return `坐席 ${scope.agentId}${scope.team ? `（${scope.team}）` : ''}`;
  if (scope.team) return `小组 ${scope.team}`;
  return '全部';
}

export function periodName(p: PeriodRange): string {
  return `${PERIOD_NAMES[p.kind]} ${p.key}（${p.first} 至 ${p.last}）`;
}

type Estimate = Pick<MeanFigure, 'n' | 'value' | 'low' | 'high'> | RateFigure;

/** One headline figure: label, kind, the estimate now and before, and the change. */
interface Headline {
  label: string;
  kind: ColumnKind;
  now: (f: Figures) => Estimate | number;
  change: (r: ReportOverview['total']) => number | null;
}

const HEADLINES: Headline[] = [
  { label: '会话数', kind: 'int', now: (f) => f.sessions, change: (r) => r.change.sessions },
  { label: '消息数', kind: 'int', now: (f) => f.messages, change: (r) => r.figures.messages - r.previous.messages },
  { label: '质检平均分', kind: 'num', now: (f) => f.score, change: (r) => r.change.score },
  { label: '合格率', kind: 'pct', now: (f) => f.passRate, change: (r) => r.change.passRate },
  { label: '红线会话', kind: 'int', now: (f) => f.redLine, change: (r) => r.change.redLine },
  { label: '首次响应（秒）', kind: 'secs', now: (f) => f.firstResponse, change: (r) => r.change.firstResponse },
  { label: '平均回复时长（秒）', kind: 'secs', now: (f) => f.reply, change: (r) => r.change.reply },
  { label: '处理时长（秒）', kind: 'secs', now: (f) => f.handle, change: (r) => r.change.handle },
  { label: '解决率', kind: 'pct', now: (f) => f.resolution, change: (r) => r.change.resolution },
  { label: '满意度（1-5）', kind: 'num', now: (f) => f.csat, change: (r) => r.change.csat },
  { label: '满意占比（4-5分）', kind: 'pct', now: (f) => f.satisfied, change: (r) => r.change.satisfied },
  {
    label: 'NPS',
    kind: 'num',
    now: (f) => ({ n: f.nps.n, value: f.nps.value, low: null, high: null }),
    change: (r) => r.change.nps,
  },
  { label: '告警会话', kind: 'int', now: (f) => f.alerted, change: (r) => r.figures.alerted - r.previous.alerted },
];

const asEstimate = (x: Estimate | number): Estimate =>
  typeof x === 'number' ? { n: x, value: x, low: null, high: null } : x;

const intervalText = (e: Estimate, kind: ColumnKind): string => {
  if (e.low === null || e.high === null) return '';
  const f = (x: number) => (kind === 'pct' ? `${(x * 100).toFixed(1)}%` : x.toFixed(1));
  return `${f(e.low)}–${f(e.high)}`;
};

/** The headline figures, the row of the scope's total: value, interval (as text and as two numbers), n, before, change. */
function overviewSheet(o: ReportOverview): ExportSheet {
  return {
    name: '概览',
    columns: [
      { header: '指标', kind: 'text', width: 22 },
      { header: '本期', kind: 'num', width: 12 },
      { header: '95% 区间', kind: 'text', width: 18 },
      { header: '区间下限', kind: 'num' },
      { header: '区间上限', kind: 'num' },
      { header: '样本数', kind: 'int' },
      { header: '上期', kind: 'num' },
      { header: '较上期', kind: 'num' },
    ],
    rows: HEADLINES.map((h) => {
      const cur = asEstimate(h.now(o.total.figures));
      const prev = asEstimate(h.now(o.total.previous));
      return [h.label, cur.value, intervalText(cur, h.kind), cur.low, cur.high, cur.n, prev.value, h.change(o.total)];
    }),
    rowKinds: HEADLINES.map((h) => h.kind),
  };
}

// An estimate fills three columns, its value and its 95% interval's ends; a trend's figure is
// followed by its control band and the verdict. Columns and cells come from paired helpers so
// the two cannot drift apart.
const est = (e: Estimate): Cell[] => [e.value, e.low, e.high];
const estColumns = (header: string, kind: ColumnKind, short = header): ExportColumn[] => [
  { header, kind },
  { header: `${short}下限`, kind },
  { header: `${short}上限`, kind },
];

const band = (b: Band | null): Cell[] => [b?.low ?? null, b?.high ?? null, b === null ? '' : b.out ? '超出' : '正常'];
const bandColumns = (short: string, kind: ColumnKind): ExportColumn[] => [
  { header: `${short}控制下限`, kind },
  { header: `${short}控制上限`, kind },
  { header: `${short}判定`, kind: 'text' },
];

function breakdownSheet(o: ReportOverview): ExportSheet | null {
  if (o.dim === 'all' || o.rows.length === 0) return null;
  const dim = DIM_NAMES[o.dim] ?? o.dim;
  return {
    name: `按${dim}`,
    columns: [
      { header: dim, kind: 'text', width: 18 },
      { header: '会话数', kind: 'int' },
      { header: '上期会话数', kind: 'int' },
      ...estColumns('平均分', 'num'),
      ...estColumns('合格率', 'pct'),
      { header: '合格率较上期', kind: 'pct' },
      ...estColumns('首次响应（秒）', 'secs', '首响'),
      { header: '满意占比', kind: 'pct' },
      { header: '红线会话', kind: 'int' },
      { header: '告警会话', kind: 'int' },
    ],
    rows: o.rows.map((r) => [
      valueName(r.value),
      r.figures.sessions,
      r.previous.sessions,
      ...est(r.figures.score),
      ...est(r.figures.passRate),
      r.change.passRate,
      ...est(r.figures.firstResponse),
      r.figures.satisfied.value,
      r.figures.redLine,
      r.figures.alerted,
    ]),
  };
}

function trendSheet(points: readonly (TrendPoint & { period: PeriodRange })[]): ExportSheet | null {
  if (points.length === 0) return null;
  return {
    name: '趋势',
    columns: [
      { header: '时间段', kind: 'text', width: 12 },
      { header: '开始日', kind: 'text', width: 12 },
      { header: '结束日', kind: 'text', width: 12 },
      { header: '会话数', kind: 'int' },
      { header: '平均分', kind: 'num' },
      { header: '合格率', kind: 'pct' },
      ...bandColumns('合格率', 'pct'),
      { header: '首次响应（秒）', kind: 'secs' },
      { header: '首响 EWMA', kind: 'secs' },
      ...bandColumns('首响', 'secs'),
    ],
    rows: points.map((p) => [
      p.key,
      p.period.first,
      p.period.last,
      p.sessions,
      p.score.value,
      p.passRate.value,
      ...band(p.passRate.band),
      p.firstResponse.value,
      p.firstResponse.ewma,
      ...band(p.firstResponse.band),
    ]),
  };
}

/** Rules by hits this period, most first, with last period's beside them. */
export function ruleHitRows(o: ReportOverview): { rule: string; hits: number; previous: number }[] {
  const cur = o.total.figures.ruleHits;
  const prev = o.total.previous.ruleHits;
  return Object.keys({ ...cur, ...prev })
    .map((rule) => ({ rule, hits: cur[rule] ?? 0, previous: prev[rule] ?? 0 }))
    .filter((r) => r.hits > 0 || r.previous > 0)
    .sort((a, b) => b.hits - a.hits || a.rule.localeCompare(b.rule));
}

function rulesSheet(o: ReportOverview): ExportSheet | null {
  const rows = ruleHitRows(o);
  if (rows.length === 0) return null;
  return {
    name: '规则命中',
    columns: [
      { header: '规则', kind: 'text', width: 28 },
      { header: '本期命中', kind: 'int' },
      { header: '上期命中', kind: 'int' },
      { header: '较上期', kind: 'int' },
    ],
    rows: rows.map((r) => [r.rule, r.hits, r.previous, r.hits - r.previous]),
  };
}

function infoSheet(o: ReportOverview, generatedAt: string): ExportSheet {
  return {
    name: '说明',
    columns: [
      { header: '项目', kind: 'text', width: 14 },
      { header: '内容', kind: 'text', width: 60 },
    ],
    rows: [
      ['报表', '质检数据报表'],
      ['时间段', periodName(o.period)],
      ['对比时间段', periodName(o.previousPeriod)],
      ['范围', scopeName(o.scope)],
      ['细分', o.dim === 'all' ? '无' : `按${DIM_NAMES[o.dim] ?? o.dim}`],
      ['生成时间', generatedAt],
      ['区间', '比例为 Wilson 95% 区间，均值为 t 分布 95% 区间；样本少于 30 时区间较宽'],
      ...(o.omitted > 0 ? [['未列出', `另有 ${o.omitted} 行会话较少，未列出`] as Cell[]] : []),
    ],
  };
}

/**
 * The sheets of an export: 说明, 概览, the breakdown (if any), 趋势 (if given), 规则命中 (if any).
 * `generatedAt` is a display string (China time) supplied by the caller: the core reads no clock.
 */
export function reportSheets(
  overview: ReportOverview,
  trend: readonly (TrendPoint & { period: PeriodRange })[],
  generatedAt: string,
): ExportSheet[] {
  return [
    infoSheet(overview, generatedAt),
    overviewSheet(overview),
    breakdownSheet(overview),
    trendSheet(trend),
    rulesSheet(overview),
  ].filter((s): s is ExportSheet => s !== null);
}

/** A text cell that Excel would read as a formula (=, +, -, @, tab, CR) is prefixed with '. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(Math.round(c * 1e6) / 1e6) : '';
  const s = safeText(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_BOM = '\uFEFF';

/** All sheets in one CSV: each under a `【name】` line, a blank line between; CRLF line ends. */
export function sheetsToCsv(sheets: readonly ExportSheet[]): string {
  const lines: string[] = [];
  sheets.forEach((s, i) => {
    if (i > 0) lines.push('');
    lines.push(csvCell(`【${s.name}】`));
    lines.push(s.columns.map((c) => csvCell(c.header)).join(','));
    for (const row of s.rows) lines.push(row.map(csvCell).join(','));
  });
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** The file's base name: `质检报表_<period>_<scope>`, without characters a file system refuses. */
export function exportFileBase(o: ReportOverview): string {
  const scope = o.scope.agentId ?? o.scope.team ?? '全部';
  return `质检报表_${o.period.key}_${scope}`.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
}
