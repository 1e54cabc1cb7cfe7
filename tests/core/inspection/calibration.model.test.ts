import type { ScoreHit, ScoreResult } from '@core/model';
import { ERROR_CODES } from '@core/errors';
import {
  calibrationResults,
  roundProgress,
  skipSession,
  visibleTo,
  type CalibrationRound,
} from '@core/inspection/calibration.model';
import { hitKey, type Review } from '@core/inspection/review.model';
import { CARD, NOW } from './support/inspection.factories';

const sessions = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

function round(inspectorIds: string[], sessionIds: string[]): CalibrationRound {
  return {
    _id: 'round-1',
    scorecardId: CARD.id,
    scorecardVersion: CARD.version,
    sessionIds,
    inspectorIds,
    skipped: [],
    createdBy: 'sup-1',
    createdAt: NOW,
  };
}

const autoHit = (ruleId: string): ScoreHit => ({
  ruleId,
  ruleVersion: 1,
  messageIndex: 0,
  span: null,
  excerpt: '',
  points: -1,
  reason: '',
});
function automatic(hitsBySession: Record<string, string[]>, ids: string[]): Map<string, ScoreResult> {
  return new Map(
    ids.map((s) => [
      s,
      {
        scorecardId: CARD.id,
        scorecardVersion: CARD.version,
        total: 100,
        passed: true,
        redLine: false,
        sections: [],
        hits: (hitsBySession[s] ?? []).map(autoHit),
      },
    ]),
  );
}

/** A submitted calibration review: `add` rules as added hits, `reject` rules' automatic hits rejected. */
function review(
  inspectorId: string,
  sessionId: string,
  add: string[] = [],
  reject: string[] = [],
  status: Review['status'] = 'submitted',
): Review {
  return {
    sessionId,
    inspectorId,
    scorecardId: CARD.id,
    scorecardVersion: CARD.version,
    calibrationRoundId: 'round-1',
    status,
    verdicts: reject.map((ruleId) => ({
      key: hitKey(autoHit(ruleId)),
      ruleId,
      ruleVersion: 1,
      verdict: 'rejected' as const,
    })),
    added: add.map((ruleId, i) => ({
      key: `added:${i + 1}`,
      ruleId,
      ruleVersion: 1,
      messageIndex: 0,
      span: null,
      excerpt: '',
      note: '',
    })),
    annotations: [],
    createdAt: NOW,
    updatedAt: NOW,
    submittedAt: status === 'submitted' ? NOW : undefined,
  };
}

const criterion = (res: ReturnType<typeof calibrationResults>, ruleId: string) =>
  res.criteria.find((c) => c.ruleId === ruleId)!;

