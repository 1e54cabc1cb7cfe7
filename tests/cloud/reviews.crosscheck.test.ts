/**
 * An independent check of the review actions on main, written from the brief by the
 * review helper (its own implementation was superseded by main's): the flow through the real router on the local store: open (with a task, resuming the
 * draft), verdicts (set, cleared), hits added and removed, annotations, submit (final, task done,
 * the agent's notice), who may read and edit, calibration rounds, and the audit trail.
 */
import { costlyKeys, scoredSession } from './inspection.support';
import { customerSays, data, inStore, putDoc } from './alerts.support';
import { callApi, resetStore } from './harness';
import { reviewIdOf } from '../../cloudfunctions/common/reviews.repository';

const INSP = 'insp-9';
const call = (openid: string, action: string, params: Record<string, unknown> = {}) =>
  callApi(openid, { action, ...params }) as Promise<{ ok: boolean; code?: string; data?: never }>;

type W = { session: { own: string }; scored: { own: string; other: string }; hitKey: string };

async function world(): Promise<W> {
  await resetStore();
  await putDoc('users', INSP, { role: 'inspector', name: '质检员小周' });
  const own = await scoredSession('kf001');
  const other = await scoredSession('kf006');
  await customerSays('你好，请问我的订单发货了吗', { customer: 'oCustOpen' });
  const [open] = await inStore<{ _id: string }>('sessions', { customerId: 'oCustOpen' });
  const w: W = {
    session: { own: open._id },
    scored: { own: own.session._id, other: other.session._id },
    hitKey: costlyKeys(own.score)[0],
  };
  await putDoc('reviewTasks', 'tk_plan1_own', {
    planId: 'plan1',
    sessionId: w.scored.own,
    inspectorId: INSP,
    agentId: 'kf001',
    status: 'todo',
    dueAt: Date.now() + 86_400_000,
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  await putDoc('reviewTasks', 'tk_plan1_mine', {
    planId: 'plan1',
    sessionId: w.scored.own,
    inspectorId: 'insp-1',
    status: 'todo',
    dueAt: Date.now(),
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  return w;
}

describe('reviews: the inspector’s flow', () => {
  it('opens, judges, adds, annotates, submits; the task moves, the agent is told, every step is audited', async () => {
    const w = await world();
    const id = reviewIdOf(w.scored.own, INSP);

    // An unscored (open) session cannot be reviewed; another inspector's task cannot be used.
    expect(await call(INSP, 'reviews/open', { sessionId: w.session.own })).toMatchObject({ code: 'REVIEW.NOT_SCORED' });
    expect(await call(INSP, 'reviews/open', { sessionId: w.scored.own, taskId: 'tk_plan1_mine' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });

    const opened = data(await call(INSP, 'reviews/open', { sessionId: w.scored.own, taskId: 'tk_plan1_own' }));
    expect(opened.review).toMatchObject({ _id: id, status: 'draft', inspectorId: INSP, agentId: 'kf001' });
    expect((await inStore('reviewTasks', { _id: 'tk_plan1_own' }))[0]).toMatchObject({
      status: 'in-progress',
      reviewId: id,
    });
    // Opening again resumes the same draft.
    expect(data(await call(INSP, 'reviews/open', { sessionId: w.scored.own })).review._id).toBe(id);

    const first = data(await call(INSP, 'reviews/get', { reviewId: id }));
    expect(first.manual.total).toBe(first.automatic.total);
    const hit = first.automatic.hits[0];
    expect(first.messages.length).toBeGreaterThan(1);

    // 误命中 with a reason (masked: a phone number typed in it is stored cut).
    const rejected = data(
      await call(INSP, 'reviews/verdict', {
        reviewId: id,
        key: w.hitKey,
        verdict: 'rejected',
        reason: '客户说了13812345678',
      }),
    );
    expect(rejected.review.verdicts).toEqual([
      expect.objectContaining({ key: w.hitKey, verdict: 'rejected', ruleId: hit.ruleId }),
    ]);
    expect(rejected.review.verdicts[0].reason).not.toContain('13812345678');
    const afterReject = data(await call(INSP, 'reviews/get', { reviewId: id }));
    expect(afterReject.manual.dropped.map((h: { key: string }) => h.key)).toEqual([w.hitKey]);
    // A rejected deduction gives its points back (the hit is listed as dropped, never counted).
    // (The total need not move: caps and red lines of the fixture's other hits may hold it.)
    expect(afterReject.manual.hits.map((h: { key: string }) => h.key)).not.toContain(w.hitKey);
    expect(afterReject.manual.total).toBeGreaterThanOrEqual(first.automatic.total);
    expect(afterReject.manual.automaticTotal).toBe(first.automatic.total);

    // Cleared, then 真命中.
    expect(
      data(await call(INSP, 'reviews/verdict', { reviewId: id, key: w.hitKey, verdict: null })).review.verdicts,
    ).toEqual([]);
    data(await call(INSP, 'reviews/verdict', { reviewId: id, key: w.hitKey, verdict: 'rejected', reason: '误判' }));
    expect(await call(INSP, 'reviews/verdict', { reviewId: id, key: 'nope@1:-', verdict: 'confirmed' })).toMatchObject({
      code: 'REVIEW.UNKNOWN_HIT',
    });

    // A missed hit: added, removed, added again; bad input refused with stable codes.
    const add = { reviewId: id, ruleId: 'rude-language', messageIndex: 1, span: [0, 2], note: '语气生硬' };
    expect(data(await call(INSP, 'reviews/addHit', add)).review.added).toEqual([
      expect.objectContaining({ key: 'added:1', ruleId: 'rude-language', span: [0, 2], note: '语气生硬' }),
    ]);
    expect(data(await call(INSP, 'reviews/removeHit', { reviewId: id, key: 'added:1' })).review.added).toEqual([]);
    data(await call(INSP, 'reviews/addHit', add));
    expect(await call(INSP, 'reviews/addHit', { ...add, ruleId: 'no-such-rule' })).toMatchObject({
      code: 'REVIEW.UNKNOWN_RULE',
    });
    expect(await call(INSP, 'reviews/addHit', { ...add, span: [0, 999] })).toMatchObject({ code: 'REVIEW.BAD_SPAN' });
    expect(await call(INSP, 'reviews/addHit', { ...add, messageIndex: 99 })).toMatchObject({
      code: 'REVIEW.BAD_MESSAGE',
    });

    // Annotations.
    const note = { reviewId: id, messageIndex: 0, span: null, note: '客户情绪已激动', problemType: '情绪安抚' };
    expect(data(await call(INSP, 'reviews/annotate', note)).review.annotations).toHaveLength(1);
    data(await call(INSP, 'reviews/removeAnnotation', { reviewId: id, key: 'note:1' }));
    const annotated = data(await call(INSP, 'reviews/annotate', note)).review;
    expect(annotated.annotations).toEqual([expect.objectContaining({ problemType: '情绪安抚', messageIndex: 0 })]);

    // Only the owner edits; reading follows the session's team; the agent waits for the submit.
    expect(
      await call('insp-1', 'reviews/verdict', { reviewId: id, key: w.hitKey, verdict: 'confirmed' }),
    ).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(await call('sup-1', 'reviews/submit', { reviewId: id })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await call('insp-1', 'reviews/get', { reviewId: id })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await call('sup-1', 'reviews/get', { reviewId: id })).toMatchObject({ ok: true });
    expect(await call('sup-2', 'reviews/get', { reviewId: id })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await call('agent-1', 'reviews/get', { reviewId: id })).toMatchObject({ code: 'AUTH.FORBIDDEN' });

    const noticesBefore = (await inStore('notices', { kind: 'review' })).length;
    const submitted = data(await call(INSP, 'reviews/submit', { reviewId: id })).review;
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: expect.any(Number) });
    expect((await inStore('reviewTasks', { _id: 'tk_plan1_own' }))[0]).toMatchObject({
      status: 'done',
      doneAt: expect.any(Number),
    });
    const notices = await inStore<Record<string, unknown>>('notices', { kind: 'review' });
    expect(notices).toHaveLength(noticesBefore + 1);
    const final = data(await call('agent-1', 'reviews/get', { reviewId: id }));
    expect(notices[notices.length - 1]).toMatchObject({ to: 'agent-1', reviewId: id, sessionId: w.scored.own });
    expect(notices[notices.length - 1].title).toContain(`${final.manual.total}`);
    const inbox = data(await call('agent-1', 'notices/list', {}));
    expect(inbox.items.some((n: { reviewId?: string }) => n.reviewId === id)).toBe(true);
    expect(await call('agent-2', 'reviews/get', { reviewId: id })).toMatchObject({ code: 'AUTH.FORBIDDEN' });

    // Final: nothing changes it any more.
    for (const [action, params] of [
      ['reviews/verdict', { key: w.hitKey, verdict: 'confirmed' }],
      ['reviews/addHit', add],
      ['reviews/removeHit', { key: 'added:2' }],
      ['reviews/annotate', note],
      ['reviews/removeAnnotation', { key: 'note:2' }],
      ['reviews/submit', {}],
    ] as const) {
      expect(await call(INSP, action, { ...params, reviewId: id })).toMatchObject({ code: 'REVIEW.SUBMITTED' });
    }

    // Lists: the inspector sees only theirs (agents have no list action on main).
    expect(data(await call(INSP, 'reviews/list', {})).items.map((r: { _id: string }) => r._id)).toEqual([id]);

    // The audit trail: every step, who, before and after of the changed part.
    const log = await inStore<Record<string, unknown>>('auditLog', { entity: 'review', entityId: id });
    expect(log.map((e) => e.action)).toEqual([
      'open',
      'open',
      'verdict',
      'verdict',
      'verdict',
      'addHit',
      'removeHit',
      'addHit',
      'annotate',
      'removeAnnotation',
      'annotate',
      'submit',
    ]);
    expect(log.every((e) => e.by === INSP)).toBe(true);
    expect(log[0]).toMatchObject({ before: null, after: expect.objectContaining({ status: 'draft' }) });
    expect(log[2]).toMatchObject({
      before: { verdict: null },
      after: { verdict: { key: w.hitKey, verdict: 'rejected' } },
    });
    expect(log[3]).toMatchObject({
      before: { verdict: { key: w.hitKey, verdict: 'rejected' } },
      after: { verdict: null },
    });
    expect(log[5]).toMatchObject({
      before: { added: null },
      after: { added: { key: 'added:1', ruleId: 'rude-language' } },
    });
    expect(log[6]).toMatchObject({ before: { added: { key: 'added:1' } }, after: { added: null } });
    expect(log[11]).toMatchObject({
      before: { status: 'draft' },
      after: { status: 'submitted', manualTotal: final.manual.total },
    });
  });

  it('calibration rounds: only the round’s raters open; reviews stay blind until all finished; no notice', async () => {
    const w = await world();
    await putDoc('calibrationRounds', 'round-1', {
      scorecardId: 'default',
      scorecardVersion: 2,
      sessionIds: [w.scored.own],
      inspectorIds: ['insp-1', INSP],
      skipped: [],
      createdBy: 'admin-1',
      createdAt: Date.now(),
    });
    const open = (who: string) => call(who, 'reviews/open', { sessionId: w.scored.own, calibrationRoundId: 'round-1' });
    expect(await open('sup-1')).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await call(INSP, 'reviews/open', { sessionId: w.scored.own, calibrationRoundId: 'nope' })).toMatchObject({
      code: 'REVIEW.NOT_FOUND',
    });
    const mine = data(await open(INSP)).review._id;
    expect(mine).toBe(reviewIdOf(w.scored.own, INSP, 'round-1'));
    const theirs = data(await open('insp-1')).review._id;
    const notices = (await inStore('notices')).length;
    data(await call(INSP, 'reviews/submit', { reviewId: mine }));
    expect(await inStore('notices')).toHaveLength(notices);
    // insp-1 has not finished: still blind, as is the admin.
    expect(await call('insp-1', 'reviews/get', { reviewId: mine })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await call('admin-1', 'reviews/get', { reviewId: mine })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    data(await call('insp-1', 'reviews/submit', { reviewId: theirs }));
    expect(await call('insp-1', 'reviews/get', { reviewId: mine })).toMatchObject({ ok: true });
    // A calibration exercise is not the agent's result.
    expect(await call('agent-1', 'reviews/get', { reviewId: mine })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });
});
