import { formatDuration, formatListTime } from '../../../src/utils/time';

describe('formatDuration', () => {
  test.each([
    [0, '0秒'],
    [45_000, '45秒'],
    [125_000, '2分05秒'],
    [3_780_000, '1小时03分'],
  ])('%i ms reads as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatListTime', () => {
  const now = new Date(2025, 2, 10, 15, 0, 0).getTime();

  test('is relative within the last hour', () => {
    expect(formatListTime(now - 5 * 60_000, now)).toBe('5 分钟前');
  });

  test('shows the clock time earlier the same day', () => {
    expect(formatListTime(new Date(2025, 2, 10, 9, 7).getTime(), now)).toBe('09:07');
  });

  test('shows month and day earlier in the year, the full date before that', () => {
    expect(formatListTime(new Date(2025, 0, 3, 8, 30).getTime(), now)).toBe('01-03 08:30');
    expect(formatListTime(new Date(2024, 11, 31, 8, 30).getTime(), now)).toBe('2024-12-31');
  });
});
