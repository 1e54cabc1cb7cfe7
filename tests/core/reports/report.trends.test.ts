/** Trend bands against worked examples (Montgomery's p-chart; an EWMA worked by hand). */
import { trendOf, type TrendInput } from '../../../cloudfunctions/core/reports/report.trends';

const passes = (passed: number, count: number): TrendInput['stats'] => ({
  sessions: count,
  score: { count, passed, sum: 0 },
});

describe('pass-rate trend: a p-chart from the periods before each point', () => {
  // Montgomery, Introduction to Statistical Quality Control: 30 samples of 50, 347 nonconforming
  // → p̄ 0.2313, limits 0.0524-0.4102 (here "passed" plays the nonconforming count).
  const history = Array.from({ length: 30 }, (_, i) => ({ key: `d${i}`, stats: passes(i < 17 ? 12 : 11, 50) }));

  it('reproduces the textbook band for the next period and flags one that leaves it', () => {
    const points = trendOf([...history, { key: 'now', stats: passes(25, 50) }]);
    const last = points[points.length - 1];
    expect(last.passRate.value).toBe(0.5);
    expect(last.passRate.band?.centre).toBeCloseTo(0.2313, 4);
    expect(last.passRate.band?.low).toBeCloseTo(0.0524, 4);
    expect(last.passRate.band?.high).toBeCloseTo(0.4102, 4);
    expect(last.passRate.band?.out).toBe(true);
    expect(trendOf([...history, { key: 'now', stats: passes(12, 50) }]).at(-1)?.passRate.band?.out).toBe(false);
  });

  it('gives no band without three periods of history', () => {
    const points = trendOf(history.slice(0, 3));
    expect(points.map((p) => p.passRate.band)).toEqual([null, null, null]);
    expect(trendOf(history.slice(0, 4))[3].passRate.band).not.toBeNull();
  });
});

describe('first-response trend: an EWMA band', () => {
  // Three history periods of four answers each: 48 52 50 50 | 49 51 50 50 | 47 53 50 50 seconds.
  // Pooled mean 50, sd √(28/11) = 1.5954; σ of a period mean (n = 4) = 0.7977.
  const period = (key: string, values: number[]): TrendInput => ({
    key,
    stats: {
      sessions: values.length,
      firstResponse: {
        count: values.length,
        sum: values.reduce((a, b) => a + b, 0),
        sumSq: values.reduce((a, b) => a + b * b, 0),
      },
    },
  });
  const history = [period('h1', [48, 52, 50, 50]), period('h2', [49, 51, 50, 50]), period('h3', [47, 53, 50, 50])];

  it('follows zₜ = 0.2·x̄ₜ + 0.8·zₜ₋₁ from the target, limits 50 ± 3σ√(λ/(2−λ)(1−(1−λ)²ᵗ))', () => {
    const points = trendOf([...history, period('p1', [52, 52, 52, 52]), period('p2', [47, 47, 47, 47])]);
    expect(points.slice(0, 3).map((p) => p.firstResponse.band)).toEqual([null, null, null]);
    const [p1, p2] = points.slice(3);
    expect(p1.firstResponse.ewma).toBeCloseTo(50.4, 9); // 0.2·52 + 0.8·50
    expect(p2.firstResponse.ewma).toBeCloseTo(49.72, 9); // 0.2·47 + 0.8·50.4
    const sigma = Math.sqrt(28 / 11) / 2;
    expect(p1.firstResponse.band?.high).toBeCloseTo(50 + 3 * sigma * 0.2, 9); // √(0.2/1.8·0.36) = 0.2
    expect(p2.firstResponse.band?.low).toBeCloseTo(50 - 3 * sigma * Math.sqrt((0.2 / 1.8) * (1 - 0.8 ** 4)), 9);
    expect(p1.firstResponse.band?.out).toBe(false);
    expect(p2.firstResponse.band?.out).toBe(false);
  });

  it('flags a lasting small shift that no single period shows', () => {
    const slow = Array.from({ length: 10 }, (_, i) => period(`s${i}`, [51, 51, 51, 51]));
    const points = trendOf([...history, ...slow]);
    // 51 is within 50 ± 3·0.7977 for any one period, but the EWMA (51 − 0.8ᵗ: 50.790 at t = 7)
    // passes its limit (50 + 3·0.7977·√(0.2/1.8·(1 − 0.8¹⁴)) = 50.780 at t = 7) from t = 7 on.
    const flags = points.slice(3).map((p) => p.firstResponse.band?.out);
    expect(flags.slice(0, 6)).toEqual([false, false, false, false, false, false]);
    expect(flags.slice(6)).toEqual([true, true, true, true]);
  });
});
