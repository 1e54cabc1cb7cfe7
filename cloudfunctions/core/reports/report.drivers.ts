/**
 * Drivers (issue 15): which rule failures and behaviours go with low satisfaction and with
 * unresolved sessions, over the rated sessions of a window. Associations, not causes: a rule
 * that fails on hard cases will "drive" low CSAT without causing it, and the screen says so.
 *
 * Every feature is binary, so a window's rated sessions are kept as distinct patterns with a
 * count (a few hundred documents' worth, whatever the number of sessions) and the models are
 * fitted on the grouped rows with frequency weights, exactly as on the expanded rows:
 * - importance: Johnson's relative weights of the linear probability model (they sum to R²);
 * - effect: logistic-regression odds ratios with 95% Wald intervals, all features together.
 * Outcomes: low CSAT = 1-2 of 5 (LOW_CSAT_AT_MOST) among rated sessions; unresolved = the
 * customer said not resolved, among sessions whose rating says either way.
 */
import { logisticRegression, relativeWeights } from '../stats/drivers';
import { LOW_CSAT_AT_MOST } from './report.topics';

/** First response slower than this (seconds) is the 首次响应慢 behaviour. */
export const SLOW_FIRST_RESPONSE_S = 60;
/** Handling-time bands (seconds, from inclusive); under the first is the reference band. */
export const HANDLE_BANDS = [
  { feature: 'handle:10-30m', from: 600, label: '处理时长10-30分钟' },
  { feature: 'handle:30m+', from: 1800, label: '处理时长超过30分钟' },
] as const;

export const BEHAVIOUR_LABELS: Readonly<Record<string, string>> = {
  slowFirst: `首次响应超过${SLOW_FIRST_RESPONSE_S}秒`,
  transferred: '转接过',
  unresolved: '客户评价未解决',
  ...Object.fromEntries(HANDLE_BANDS.map((b) => [b.feature, b.label])),
};

export const ruleFeature = (ruleId: string) => `rule:${ruleId}`;

/** What the features of one rated session are computed from. */
export interface DriverSession {
  csat: number;
  resolved?: boolean;
  /** Rules whose hits cost points (or broke a red line). */
  failedRules: readonly string[];
  firstResponseS?: number;
  handleS?: number;
  transferred: boolean;
}

export function driverFeatures(s: DriverSession): string[] {
  const f = [...new Set(s.failedRules)].map(ruleFeature);
  if (s.firstResponseS !== undefined && s.firstResponseS > SLOW_FIRST_RESPONSE_S) f.push('slowFirst');
  if (s.transferred) f.push('transferred');
  const band = [...HANDLE_BANDS].reverse().find((b) => s.handleS !== undefined && s.handleS >= b.from);
  if (band) f.push(band.feature);
  if (s.resolved === false) f.push('unresolved');
  return f.sort();
}

/** Rated sessions sharing features and outcomes: `res` y/n/? is the customer's resolved answer. */
export interface DriverPattern {
  f: string[];
  low: boolean;
  res: 'y' | 'n' | '?';
  n: number;
}

const patternKey = (p: Omit<DriverPattern, 'n'>) => `${p.f.join('\u0001')}\u0002${p.low ? 1 : 0}${p.res}`;

/** Adds patterns (or sessions as patterns of 1) into a map keyed by pattern. */
export function addPatterns(
  into: Map<string, DriverPattern>,
  patterns: Iterable<DriverPattern>,
): Map<string, DriverPattern> {
  for (const p of patterns) {
    const key = patternKey(p);
    const had = into.get(key);
    if (had) had.n += p.n;
    else into.set(key, { f: [...p.f], low: p.low, res: p.res, n: p.n });
  }
  return into;
}

export function patternOf(s: DriverSession): DriverPattern {
  return {
    f: driverFeatures(s),
    low: s.csat <= LOW_CSAT_AT_MOST,
    res: s.resolved === undefined ? '?' : s.resolved ? 'y' : 'n',
    n: 1,
  };
}

/** Below this many rated sessions nothing is shown (RESEARCH.md: ~200). */
export const MIN_RATED = 200;
/** A feature is modelled when at least this many sessions have it and this many do not. */
export const MIN_FEATURE_SESSIONS = 10;
/** The most frequently failed rules modelled at most (the fit stays small and stable). */
export const MAX_RULE_FEATURES = 10;

export type DriverOutcomeName = 'lowCsat' | 'unresolved';

export interface DriverRow {
  feature: string;
  /** Sessions of the model's rows with the feature. */
  count: number;
  /** The outcome's rate among sessions with the feature, and without it. */
  rateWith: number;
  rateWithout: number;
  /** Johnson's relative weight (a share of R², they sum to `rSquared`) and its share of R². */
  weight: number;
  share: number;
  /** Odds ratio with its 95% Wald interval, adjusted for the other features. */
  oddsRatio: number;
  low: number;
  high: number;
}

