/**
 * The back-test accumulator on hand-made scores: flips, the change by agent and team with its
 * t-interval, alerts per day, precision and recall against verdicts, and that folding chunk by
 * chunk and merging partial results give the same answer as one fold.
 */
import {
  emptyAggregate,
  FLIPS_LISTED,
  foldSamples,
  judge,
  mergeAggregates,
  type BacktestSample,
} from '../../../cloudfunctions/core/backtest/backtest.aggregate';
import { judgementOf, siteOfHitKey } from '../../../cloudfunctions/core/backtest/backtest.judgement';
import { backtestReport } from '../../../cloudfunctions/core/backtest/backtest.report';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { hitKey, type Review } from '../../../cloudfunctions/core/inspection/review.model';
import type { ScoreHit, ScoreResult } from '../../../cloudfunctions/core/model';

function hit(ruleId: string, messageIndex: number | null, points = -5, redLine = false): ScoreHit {
  return {
    ruleId,
    ruleVersion: 1,
    messageIndex,
    span: messageIndex === null ? null : [0, 2],
    excerpt: '…',
    points,
    reason: ruleId,
    ...(redLine ? { redLine } : {}),
  };
}

function score(total: number, hits: ScoreHit[] = [], passMark = 80): ScoreResult {
  return {
    scorecardId: 'default',
    scorecardVersion: 2,
    total,
    passed: total >= passMark && !hits.some((h) => h.redLine),
    redLine: hits.some((h) => h.redLine),
    sections: [],
    hits,
  };
}

function sample(id: string, live: number, draft: number, over: Partial<BacktestSample> = {}): BacktestSample {
  return {
    sessionId: id,
    agentId: 'kf001',
    team: 'A',
    startedAt: 1000,
    live: score(live),
    draft: score(draft),
    ...over,
  };
}

const policies = DEFAULT_POLICY_SET;

