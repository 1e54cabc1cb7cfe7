import { assignSample, largestRemainder } from '../../../cloudfunctions/core/sampling/sample.assign';
import { agentMargins, inspectedFigures, sizeForTarget } from '../../../cloudfunctions/core/sampling/sample.margins';
import { selectSample, uniformFor, type SampleCandidate } from '../../../cloudfunctions/core/sampling/sample.select';

const DAY = 86_400_000;
function candidates(perAgent: Record<string, number>, extra: Partial<SampleCandidate> = {}): SampleCandidate[] {
  return Object.entries(perAgent).flatMap(([agentId, n]) =>
    Array.from({ length: n }, (_, i) => ({
      sessionId: `${agentId}-${String(i).padStart(3, '0')}`,
      agentId,
      team: agentId < 'm' ? 't1' : 't2',
      at: i * DAY,
      ...extra,
    })),
  );
}
const ids = (xs: { sessionId: string }[]) => xs.map((x) => x.sessionId);

describe('random samples', () => {
  const pool = candidates({ a: 50, b: 50 });

  it('draws the share asked for, the same draw for the same seed, another for another seed', () => {
    const one = selectSample(pool, { kind: 'random', share: 0.1 }, { seed: 'plan-1' });
    expect(one).toHaveLength(10);
    expect(ids(selectSample(pool, { kind: 'random', share: 0.1 }, { seed: 'plan-1' }))).toEqual(ids(one));
    expect(ids(selectSample(pool, { kind: 'random', share: 0.1 }, { seed: 'plan-2' }))).not.toEqual(ids(one));
  });

  it('never draws a session the plan already holds, nor one listed twice', () => {
    const first = selectSample(pool, { kind: 'random', count: 30 }, { seed: 's' });
    const held = new Set(ids(first));
    const second = selectSample([...pool, ...pool], { kind: 'random', count: 100 }, { seed: 's', exclude: held });
    expect(second).toHaveLength(70);
    expect(ids(second).some((id) => held.has(id))).toBe(false);
    expect(new Set(ids(second)).size).toBe(70);
  });

  it('gives every session about the same chance (1,000 seeded draws of 10 from 100)', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 1000; s++) {
      for (const x of selectSample(pool, { kind: 'random', count: 10 }, { seed: `seed-${s}` }))
        counts.set(x.sessionId, (counts.get(x.sessionId) ?? 0) + 1);
    }
    const values = pool.map((c) => counts.get(c.sessionId) ?? 0);
    // Expected 100 each; binomial sd ≈ 9.5: every count within ±45 (≈ 4.7 sd).
    expect(Math.min(...values)).toBeGreaterThan(55);
    expect(Math.max(...values)).toBeLessThan(145);
  });

  it('spreads the hash over (0, 1)', () => {
    const us = Array.from({ length: 2000 }, (_, i) => uniformFor('x', `id-${i}`));
    expect(Math.min(...us)).toBeGreaterThan(0);
    expect(Math.max(...us)).toBeLessThan(1);
    expect(us.filter((x) => x < 0.5).length).toBeGreaterThan(900);
    expect(us.filter((x) => x < 0.5).length).toBeLessThan(1100);
  });
});

describe('targeted samples', () => {
  it('take every session the filters let through, oldest first, up to the cap', () => {
    const pool = candidates({ a: 5 });
    expect(ids(selectSample([...pool].reverse(), { kind: 'targeted' }, { seed: 's' }))).toEqual(ids(pool));
    expect(selectSample(pool, { kind: 'targeted' }, { seed: 's', cap: 3 })).toHaveLength(3);
  });
});

describe('stratified samples', () => {
  const pool = candidates({ a: 30, b: 12, c: 2 });

  it('take N per agent (all of an agent with fewer), one from each slice of the period', () => {
    const sample = selectSample(pool, { kind: 'stratified', perAgent: { count: 3 } }, { seed: 's' });
    const ofA = sample.filter((x) => x.agentId === 'a').map((x) => Number(x.sessionId.slice(2)));
    expect(ofA).toHaveLength(3);
    expect(ofA.sort((x, y) => x - y).map((i) => Math.floor(i / 10))).toEqual([0, 1, 2]);
    expect(sample.filter((x) => x.agentId === 'c')).toHaveLength(2);
  });

  it('take a share per agent', () => {
    const sample = selectSample(pool, { kind: 'stratified', perAgent: { share: 0.25 } }, { seed: 's' });
    expect(sample.filter((x) => x.agentId === 'a')).toHaveLength(8);
    expect(sample.filter((x) => x.agentId === 'b')).toHaveLength(3);
  });

  it('cap every agent a little rather than dropping the last agents', () => {
    const sample = selectSample(pool, { kind: 'stratified', perAgent: { count: 5 } }, { seed: 's', cap: 6 });
    expect(new Set(sample.map((x) => x.agentId))).toEqual(new Set(['a', 'b', 'c']));
  });
});

describe('risk-weighted samples', () => {
  const calm = candidates({ a: 90 }, { score: 95 });
  const risky = candidates({ z: 10 }, { score: 50, redLine: true });

  it('oversample risky sessions and say why each was picked', () => {
    let riskyPicked = 0;
    for (let s = 0; s < 200; s++) {
      const sample = selectSample([...calm, ...risky], { kind: 'risk', count: 10 }, { seed: `r${s}` });
      riskyPicked += sample.filter((x) => x.agentId === 'z').length;
    }
    // Uniform sampling would pick 1 risky in 10; weight 9 against 1 picks far more.
    expect(riskyPicked / 200).toBeGreaterThan(4);
    const one = selectSample(risky, { kind: 'risk', count: 1 }, { seed: 'x' })[0];
    expect(one.weight).toBe(1 + 3 + 5);
    expect(one.signals).toEqual(['lowScore', 'redLine']);
  });

  it('use the weights given by the plan', () => {
    const [x] = selectSample(risky, { kind: 'risk', count: 1, weights: { redLine: 0, lowScore: 1 } }, { seed: 'x' });
    expect(x.weight).toBe(2);
  });
});

