import { ERROR_CODES } from '@core/errors';
import {
  decideItem,
  expireAppeal,
  fileAppeal,
  scoreAfterAppeal,
  type Appeal,
  type AppealContext,
  type Arbiter,
} from '@core/inspection/appeal.model';
import { addHit, setVerdict, submitReview, type Review } from '@core/inspection/review.model';
import { codeOf, AUTOMATIC, CARD, ctx, DAY, draft, keyOf, NOW } from './support/inspection.factories';

/**
 * The reviewed session: promise rejected, 「推诿」 added on message 1.
 * service 60 − 10 (waits, capped) − 10 (rude) + 5 (thanks) = 45, compliance 40: 85.
 */
const SUBMITTED_AT = NOW + 1000;
function reviewed(): Review {
  let r = setVerdict(draft(), ctx, keyOf('promise', 5), 'rejected', '只是复述', NOW);
  r = addHit(r, ctx, { ruleId: 'rude', messageIndex: 1, note: '推诿' }, NOW);
  return submitReview(r, ctx, SUBMITTED_AT);
}
const REVIEW = reviewed();
const actx: AppealContext = { scorecard: CARD, automatic: AUTOMATIC, review: REVIEW };
const WAIT1 = keyOf('wait', 1);
const RUDE = 'added:1';
const SUPERVISOR: Arbiter = { id: 'sup-1', role: 'supervisor', team: 't1' };
const FILED_AT = SUBMITTED_AT + 2 * DAY;

function filed(): Appeal {
  return fileAppeal(
    undefined,
    actx,
    {
      agentId: 'agent-1',
      items: [
        { key: RUDE, reason: '客户问的是别的部门的事，我已转接' },
        { key: WAIT1, reason: '系统查询确实需要时间' },
      ],
    },
    FILED_AT,
  );
}

describe('filing an appeal', () => {
  it('opens it item by item with the points at stake and each item’s decision deadline', () => {
    const a = filed();
    expect(a).toMatchObject({
      sessionId: 'sess-1',
      inspectorId: 'insp-1',
      agentId: 'agent-1',
      team: 't1',
      status: 'open',
    });
    expect(a.items.map((i) => [i.key, i.ruleId, i.points, i.status, i.decideBy])).toEqual([
      [RUDE, 'rude', -10, 'pending', FILED_AT + 7 * DAY],
      [WAIT1, 'wait', -5, 'pending', FILED_AT + 7 * DAY],
    ]);
    expect(scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, a).total).toBe(85);
  });

  it('adds items to the agent’s open appeal', () => {
    const more = fileAppeal(
      filed(),
      actx,
      { agentId: 'agent-1', items: [{ key: keyOf('wait', 2), reason: '同上' }] },
      FILED_AT + 1,
    );
    expect(more.items.map((i) => i.key)).toEqual([RUDE, WAIT1, keyOf('wait', 2)]);
    expect(more.items[2].decideBy).toBe(FILED_AT + 1 + 7 * DAY);
  });

  it('is allowed up to the end of the window and refused from then on (7 days by default)', () => {
    const request = { agentId: 'agent-1', items: [{ key: RUDE, reason: '理由' }] };
    expect(fileAppeal(undefined, actx, request, SUBMITTED_AT + 7 * DAY - 1).status).toBe('open');
    expect(codeOf(() => fileAppeal(undefined, actx, request, SUBMITTED_AT + 7 * DAY))).toBe(
      ERROR_CODES.APPEAL_WINDOW_CLOSED,
    );
  });

  it('follows a configured window', () => {
    const request = { agentId: 'agent-1', items: [{ key: RUDE, reason: '理由' }] };
    const policy = { windowMs: 3 * DAY, decideWithinMs: 2 * DAY };
    expect(codeOf(() => fileAppeal(undefined, actx, request, SUBMITTED_AT + 3 * DAY, policy))).toBe(
      ERROR_CODES.APPEAL_WINDOW_CLOSED,
    );
    expect(fileAppeal(undefined, actx, request, SUBMITTED_AT + DAY, policy).items[0].decideBy).toBe(
      SUBMITTED_AT + 3 * DAY,
    );
  });

  it('refuses an item appealed twice, in one request or across two', () => {
    const twice = {
      agentId: 'agent-1',
      items: [
        { key: RUDE, reason: 'a' },
        { key: RUDE, reason: 'b' },
      ],
    };
    expect(codeOf(() => fileAppeal(undefined, actx, twice, FILED_AT))).toBe(ERROR_CODES.APPEAL_DUPLICATE_ITEM);
    const again = { agentId: 'agent-1', items: [{ key: WAIT1, reason: '再申诉' }] };
    expect(codeOf(() => fileAppeal(filed(), actx, again, FILED_AT))).toBe(ERROR_CODES.APPEAL_DUPLICATE_ITEM);
  });

  it('needs a reason for every item, and at least one item', () => {
    const blank = { agentId: 'agent-1', items: [{ key: RUDE, reason: '  ' }] };
    expect(codeOf(() => fileAppeal(undefined, actx, blank, FILED_AT))).toBe(ERROR_CODES.INPUT_INVALID);
    expect(codeOf(() => fileAppeal(undefined, actx, { agentId: 'agent-1', items: [] }, FILED_AT))).toBe(
      ERROR_CODES.INPUT_INVALID,
    );
  });

  it('only names hits that count in the manual score (not a rejected one, not an unknown one)', () => {
    for (const key of [keyOf('promise', 5), 'added:7']) {
      const request = { agentId: 'agent-1', items: [{ key, reason: '理由' }] };
      expect(codeOf(() => fileAppeal(undefined, actx, request, FILED_AT))).toBe(ERROR_CODES.APPEAL_BAD_ITEM);
    }
  });

  it('is for the reviewed agent alone, and only once the review is submitted', () => {
    const request = { agentId: 'agent-2', items: [{ key: RUDE, reason: '理由' }] };
    expect(codeOf(() => fileAppeal(undefined, actx, request, FILED_AT))).toBe(ERROR_CODES.AUTH_FORBIDDEN);
    const onDraft = { ...actx, review: { ...REVIEW, status: 'draft' as const, submittedAt: undefined } };
    expect(codeOf(() => fileAppeal(undefined, onDraft, { ...request, agentId: 'agent-1' }, FILED_AT))).toBe(
      ERROR_CODES.APPEAL_BAD_TRANSITION,
    );
  });

  it('cannot add items to a closed appeal', () => {
    let a = decideItem(filed(), actx, RUDE, { outcome: 'upheld' }, SUPERVISOR, FILED_AT + 1);
    a = decideItem(a, actx, WAIT1, { outcome: 'upheld' }, SUPERVISOR, FILED_AT + 1);
    const more = { agentId: 'agent-1', items: [{ key: keyOf('wait', 2), reason: '理由' }] };
    expect(codeOf(() => fileAppeal(a, actx, more, FILED_AT + 2))).toBe(ERROR_CODES.APPEAL_BAD_TRANSITION);
  });
});

