import type { HitVerdict, Review } from '@core/inspection/review.model';
import { rulePrecision } from '@core/inspection/rule-precision';
import { NOW } from './support/inspection.factories';

let seq = 0;
function verdicts(ruleId: string, confirmed: number, rejected: number, ruleVersion = 1, reason?: string): HitVerdict[] {
  const v = (verdict: HitVerdict['verdict']): HitVerdict => ({
    key: `${ruleId}@${seq++}:-`,
    ruleId,
    ruleVersion,
    verdict,
    ...(verdict === 'rejected' && reason ? { reason } : {}),
  });
  return [
    ...Array.from({ length: confirmed }, () => v('confirmed')),
    ...Array.from({ length: rejected }, () => v('rejected')),
  ];
}

function review(inspectorId: string, vs: HitVerdict[], submittedAt: number | null = NOW): Review {
  return {
    sessionId: `sess-${seq++}`,
    inspectorId,
    scorecardId: 'card',
    scorecardVersion: 1,
    status: submittedAt === null ? 'draft' : 'submitted',
    verdicts: vs,
    added: [],
    annotations: [],
    createdAt: NOW,
    updatedAt: NOW,
    ...(submittedAt === null ? {} : { submittedAt }),
  };
}

describe('rule precision from reviewers’ verdicts', () => {
  // promise: 9 confirmed, 3 rejected over two reviewers → 0.75 on 12: flagged.
  // rude: 5 of 9 → too few verdicts to flag. wait: 8 of 10 → exactly 0.8, not below.
  // A draft's 50 confirmations do not count.
  const a = review('A', [...verdicts('promise', 5, 2, 1, '只是复述客户的话'), ...verdicts('rude', 5, 4)]);
  const b = review('B', [...verdicts('promise', 4, 1, 1, '否定句'), ...verdicts('wait', 8, 2)]);
  const draft = review('C', verdicts('promise', 50, 0), null);
  const rows = rulePrecision([a, b, draft]);
  const row = (id: string) => rows.find((r) => r.ruleId === id)!;

  it('gives confirmed / (confirmed + rejected) with the count, drafts left out', () => {
    expect(row('promise')).toMatchObject({ confirmed: 9, rejected: 3, n: 12, precision: 0.75 });
  });

  it('gives the Wilson 95% interval (9/12: 0.468–0.911)', () => {
    expect(row('promise').interval.low).toBeCloseTo(0.4677, 4);
    expect(row('promise').interval.high).toBeCloseTo(0.9111, 4);
  });

  it('flags a rule below 0.8 on at least 10 verdicts, and no other', () => {
    expect(rows.map((r) => [r.ruleId, r.n, r.flagged])).toEqual([
      ['promise', 12, true],
      ['rude', 9, false],
      ['wait', 10, false],
    ]);
  });

  it('follows configured thresholds', () => {
    const strict = rulePrecision([a, b], { minVerdicts: 5, flagBelow: 0.9 });
    expect(strict.filter((r) => r.flagged).map((r) => r.ruleId)).toEqual(['promise', 'rude', 'wait']);
  });

  it('lists the rejection reasons, most frequent first', () => {
    const third = review('A', verdicts('promise', 0, 1, 1, '只是复述客户的话'));
    expect(rulePrecision([a, b, third]).find((r) => r.ruleId === 'promise')!.rejectReasons).toEqual([
      { reason: '只是复述客户的话', count: 3 },
      { reason: '否定句', count: 1 },
    ]);
  });

  it('keeps rule versions apart unless asked to pool them', () => {
    const versions = [review('A', [...verdicts('x', 2, 2, 1), ...verdicts('x', 3, 0, 2)])];
    expect(rulePrecision(versions).map((r) => [r.ruleVersion, r.precision])).toEqual([
      [1, 0.5],
      [2, 1],
    ]);
    expect(rulePrecision(versions, { byVersion: false })).toMatchObject([{ ruleId: 'x', ruleVersion: 2, n: 7 }]);
  });

  it('counts only reviews submitted within [from, to)', () => {
    const timed = [review('A', verdicts('x', 1, 0), NOW), review('A', verdicts('x', 0, 1), NOW + 10)];
    expect(rulePrecision(timed, { from: NOW, to: NOW + 10 })).toMatchObject([{ n: 1, precision: 1 }]);
    expect(rulePrecision(timed, { from: NOW + 1 })).toMatchObject([{ n: 1, precision: 0 }]);
  });
});
