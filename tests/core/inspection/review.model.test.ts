import { ERROR_CODES } from '@core/errors';
import {
  addHit,
  type AddHitInput,
  annotate,
  clearVerdict,
  hitKey,
  removeAddedHit,
  removeAnnotation,
  setVerdict,
  submitReview,
} from '@core/inspection/review.model';
import { codeOf, AUTOMATIC, CONV, ctx, draft, keyOf, NOW } from './support/inspection.factories';

describe('the worked example', () => {
  it('is scored by the engine as the factories say (three waits, one past the cap; a red line)', () => {
    expect(AUTOMATIC.hits.map((h) => [h.ruleId, h.messageIndex, h.points])).toEqual([
      ['wait', 1, -5],
      ['wait', 2, -5],
      ['wait', 3, 0],
      ['promise', 5, -5],
      ['thanks', 5, 5],
    ]);
    expect(AUTOMATIC.sections.map((s) => s.score)).toEqual([55, 0]);
    expect(AUTOMATIC.total).toBe(55);
    expect(AUTOMATIC.redLine).toBe(true);
  });
});

describe('verdicts on automatic hits', () => {
  it('names each automatic hit by rule, message and span, uniquely within the score', () => {
    const keys = AUTOMATIC.hits.map(hitKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyOf('wait', 1)).toBe('wait@1:4-6');
  });

  it('records the verdict with the rule id and version it judged, and a trimmed reason', () => {
    const r = setVerdict(draft(), ctx, keyOf('promise', 5), 'rejected', '  只是复述客户的话 ', NOW + 1);
    expect(r.verdicts).toEqual([
      { key: 'promise@5:1-3', ruleId: 'promise', ruleVersion: 1, verdict: 'rejected', reason: '只是复述客户的话' },
    ]);
    expect(r.updatedAt).toBe(NOW + 1);
  });

  it('replaces an earlier verdict on the same hit instead of adding a second', () => {
    let r = setVerdict(draft(), ctx, keyOf('wait', 1), 'rejected', undefined, NOW);
    r = setVerdict(r, ctx, keyOf('wait', 1), 'confirmed', '', NOW);
    expect(r.verdicts).toEqual([{ key: 'wait@1:4-6', ruleId: 'wait', ruleVersion: 1, verdict: 'confirmed' }]);
  });

  it('takes a verdict back', () => {
    const r = setVerdict(draft(), ctx, keyOf('wait', 1), 'rejected', undefined, NOW);
    expect(clearVerdict(r, keyOf('wait', 1), NOW).verdicts).toEqual([]);
    expect(codeOf(() => clearVerdict(draft(), keyOf('wait', 1), NOW))).toBe(ERROR_CODES.REVIEW_UNKNOWN_HIT);
  });

  it('refuses a verdict for a hit the automatic score does not have', () => {
    expect(codeOf(() => setVerdict(draft(), ctx, 'wait@4:0-2', 'rejected', undefined, NOW))).toBe(
      ERROR_CODES.REVIEW_UNKNOWN_HIT,
    );
  });

  it('does not change the review it was given', () => {
    const before = draft();
    setVerdict(before, ctx, keyOf('wait', 1), 'rejected', undefined, NOW);
    expect(before.verdicts).toEqual([]);
  });
});

describe('hits the inspector adds', () => {
  it('keeps the rule version, the span and an excerpt cut from the masked text', () => {
    const r = addHit(draft(), ctx, { ruleId: 'rude', messageIndex: 1, span: [0, 2], note: ' 语气生硬 ' }, NOW);
    expect(r.added).toEqual([
      {
        key: 'added:1',
        ruleId: 'rude',
        ruleVersion: 1,
        messageIndex: 1,
        span: [0, 2],
        excerpt: '您好，请稍等，我查一下',
        note: '语气生硬',
      },
    ]);
  });

  it('numbers added hits without reusing a removed one’s key', () => {
    let r = addHit(draft(), ctx, { ruleId: 'rude', messageIndex: 1 }, NOW);
    r = addHit(r, ctx, { ruleId: 'rude', messageIndex: 2 }, NOW);
    r = removeAddedHit(r, 'added:1', NOW);
    r = addHit(r, ctx, { ruleId: 'wait', messageIndex: 4 }, NOW);
    expect(r.added.map((a) => a.key)).toEqual(['added:2', 'added:3']);
  });

  it('may concern the whole session (no message, no span)', () => {
    const r = addHit(draft(), ctx, { ruleId: 'rude', messageIndex: null }, NOW);
    expect(r.added[0]).toMatchObject({ messageIndex: null, span: null, excerpt: '' });
  });

  it.each([
    ['a rule the scorecard lacks', { ruleId: 'nope', messageIndex: 1 }, ERROR_CODES.REVIEW_UNKNOWN_RULE],
    ['a disabled rule', { ruleId: 'retired', messageIndex: 1 }, ERROR_CODES.REVIEW_UNKNOWN_RULE],
    ['a message past the last', { ruleId: 'rude', messageIndex: CONV.messages.length }, ERROR_CODES.REVIEW_BAD_MESSAGE],
    ['a negative message index', { ruleId: 'rude', messageIndex: -1 }, ERROR_CODES.REVIEW_BAD_MESSAGE],
    ['a fractional message index', { ruleId: 'rude', messageIndex: 1.5 }, ERROR_CODES.REVIEW_BAD_MESSAGE],
    ['a span past the text', { ruleId: 'rude', messageIndex: 4, span: [0, 3] }, ERROR_CODES.REVIEW_BAD_SPAN],
    ['an empty span', { ruleId: 'rude', messageIndex: 1, span: [2, 2] }, ERROR_CODES.REVIEW_BAD_SPAN],
    ['a reversed span', { ruleId: 'rude', messageIndex: 1, span: [3, 1] }, ERROR_CODES.REVIEW_BAD_SPAN],
    ['a span before the text', { ruleId: 'rude', messageIndex: 1, span: [-1, 1] }, ERROR_CODES.REVIEW_BAD_SPAN],
    ['a span without a message', { ruleId: 'rude', messageIndex: null, span: [0, 1] }, ERROR_CODES.REVIEW_BAD_SPAN],
  ] as [string, AddHitInput, string][])('refuses %s', (_what, input, code) => {
    expect(codeOf(() => addHit(draft(), ctx, input, NOW))).toBe(code);
  });

  it('accepts a span that ends exactly at the end of the message', () => {
    expect(addHit(draft(), ctx, { ruleId: 'rude', messageIndex: 4, span: [0, 2] }, NOW).added[0].excerpt).toBe('好吧');
  });

  it('refuses to remove an added hit that does not exist', () => {
    expect(codeOf(() => removeAddedHit(draft(), 'added:9', NOW))).toBe(ERROR_CODES.REVIEW_UNKNOWN_HIT);
  });
});

