import { normalQuantile, studentTQuantile } from '../../../cloudfunctions/core/stats/distributions';
import {
  finitePopulationFactor,
  meanAndSd,
  meanInterval,
  passRateInterval,
  sampleSizeForMeanScore,
  sampleSizeForPassRate,
} from '../../../cloudfunctions/core/stats/sampling';

describe('distribution quantiles', () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 9, 2.26216],
    [0.975, 19, 2.09302],
    [0.95, 30, 1.69726],
    [0.995, 4, 4.60409],
  ])('t(%f, %i) = %f (printed tables)', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 4);
  });

  it('is symmetric', () => {
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.26216, 4);
  });

  it.each([
    [0.975, 1.95996],
    [0.95, 1.64485],
    [0.995, 2.57583],
  ])('z(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 4);
  });
});

describe('margin of error of an agent inspected score (../shared/RESEARCH.md worked values)', () => {
  it('mean score, s = 8: n = 10 gives ±5.72, n = 20 gives ±3.74', () => {
    expect(meanInterval({ n: 10, mean: 85, sd: 8 }).margin).toBeCloseTo(5.72, 2);
    expect(meanInterval({ n: 20, mean: 85, sd: 8 }).margin).toBeCloseTo(3.74, 2);
  });

  it('finite population: 10 of an agent 40 chats narrows ±5.72 to ±5.02', () => {
    expect(finitePopulationFactor(10, 40)).toBeCloseTo(Math.sqrt(30 / 39), 10);
    expect(meanInterval({ n: 10, mean: 85, sd: 8 }, 40).margin).toBeCloseTo(5.02, 2);
  });

  it('inspecting every session leaves no sampling error', () => {
    expect(meanInterval({ n: 40, mean: 85, sd: 8 }, 40).margin).toBe(0);
    expect(passRateInterval(30, 40, 40)).toMatchObject({ low: 0.75, high: 0.75, margin: 0 });
  });

  it('pass rate without a finite population is the Wilson interval: 8/10 → 49.0-94.3 %', () => {
    const ci = passRateInterval(8, 10);
    expect(ci.low).toBeCloseTo(0.49, 3);
    expect(ci.high).toBeCloseTo(0.943, 3);
  });

  it('pass rate narrows with the finite-population correction and stays inside [0, 1]', () => {
    const open = passRateInterval(9, 10);
    const finite = passRateInterval(9, 10, 20);
    expect(finite.high - finite.low).toBeLessThan(open.high - open.low);
    expect(passRateInterval(10, 10, 12).high).toBe(1);
    expect(passRateInterval(0, 10, 12).low).toBe(0);
  });

  it('one inspected session says nothing about the spread', () => {
    expect(meanInterval({ n: 1, mean: 90, sd: 0 }).margin).toBe(Infinity);
  });

  it('mean and standard deviation from running sums', () => {
    const xs = [70, 80, 90, 100];
    const s = meanAndSd(
      xs.length,
      xs.reduce((a, b) => a + b),
      xs.reduce((a, b) => a + b * b, 0),
    );
    expect(s.mean).toBe(85);
    expect(s.sd).toBeCloseTo(Math.sqrt(500 / 3), 10);
  });
});

describe('sample size for a target margin', () => {
  it('p = 0.85, ±10 points, N = 400 → 44 chats', () => {
    expect(sampleSizeForPassRate({ margin: 0.1, p: 0.85, populationSize: 400 })).toBe(44);
  });

  it('without a population, p = 0.5 and ±5 points is the familiar 385', () => {
    expect(sampleSizeForPassRate({ margin: 0.05 })).toBe(385);
  });

  it('never asks for more sessions than there are', () => {
    expect(sampleSizeForPassRate({ margin: 0.01, populationSize: 30 })).toBeLessThanOrEqual(30);
  });

  it('mean score within ±5 points at s = 8 needs the smallest n whose t-interval is that narrow', () => {
    const n = sampleSizeForMeanScore({ margin: 5, sd: 8 });
    expect(meanInterval({ n, mean: 0, sd: 8 }).margin).toBeLessThanOrEqual(5);
    expect(meanInterval({ n: n - 1, mean: 0, sd: 8 }).margin).toBeGreaterThan(5);
    expect(n).toBe(13);
  });

  it('a finite population needs fewer', () => {
    expect(sampleSizeForMeanScore({ margin: 5, sd: 8, populationSize: 30 })).toBeLessThan(13);
  });
});
