/**
 * The overview report's shape and its assembly from counters already summed per dimension
 * value (pure): figures with intervals for the scope's total and each value, the previous
 * period's beside them and the change, rows ordered by sessions. The time range lets a screen
 * drill down to the sessions behind a figure (`sessions/list` with `from`/`to`).
 */
import type { Increments } from '../rollups/rollup.counters';
import type { ReportDimension } from './report.contribution';
import { changesOf, figuresOf, type Changes, type Figures } from './report.figures';
import type { Period, PeriodKind } from './report.periods';

export interface PeriodRange extends Period {
  /** Epoch ms of the first China day's midnight, and of the midnight after the last (exclusive). */
  from: number;
  to: number;
}

export interface OverviewRow {
  value: string;
  figures: Figures;
  previous: Figures;
  change: Changes;
}

export interface ReportOverview {
  period: PeriodRange;
  previousPeriod: PeriodRange;
  dim: ReportDimension;
  /** What the figures cover: everyone, a team, one agent, or the sessions one inspector reviewed. */
  scope: { team?: string; agentId?: string; inspectorId?: string };
  total: OverviewRow;
  rows: OverviewRow[];
  /** Rows left out beyond `rowLimit` (fewest sessions first). */
  omitted: number;
}

export interface OverviewParams {
  period: PeriodKind;
  key?: string;
  dim?: ReportDimension;
  team?: string;
  agentId?: string;
  /** One inspector's review figures (the sessions they reviewed). */
  inspectorId?: string;
}

export const OVERVIEW_ROW_LIMIT = 200;

export function rangeOf(p: Period): PeriodRange {
  const from = Date.parse(`${p.first}T00:00:00+08:00`);
  const to = Date.parse(`${p.last}T00:00:00+08:00`) + 86_400_000;
  return { ...p, from, to };
}

function row(value: string, cur: Increments, prev: Increments): OverviewRow {
  const figures = figuresOf(cur);
  const previous = figuresOf(prev);
  return { value, figures, previous, change: changesOf(figures, previous) };
}

export function assembleOverview(input: {
  period: Period;
  previousPeriod: Period;
  dim: ReportDimension;
  scope: ReportOverview['scope'];
  total: { current: Increments; previous: Increments };
  byValue?: { current: Map<string, Increments>; previous: Map<string, Increments> };
  rowLimit?: number;
}): ReportOverview {
  const limit = input.rowLimit ?? OVERVIEW_ROW_LIMIT;
  const values = input.byValue ? new Set([...input.byValue.current.keys(), ...input.byValue.previous.keys()]) : [];
  const rows = [...values]
    .map((v) => row(v, input.byValue?.current.get(v) ?? {}, input.byValue?.previous.get(v) ?? {}))
    .filter((r) => r.figures.sessions > 0 || r.previous.sessions > 0)
    .sort((a, b) => b.figures.sessions - a.figures.sessions || a.value.localeCompare(b.value));
  return {
    period: rangeOf(input.period),
    previousPeriod: rangeOf(input.previousPeriod),
    dim: input.dim,
    scope: input.scope,
    total: row('total', input.total.current, input.total.previous),
    rows: rows.slice(0, limit),
    omitted: Math.max(0, rows.length - limit),
  };
}