describe('assignment', () => {
  const sample = selectSample(candidates({ a: 10, b: 10, n: 10 }), { kind: 'targeted' }, { seed: 's' });

  it('largest remainder quotas add up exactly', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [2, 1])).toEqual([5, 2]);
  });

  it('splits evenly, and each inspector sees several agents', () => {
    const { assignments, unassigned } = assignSample(sample, [{ id: 'i1' }, { id: 'i2' }, { id: 'i3' }], 'even');
    expect(unassigned).toEqual([]);
    const per = (id: string) => assignments.filter((a) => a.inspectorId === id);
    expect([per('i1').length, per('i2').length, per('i3').length]).toEqual([10, 10, 10]);
    const agentsOf = (id: string) => new Set(per(id).map((a) => a.sessionId[0]));
    expect(agentsOf('i1').size).toBeGreaterThan(1);
  });

  it('splits by weight and respects caps, overflowing to inspectors with room', () => {
    const weighted = assignSample(
      sample,
      [
        { id: 'senior', weight: 2 },
        { id: 'junior', weight: 1 },
      ],
      'weighted',
    );
    expect(weighted.assignments.filter((a) => a.inspectorId === 'senior')).toHaveLength(20);
    const capped = assignSample(sample, [{ id: 'full', cap: 5, load: 3 }, { id: 'free' }], 'even');
    expect(capped.assignments.filter((a) => a.inspectorId === 'full')).toHaveLength(2);
    expect(capped.assignments.filter((a) => a.inspectorId === 'free')).toHaveLength(28);
  });

  it('leaves unassigned what no one has room for', () => {
    const { assignments, unassigned } = assignSample(
      sample,
      [
        { id: 'i1', cap: 4 },
        { id: 'i2', cap: 6 },
      ],
      'even',
    );
    expect(assignments).toHaveLength(10);
    expect(unassigned).toHaveLength(20);
  });

  it('by team: only inspectors covering the team', () => {
    const { assignments, unassigned } = assignSample(
      sample,
      [
        { id: 'i1', teams: ['t1'] },
        { id: 'i2', teams: ['t2'] },
      ],
      'by-team',
    );
    expect(unassigned).toEqual([]);
    for (const a of assignments) expect(a.inspectorId).toBe(a.sessionId[0] < 'm' ? 'i1' : 'i2');
  });
});

describe('margins per agent', () => {
  it('previews the margin of each agent with the finite-population correction', () => {
    const [m] = agentMargins([{ agentId: 'a', population: 40, sampled: 10, passRate: 0.8, scoreSd: 8 }]);
    expect(m.meanScoreMargin).toBeCloseTo(5.02, 2);
    expect(m.passRateMargin).toBeGreaterThan(0.1);
    expect(agentMargins([{ agentId: 'b', population: 10, sampled: 10 }])[0]).toMatchObject({
      passRateMargin: 0,
      meanScoreMargin: 0,
    });
  });

  it('sizes a plan to reach a target margin (p = 0.85, ±10 points, 400 sessions → 44)', () => {
    expect(sizeForTarget([{ agentId: 'a', population: 400, passRate: 0.85 }], { passRatePoints: 10 })[0].needed).toBe(
      44,
    );
    const both = sizeForTarget([{ agentId: 'a', population: 400, passRate: 0.85, scoreSd: 8 }], {
      passRatePoints: 10,
      meanScorePoints: 1,
    })[0];
    expect(both.needed).toBeGreaterThan(44);
    expect(sizeForTarget([{ agentId: 'c', population: 6 }], { meanScorePoints: 1 })[0].needed).toBe(6);
  });
});

describe('inspected figures (what the submitted reviews say)', () => {
  // Ten scores with mean 80 and sample sd exactly 8: five at 80 + a, five at 80 − a, a = 8·√0.9.
  const a = 8 * Math.sqrt(0.9);
  const scores = [...Array(5).fill(80 + a), ...Array(5).fill(80 - a)].map((total) => ({ total, passed: total >= 75 }));

  it('mean ± t(0.975, 9)·s/√n, with the finite-population correction (RESEARCH.md worked values)', () => {
    const big = inspectedFigures(1_000_000, scores)!;
    expect(big.mean).toBeCloseTo(80, 9);
    expect(big.meanHigh! - big.mean).toBeCloseTo(5.72, 2); // s = 8, n = 10
    const ofForty = inspectedFigures(40, scores)!;
    expect(ofForty.meanHigh! - ofForty.mean).toBeCloseTo(5.02, 2); // 10 of 40 chats
  });

  it('the pass rate is a Wilson interval: 18 of 20 → 69.9–97.2 %', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ total: 80, passed: i >= 2 }));
    const f = inspectedFigures(10_000_000, twenty)!;
    expect(f.passRate).toBe(0.9);
    expect(f.passRateLow).toBeCloseTo(0.699, 3);
    expect(f.passRateHigh).toBeCloseTo(0.972, 3);
  });

  it('nothing inspected: null; one inspected: no t-interval', () => {
    expect(inspectedFigures(40, [])).toBeNull();
    expect(inspectedFigures(40, [{ total: 70, passed: false }])).toMatchObject({
      n: 1,
      mean: 70,
      meanLow: null,
      meanHigh: null,
    });
  });
});
