/**
 * The pure parts of the reports: China-calendar periods, a session's contribution, and figures
 * with intervals from counters (worked by hand below).
 */
import {
  contributionSlots,
  replyTimesMs,
  sessionContribution,
  slotId,
  timeBucket,
  type SessionFacts,
} from '../../../cloudfunctions/core/reports/report.contribution';
import { figuresOf, histogramQuantile, mean, rate, t975 } from '../../../cloudfunctions/core/reports/report.figures';
import {
  isoWeekKey,
  parsePeriod,
  periodAt,
  periodOf,
  previousPeriod,
} from '../../../cloudfunctions/core/reports/report.periods';
import { assembleOverview, rangeOf } from '../../../cloudfunctions/core/reports/report.overview';
import { studentTQuantile } from '../../../cloudfunctions/core/stats/distributions';

describe('periods on the China calendar', () => {
  it('puts 23:30 UTC on the next China day, in its week, month, quarter and half-year', () => {
    const at = Date.parse('2026-12-31T23:30:00Z'); // 2027-01-01 07:30 in Beijing
    expect(periodAt('day', at).key).toBe('2027-01-01');
    expect(periodAt('week', at)).toMatchObject({ key: '2026-W53', first: '2026-12-28', last: '2027-01-03' });
    expect(periodAt('month', at)).toMatchObject({ key: '2027-01', first: '2027-01-01', last: '2027-01-31' });
    expect(periodAt('quarter', at)).toMatchObject({ key: '2027-Q1', last: '2027-03-31' });
    expect(periodAt('half', at)).toMatchObject({ key: '2027-H1', last: '2027-06-30' });
  });

  it('numbers ISO weeks (week 1 holds the first Thursday)', () => {
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2021-01-04')).toBe('2021-W01');
    expect(isoWeekKey('2026-12-07')).toBe('2026-W50');
  });

  it('steps back a period and parses keys back, refusing ones that do not exist', () => {
    expect(previousPeriod(periodOf('month', '2026-03-15')).key).toBe('2026-02');
    expect(previousPeriod(periodOf('quarter', '2026-01-15')).key).toBe('2025-Q4');
    expect(previousPeriod(periodOf('half', '2026-08-01')).key).toBe('2026-H1');
    expect(parsePeriod('week', '2020-W53')).toMatchObject({ first: '2020-12-28' });
    expect(parsePeriod('week', '2021-W53')).toBeNull();
    expect(parsePeriod('month', '2026-13')).toBeNull();
    expect(parsePeriod('quarter', '2026-Q3')).toMatchObject({ first: '2026-07-01', last: '2026-09-30' });
  });

  it('gives the drill-down range in epoch ms: China midnight to the next', () => {
    const r = rangeOf(periodOf('day', '2026-12-01'));
    expect(r.from).toBe(Date.parse('2026-11-30T16:00:00Z'));
    expect(r.to - r.from).toBe(86_400_000);
  });
});

const T = Date.parse('2026-12-01T10:00:00+08:00');
const facts = (over: Partial<SessionFacts> = {}): SessionFacts => ({
  sessionId: 's1',
  channel: 'mp-kf',
  startedAt: T,
  endedAt: T + 600_000,
  agentId: 'kf001',
  team: '售前一组',
  issueType: '物流',
  messages: [
    { role: 'customer', at: T },
    { role: 'customer', at: T + 5_000 },
    { role: 'agent', at: T + 12_000 },
    { role: 'customer', at: T + 100_000 },
    { role: 'agent', at: T + 400_000 },
  ],
  rating: { csat: 4, nps: 9, resolved: true },
  score: {
    total: 85,
    passed: true,
    redLine: false,
    scorecardId: 'default',
    scorecardVersion: 2,
    hits: [{ ruleId: 'a.b' }],
  },
  alertPolicies: ['score-low'],
  ...over,
});