describe('arbitration', () => {
  it('overturned drops the hit: service 60 − 10 + 5 = 55, total 95', () => {
    const a = decideItem(
      filed(),
      actx,
      RUDE,
      { outcome: 'overturned', note: ' 已转接，不算推诿 ' },
      SUPERVISOR,
      FILED_AT + DAY,
    );
    expect(a.items[0]).toMatchObject({
      status: 'overturned',
      decision: { outcome: 'overturned', note: '已转接，不算推诿', by: 'sup-1', at: FILED_AT + DAY },
    });
    const s = scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, a);
    expect(s.total).toBe(95);
    expect(s.dropped.map((h) => h.key)).toContain(RUDE);
  });

  it('upheld changes nothing: still 85', () => {
    const a = decideItem(filed(), actx, RUDE, { outcome: 'upheld' }, SUPERVISOR, FILED_AT + DAY);
    expect(scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, a).total).toBe(85);
  });

  it('partly re-points the hit: rude −4 gives service 60 − 10 − 4 + 5 = 51, total 91', () => {
    const a = decideItem(filed(), actx, RUDE, { outcome: 'partly', points: -4 }, SUPERVISOR, FILED_AT + DAY);
    const s = scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, a);
    expect(s.hits.find((h) => h.key === RUDE)).toMatchObject({ points: -4, adjusted: true });
    expect(s.total).toBe(91);
  });

  it('partly under a cap frees room the next finding takes, as the engine would: waits −2 −5 −3', () => {
    const a = decideItem(filed(), actx, WAIT1, { outcome: 'partly', points: -2 }, SUPERVISOR, FILED_AT + DAY);
    const s = scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, a);
    expect(s.hits.filter((h) => h.ruleId === 'wait').map((h) => h.points)).toEqual([-2, -5, -3]);
    expect(s.total).toBe(85);
  });

  it.each([
    ['the full points', -10],
    ['zero', 0],
    ['the other sign', 3],
    ['more than the rule', -12],
    ['nothing', undefined],
  ])('refuses partly with %s', (_what, points) => {
    expect(codeOf(() => decideItem(filed(), actx, RUDE, { outcome: 'partly', points }, SUPERVISOR, FILED_AT))).toBe(
      ERROR_CODES.APPEAL_BAD_POINTS,
    );
  });

  it('is final: a second decision on an item is refused', () => {
    const a = decideItem(filed(), actx, RUDE, { outcome: 'upheld' }, SUPERVISOR, FILED_AT + 1);
    expect(codeOf(() => decideItem(a, actx, RUDE, { outcome: 'overturned' }, SUPERVISOR, FILED_AT + 2))).toBe(
      ERROR_CODES.APPEAL_ALREADY_DECIDED,
    );
  });

  it.each([
    ['a supervisor of another team', { id: 'sup-2', role: 'supervisor', team: 't2' }],
    ['a supervisor without a team', { id: 'sup-3', role: 'supervisor' }],
    ['an inspector of the team', { id: 'insp-1', role: 'inspector', team: 't1' }],
    ['the agent', { id: 'agent-1', role: 'agent', team: 't1' }],
    ['an admin', { id: 'adm', role: 'admin', team: 't1' }],
  ] as [string, Arbiter][])('is refused to %s', (_who, arbiter) => {
    expect(codeOf(() => decideItem(filed(), actx, RUDE, { outcome: 'overturned' }, arbiter, FILED_AT))).toBe(
      ERROR_CODES.APPEAL_NOT_ARBITER,
    );
  });

  it('refuses an item the appeal does not hold', () => {
    expect(codeOf(() => decideItem(filed(), actx, 'added:9', { outcome: 'upheld' }, SUPERVISOR, FILED_AT))).toBe(
      ERROR_CODES.APPEAL_BAD_ITEM,
    );
  });

  it('closes the appeal as decided once every item is decided', () => {
    let a = decideItem(filed(), actx, RUDE, { outcome: 'overturned' }, SUPERVISOR, FILED_AT + 1);
    expect(a.status).toBe('open');
    a = decideItem(a, actx, WAIT1, { outcome: 'upheld' }, SUPERVISOR, FILED_AT + 2);
    expect(a).toMatchObject({ status: 'decided', closedAt: FILED_AT + 2 });
  });
});

