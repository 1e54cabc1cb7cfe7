/**
 * Rankings with intervals, worked by hand: small samples are listed unranked, equal estimates
 * share a rank, overlapping intervals name each other, and the rank range counts the entries
 * whose intervals lie entirely on one side. Lower-is-better metrics rank the other way.
 */
import { figuresOf } from '../../../cloudfunctions/core/reports/report.figures';
import {
  HIGHER_IS_BETTER,
  rankEntries,
  rankEntryOf,
  type RankEntry,
} from '../../../cloudfunctions/core/reports/report.ranking';

const e = (value: string, n: number, estimate: number, low: number, high: number): RankEntry => ({
  value,
  n,
  estimate,
  low,
  high,
});

describe('rankEntries', () => {
  // Intervals: A [0.85, 0.95]  B [0.80, 0.90]  C [0.60, 0.70]  D [0.62, 0.78] (D estimate 0.70 = C's)
  const entries = [
    e('C', 100, 0.7, 0.6, 0.7),
    e('A', 100, 0.9, 0.85, 0.95),
    e('small', 12, 0.99, 0.7, 1),
    e('D', 40, 0.7, 0.62, 0.78),
    e('B', 50, 0.85, 0.8, 0.9),
  ];

  it('ranks best first with competition ranks; small samples follow unranked', () => {
    const rows = rankEntries(entries, true);
    expect(rows.map((r) => [r.value, r.rank, r.small])).toEqual([
      ['A', 1, false],
      ['B', 2, false],
      ['C', 3, false],
      ['D', 3, false],
      ['small', null, true],
    ]);
  });

  it('names the entries whose intervals overlap, and the ranks each interval allows', () => {
    const rows = Object.fromEntries(rankEntries(entries, true).map((r) => [r.value, r]));
    expect(rows.A.tiedWith).toEqual(['B']);
    expect(rows.B.tiedWith).toEqual(['A']);
    expect(rows.C.tiedWith).toEqual(['D']);
    expect(rows.D.tiedWith).toEqual(['C']);
    // A and B could be 1st or 2nd; C and D 3rd or 4th: no interval lies inside another's side.
    expect(rows.A.rankRange).toEqual({ best: 1, worst: 2 });
    expect(rows.B.rankRange).toEqual({ best: 1, worst: 2 });
    expect(rows.C.rankRange).toEqual({ best: 3, worst: 4 });
    expect(rows.D.rankRange).toEqual({ best: 3, worst: 4 });
    expect(rows.small.rankRange).toBeNull();
  });

  it('ranks lower first when lower is better (first-response time)', () => {
    const rows = rankEntries([e('slow', 60, 90, 80, 100), e('fast', 60, 20, 15, 25), e('mid', 60, 30, 22, 38)], false);
    expect(rows.map((r) => [r.value, r.rank, r.rankRange])).toEqual([
      ['fast', 1, { best: 1, worst: 2 }],
      ['mid', 2, { best: 1, worst: 2 }],
      ['slow', 3, { best: 3, worst: 3 }],
    ]);
  });

  it('reads the figure from summed counters (a pass rate with its Wilson interval)', () => {
    const figures = figuresOf({ score: { count: 40, passed: 30, sum: 3400, sumSq: 300000 } });
    const entry = rankEntryOf('kf001', figures, 'passRate');
    expect(entry).toMatchObject({ value: 'kf001', n: 40, estimate: 0.75 });
    expect(entry.low!).toBeLessThan(0.75);
    expect(entry.high!).toBeGreaterThan(0.75);
    expect(HIGHER_IS_BETTER.firstResponse).toBe(false);
  });
});
