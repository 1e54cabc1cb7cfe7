import { wilsonInterval } from '../../../cloudfunctions/core/stats/proportion';

const pct = (x: number) => Math.round(x * 1000) / 10;

describe('wilsonInterval', () => {
  // Textbook values (Newcombe 1998; ../shared/RESEARCH.md): 8/10, 18/20, 45/50.
  it.each([
    [8, 10, 49.0, 94.3],
    [18, 20, 69.9, 97.2],
    [45, 50, 78.6, 95.7],
  ])('%i of %i gives %f-%f %%', (k, n, low, high) => {
    const ci = wilsonInterval(k, n);
    expect(pct(ci.low)).toBeCloseTo(low, 1);
    expect(pct(ci.high)).toBeCloseTo(high, 1);
    expect(ci.estimate).toBe(k / n);
  });

  it('keeps a perfect score honest: 10 of 10 is not certain', () => {
    const ci = wilsonInterval(10, 10);
    expect(ci.high).toBe(1);
    expect(pct(ci.low)).toBeCloseTo(72.2, 1);
  });

  it('stays inside [0, 1] at zero successes', () => {
    const ci = wilsonInterval(0, 5);
    expect(ci.low).toBe(0);
    expect(ci.high).toBeGreaterThan(0.4);
  });

  it('says nothing for an empty sample', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: NaN, low: 0, high: 1 });
  });

  it.each([
    [3, 2],
    [-1, 4],
    [1.5, 4],
  ])('rejects k=%p n=%p', (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });
});
