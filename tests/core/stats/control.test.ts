import { ewmaChart, pChart } from '../../../cloudfunctions/core/stats/control';

describe('p-chart', () => {
  // Montgomery, Introduction to Statistical Quality Control, the orange-juice cans example:
  // 30 samples of 50, 347 nonconforming in all → p̄ 0.2313, limits 0.0524-0.4102.
  const samples = Array.from({ length: 30 }, (_, i) => ({ successes: i < 17 ? 12 : 11, trials: 50 }));

  it('reproduces the textbook centre line and limits', () => {
    expect(samples.reduce((s, p) => s + p.successes, 0)).toBe(347);
    const { centre, points } = pChart(samples);
    expect(centre).toBeCloseTo(0.2313, 4);
    expect(points[0].low).toBeCloseTo(0.0524, 4);
    expect(points[0].high).toBeCloseTo(0.4102, 4);
    expect(points.some((p) => p.out)).toBe(false);
  });

  it('flags a period that leaves the band, with limits for its own sample size', () => {
    const { points } = pChart(
      [
        { successes: 25, trials: 50 },
        { successes: 3, trials: 10 },
      ],
      { baseline: samples },
    );
    expect(points[0].out).toBe(true);
    expect(points[1].out).toBe(false);
    expect(points[1].high - points[1].low).toBeGreaterThan(points[0].high - points[0].low);
  });
});

describe('EWMA chart', () => {
  // NIST/SEMATECH e-Handbook 6.3.2.4: target 50, s = 2.0539, λ = 0.3, asymptotic limits
  // 47.4115-52.5884; the EWMA of the 20 points, and none out of control.
  const data = [
    52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5, 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6,
    52.1,
  ];
  const expected = [
    50.6, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33, 50.11, 49.36, 49.52, 50.05, 49.38, 49.92,
    50.73, 51.23, 51.94, 51.99,
  ];

  it('reproduces the handbook example', () => {
    const points = ewmaChart(data, { target: 50, sigma: 2.0539, lambda: 0.3, asymptotic: true });
    points.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i], 1));
    expect(points[0].low).toBeCloseTo(47.4115, 3);
    expect(points[0].high).toBeCloseTo(52.5884, 3);
    expect(points.some((p) => p.out)).toBe(false);
  });

  it('catches a small lasting shift that no single point shows', () => {
    const shifted = [...Array(10).fill(50), ...Array(15).fill(52.5)];
    const points = ewmaChart(shifted, { target: 50, sigma: 2, lambda: 0.2 });
    expect(shifted.every((x) => Math.abs(x - 50) < 3 * 2)).toBe(true);
    expect(points.slice(0, 10).some((p) => p.out)).toBe(false);
    expect(points.slice(10).some((p) => p.out)).toBe(true);
  });

  it('starts with narrower exact limits that widen towards the asymptote', () => {
    const points = ewmaChart([50, 50, 50], { target: 50, sigma: 1, lambda: 0.2 });
    expect(points[0].high - points[0].low).toBeLessThan(points[2].high - points[2].low);
  });
});
