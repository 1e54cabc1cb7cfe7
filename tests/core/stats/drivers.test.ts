import { logisticRegression, relativeWeights, shapleyR2 } from '../../../cloudfunctions/core/stats/drivers';
import { invert, multiply, symmetricEigen, transpose } from '../../../cloudfunctions/core/stats/matrix';

/** Deterministic pseudo-random numbers (mulberry32) so the fixtures never change. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (r: () => number) => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());

describe('matrix helpers', () => {
  it('inverts and decomposes a symmetric matrix', () => {
    const a = [
      [4, 1, 0.5],
      [1, 3, 0.2],
      [0.5, 0.2, 2],
    ];
    const prod = multiply(a, invert(a));
    prod.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(i === j ? 1 : 0, 10)));
    const { values, vectors } = symmetricEigen(a);
    const rebuilt = multiply(
      multiply(
        vectors,
        values.map((v, i) => values.map((_, j) => (i === j ? v : 0))),
      ),
      transpose(vectors),
    );
    rebuilt.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(a[i][j], 10)));
  });
});

describe('relative importance of drivers', () => {
  // Three correlated drivers of a CSAT-like outcome, 2,000 rows.
  const r = rng(7);
  const n = 2000;
  const x1 = Array.from({ length: n }, () => normal(r));
  const x2 = x1.map((v) => 0.6 * v + 0.8 * normal(r));
  const x3 = Array.from({ length: n }, () => normal(r));
  const y = x1.map((_, i) => 0.5 * x1[i] + 0.3 * x2[i] + 0.1 * x3[i] + normal(r));

  it('relative weights sum to R² and agree with the exact Shapley split', () => {
    const rw = relativeWeights([x1, x2, x3], y);
    const sh = shapleyR2([x1, x2, x3], y);
    expect(rw.rSquared).toBeCloseTo(sh.rSquared, 10);
    expect(sh.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(sh.rSquared, 10);
    rw.weights.forEach((w, j) => expect(Math.abs(w - sh.weights[j])).toBeLessThan(0.01));
    expect(rw.weights[0]).toBeGreaterThan(rw.weights[1]);
    expect(rw.weights[1]).toBeGreaterThan(rw.weights[2]);
  });

  it('for uncorrelated drivers each weight is the squared correlation', () => {
    const a = [1, -1, 1, -1, 1, -1, 1, -1];
    const b = [1, 1, -1, -1, 1, 1, -1, -1];
    const out = [3, 0, 1, -1, 2, 0, 0, -2];
    const corr = (u: number[], v: number[]) => {
      const mu = u.reduce((s, x) => s + x) / u.length;
      const mv = v.reduce((s, x) => s + x) / v.length;
      const cov = u.reduce((s, x, i) => s + (x - mu) * (v[i] - mv), 0);
      return cov / Math.sqrt(u.reduce((s, x) => s + (x - mu) ** 2, 0) * v.reduce((s, x) => s + (x - mv) ** 2, 0));
    };
    const rw = relativeWeights([a, b], out);
    expect(rw.weights[0]).toBeCloseTo(corr(a, out) ** 2, 10);
    expect(rw.weights[1]).toBeCloseTo(corr(b, out) ** 2, 10);
  });

  it('refuses a constant driver', () => {
    expect(() => relativeWeights([[1, 1, 1]], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('logistic regression odds ratios', () => {
  it('one binary predictor reproduces the 2×2 table: OR = ad/bc, SE = √(1/a + 1/b + 1/c + 1/d)', () => {
    // exposed: 30 unhappy, 20 happy; not exposed: 10 unhappy, 40 happy.
    const x: number[] = [];
    const y: number[] = [];
    const add = (xv: number, yv: number, count: number) => {
      for (let i = 0; i < count; i++) {
        x.push(xv);
        y.push(yv);
      }
    };
    add(1, 1, 30);
    add(1, 0, 20);
    add(0, 1, 10);
    add(0, 0, 40);
    const { terms, converged } = logisticRegression([x], y);
    expect(converged).toBe(true);
    expect(terms[1].oddsRatio).toBeCloseTo((30 * 40) / (20 * 10), 8);
    expect(terms[1].standardError).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 20 + 1 / 10 + 1 / 40), 8);
    expect(terms[1].low).toBeCloseTo(Math.exp(Math.log(6) - 1.959964 * terms[1].standardError), 5);
    expect(terms[0].oddsRatio).toBeCloseTo(10 / 40, 8);
  });
});
