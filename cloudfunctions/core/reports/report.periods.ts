/**
 * Report periods on the China calendar (UTC+8): day, ISO week, month, quarter and half-year
 * keys, which days a period holds, and the period before. Pure; functions run in UTC, so every
 * key is computed here from epoch milliseconds, never from the machine's time zone.
 */
import { dayKey } from '../rollups/rollup.counters';

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'half'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** `2026-12-01`, `2026-W49`, `2026-12`, `2026-Q4`, `2026-H2`. */
  key: string;
  /** China days in the period, first and last (`YYYY-MM-DD`). */
  first: string;
  last: string;
}

const DAY_MS = 86_400_000;

/** A China day key as a UTC midnight of the same calendar date (for calendar arithmetic only). */
function dayIndex(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOfIndex(i: number): string {
  return new Date(i * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOfIndex(dayIndex(day) + n);
}

/** Days from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = dayIndex(first); i <= dayIndex(last); i++) out.push(dayOfIndex(i));
  return out;
}

/** ISO 8601 week of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekKey(day: string): string {
  const i = dayIndex(day);
  const weekday = (new Date(i * DAY_MS).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date((i - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() / DAY_MS - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function monthBounds(year: number, month0: number, months: number): { first: string; last: string } {
  const first = dayOfIndex(Date.UTC(year, month0, 1) / DAY_MS);
  const last = dayOfIndex(Date.UTC(year, month0 + months, 1) / DAY_MS - 1);
  return { first, last };
}

/** The period of a kind that holds a China day. */
export function periodOf(kind: PeriodKind, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month0 = Number(day.slice(5, 7)) - 1;
  switch (kind) {
    case 'day':
      return { kind, key: day, first: day, last: day };
    case 'week': {
      const weekday = (new Date(dayIndex(day) * DAY_MS).getUTCDay() + 6) % 7;
      const first = addDays(day, -weekday);
      return { kind, key: isoWeekKey(day), first, last: addDays(first, 6) };
    }
    case 'month':
      return { kind, key: day.slice(0, 7), ...monthBounds(year, month0, 1) };
    case 'quarter': {
      const q = Math.floor(month0 / 3);
      return { kind, key: `${year}-Q${q + 1}`, ...monthBounds(year, q * 3, 3) };
    }
    case 'half': {
      const h = Math.floor(month0 / 6);
      return { kind, key: `${year}-H${h + 1}`, ...monthBounds(year, h * 6, 6) };
    }
  }
}

/** The period holding an instant. */
export function periodAt(kind: PeriodKind, at: number): Period {
  return periodOf(kind, dayKey(at));
}

/** The period just before. */
export function previousPeriod(p: Period): Period {
  return periodOf(p.kind, addDays(p.first, -1));
}

/** The months (`YYYY-MM`) a period spans (a week may span two). */
export function monthsOf(p: Period): string[] {
  const out = new Set<string>();
  for (const d of daysBetween(p.first, p.last)) out.add(d.slice(0, 7));
  return [...out];
}

/** Parses a period key back (`2026-W49`, `2026-Q4`, …); null when it is not one. */
export function parsePeriod(kind: PeriodKind, key: string): Period | null {
  let day: string | null = null;
  if (kind === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(key)) day = key;
  if (kind === 'month' && /^\d{4}-(0[1-9]|1[0-2])$/.test(key)) day = `${key}-01`;
  if (kind === 'quarter' && /^\d{4}-Q[1-4]$/.test(key))
    day = `${key.slice(0, 4)}-${String((Number(key[6]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  if (kind === 'half' && /^\d{4}-H[12]$/.test(key)) day = `${key.slice(0, 4)}-${key[6] === '1' ? '01' : '07'}-01`;
  if (kind === 'week' && /^\d{4}-W\d{2}$/.test(key)) {
    // The Monday of ISO week w: the week holding Jan 4 is week 1.
    const year = Number(key.slice(0, 4));
    const jan4 = `${year}-01-04`;
    const monday = periodOf('week', jan4).first;
    day = addDays(monday, (Number(key.slice(6)) - 1) * 7);
  }
  if (!day || Number.isNaN(dayIndex(day))) return null;
  const p = periodOf(kind, day);
  return p.key === key ? p : null;
}
