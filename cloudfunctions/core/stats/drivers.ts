/**
 * What goes with low satisfaction: driver analysis over rated sessions. Predictors (rule
 * failures, behaviours) are usually correlated, which makes plain regression weights
 * misleading, so importance is split with Johnson's relative weights (fast) or the exact
 * Shapley decomposition of R² (the reference, exponential in the number of predictors); odds
 * ratios with Wald intervals come from a logistic regression fitted by Newton-Raphson (IRLS).
 * These are associations, not causes: callers must say so on screen.
 */
import { invert, multiply, symmetricEigen, transpose, type Matrix } from './matrix';
import { normalQuantile } from './distributions';

/**
 * Pearson correlations of the columns. `weights` (optional, one per row) are frequency weights:
 * a row of weight k counts as k identical rows, so grouped data (one row per distinct pattern
 * with its count) gives the same matrix as the expanded rows.
 */
function correlations(columns: readonly (readonly number[])[], weights?: readonly number[]): Matrix {
  const w = weights ?? columns[0].map(() => 1);
  const n = w.reduce((s, x) => s + x, 0);
  const standardised = columns.map((col) => {
    const mean = col.reduce((s, x, i) => s + w[i] * x, 0) / n;
    const sd = Math.sqrt(col.reduce((s, x, i) => s + w[i] * (x - mean) ** 2, 0) / (n - 1));
    if (!(sd > 0)) throw new RangeError('driver analysis: a column is constant');
    return col.map((x) => (x - mean) / sd);
  });
  return standardised.map((a) => standardised.map((b) => a.reduce((s, x, i) => s + w[i] * x * b[i], 0) / (n - 1)));
}

/** R² of y on the predictors in `subset`, from the correlation matrix. */
function rSquared(r: Matrix, subset: number[], y: number): number {
  if (subset.length === 0) return 0;
  const rxx = subset.map((i) => subset.map((j) => r[i][j]));
  const rxy = subset.map((i) => [r[i][y]]);
  const beta = multiply(invert(rxx), rxy);
  return beta.reduce((s, b, k) => s + b[0] * rxy[k][0], 0);
}

export interface Importance {
  /** Share of R² attributed to each predictor (they sum to R²). */
  weights: number[];
  rSquared: number;
}

/**
 * Johnson (2000): orthogonalise the predictors (X ≈ Z Λ with Λ = Rxx^½), regress y on Z, and
 * give each predictor Σₖ λ²ⱼₖ β²ₖ. `predictors[j][i]` is predictor j for row i; `frequency`
 * (optional) weighs each row as that many identical rows.
 */
export function relativeWeights(
  predictors: readonly (readonly number[])[],
  outcome: readonly number[],
  frequency?: readonly number[],
): Importance {
  const p = predictors.length;
  const r = correlations([...predictors, outcome], frequency);
  const rxx = r.slice(0, p).map((row) => row.slice(0, p));
  const rxy = r.slice(0, p).map((row) => [row[p]]);
  const { values, vectors } = symmetricEigen(rxx);
  const sqrtDiag = values.map((v, i) => values.map((_, j) => (i === j ? Math.sqrt(Math.max(v, 0)) : 0)));
  const lambda = multiply(multiply(vectors, sqrtDiag), transpose(vectors));
  const beta = multiply(invert(lambda), rxy).map((b) => b[0]);
  const weights = lambda.map((row) => row.reduce((s, l, k) => s + l * l * beta[k] * beta[k], 0));
  return { weights, rSquared: weights.reduce((s, w) => s + w, 0) };
}

/** Exact Shapley decomposition of R² (all 2^p subsets; keep p ≤ ~15). */
export function shapleyR2(
  predictors: readonly (readonly number[])[],
  outcome: readonly number[],
  frequency?: readonly number[],
): Importance {
  const p = predictors.length;
  const r = correlations([...predictors, outcome], frequency);
  const r2 = new Map<number, number>();
  const members = (mask: number) => [...Array(p).keys()].filter((i) => mask & (1 << i));
  for (let mask = 0; mask < 1 << p; mask++) r2.set(mask, rSquared(r, members(mask), p));
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const weights = [...Array(p).keys()].map((j) => {
    let w = 0;
    for (let mask = 0; mask < 1 << p; mask++) {
      if (mask & (1 << j)) continue;
      const s = members(mask).length;
      w += ((factorial(s) * factorial(p - s - 1)) / factorial(p)) * (r2.get(mask | (1 << j))! - r2.get(mask)!);
    }
    return w;
  });
  return { weights, rSquared: r2.get((1 << p) - 1)! };
}

export interface OddsRatio {
  coefficient: number;
  standardError: number;
  oddsRatio: number;
  low: number;
  high: number;
}

/**
 * Logistic regression of a 0/1 outcome on the predictors (with an intercept), by Newton-Raphson;
 * standard errors from the inverse information matrix; Wald intervals for the odds ratios.
 * Returns the intercept first, then one entry per predictor. `weights`: frequency weights as in
 * `correlations` (grouped rows fit exactly as the expanded ones).
 */
export function logisticRegression(
  predictors: readonly (readonly number[])[],
  outcome: readonly number[],
  confidence = 0.95,
  weights?: readonly number[],
): { terms: OddsRatio[]; iterations: number; converged: boolean } {
  const n = outcome.length;
  const freq = weights ?? outcome.map(() => 1);
  const rows = outcome.map((_, i) => [1, ...predictors.map((col) => col[i])]);
  const k = rows[0].length;
  let beta = new Array<number>(k).fill(0);
  let information: Matrix = [];
  let iterations = 0;
  let converged = false;
  for (; iterations < 50 && !converged; iterations++) {
    const gradient = new Array<number>(k).fill(0);
    information = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let i = 0; i < n; i++) {
      const eta = rows[i].reduce((s, x, j) => s + x * beta[j], 0);
      const mu = 1 / (1 + Math.exp(-eta));
      const w = freq[i] * mu * (1 - mu);
      for (let a = 0; a < k; a++) {
        gradient[a] += freq[i] * (outcome[i] - mu) * rows[i][a];
        for (let b = 0; b < k; b++) information[a][b] += w * rows[i][a] * rows[i][b];
      }
    }
    const step = multiply(
      invert(information),
      gradient.map((g) => [g]),
    ).map((s) => s[0]);
    beta = beta.map((b, j) => b + step[j]);
    converged = step.every((s) => Math.abs(s) < 1e-10);
  }
  const covariance = invert(information);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const terms = beta.map((coefficient, j) => {
    const standardError = Math.sqrt(covariance[j][j]);
    return {
      coefficient,
      standardError,
      oddsRatio: Math.exp(coefficient),
      low: Math.exp(coefficient - z * standardError),
      high: Math.exp(coefficient + z * standardError),
    };
  });
  return { terms, iterations, converged };
}
