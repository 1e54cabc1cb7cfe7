import {
  addPatterns,
  analyseDrivers,
  driverFeatures,
  MIN_RATED,
  patternOf,
  type DriverPattern,
} from '../../../cloudfunctions/core/reports/report.drivers';
import { logisticRegression, relativeWeights } from '../../../cloudfunctions/core/stats/drivers';

const pattern = (f: string[], low: boolean, res: DriverPattern['res'], n: number): DriverPattern => ({
  f,
  low,
  res,
  n,
});

describe('driver features of a rated session', () => {
  it('are failed rules, slow first response, transfers, the handling band and unresolved', () => {
    expect(
      driverFeatures({
        csat: 2,
        resolved: false,
        failedRules: ['greet', 'greet', 'close'],
        firstResponseS: 61,
        handleS: 1800,
        transferred: true,
      }),
    ).toEqual(['handle:30m+', 'rule:close', 'rule:greet', 'slowFirst', 'transferred', 'unresolved']);
    expect(driverFeatures({ csat: 5, failedRules: [], firstResponseS: 60, handleS: 599, transferred: false })).toEqual(
      [],
    );
    expect(driverFeatures({ csat: 5, failedRules: [], handleS: 600, transferred: false })).toEqual(['handle:10-30m']);
  });

  it('group into patterns with counts', () => {
    const m = addPatterns(new Map(), [
      patternOf({ csat: 1, resolved: false, failedRules: ['a'], transferred: false }),
      patternOf({ csat: 2, resolved: false, failedRules: ['a'], transferred: false }),
      patternOf({ csat: 5, resolved: true, failedRules: ['a'], transferred: false }),
    ]);
    expect([...m.values()]).toEqual([
      pattern(['rule:a', 'unresolved'], true, 'n', 2),
      pattern(['rule:a'], false, 'y', 1),
    ]);
  });
});