describe('two inspectors: Cohen’s kappa (10 sessions, worked by hand)', () => {
  const ids = sessions(10);
  // 「推诿」: the machine hits s1–s5. A keeps them all; B rejects s5 and adds s6.
  //   both 4, A only 1, B only 1, both clear 4: pₒ = .8, pₑ = .5·.5 + .5·.5 = .5, κ = .6.
  // 「违规承诺」 (the machine never): A adds s1–s5, B adds s1–s3 and s7.
  //   both 3, A only 2, B only 1, both clear 4: pₒ = .7, pₑ = .5·.4 + .5·.6 = .5, κ = .4.
  const auto = automatic(Object.fromEntries(ids.slice(0, 5).map((s) => [s, ['rude']])), ids);
  const aPromise = new Set(['s1', 's2', 's3', 's4', 's5']);
  const bPromise = new Set(['s1', 's2', 's3', 's7']);
  const reviews = ids.flatMap((s) => [
    review('A', s, aPromise.has(s) ? ['promise'] : []),
    review(
      'B',
      s,
      [...(bPromise.has(s) ? ['promise'] : []), ...(s === 's6' ? ['rude'] : [])],
      s === 's5' ? ['rude'] : [],
    ),
  ]);
  const res = calibrationResults(round(['A', 'B'], ids), reviews, CARD, auto);

  it('gives κ = 0.6 for 「推诿」, not ambiguous, with the two split sessions', () => {
    const c = criterion(res, 'rude');
    expect(c.method).toBe('cohen');
    expect(c.value).toBeCloseTo(0.6, 12);
    expect(c.ambiguous).toBe(false);
    expect(c.splits).toEqual([
      { sessionId: 's5', hit: ['A'], clear: ['B'] },
      { sessionId: 's6', hit: ['B'], clear: ['A'] },
    ]);
  });

  it('gives κ = 0.4 for 「违规承诺」 and flags it ambiguous with the sessions where they split', () => {
    const c = criterion(res, 'promise');
    expect(c.value).toBeCloseTo(0.4, 12);
    expect(c.ambiguous).toBe(true);
    expect(c.splits.map((x) => x.sessionId)).toEqual(['s4', 's5', 's7']);
  });

  it('gives human-vs-automatic agreement per rule over every rating (20 pairs)', () => {
    // 「推诿」: 18 of 20 agree; humans and machine each say hit 10 times: pₑ = .5, κ = (.9 − .5)/.5 = .8.
    expect(criterion(res, 'rude').humanVsAutomatic).toEqual({ kappa: expect.closeTo(0.8, 12), observed: 0.9, n: 20 });
    // 「违规承诺」: the machine never hits, humans 9 times: pₒ = pₑ = .55, κ = 0.
    expect(criterion(res, 'promise').humanVsAutomatic).toEqual({ kappa: 0, observed: 0.55, n: 20 });
  });

  it('counts a rule nobody found anywhere as full agreement, not as ambiguous', () => {
    expect(criterion(res, 'leak')).toMatchObject({ value: 1, ambiguous: false, splits: [] });
  });

  it('lists every enabled rule of the scorecard and no disabled one', () => {
    expect(res.criteria.map((c) => c.ruleId)).toEqual(['wait', 'rude', 'thanks', 'promise', 'leak']);
    expect(res).toMatchObject({ complete: true, raters: ['A', 'B'] });
  });
});

describe('three inspectors who rated everything: Fleiss’ kappa', () => {
  // 「推诿」 hit by 3, 0, 2, 1 of 3: Pᵢ = 1, 1, ⅓, ⅓, P̄ = ⅔; p(hit) = 6/12 = .5, Pₑ = .5; κ = ⅓.
  const ids = sessions(4);
  const hits: Record<string, string[]> = { A: ['s1', 's3', 's4'], B: ['s1', 's3'], C: ['s1'] };
  const reviews = Object.entries(hits).flatMap(([i, hs]) =>
    ids.map((s) => review(i, s, hs.includes(s) ? ['rude'] : [])),
  );

  it('gives κ = 1/3, ambiguous', () => {
    const c = criterion(calibrationResults(round(['A', 'B', 'C'], ids), reviews, CARD, automatic({}, ids)), 'rude');
    expect(c.method).toBe('fleiss');
    expect(c.value).toBeCloseTo(1 / 3, 12);
    expect(c.ambiguous).toBe(true);
    expect(c.splits.map((x) => x.sessionId)).toEqual(['s3', 's4']);
  });
});

