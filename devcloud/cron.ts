/**
 * WeChat Cloud timer triggers use a 7-field cron: second minute hour day month weekday year.
 * Each field: `*`, a number, a list `a,b`, a range `a-b`, steps `* /n` or `a-b/n` (no space).
 * Like the cloud (and POSIX cron), when both day and weekday are restricted, either matches.
 * Times are evaluated in the host's local time zone (the cloud runs in UTC+8).
 */

const BOUNDS: [number, number][] = [
  [0, 59], // second
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // weekday (0 and 7 are Sunday)
  [1970, 2199], // year
];

export interface CronSchedule {
  fields: Set<number>[];
  restricted: boolean[];
  source: string;
}

function parseField(text: string, [min, max]: [number, number], name: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron: bad ${name} field "${text}"`);
    let lo = min;
    let hi = max;
    if (m[1] !== '*') {
      const [a, b] = m[1].split('-').map(Number);
      lo = a;
      hi = b ?? (m[2] ? max : a);
    }
    const step = m[2] ? Number(m[2]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1) throw new Error(`cron: ${name} out of range in "${text}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

const NAMES = ['second', 'minute', 'hour', 'day', 'month', 'weekday', 'year'];

export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7)
    throw new Error(`cron: expected 7 fields (second minute hour day month weekday year), got "${expr}"`);
  const fields = parts.map((p, i) => parseField(p, BOUNDS[i], NAMES[i]));
  if (fields[5].has(7)) fields[5].add(0);
  return { fields, restricted: parts.map((p) => p !== '*'), source: expr };
}

export function cronMatches(s: CronSchedule, d: Date): boolean {
  const [sec, min, hour, day, month, weekday, year] = s.fields;
  if (!sec.has(d.getSeconds()) || !min.has(d.getMinutes()) || !hour.has(d.getHours())) return false;
  if (!month.has(d.getMonth() + 1) || !year.has(d.getFullYear())) return false;
  const dayOk = day.has(d.getDate());
  const weekdayOk = weekday.has(d.getDay());
  if (s.restricted[3] && s.restricted[5]) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}

/** The next whole second strictly after `from` that matches (searches up to ~2 years). */
export function nextFire(s: CronSchedule, from: Date): Date | null {
  const t = new Date(Math.floor(from.getTime() / 1000) * 1000 + 1000);
  const limit = from.getTime() + 2 * 366 * 86400_000;
  while (t.getTime() <= limit) {
    if (!s.fields[4].has(t.getMonth() + 1) || !s.fields[6].has(t.getFullYear())) {
      t.setMonth(t.getMonth() + 1, 1);
      t.setHours(0, 0, 0);
      continue;
    }
    if (!cronMatches({ ...s, fields: [...s.fields.slice(0, 3).map(() => ALL), ...s.fields.slice(3)] }, t)) {
      t.setDate(t.getDate() + 1);
      t.setHours(0, 0, 0);
      continue;
    }
    if (!s.fields[2].has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0, 0);
      continue;
    }
    if (!s.fields[1].has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1, 0);
      continue;
    }
    if (!s.fields[0].has(t.getSeconds())) {
      t.setSeconds(t.getSeconds() + 1);
      continue;
    }
    return t;
  }
  return null;
}

const ALL = new Set(Array.from({ length: 60 }, (_, i) => i));