describe('back-test accumulator', () => {
  it('counts flips both ways and lists them, largest change first', () => {
    const agg = foldSamples(
      emptyAggregate(),
      [sample('s1', 85, 70), sample('s2', 75, 90), sample('s3', 90, 88), sample('s4', 82, 79)],
      policies,
    );
    expect(agg.flips.toFail).toBe(2);
    expect(agg.flips.toPass).toBe(1);
    expect(agg.flips.listed.map((f) => f.sessionId)).toEqual(['s1', 's2', 's4']);
    expect(agg.flips.listed[0]).toMatchObject({
      live: { total: 85, passed: true },
      draft: { total: 70, passed: false },
    });
    expect(agg.passed).toEqual({ live: 3, draft: 2 });
  });

  it('keeps FLIPS_LISTED flips by name but counts all of them', () => {
    const many = Array.from({ length: FLIPS_LISTED + 50 }, (_, i) =>
      sample(`s${String(i).padStart(4, '0')}`, 90, 70 - (i % 7)),
    );
    const agg = foldSamples(emptyAggregate(), many, policies);
    expect(agg.flips.toFail).toBe(FLIPS_LISTED + 50);
    expect(agg.flips.listed).toHaveLength(FLIPS_LISTED);
    // The biggest drops (70 - 6 = 64, a change of 26) come first.
    expect(agg.flips.listed[0].draft.total).toBe(64);
  });

  it('averages the change per agent and team with a t-interval', () => {
    const agg = foldSamples(
      emptyAggregate(),
      [
        sample('a1', 90, 80, { agentId: 'kf001', team: 'A' }),
        sample('a2', 90, 84, { agentId: 'kf001', team: 'A' }),
        sample('a3', 90, 86, { agentId: 'kf001', team: 'A' }),
        sample('b1', 70, 72, { agentId: 'kf002', team: 'B' }),
        sample('c1', 70, 70, { agentId: undefined, team: undefined }),
      ],
      policies,
    );
    const report = backtestReport(agg, 7);
    const kf001 = report.byAgent.find((a) => a.key === 'kf001')!;
    // Changes -10, -6, -4: mean -6.667, sd 3.055, t(0.975, 2) = 4.3027 → margin 7.589.
    expect(kf001.n).toBe(3);
    expect(kf001.mean).toBeCloseTo(-6.6667, 3);
    expect(kf001.low).toBeCloseTo(-6.6667 - 7.589, 2);
    expect(kf001.high).toBeCloseTo(-6.6667 + 7.589, 2);
    // One session: a mean but no interval (null, not Infinity, in JSON).
    expect(report.byAgent.find((a) => a.key === 'kf002')).toEqual({
      key: 'kf002',
      n: 1,
      mean: 2,
      low: null,
      high: null,
    });
    expect(report.byAgent.map((a) => a.key)).toEqual(['kf001', '-', 'kf002']);
    expect(report.byTeam.map((t) => [t.key, t.n])).toEqual([
      ['A', 3],
      ['-', 1],
      ['B', 1],
    ]);
    expect(report.change.n).toBe(5);
    expect(report.change.mean).toBeCloseTo(-18 / 5, 6);
  });

  it('counts the alerts each version would raise after scoring, per day', () => {
    const red = hit('rude-language', 1, -100, true);
    const agg = foldSamples(
      emptyAggregate(),
      [
        // live fails (score-low), draft passes
        sample('x1', 70, 85),
        // both fail; the draft also crosses a red line
        { ...sample('x2', 75, 50), draft: score(50, [red]) },
        // neither
        sample('x3', 95, 95),
      ],
      policies,
    );
    const report = backtestReport(agg, 2);
    expect(report.alertsPerDay.byPolicy).toEqual([
      { policy: 'red-line', live: 0, draft: 0.5, liveCount: 0, draftCount: 1 },
      { policy: 'score-low', live: 1, draft: 0, liveCount: 2, draftCount: 0 },
    ]);
    expect(report.alertsPerDay).toMatchObject({ live: 1, draft: 0.5 });
  });

  it('judges each version against verdicts: confirmed = TP, rejected = FP, added or confirmed but not found = FN', () => {
    const judgement = {
      present: [
        { ruleId: 'greeting-missing', messageIndex: null },
        { ruleId: 'rude-language', messageIndex: 3 },
      ],
      absent: [{ ruleId: 'complaint-risk', messageIndex: 0 }],
    };
    const live = score(60, [hit('greeting-missing', null), hit('complaint-risk', 0), hit('over-promise', 2)]);
    const draft = score(70, [hit('greeting-missing', null), hit('rude-language', 3)]);
    const l = judge(live, judgement);
    expect(Object.fromEntries(l)).toEqual({
      'greeting-missing': { tp: 1, fp: 0, fn: 0 },
      'complaint-risk': { tp: 0, fp: 1, fn: 0 },
      'rude-language': { tp: 0, fp: 0, fn: 1 },
    });
    // over-promise was never judged: it counts nowhere.
    expect(l.has('over-promise')).toBe(false);
    expect(Object.fromEntries(judge(draft, judgement))).toEqual({
      'greeting-missing': { tp: 1, fp: 0, fn: 0 },
      'rude-language': { tp: 1, fp: 0, fn: 0 },
    });

    // Two spans of one rule in one message are one finding.
    const twice = score(60, [hit('complaint-risk', 0), { ...hit('complaint-risk', 0), span: [5, 7] }]);
    expect(judge(twice, judgement).get('complaint-risk')).toEqual({ tp: 0, fp: 1, fn: 0 });

    const agg = foldSamples(emptyAggregate(), [{ ...sample('r1', 60, 70), live, draft, judgement }], policies);
    const report = backtestReport(agg, 1);
    expect(report.reviewed).toBe(1);
    const complaint = report.rules.find((r) => r.ruleId === 'complaint-risk')!;
    expect(complaint.live.precision).toMatchObject({ k: 0, n: 1, estimate: 0 });
    expect(complaint.draft.precision).toMatchObject({ k: 0, n: 0, estimate: null, low: 0, high: 1 });
    const rude = report.rules.find((r) => r.ruleId === 'rude-language')!;
    expect(rude.live.recall).toMatchObject({ k: 0, n: 1, estimate: 0 });
    expect(rude.draft.recall).toMatchObject({ k: 1, n: 1, estimate: 1 });
    // Wilson 1/1: [0.2065, 1].
    expect(rude.draft.recall.low).toBeCloseTo(0.2065, 3);
  });

  it('reads verdicts from the latest submitted review, by rule and message, added hits as present', () => {
    expect(siteOfHitKey(hitKey({ ruleId: 'reply-slow', messageIndex: 4, span: [1, 3] }))).toEqual({
      ruleId: 'reply-slow',
      messageIndex: 4,
    });
    expect(siteOfHitKey(hitKey({ ruleId: 'closing-missing', messageIndex: null, span: null }))).toEqual({
      ruleId: 'closing-missing',
      messageIndex: null,
    });
    const base = {
      sessionId: 's',
      scorecardId: 'default',
      scorecardVersion: 2,
      annotations: [],
      createdAt: 0,
      updatedAt: 0,
    };
    const older: Review = {
      ...base,
      inspectorId: 'i1',
      status: 'submitted',
      submittedAt: 10,
      verdicts: [{ key: 'pii-leak@1:0-3', ruleId: 'pii-leak', ruleVersion: 1, verdict: 'confirmed' }],
      added: [],
    };
    const newer: Review = {
      ...older,
      inspectorId: 'i2',
      submittedAt: 20,
      verdicts: [{ key: 'pii-leak@1:0-3', ruleId: 'pii-leak', ruleVersion: 1, verdict: 'rejected' }],
      added: [
        {
          key: 'added:1',
          ruleId: 'closing-missing',
          ruleVersion: 1,
          messageIndex: null,
          span: null,
          excerpt: '',
          note: '',
        },
      ],
    };
    const draft: Review = { ...newer, inspectorId: 'i3', status: 'draft', submittedAt: undefined, updatedAt: 99 };
    expect(judgementOf([older, newer, draft])).toEqual({
      present: [{ ruleId: 'closing-missing', messageIndex: null }],
      absent: [{ ruleId: 'pii-leak', messageIndex: 1 }],
    });
    expect(judgementOf([draft])).toBeUndefined();
  });

  it('gives the same aggregate folded at once, chunk by chunk, or merged from partial results', () => {
    const judgement = { present: [{ ruleId: 'pii-leak', messageIndex: 1 }], absent: [] };
    const all: BacktestSample[] = Array.from({ length: 30 }, (_, i) =>
      sample(`s${i}`, 60 + ((i * 7) % 40), 60 + ((i * 11) % 40), {
        agentId: `kf00${i % 3}`,
        team: i % 2 ? 'A' : 'B',
        ...(i % 4 === 0 ? { judgement, draft: score(70, [hit('pii-leak', 1)]) } : {}),
      }),
    );
    const once = foldSamples(emptyAggregate(), all, policies);
    let chunked = emptyAggregate();
    for (let i = 0; i < all.length; i += 7) chunked = foldSamples(chunked, all.slice(i, i + 7), policies);
    const merged = mergeAggregates(
      foldSamples(emptyAggregate(), all.slice(0, 13), policies),
      foldSamples(emptyAggregate(), all.slice(13), policies),
    );
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(plain(chunked)).toEqual(plain(once));
    expect(plain(merged)).toEqual(plain(once));
    expect(once.sessions).toBe(30);
    expect(once.rules).toEqual([{ ruleId: 'pii-leak', live: { tp: 0, fp: 0, fn: 8 }, draft: { tp: 8, fp: 0, fn: 0 } }]);
  });

  it('does not change the aggregate it folds into', () => {
    const start = foldSamples(emptyAggregate(), [sample('s1', 85, 70)], policies);
    const copy = JSON.parse(JSON.stringify(start));
    foldSamples(start, [sample('s2', 75, 90)], policies);
    expect(JSON.parse(JSON.stringify(start))).toEqual(copy);
  });
});
