import { isDeepStrictEqual } from 'node:util';
import type { ScoreResult } from '@core/model';
import { ERROR_CODES } from '@core/errors';
import { addHit, hitKey, setVerdict, type Review } from '@core/inspection/review.model';
import { manualScore } from '@core/inspection/review.score';
import { DEFAULT_SCORECARD_V1 } from '@core/scoring/default.scorecard';
import { DEFAULT_SCORECARD_V2 } from '@core/scoring/default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { DEFAULT_SCORECARD_V4 } from '@core/scoring/default.scorecard.v4';
import { DEFAULT_SCORECARD_V5 } from '@core/scoring/default.scorecard.v5';
import { DEFAULT_SCORECARD_V6 } from '@core/scoring/default.scorecard.v6';
import { parseScorecard, type Scorecard } from '@core/scoring/scorecard.schema';
import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import { FINGERPRINT_FACTS, fingerprintCorpora } from '../../../scripts/support/score.fingerprint';
import { AUTOMATIC, CARD, ctx, draft, keyOf, NOW } from './support/inspection.factories';

const reject = (r: Review, key: string) => setVerdict(r, ctx, key, 'rejected', undefined, NOW);
const confirm = (r: Review, key: string) => setVerdict(r, ctx, key, 'confirmed', undefined, NOW);
const points = (s: ScoreResult) => s.hits.map((h) => [h.ruleId, h.messageIndex, h.points]);

describe('the manual score on the worked example (automatic: service 60−10+5 = 55, compliance zeroed, 55)', () => {
  it('equals the automatic score when the inspector changes nothing', () => {
    const s = manualScore(CARD, AUTOMATIC, draft());
    expect(s).toMatchObject({ total: 55, passed: false, redLine: true, automaticTotal: 55, automaticPassed: false });
    expect(points(s)).toEqual(points(AUTOMATIC));
  });

  it('drops a rejected red line: compliance back to 40, total 95, passed', () => {
    const s = manualScore(CARD, AUTOMATIC, reject(draft(), keyOf('promise', 5)));
    expect(s.sections.map((x) => x.score)).toEqual([55, 40]);
    expect(s).toMatchObject({ total: 95, passed: true, redLine: false });
    expect(s.dropped.map((h) => [h.key, h.verdict])).toEqual([['promise@5:1-3', 'rejected']]);
  });

  it('lets the finding past the cap count once a capped one is rejected (−5 −5, still 10 off)', () => {
    const s = manualScore(CARD, AUTOMATIC, reject(draft(), keyOf('wait', 1)));
    expect(points(s).filter(([id]) => id === 'wait')).toEqual([
      ['wait', 2, -5],
      ['wait', 3, -5],
    ]);
    expect(s.sections[0].score).toBe(55);
  });

  it('counts two rejected waits of three as one: service 60−5+5 = 60', () => {
    const s = manualScore(CARD, AUTOMATIC, reject(reject(draft(), keyOf('wait', 1)), keyOf('wait', 2)));
    expect(s.sections[0].score).toBe(60);
    expect(s.total).toBe(60);
  });

  it('counts an added per-session hit with its rule’s points: service 55−10 = 45', () => {
    const s = manualScore(CARD, AUTOMATIC, addHit(draft(), ctx, { ruleId: 'rude', messageIndex: 1 }, NOW));
    expect(s.sections[0].score).toBe(45);
    expect(s.total).toBe(45);
    expect(s.hits.find((h) => h.ruleId === 'rude')).toMatchObject({
      key: 'added:1',
      source: 'added',
      points: -10,
      ruleName: '推诿',
      reason: '推诿：人工补充',
    });
  });

  it('moves a per-session rule’s points once however many hits are added', () => {
    let r = addHit(draft(), ctx, { ruleId: 'rude', messageIndex: 1 }, NOW);
    r = addHit(r, ctx, { ruleId: 'rude', messageIndex: 2, note: '又一次' }, NOW);
    const s = manualScore(CARD, AUTOMATIC, r);
    expect(s.hits.filter((h) => h.ruleId === 'rude').map((h) => h.points)).toEqual([-10, 0]);
    expect(s.sections[0].score).toBe(45);
  });

  it('applies the cap to added occurrences as to automatic ones', () => {
    // waits in 1 and 2 already take the cap; an added wait in message 4 moves nothing.
    const s = manualScore(CARD, AUTOMATIC, addHit(draft(), ctx, { ruleId: 'wait', messageIndex: 4 }, NOW));
    expect(points(s).filter(([id]) => id === 'wait')).toEqual([
      ['wait', 1, -5],
      ['wait', 2, -5],
      ['wait', 3, 0],
      ['wait', 4, 0],
    ]);
  });

  it('counts an added hit over a kept automatic one of the same rule once', () => {
    let r = reject(reject(draft(), keyOf('wait', 2)), keyOf('wait', 3));
    r = addHit(r, ctx, { ruleId: 'wait', messageIndex: 1, span: [5, 7] }, NOW);
    const s = manualScore(CARD, AUTOMATIC, r);
    expect(s.hits.filter((h) => h.ruleId === 'wait').map((h) => [h.source, h.points])).toEqual([
      ['automatic', -5],
      ['added', 0],
    ]);
  });

  it('fails the session on an added fail-session red line, whatever the total', () => {
    let r = reject(draft(), keyOf('promise', 5));
    r = addHit(r, ctx, { ruleId: 'leak', messageIndex: 5 }, NOW);
    const s = manualScore(CARD, AUTOMATIC, r);
    // compliance 40 − 20 = 20, service 55: 75, and failed by the red line anyway.
    expect(s.sections.map((x) => x.score)).toEqual([55, 20]);
    expect(s).toMatchObject({ total: 75, passed: false, redLine: true });
    expect(s.hits.find((h) => h.ruleId === 'leak')?.redLine).toBe(true);
  });

  it('drops a rejected bonus: service 60−10 = 50', () => {
    expect(manualScore(CARD, AUTOMATIC, reject(draft(), keyOf('thanks', 5))).sections[0].score).toBe(50);
  });

  it('keeps confirmed hits exactly as unjudged ones, with the verdict shown', () => {
    const s = manualScore(CARD, AUTOMATIC, confirm(draft(), keyOf('promise', 5)));
    expect(s.total).toBe(55);
    expect(s.hits.find((h) => h.ruleId === 'promise')?.verdict).toBe('confirmed');
  });

  it('refuses an automatic score of another scorecard version', () => {
    const other = { ...AUTOMATIC, scorecardVersion: 2 };
    expect(() => manualScore(CARD, other, draft())).toThrow(
      expect.objectContaining({ code: ERROR_CODES.REVIEW_SCORECARD_MISMATCH }),
    );
  });

  it('refuses a verdict on a hit the automatic score lacks, and an added hit of an unknown rule', () => {
    const stale = draft({ verdicts: [{ key: 'x@1:-', ruleId: 'x', ruleVersion: 1, verdict: 'rejected' }] });
    expect(() => manualScore(CARD, AUTOMATIC, stale)).toThrow(
      expect.objectContaining({ code: ERROR_CODES.REVIEW_UNKNOWN_HIT }),
    );
    const added = addHit(draft(), ctx, { ruleId: 'rude', messageIndex: 1 }, NOW);
    const unknown = { ...added, added: [{ ...added.added[0], ruleId: 'gone' }] };
    expect(() => manualScore(CARD, AUTOMATIC, unknown)).toThrow(
      expect.objectContaining({ code: ERROR_CODES.REVIEW_UNKNOWN_RULE }),
    );
  });
});

