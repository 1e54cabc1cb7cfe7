/**
 * How sure an inspected sample makes us about an agent: the interval of the inspected pass rate
 * (Wilson) and of the mean score (Student's t), both corrected for a finite population (the
 * agent's sessions in the period), and the sample size that reaches a target margin.
 *
 * Finite-population correction: the standard error shrinks by √((N − n)/(N − 1)); inspecting
 * all N sessions leaves no sampling error at all. For Wilson the same correction is applied as
 * an effective sample size n* = n·(N − 1)/(N − n), which multiplies the variance term by
 * (N − n)/(N − 1) and keeps the interval inside [0, 1].
 */
import { normalQuantile, studentTQuantile } from './distributions';
import type { Interval } from './proportion';

export interface MarginInterval extends Interval {
  /** Half-width of the interval (for Wilson, the larger side). */
  margin: number;
}

/** √((N − n)/(N − 1)), or 1 when the population is unknown or infinite. */
export function finitePopulationFactor(n: number, populationSize?: number): number {
  if (populationSize === undefined || !Number.isFinite(populationSize)) return 1;
  if (populationSize < n) throw new RangeError(`sample of ${n} from a population of ${populationSize}`);
  if (populationSize <= 1) return 0;
  return Math.sqrt((populationSize - n) / (populationSize - 1));
}

const zFor = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2);

/** Wilson interval for k passes among n inspected of N sessions. */
export function passRateInterval(k: number, n: number, populationSize?: number, confidence = 0.95): MarginInterval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) {
    throw new RangeError(`passRateInterval: need integers 0 <= k <= n, got ${k}/${n}`);
  }
  if (n === 0) return { estimate: NaN, low: 0, high: 1, margin: 0.5 };
  const p = k / n;
  const fpc = finitePopulationFactor(n, populationSize);
  if (fpc === 0) return { estimate: p, low: p, high: p, margin: 0 };
  const z = zFor(confidence);
  const nEff = n / (fpc * fpc);
  const z2 = z * z;
  const denom = 1 + z2 / nEff;
  const centre = (p + z2 / (2 * nEff)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / nEff + z2 / (4 * nEff * nEff))) / denom;
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return { estimate: p, low, high, margin: Math.max(p - low, high - p) };
}

/** x̄ ± t(1 − α/2, n − 1) · s/√n · fpc for n inspected scores of N sessions (n ≥ 2). */
export function meanInterval(
  sample: { n: number; mean: number; sd: number },
  populationSize?: number,
  confidence = 0.95,
): MarginInterval {
  const { n, mean, sd } = sample;
  if (!(n >= 2)) return { estimate: n === 1 ? mean : NaN, low: -Infinity, high: Infinity, margin: Infinity };
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  const margin = ((t * sd) / Math.sqrt(n)) * finitePopulationFactor(n, populationSize);
  return { estimate: mean, low: mean - margin, high: mean + margin, margin };
}

/** Mean and sample standard deviation from running sums (as rollups keep them). */
export function meanAndSd(n: number, sum: number, sumOfSquares: number): { n: number; mean: number; sd: number } {
  if (n === 0) return { n, mean: NaN, sd: NaN };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, sd: Math.sqrt(variance) };
}

/**
 * Sessions to inspect so the pass rate's margin is at most `margin` (a proportion, 0.05 = ±5
 * points): n0 = z²p(1−p)/e², then n = n0 / (1 + (n0 − 1)/N). p = 0.5 is the safe guess.
 */
export function sampleSizeForPassRate(opts: {
  margin: number;
  p?: number;
  populationSize?: number;
  confidence?: number;
}): number {
  const p = opts.p ?? 0.5;
  const z = zFor(opts.confidence ?? 0.95);
  const n0 = (z * z * p * (1 - p)) / (opts.margin * opts.margin);
  const N = opts.populationSize;
  const n = N === undefined ? n0 : n0 / (1 + (n0 - 1) / N);
  return Math.min(N ?? Infinity, Math.ceil(n - 1e-9));
}

/**
 * Sessions to inspect so the mean score's margin is at most `margin` points, given the
 * expected standard deviation: the smallest n whose t-interval (with the finite-population
 * correction) is narrow enough. Found by search because t itself depends on n.
 */
export function sampleSizeForMeanScore(opts: {
  margin: number;
  sd: number;
  populationSize?: number;
  confidence?: number;
}): number {
  const N = opts.populationSize ?? Infinity;
  const limit = Number.isFinite(N) ? N : 1e6;
  for (let n = 2; n <= limit; n++) {
    if (meanInterval({ n, mean: 0, sd: opts.sd }, opts.populationSize, opts.confidence).margin <= opts.margin) return n;
  }
  return Math.min(limit, Number.isFinite(N) ? N : limit);
}
