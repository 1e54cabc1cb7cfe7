/**
 * Intervals for a proportion (a pass rate, a rule's precision or recall). Pure arithmetic,
 * shared by the rule evaluation, sampling plans and reports.
 */

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  /** The point estimate k/n (NaN when n = 0). */
  estimate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for k successes in n trials. Unlike the normal approximation it stays
 * inside [0, 1] and is honest for small n and for rates near 0 or 1 (precision 10/10 is
 * 0.72-1.00, not 1.00-1.00). n = 0 gives the uninformative [0, 1].
 */
export function wilsonInterval(k: number, n: number, z: number = Z_95): Interval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilsonInterval: need integers 0 <= k <= n, got k=${k} n=${n}`);
  }
  if (n === 0) return { estimate: NaN, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 or k = n one bound is exactly 0 or 1; say so instead of leaving floating-point dust.
  return { estimate: p, low: k === 0 ? 0 : centre - half, high: k === n ? 1 : centre + half };
}