/**
 * Against the engine itself on the corpus: a review that changes nothing gives the automatic
 * score; rejecting every hit of one rule gives what the engine gives with that rule disabled.
 */
describe.each([
  ['v1', DEFAULT_SCORECARD_V1],
  ['v2', DEFAULT_SCORECARD_V2],
  ['v3', DEFAULT_SCORECARD_V3],
  ['v4', DEFAULT_SCORECARD_V4],
  ['v5', DEFAULT_SCORECARD_V5],
  ['v6', DEFAULT_SCORECARD_V6],
])('the manual score mirrors the engine on the default scorecard %s', (_v, input) => {
  const card: Scorecard = parseScorecard(input);
  const compiled = compileScorecard(card);
  const [, factsOf] = FINGERPRINT_FACTS[FINGERPRINT_FACTS.length - 1];
  const convs = fingerprintCorpora({ bench: 150, demo: 100 }).flatMap(([, c]) => c);
  const withoutRule = new Map<string, ReturnType<typeof compileScorecard>>();
  const disabled = (ruleId: string) => {
    let c = withoutRule.get(ruleId);
    if (!c) {
      const sections = card.sections.map((s) => ({
        ...s,
        rules: s.rules.map((r) => (r.id === ruleId ? { ...r, enabled: false } : r)),
      }));
      c = compileScorecard({ ...card, sections });
      withoutRule.set(ruleId, c);
    }
    return c;
  };
  const base = (automatic: ScoreResult): Review => ({
    sessionId: 's',
    inspectorId: 'i',
    scorecardId: automatic.scorecardId,
    scorecardVersion: automatic.scorecardVersion,
    status: 'draft',
    verdicts: [],
    added: [],
    annotations: [],
    createdAt: NOW,
    updatedAt: NOW,
  });
  const view = (s: ScoreResult) => ({
    total: s.total,
    passed: s.passed,
    redLine: s.redLine,
    sections: s.sections,
    hits: s.hits.map((h) => [h.ruleId, h.messageIndex, h.span, h.points, h.excerpt]),
  });

  it('names every automatic hit uniquely within its score', () => {
    for (const c of convs) {
      const keys = scoreConversation(compiled, c, factsOf(c)).hits.map(hitKey);
      if (new Set(keys).size !== keys.length)
        expect({ id: c.id, keys }).toEqual({ id: c.id, keys: [...new Set(keys)] });
    }
  });

  it('reproduces every automatic score when nothing is judged', () => {
    let moved = 0;
    for (const c of convs) {
      const automatic = scoreConversation(compiled, c, factsOf(c));
      const s = manualScore(card, automatic, base(automatic));
      if (!isDeepStrictEqual(view(s), view(automatic)))
        expect({ id: c.id, ...view(s) }).toEqual({ id: c.id, ...view(automatic) });
      if (automatic.total !== 100) moved++;
    }
    expect(moved).toBeGreaterThan(convs.length / 4);
  });

  it('equals the engine with a rule disabled when every hit of that rule is rejected', () => {
    let compared = 0;
    for (const c of convs) {
      const automatic = scoreConversation(compiled, c, factsOf(c));
      for (const ruleId of new Set(automatic.hits.map((h) => h.ruleId))) {
        const review = base(automatic);
        review.verdicts = automatic.hits
          .filter((h) => h.ruleId === ruleId)
          .map((h) => ({ key: hitKey(h), ruleId, ruleVersion: h.ruleVersion, verdict: 'rejected' as const }));
        const expected = scoreConversation(disabled(ruleId), c, factsOf(c));
        const s = manualScore(card, automatic, review);
        if (!isDeepStrictEqual(view(s), view(expected))) {
          expect({ id: c.id, ruleId, ...view(s) }).toEqual({ id: c.id, ruleId, ...view(expected) });
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(convs.length / 2);
  });
});
