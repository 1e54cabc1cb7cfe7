/**
 * Reading report rollups for a period: a day from its day documents; a week or month from the
 * document the nightly job built through `throughDay` plus the day documents after it (all of
 * its days when it was never built); a quarter or half-year as its months. Only rollup
 * documents are read, never sessions: a screen's cost grows with the number of dimension values
 * shown, not with the sessions behind them.
 */
import type { Increments } from '../core/rollups/rollup.counters';
import { dayKey } from '../core/rollups/rollup.counters';
import { addStats, slotId, slotKey, statsOf, type RollupSlot } from '../core/reports/report.contribution';
import { addDays, daysBetween, periodOf, type Period } from '../core/reports/report.periods';
import { now } from './cloud';
import { buildId, docsByIds, periodBuilds, slotDocs, type RollupDoc } from './report.rollups';

/** Which documents: inside a team (or `*`), one dimension, and either every value or the named ones. */
export interface SlotQuery {
  in: string;
  dim: RollupSlot['dim'];
  /** Only these values (read by id); every value of the dimension when absent. */
  values?: string[];
}

type Part = { level: RollupSlot['level']; period: string };

/** The documents' levels and keys that together cover a period up to today. */
async function partsOf(period: Period, today: string): Promise<Part[]> {
  if (period.first > today) return [];
  const lastDay = period.last < today ? period.last : today;
  if (period.kind === 'day') return [{ level: 'd', period: period.key }];
  const covers: Period[] =
    period.kind === 'week' || period.kind === 'month'
      ? [period]
      : [...new Set(daysBetween(period.first, lastDay).map((d) => d.slice(0, 7)))].map((m) =>
          periodOf('month', `${m}-01`),
        );
  const levelOf = (p: Period) => (p.kind === 'week' ? 'w' : 'm') as 'w' | 'm';
  const builds = await periodBuilds(covers.map((p) => buildId(levelOf(p), p.key)));
  const parts: Part[] = [];
  for (const p of covers) {
    const build = builds.get(buildId(levelOf(p), p.key));
    const through = build?.throughDay;
    if (through) parts.push({ level: levelOf(p), period: p.key });
    const end = p.last < lastDay ? p.last : lastDay;
    const from = through && through >= p.first ? addDays(through, 1) : p.first;
    if (from <= end) for (const d of daysBetween(from, end)) parts.push({ level: 'd', period: d });
  }
  return parts;
}

/** Counters per dimension value over the period (summed over its documents). */
export async function readPeriod(period: Period, q: SlotQuery, at: number = now()): Promise<Map<string, Increments>> {
  const parts = await partsOf(period, dayKey(at));
  const pages = await Promise.all(
    parts.map((p): Promise<RollupDoc[]> => {
      const base = { level: p.level, period: p.period, in: q.in, dim: q.dim };
      return q.values ? docsByIds(q.values.map((value) => slotId({ ...base, value }))) : slotDocs(slotKey(base));
    }),
  );
  const out = new Map<string, Increments>();
  for (const doc of pages.flat()) out.set(doc.value, addStats(out.get(doc.value) ?? {}, statsOf(doc)));
  return out;
}

/** The sum over every value read (an agent counted inside two teams, a scope's total). */
export function total(byValue: Map<string, Increments>): Increments {
  const out: Increments = {};
  for (const stats of byValue.values()) addStats(out, stats);
  return out;
}
