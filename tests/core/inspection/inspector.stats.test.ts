import type { Appeal, AppealItem } from '@core/inspection/appeal.model';
import type { CalibrationRound } from '@core/inspection/calibration.model';
import { inspectorStats } from '@core/inspection/inspector.stats';
import type { Review } from '@core/inspection/review.model';
import { NOW } from './support/inspection.factories';

function review(
  inspectorId: string,
  sessionId: string,
  rules: string[],
  took = 60_000,
  status: Review['status'] = 'submitted',
): Review {
  return {
    sessionId,
    inspectorId,
    scorecardId: 'card',
    scorecardVersion: 1,
    calibrationRoundId: 'r1',
    status,
    verdicts: [],
    added: rules.map((ruleId, i) => ({
      key: `added:${i + 1}`,
      ruleId,
      ruleVersion: 1,
      messageIndex: null,
      span: null,
      excerpt: '',
      note: '',
    })),
    annotations: [],
    createdAt: NOW,
    updatedAt: NOW + took,
    ...(status === 'submitted' ? { submittedAt: NOW + took } : {}),
  };
}

const ROUND: CalibrationRound = {
  _id: 'r1',
  scorecardId: 'card',
  scorecardVersion: 1,
  sessionIds: ['s1', 's2'],
  inspectorIds: ['A', 'B', 'C'],
  skipped: [],
  createdBy: 'sup',
  createdAt: NOW,
};

const item = (key: string, status: AppealItem['status']): AppealItem => ({
  key,
  ruleId: 'rude',
  points: -10,
  reason: '理由',
  filedAt: NOW,
  decideBy: NOW + 1,
  status,
});
const appeal = (inspectorId: string, items: AppealItem[]): Appeal => ({
  sessionId: 's9',
  inspectorId,
  agentId: 'agent-1',
  team: 't1',
  status: 'open',
  items,
  openedAt: NOW,
});

describe('per-inspector statistics', () => {
  // s1: A {rude}, B {rude}, C {rude, promise}; s2: A {}, B {wait}, C {wait}.
  // Against the others' majority (ties left out):
  //   A: s1 rude ✓, s1 promise tie, s2 wait ✗ → 1/2.  B: s1 rude ✓, the rest ties → 1/1.
  //   C: s1 rude ✓, s1 promise ✗ (A and B say no), s2 wait tie → 1/2.
  const reviews = [
    review('A', 's1', ['rude'], 60_000),
    review('B', 's1', ['rude']),
    review('C', 's1', ['rude', 'promise']),
    review('A', 's2', [], 180_000),
    review('B', 's2', ['wait']),
    review('C', 's2', ['wait']),
    review('A', 's3', [], 120_000),
    review('A', 's4', ['rude'], 999_000, 'draft'),
  ];
  const appeals = [
    appeal('A', [
      item('k1', 'overturned'),
      item('k2', 'partly'),
      item('k3', 'upheld'),
      item('k4', 'expired'),
      item('k5', 'pending'),
    ]),
  ];
  const stats = inspectorStats(reviews, appeals, { rounds: [ROUND], automatic: new Map() });
  const of = (id: string) => stats.find((s) => s.inspectorId === id)!;

  it('counts submitted reviews and their median time (1, 2 and 3 minutes: 2)', () => {
    expect(of('A')).toMatchObject({ reviews: 3, medianMsPerReview: 120_000 });
  });

  it('gives agreement with the others’ majority in calibration, ties left out', () => {
    expect(of('A').consensus).toEqual({ agreed: 1, compared: 2, share: 0.5 });
    expect(of('B').consensus).toEqual({ agreed: 1, compared: 1, share: 1 });
    expect(of('C').consensus).toEqual({ agreed: 1, compared: 2, share: 0.5 });
  });

  it('gives the share of decided appeal items that went against the inspector (2 of 3)', () => {
    expect(of('A').appeals).toEqual({ decided: 3, overturned: 1, partly: 1, share: 2 / 3 });
    expect(of('B').appeals.share).toBeNaN();
  });
});
