/** The sustained-load bench's memory verdict reads the heap's floor, not garbage between collections. */
import { FLOOR_WINDOW_S, floorPoints, memoryOutcome, type MemorySample } from '../../scripts/support/load-probes';

const MB = 1048576;

/** Samples every 2 s for `minutes`: a floor rising `leakPerMin` MB/min, garbage up to `garbage(t)` MB above it, collected every 10 s. */
function run(minutes: number, leakPerMin: number, garbage: (t: number) => number): MemorySample[] {
  const out: MemorySample[] = [];
  for (let t = 0; t <= minutes * 60; t += 2) {
    const floor = 80 + (leakPerMin * t) / 60;
    const sinceCollection = (t % 10) / 10;
    out.push({ t, rss: 0, heapUsed: (floor + sinceCollection * garbage(t)) * MB });
  }
  return out;
}

describe('memoryOutcome', () => {
  it('calls a heap flat when only the garbage between collections grows', () => {
    const outcome = memoryOutcome(
      run(10, 0, (t) => 20 + t / 4),
      2000,
    );
    expect(outcome.heapSlopeMbPerMin).toBeGreaterThan(5);
    expect(Math.abs(outcome.heapFloorSlopeMbPerMin)).toBeLessThan(0.5);
  });

  it('sees a leak in the floor', () => {
    const outcome = memoryOutcome(
      run(10, 5, () => 60),
      2000,
    );
    expect(outcome.heapFloorSlopeMbPerMin).toBeGreaterThan(4.5);
    expect(outcome.heapFloorSlopeMbPerMin).toBeLessThan(5.5);
  });

  it('takes the lowest sample of each window', () => {
    const samples: MemorySample[] = [
      { t: 1, rss: 0, heapUsed: 50 * MB },
      { t: 5, rss: 0, heapUsed: 40 * MB },
      { t: FLOOR_WINDOW_S + 1, rss: 0, heapUsed: 70 * MB },
      { t: FLOOR_WINDOW_S + 2, rss: 0, heapUsed: 60 * MB },
    ];
    expect(floorPoints(samples, FLOOR_WINDOW_S)).toEqual([
      [5 / 60, 40],
      [(FLOOR_WINDOW_S + 2) / 60, 60],
    ]);
  });
});