describe('deadlines', () => {
  const due = FILED_AT + 7 * DAY;

  it('leave an appeal alone before the decision deadline', () => {
    const a = filed();
    expect(expireAppeal(a, due - 1)).toBe(a);
  });

  it('expire undecided items at the deadline; the findings stand and the appeal closes as expired', () => {
    let a = decideItem(filed(), actx, RUDE, { outcome: 'overturned' }, SUPERVISOR, FILED_AT + 1);
    a = expireAppeal(a, due);
    expect(a.items.map((i) => i.status)).toEqual(['overturned', 'expired']);
    expect(a).toMatchObject({ status: 'expired', closedAt: due });
    // The overturned item still counts for the agent; the expired one changes nothing: 95.
    expect(scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, a).total).toBe(95);
  });

  it('refuse a decision past the deadline, whether or not the sweep has expired the item yet', () => {
    expect(codeOf(() => decideItem(filed(), actx, RUDE, { outcome: 'upheld' }, SUPERVISOR, due))).toBe(
      ERROR_CODES.APPEAL_WINDOW_CLOSED,
    );
    expect(
      codeOf(() => decideItem(expireAppeal(filed(), due), actx, RUDE, { outcome: 'upheld' }, SUPERVISOR, due)),
    ).toBe(ERROR_CODES.APPEAL_WINDOW_CLOSED);
  });

  it('are counted per item: a later item keeps its own arbitration time', () => {
    const later = fileAppeal(
      filed(),
      actx,
      { agentId: 'agent-1', items: [{ key: keyOf('wait', 2), reason: '理由' }] },
      FILED_AT + 3 * DAY,
    );
    const a = expireAppeal(later, due);
    expect(a.items.map((i) => i.status)).toEqual(['expired', 'expired', 'pending']);
    expect(a.status).toBe('open');
    expect(decideItem(a, actx, keyOf('wait', 2), { outcome: 'upheld' }, SUPERVISOR, due + 1).status).toBe('expired');
  });
});

describe('scoreAfterAppeal', () => {
  it('without an appeal is the manual score', () => {
    expect(scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, undefined).total).toBe(85);
  });

  it('refuses an appeal about another review', () => {
    const other = { ...filed(), inspectorId: 'insp-2' };
    expect(codeOf(() => scoreAfterAppeal(CARD, AUTOMATIC, REVIEW, other))).toBe(ERROR_CODES.APPEAL_BAD_ITEM);
  });
});
