/**
 * Agreement between raters (inspectors calibrating on the same sessions, or a human against the
 * automatic verdict): Cohen's κ for two raters, Fleiss' κ for several raters who all rated every
 * item, Krippendorff's α for any number of raters with missing ratings, at nominal, ordinal or
 * interval level. Ratings are numbers or strings; `null`/`undefined` means "not rated".
 */

export type Rating = string | number | null | undefined;

const rated = (r: Rating): r is string | number => r !== null && r !== undefined;

/**
 * Cohen's κ for two raters over the same items: (pₒ − pₑ)/(1 − pₑ). Items either rater skipped
 * are left out. κ is 1 when the raters agree perfectly and by chance alone would not; when both
 * used one single category (pₑ = 1) agreement is perfect and κ is reported as 1.
 */
export function cohenKappa(
  a: readonly Rating[],
  b: readonly Rating[],
): { kappa: number; observed: number; expected: number; n: number } {
  if (a.length !== b.length) throw new RangeError('cohenKappa: both raters must rate the same items');
  const pairs: [string, string][] = [];
  a.forEach((x, i) => {
    const y = b[i];
    if (rated(x) && rated(y)) pairs.push([String(x), String(y)]);
  });
  const n = pairs.length;
  if (n === 0) return { kappa: NaN, observed: NaN, expected: NaN, n };
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree++;
    left.set(x, (left.get(x) ?? 0) + 1);
    right.set(y, (right.get(y) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [cat, count] of left) expected += (count / n) * ((right.get(cat) ?? 0) / n);
  const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, n };
}

/**
 * Fleiss' κ from a count table: `counts[i][j]` raters put item i in category j; every item has
 * the same number of raters (at least two).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): {
  kappa: number;
  observed: number;
  expected: number;
} {
  const N = counts.length;
  if (N === 0) return { kappa: NaN, observed: NaN, expected: NaN };
  const n = counts[0].reduce((s, x) => s + x, 0);
  if (n < 2) throw new RangeError('fleissKappa: each item needs at least two ratings');
  const k = counts[0].length;
  const columnTotals = new Array<number>(k).fill(0);
  let sumP = 0;
  for (const row of counts) {
    if (row.length !== k || row.reduce((s, x) => s + x, 0) !== n) {
      throw new RangeError('fleissKappa: every item needs the same number of raters and categories');
    }
    let agreeing = 0;
    row.forEach((x, j) => {
      columnTotals[j] += x;
      agreeing += x * (x - 1);
    });
    sumP += agreeing / (n * (n - 1));
  }
  const observed = sumP / N;
  const expected = columnTotals.reduce((s, t) => s + (t / (N * n)) ** 2, 0);
  const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
  return { kappa, observed, expected };
}

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

/**
 * Krippendorff's α = 1 − Dₒ/Dₑ over the coincidence matrix (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"). `ratings[r][u]` is rater r's value for unit u; units with
 * fewer than two values are not pairable and drop out. Ordinal and interval levels need numbers.
 */
export function krippendorffAlpha(
  ratings: readonly (readonly Rating[])[],
  level: MeasurementLevel = 'nominal',
): { alpha: number; pairable: number } {
  const units = Math.max(0, ...ratings.map((r) => r.length));
  const values: (string | number)[] = [];
  const columns: (string | number)[][] = [];
  for (let u = 0; u < units; u++) {
    const col = ratings.map((r) => r[u]).filter(rated);
    if (col.length >= 2) {
      columns.push(col);
      for (const v of col) if (!values.includes(v)) values.push(v);
    }
  }
  if (level !== 'nominal' && values.some((v) => typeof v !== 'number')) {
    throw new RangeError(`krippendorffAlpha: ${level} level needs numeric ratings`);
  }
  values.sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))));
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const o = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  for (const col of columns) {
    const m = col.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i !== j) o[index.get(col[i])!][index.get(col[j])!] += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n <= 1 || V < 2) return { alpha: V === 1 ? 1 : NaN, pairable: n };
  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0;
    if (level === 'nominal') return 1;
    if (level === 'interval') return ((values[c] as number) - (values[k] as number)) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += nc[g];
    return (between - (nc[c] + nc[k]) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const d = delta2(c, k);
      observed += o[c][k] * d;
      expected += nc[c] * nc[k] * d;
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  return { alpha: expected === 0 ? 1 : 1 - observed / expected, pairable: n };
}
