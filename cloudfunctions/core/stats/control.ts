/**
 * Control bands that tell a real change from noise, for trends on the report screens:
 * a p-chart for rates (pass rate, resolution rate) and an EWMA chart for means (response time,
 * average score). Pure: the caller passes the history (from day rollups) and gets, per point,
 * the band and whether the point left it.
 */

export interface BandPoint {
  /** The plotted value (the rate, or the EWMA statistic). */
  value: number;
  centre: number;
  low: number;
  high: number;
  /** The point lies outside [low, high]. */
  out: boolean;
}

/**
 * p-chart: centre p̄ = Σ successes / Σ trials over the baseline, limits p̄ ± k·√(p̄(1 − p̄)/nᵢ)
 * for each period's own nᵢ (clamped to [0, 1]); k = 3 is Shewhart's choice.
 */
export function pChart(
  periods: readonly { successes: number; trials: number }[],
  opts: { baseline?: readonly { successes: number; trials: number }[]; sigmas?: number } = {},
): { centre: number; points: BandPoint[] } {
  const base = opts.baseline ?? periods;
  const k = opts.sigmas ?? 3;
  const trials = base.reduce((s, p) => s + p.trials, 0);
  const centre = trials === 0 ? NaN : base.reduce((s, p) => s + p.successes, 0) / trials;
  const points = periods.map((p) => {
    const value = p.trials === 0 ? NaN : p.successes / p.trials;
    const half = k * Math.sqrt((centre * (1 - centre)) / p.trials);
    const low = Math.max(0, centre - half);
    const high = Math.min(1, centre + half);
    return { value, centre, low, high, out: Number.isFinite(value) && (value < low || value > high) };
  });
  return { centre, points };
}

/**
 * EWMA chart: zₜ = λxₜ + (1 − λ)zₜ₋₁ from z₀ = target, limits target ± L·σ·√(λ/(2 − λ)·(1 −
 * (1 − λ)^{2t})); with `asymptotic` the last factor is dropped (as NIST's handbook prints it).
 * Small λ (0.2-0.3) catches small lasting shifts that a Shewhart chart misses.
 */
export function ewmaChart(
  values: readonly number[],
  opts: { target: number; sigma: number; lambda?: number; sigmas?: number; asymptotic?: boolean },
): BandPoint[] {
  const lambda = opts.lambda ?? 0.2;
  const L = opts.sigmas ?? 3;
  if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`ewmaChart: lambda in (0, 1], got ${lambda}`);
  let z = opts.target;
  return values.map((x, i) => {
    z = lambda * x + (1 - lambda) * z;
    const growth = opts.asymptotic ? 1 : 1 - (1 - lambda) ** (2 * (i + 1));
    const half = L * opts.sigma * Math.sqrt((lambda / (2 - lambda)) * growth);
    const low = opts.target - half;
    const high = opts.target + half;
    return { value: z, centre: opts.target, low, high, out: z < low || z > high };
  });
}