describe('grouped rows fit exactly as the expanded rows', () => {
  // Three binary features and an outcome as (pattern, count) groups.
  const groups: [number[], number, number][] = [
    [[0, 0, 0], 0, 120],
    [[0, 0, 0], 1, 15],
    [[1, 0, 0], 0, 30],
    [[1, 0, 0], 1, 25],
    [[0, 1, 0], 0, 40],
    [[0, 1, 0], 1, 12],
    [[1, 1, 0], 0, 8],
    [[1, 1, 0], 1, 14],
    [[0, 0, 1], 0, 35],
    [[0, 0, 1], 1, 9],
    [[1, 0, 1], 1, 7],
    [[1, 0, 1], 0, 5],
  ];
  const cols = [0, 1, 2].map((j) => groups.map(([x]) => x[j]));
  const y = groups.map(([, o]) => o);
  const w = groups.map(([, , n]) => n);
  const expanded = groups.flatMap(([x, o, n]) => Array.from({ length: n }, () => ({ x, o })));
  const eCols = [0, 1, 2].map((j) => expanded.map((r) => r.x[j]));
  const eY = expanded.map((r) => r.o);

  it('relative weights', () => {
    const g = relativeWeights(cols, y, w);
    const e = relativeWeights(eCols, eY);
    g.weights.forEach((x, j) => expect(x).toBeCloseTo(e.weights[j], 10));
    expect(g.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(g.rSquared, 10);
  });

  it('logistic regression', () => {
    const g = logisticRegression(cols, y, 0.95, w);
    const e = logisticRegression(eCols, eY);
    g.terms.forEach((t, j) => {
      expect(t.oddsRatio).toBeCloseTo(e.terms[j].oddsRatio, 8);
      expect(t.standardError).toBeCloseTo(e.terms[j].standardError, 8);
    });
  });
});

describe('analyseDrivers', () => {
  // One feature, a 2×2 table: with the rule failed 30 low / 20 not; without 40 low / 160 not.
  const table = [
    pattern(['rule:greet'], true, 'y', 30),
    pattern(['rule:greet'], false, 'y', 20),
    pattern([], true, 'y', 40),
    pattern([], false, 'y', 160),
  ];

  it('one feature: OR = ad/bc with the 2×2 Wald interval, weight = φ² = R²', () => {
    const out = analyseDrivers(table, 'lowCsat');
    expect(out.hidden).toBeUndefined();
    expect(out.n).toBe(250);
    expect(out.events).toBe(70);
    const [row] = out.rows;
    expect(row.feature).toBe('rule:greet');
    expect(row.oddsRatio).toBeCloseTo((30 * 160) / (20 * 40), 8);
    const se = Math.sqrt(1 / 30 + 1 / 20 + 1 / 40 + 1 / 160);
    expect(row.low).toBeCloseTo(6 * Math.exp(-1.959964 * se), 4);
    expect(row.high).toBeCloseTo(6 * Math.exp(1.959964 * se), 4);
    // φ for a 2×2 table (a b / c d) = (ad − bc)/√((a+b)(c+d)(a+c)(b+d)).
    const phi = (30 * 160 - 20 * 40) / Math.sqrt(50 * 200 * 70 * 180);
    expect(row.weight).toBeCloseTo(phi * phi, 10);
    expect(out.rSquared).toBeCloseTo(phi * phi, 10);
    expect(row.share).toBeCloseTo(1, 10);
    expect(row.count).toBe(50);
    expect(row.rateWith).toBeCloseTo(0.6, 10);
    expect(row.rateWithout).toBeCloseTo(0.2, 10);
  });

  it(`is hidden under ${MIN_RATED} sessions and without variation`, () => {
    expect(
      analyseDrivers(
        table.map((p) => ({ ...p, n: Math.floor(p.n / 2) })),
        'lowCsat',
      ).hidden,
    ).toBe('too-few');
    expect(analyseDrivers([pattern(['rule:a'], false, 'y', 100), pattern([], false, 'y', 150)], 'lowCsat').hidden).toBe(
      'no-variation',
    );
  });

  it('ranks several features by relative weight; the weights sum to R²', () => {
    const rows = [
      pattern(['rule:greet', 'slowFirst'], true, 'n', 25),
      pattern(['rule:greet', 'slowFirst'], false, 'y', 10),
      pattern(['rule:greet'], true, 'y', 15),
      pattern(['rule:greet'], false, 'y', 25),
      pattern(['slowFirst'], true, 'n', 12),
      pattern(['slowFirst'], false, 'y', 30),
      pattern(['transferred'], true, 'y', 4),
      pattern(['transferred'], false, 'y', 16),
      pattern([], true, '?', 20),
      pattern([], false, 'y', 180),
    ];
    const out = analyseDrivers(rows, 'lowCsat');
    expect(out.rows.map((r) => r.feature)).toEqual(['rule:greet', 'slowFirst', 'transferred']);
    expect(out.rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(out.rSquared, 10);
    out.rows.forEach((r) => expect(r.low).toBeLessThan(r.oddsRatio));
    // Unresolved: only rows whose rating says, and `unresolved` is the outcome, not a feature.
    const un = analyseDrivers(
      rows.map((p) => ({ ...p, f: p.res === 'n' ? [...p.f, 'unresolved'] : p.f })),
      'unresolved',
    );
    expect(un.n).toBe(337 - 20);
    expect(un.events).toBe(37);
    expect(un.rows.map((r) => r.feature)).not.toContain('unresolved');
  });

  it('leaves out a rare feature and one collinear with another', () => {
    const out = analyseDrivers(
      [
        pattern(['rule:a', 'rule:b'], true, 'y', 40),
        pattern(['rule:a', 'rule:b'], false, 'y', 30),
        pattern(['rule:rare'], true, 'y', 3),
        pattern([], true, 'y', 30),
        pattern([], false, 'y', 150),
      ],
      'lowCsat',
    );
    expect(out.rows.map((r) => r.feature)).toEqual(['rule:a']);
    expect(out.excluded).toEqual(['rule:b', 'rule:rare']);
  });

  it('leaves out a feature that separates the outcome (no finite odds ratio)', () => {
    const out = analyseDrivers(
      [
        pattern(['rule:always', 'slowFirst'], true, 'y', 20),
        pattern(['slowFirst'], true, 'y', 20),
        pattern(['slowFirst'], false, 'y', 30),
        pattern([], true, 'y', 30),
        pattern([], false, 'y', 150),
      ],
      'lowCsat',
    );
    expect(out.converged).toBe(true);
    expect(out.rows.map((r) => r.feature)).toEqual(['slowFirst']);
    expect(out.excluded).toEqual(['rule:always']);
  });
});