export interface DriverOutcome {
  outcome: DriverOutcomeName;
  /** Sessions in the model and those with the outcome. */
  n: number;
  events: number;
  rSquared: number;
  /** Whether the logistic fit converged (it does not when a feature separates the outcome). */
  converged: boolean;
  /** Features ranked by relative weight, largest first. */
  rows: DriverRow[];
  /** Features left out because they were too rare, too common, or collinear with others. */
  excluded: string[];
  /** Why there is no model: too few sessions, or the outcome never (or always) happened. */
  hidden?: 'too-few' | 'no-variation';
}

/**
 * Fits both models for one outcome over the grouped patterns. Left out first: features too rare
 * or too common, one that separates the outcome (always or never bad with it or without it),
 * one with exactly the sessions of a more frequent one (a rule and the behaviour it checks);
 * then, while the rest are collinear (a singular matrix), the least frequent.
 */
export function analyseDrivers(all: readonly DriverPattern[], outcome: DriverOutcomeName): DriverOutcome {
  const rows = outcome === 'unresolved' ? all.filter((p) => p.res !== '?') : [...all];
  const y = (p: DriverPattern) => (outcome === 'lowCsat' ? p.low : p.res === 'n');
  const n = rows.reduce((s, p) => s + p.n, 0);
  const events = rows.reduce((s, p) => s + (y(p) ? p.n : 0), 0);
  const base = { outcome, n, events, rSquared: 0, converged: false, rows: [] as DriverRow[], excluded: [] as string[] };
  if (n < MIN_RATED) return { ...base, hidden: 'too-few' };
  if (events === 0 || events === n) return { ...base, hidden: 'no-variation' };

  const counts = new Map<string, number>();
  for (const p of rows) for (const f of p.f) counts.set(f, (counts.get(f) ?? 0) + p.n);
  if (outcome === 'unresolved') counts.delete('unresolved');
  const usable = [...counts].filter(([, c]) => c >= MIN_FEATURE_SESSIONS && n - c >= MIN_FEATURE_SESSIONS);
  const rules = usable
    .filter(([f]) => f.startsWith('rule:'))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_RULE_FEATURES);
  const ranked = [...rules, ...usable.filter(([f]) => !f.startsWith('rule:'))]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f]) => f);
  const outcomeOf = rows.map((p) => (y(p) ? 1 : 0));
  const columnOf = (f: string) => rows.map((p) => (p.f.includes(f) ? 1 : 0));
  // Left out before fitting: a feature the outcome is constant with or without (it separates the
  // outcome: no finite odds ratio), and one with the same sessions as a feature kept before it.
  const seen = new Set<string>();
  const features = ranked.filter((f) => {
    const col = columnOf(f);
    let withN = 0;
    let withEvents = 0;
    rows.forEach((p, i) => {
      if (col[i]) {
        withN += p.n;
        withEvents += outcomeOf[i] * p.n;
      }
    });
    const separates =
      withEvents === 0 || withEvents === withN || events - withEvents === 0 || events - withEvents === n - withN;
    const key = col.join('');
    if (separates || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const excluded = [...counts.keys()].filter((f) => !features.includes(f)).sort();

  const weights = rows.map((p) => p.n);
  const outcomeCol = outcomeOf;
  while (features.length > 0) {
    const columns = features.map(columnOf);
    try {
      const importance = relativeWeights(columns, outcomeCol, weights);
      const fit = logisticRegression(columns, outcomeCol, 0.95, weights);
      if (fit.terms.some((t) => !Number.isFinite(t.standardError))) throw new RangeError('drivers: unstable fit');
      const driverRows = features.map((feature, j): DriverRow => {
        let withN = 0;
        let withEvents = 0;
        rows.forEach((p, i) => {
          if (columns[j][i]) {
            withN += p.n;
            withEvents += outcomeCol[i] * p.n;
          }
        });
        const term = fit.terms[j + 1];
        return {
          feature,
          count: withN,
          rateWith: withEvents / withN,
          rateWithout: (events - withEvents) / (n - withN),
          weight: importance.weights[j],
          share: importance.rSquared > 0 ? importance.weights[j] / importance.rSquared : 0,
          oddsRatio: term.oddsRatio,
          low: term.low,
          high: term.high,
        };
      });
      driverRows.sort((a, b) => b.weight - a.weight || a.feature.localeCompare(b.feature));
      return { ...base, rSquared: importance.rSquared, converged: fit.converged, rows: driverRows, excluded };
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      excluded.push(features.pop()!);
    }
  }
  return { ...base, excluded };
}

/** Session ids kept per feature and day (sessions with the feature and a bad outcome), and per row shown. */
export const FEATURE_IDS_PER_DAY = 3;
export const FEATURE_IDS = 30;
