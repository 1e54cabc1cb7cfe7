import { cronMatches, nextFire, parseCron } from '../../devcloud/cron';

const at = (iso: string) => new Date(iso);

describe('timer trigger cron (7 fields: second minute hour day month weekday year)', () => {
  it('fires every minute at second 0 for "0 */1 * * * * *"', () => {
    const s = parseCron('0 */1 * * * * *');
    expect(cronMatches(s, at('2026-11-23T10:15:00'))).toBe(true);
    expect(cronMatches(s, at('2026-11-23T10:15:01'))).toBe(false);
    expect(nextFire(s, at('2026-11-23T10:15:00'))).toEqual(at('2026-11-23T10:16:00'));
  });

  it('handles steps, ranges and lists', () => {
    const s = parseCron('*/15 0-5,30 9 * * * *');
    expect(cronMatches(s, at('2026-11-23T09:03:45'))).toBe(true);
    expect(cronMatches(s, at('2026-11-23T09:30:15'))).toBe(true);
    expect(cronMatches(s, at('2026-11-23T09:06:00'))).toBe(false);
    expect(nextFire(s, at('2026-11-23T09:05:45'))).toEqual(at('2026-11-23T09:30:00'));
  });

  it('matches either day or weekday when both are restricted', () => {
    const s = parseCron('0 0 8 1 * 1 *'); // 08:00 on the 1st, or on Mondays
    expect(cronMatches(s, at('2026-11-23T08:00:00'))).toBe(true); // a Monday
    expect(cronMatches(s, at('2026-12-01T08:00:00'))).toBe(true); // a Tuesday, the 1st
    expect(cronMatches(s, at('2026-11-24T08:00:00'))).toBe(false);
  });

  it('finds the next fire across days and months', () => {
    const s = parseCron('0 30 2 * * * *');
    expect(nextFire(s, at('2026-11-30T03:00:00'))).toEqual(at('2026-12-01T02:30:00'));
  });

  it('rejects expressions that are not 7 well-formed fields', () => {
    expect(() => parseCron('0 * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('61 * * * * * *')).toThrow(/second/);
    expect(() => parseCron('0 x * * * * *')).toThrow(/minute/);
  });
});