describe('an inspector skipped sessions: Krippendorff’s alpha (nominal)', () => {
  // s1: hit hit —; s2: clear ×3; s3: hit clear hit; s4: clear clear —.
  // Coincidences: o(h,h) = 2 + 1 = 3, o(h,c) = o(c,h) = 1, o(c,c) = 3 + 2 = 5; n_h = 4, n_c = 6, n = 10.
  // Dₒ = 2/10, Dₑ = 2·4·6/(10·9) = 48/90; α = 1 − .2/(48/90) = .625.
  const ids = sessions(4);
  let r = round(['A', 'B', 'C'], ids);
  r = skipSession(skipSession(r, 'C', 's1'), 'C', 's4');
  const reviews = [
    review('A', 's1', ['rude']),
    review('B', 's1', ['rude']),
    ...['A', 'B', 'C'].map((i) => review(i, 's2')),
    review('A', 's3', ['rude']),
    review('B', 's3'),
    review('C', 's3', ['rude']),
    review('A', 's4'),
    review('B', 's4'),
  ];

  it('gives α = 0.625 over the pairable ratings, not ambiguous', () => {
    const res = calibrationResults(r, reviews, CARD, automatic({}, ids));
    const c = criterion(res, 'rude');
    expect(c.method).toBe('krippendorff');
    expect(c.value).toBeCloseTo(0.625, 12);
    expect(c.ambiguous).toBe(false);
    expect(c.splits).toEqual([{ sessionId: 's3', hit: ['A', 'C'], clear: ['B'] }]);
    expect(res.complete).toBe(true);
  });

  it('leaves out drafts, other rounds and strangers', () => {
    const noise = [
      review('C', 's1', [], [], 'draft'),
      { ...review('C', 's4', ['rude']), calibrationRoundId: 'round-2' },
      review('Z', 's2', ['rude']),
    ];
    const c = criterion(calibrationResults(r, [...reviews, ...noise], CARD, automatic({}, ids)), 'rude');
    expect(c.value).toBeCloseTo(0.625, 12);
  });

  it('says which statistic it could not compute with one rater', () => {
    const one = calibrationResults(
      r,
      reviews.filter((x) => x.inspectorId === 'A'),
      CARD,
      automatic({}, ids),
    );
    expect(criterion(one, 'rude')).toMatchObject({ method: 'none', raters: 1, ambiguous: false });
    expect(criterion(one, 'rude').value).toBeNaN();
  });

  it('refuses a scorecard other than the round’s', () => {
    expect(() => calibrationResults(r, reviews, { ...CARD, version: 9 }, automatic({}, ids))).toThrow(
      expect.objectContaining({ code: ERROR_CODES.REVIEW_SCORECARD_MISMATCH }),
    );
  });
});

describe('blind answers', () => {
  const ids = sessions(2);
  const r = round(['A', 'B'], ids);
  const aDone = [review('A', 's1'), review('A', 's2', ['rude'])];

  it('shows an inspector only their own reviews while anyone is still working', () => {
    const reviews = [...aDone, review('B', 's1', ['rude']), review('B', 's2', [], [], 'draft')];
    expect(visibleTo('A', r, reviews)).toMatchObject({ revealed: false, waitingFor: ['B'] });
    expect(visibleTo('A', r, reviews).reviews.map((x) => x.inspectorId)).toEqual(['A', 'A']);
    expect(visibleTo('B', r, reviews).reviews.map((x) => x.inspectorId)).toEqual(['B', 'B']);
    expect(visibleTo('sup-1', r, reviews).reviews).toEqual([]);
  });

  it('reveals every submitted review once each inspector has submitted (or skipped) every session', () => {
    const reviews = [...aDone, review('B', 's1', ['rude'])];
    expect(visibleTo('A', r, reviews).revealed).toBe(false);
    const skipped = skipSession(r, 'B', 's2');
    const v = visibleTo('A', skipped, reviews);
    expect(v).toMatchObject({ revealed: true, waitingFor: [] });
    expect(v.reviews).toHaveLength(3);
  });

  it('tracks progress per inspector', () => {
    expect(roundProgress(r, aDone)).toEqual({ done: { A: 2, B: 0 }, waitingFor: ['B'], complete: false });
  });

  it('lets only the round’s inspectors skip only the round’s sessions, once', () => {
    expect(() => skipSession(r, 'Z', 's1')).toThrow(expect.objectContaining({ code: ERROR_CODES.AUTH_FORBIDDEN }));
    expect(() => skipSession(r, 'A', 's9')).toThrow(expect.objectContaining({ code: ERROR_CODES.INPUT_INVALID }));
    const once = skipSession(r, 'A', 's1');
    expect(skipSession(once, 'A', 's1')).toBe(once);
  });
});