describe('a session contribution', () => {
  it('measures each wait from the first customer message of a run to the next agent message', () => {
    expect(replyTimesMs(facts().messages)).toEqual([12_000, 300_000]);
  });

  it('counts, sums and squares in whole seconds, with buckets, ratings, score, hits and alerts', () => {
    const c = sessionContribution(facts());
    expect(c).toMatchObject({
      sessions: 1,
      messages: 5,
      firstResponse: { count: 1, sum: 12, sumSq: 144, hist: { h1: 1 } },
      reply: { count: 2, sum: 312, sumSq: 144 + 90_000, hist: { h1: 1, h6: 1 } },
      handle: { count: 1, sum: 600, sumSq: 360_000 },
      resolved: { count: 1, yes: 1 },
      csat: { count: 1, sum: 4, sumSq: 16, satisfied: 1 },
      nps: { count: 1, promoters: 1, passives: 0, detractors: 0 },
      score: { count: 1, sum: 85, sumSq: 7225, passed: 1, redLine: 0, buckets: { b80: 1 } },
      ruleHits: { a_b: 1 }, // a dot may not appear in a field name
      alerts: { 'score-low': 1 },
      alerted: 1,
    });
    expect(timeBucket(9.9)).toBe('h0');
    expect(timeBucket(3600)).toBe('h9');
  });

  it('marks a customer nobody answered instead of a response time', () => {
    const c = sessionContribution(facts({ messages: [{ role: 'customer', at: T }] }));
    expect(c.unanswered).toBe(1);
    expect(c.firstResponse).toBeUndefined();
  });

  it('lands in everyone’s and the team’s slots of its China day, a missing value as _none', () => {
    const ids = contributionSlots(facts({ businessLine: undefined })).map(slotId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'd:2026-12-01|*|all|all',
        'd:2026-12-01|*|team|售前一组',
        'd:2026-12-01|*|agent|kf001',
        'd:2026-12-01|售前一组|agent|kf001',
        'd:2026-12-01|*|businessLine|_none',
        'd:2026-12-01|售前一组|scorecard|default@v2',
      ]),
    );
    expect(ids).toHaveLength(12);
  });
});

describe('figures from counters', () => {
  it('rates carry Wilson intervals (RESEARCH.md: 8/10 → 49.0-94.3 %)', () => {
    const r = rate(8, 10);
    expect(r.value).toBeCloseTo(0.8, 9);
    expect(r.low).toBeCloseTo(0.49, 3);
    expect(r.high).toBeCloseTo(0.943, 3);
    expect(rate(0, 0).value).toBeNull();
  });

  it('means carry t intervals from n, Σx and Σx² (s = 8, n = 10 → ±5.72)', () => {
    // Ten values with mean 70 and sd 8: Σx = 700, Σx² = 9·64 + 10·4900 = 49,576.
    const m = mean(10, 700, 10 * 4900 + 9 * 64);
    expect(m.value).toBe(70);
    expect(m.sd).toBeCloseTo(8, 9);
    expect(m.high! - 70).toBeCloseTo(5.72, 2);
    expect(mean(1, 70, 4900)).toMatchObject({ value: 70, low: null });
  });

  it('t(0.975, df) is exact to df 100 and within 1e-7 of it above (Cornish-Fisher)', () => {
    expect(t975(9)).toBeCloseTo(2.262157, 6);
    for (const df of [101, 150, 500, 5000]) expect(Math.abs(t975(df) - studentTQuantile(0.975, df))).toBeLessThan(1e-7);
  });

  it('p90 interpolates inside the histogram bucket that crosses 90 %', () => {
    // 10 in [0,10) s, 10 in [10,30) s: the 18th of 20 lies at 8/10 of [10,30) → 26 s.
    expect(histogramQuantile({ h0: 10, h1: 10 }, 0.9)).toEqual({ value: 26, open: false });
    expect(histogramQuantile({ h9: 5 }, 0.9)).toEqual({ value: 3600, open: true });
    expect(histogramQuantile({}, 0.9).value).toBeNull();
  });

  it('NPS is promoters − detractors in points; the overview gives the change from the period before', () => {
    const a = sessionContribution(facts());
    const b = sessionContribution(facts({ rating: { csat: 2, nps: 3, resolved: false } }));
    const f = figuresOf({ ...a, nps: { count: 4, promoters: 2, passives: 1, detractors: 1 } });
    expect(f.nps.value).toBe(25);
    const o = assembleOverview({
      period: periodOf('day', '2026-12-02'),
      previousPeriod: periodOf('day', '2026-12-01'),
      dim: 'all',
      scope: {},
      total: { current: a, previous: b },
    });
    expect(o.total.change.csat).toBe(2);
    expect(o.total.change.resolution).toBe(1);
    expect(o.rows).toEqual([]);
  });
});