describe('annotations', () => {
  it('note a message with a problem type and a span', () => {
    const r = annotate(
      draft(),
      ctx,
      { messageIndex: 5, span: [1, 3], note: '承诺无依据', problemType: '违规承诺' },
      NOW,
    );
    expect(r.annotations).toEqual([
      { key: 'note:1', messageIndex: 5, span: [1, 3], note: '承诺无依据', problemType: '违规承诺' },
    ]);
    expect(removeAnnotation(r, 'note:1', NOW).annotations).toEqual([]);
  });

  it('need a note or a problem type, and a place inside the session', () => {
    expect(codeOf(() => annotate(draft(), ctx, { messageIndex: 1, note: '  ' }, NOW))).toBe(ERROR_CODES.INPUT_INVALID);
    expect(codeOf(() => annotate(draft(), ctx, { messageIndex: 6, note: 'x' }, NOW))).toBe(
      ERROR_CODES.REVIEW_BAD_MESSAGE,
    );
    expect(codeOf(() => annotate(draft(), ctx, { messageIndex: 4, span: [1, 9], note: 'x' }, NOW))).toBe(
      ERROR_CODES.REVIEW_BAD_SPAN,
    );
  });
});

describe('submitting', () => {
  it('moves draft to submitted with the time', () => {
    const r = submitReview(draft(), ctx, NOW + 5);
    expect(r).toMatchObject({ status: 'submitted', submittedAt: NOW + 5, updatedAt: NOW + 5 });
  });

  it('makes the review final: every edit and a second submit are refused', () => {
    const done = submitReview(setVerdict(draft(), ctx, keyOf('wait', 1), 'rejected', undefined, NOW), ctx, NOW);
    const edits = [
      () => setVerdict(done, ctx, keyOf('wait', 2), 'rejected', undefined, NOW),
      () => clearVerdict(done, keyOf('wait', 1), NOW),
      () => addHit(done, ctx, { ruleId: 'rude', messageIndex: 1 }, NOW),
      () => removeAddedHit(done, 'added:1', NOW),
      () => annotate(done, ctx, { messageIndex: 1, note: 'x' }, NOW),
      () => removeAnnotation(done, 'note:1', NOW),
      () => submitReview(done, ctx, NOW),
    ];
    for (const edit of edits) expect(codeOf(edit)).toBe(ERROR_CODES.REVIEW_SUBMITTED);
  });

  it('refuses a draft begun on another version of the scorecard', () => {
    const old = draft({ scorecardVersion: 2 });
    expect(codeOf(() => submitReview(old, ctx, NOW))).toBe(ERROR_CODES.REVIEW_SCORECARD_MISMATCH);
    expect(codeOf(() => setVerdict(old, ctx, keyOf('wait', 1), 'rejected', undefined, NOW))).toBe(
      ERROR_CODES.REVIEW_SCORECARD_MISMATCH,
    );
  });

  it('refuses a draft holding a verdict on a hit the current automatic score lacks', () => {
    const stale = draft({ verdicts: [{ key: 'wait@4:0-2', ruleId: 'wait', ruleVersion: 1, verdict: 'rejected' }] });
    expect(codeOf(() => submitReview(stale, ctx, NOW))).toBe(ERROR_CODES.REVIEW_UNKNOWN_HIT);
  });
});
