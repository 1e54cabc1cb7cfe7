import { callApi, resetStore } from './harness';
import { agentMessage, customerSays, data, inStore, openSessionOf, putDoc } from './alerts.support';
import { costlyKeys, scoredSession } from './inspection.support';
import type { StoredReview } from '../../cloudfunctions/core/inspection/review.model';
import type { ManualScore } from '../../cloudfunctions/core/inspection/review.score';
import type { Notice } from '../../cloudfunctions/core/model';

beforeEach(() => resetStore());

const open = (openid: string, sessionId: string, extra: object = {}) =>
  callApi(openid, { action: 'reviews/open', sessionId, ...extra });
const review = (r: unknown) => data<{ review: StoredReview }>(r).review;

describe('the review flow', () => {
  test('open, reject a hit, add a missed one, annotate, submit: the manual score beside the automatic, the agent told', async () => {
    const s = await scoredSession('kf001');
    const [rejectKey] = costlyKeys(s.score);
    const draft = review(await open('insp-1', s.session._id));
    expect(draft).toMatchObject({ status: 'draft', inspectorId: 'insp-1', agentId: 'kf001', team: '售前一组' });
    // Opening again resumes the same draft.
    expect(review(await open('insp-1', s.session._id))._id).toBe(draft._id);

    review(
      await callApi('insp-1', {
        action: 'reviews/verdict',
        reviewId: draft._id,
        key: rejectKey,
        verdict: 'rejected',
        reason: '客户先骂人',
      }),
    );
    const added = review(
      await callApi('insp-1', {
        action: 'reviews/addHit',
        reviewId: draft._id,
        ruleId: 'rude-language',
        messageIndex: 1,
        span: [0, 3],
        note: '敷衍',
      }),
    );
    expect(added.added[0]).toMatchObject({ key: 'added:1', ruleId: 'rude-language', messageIndex: 1, span: [0, 3] });
    const noted = review(
      await callApi('insp-1', {
        action: 'reviews/annotate',
        reviewId: draft._id,
        messageIndex: 0,
        span: null,
        note: '客户电话13812345678',
        problemType: '情绪',
      }),
    );
    expect(noted.annotations[0].note).not.toContain('13812345678');

    const view = data<{ manual: ManualScore; automatic: { total: number } }>(
      await callApi('insp-1', { action: 'reviews/get', reviewId: draft._id }),
    );
    expect(view.manual.automaticTotal).toBe(view.automatic.total);
    expect(view.manual.dropped.map((h) => h.key)).toContain(rejectKey);

    const submitted = review(await callApi('insp-1', { action: 'reviews/submit', reviewId: draft._id }));
    expect(submitted).toMatchObject({ status: 'submitted' });
    // The manual score is kept on the submitted review (plan statistics read it from there).
    const [stored] = await inStore<{ manual?: { total: number; passed: boolean } }>('reviews', { _id: draft._id });
    expect(stored.manual).toEqual({ total: view.manual.total, passed: view.manual.passed });
    expect(
      await callApi('insp-1', {
        action: 'reviews/annotate',
        reviewId: draft._id,
        messageIndex: 0,
        span: null,
        note: '再改',
      }),
    ).toMatchObject({
      code: 'REVIEW.SUBMITTED',
    });
    const [notice] = await inStore<Notice>('notices', { kind: 'review' });
    expect(notice).toMatchObject({ to: 'agent-1', reviewId: draft._id, sessionId: s.session._id });

    const actions = (await inStore<{ action: string; entityId: string }>('auditLog', { entity: 'review' })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['open', 'open', 'verdict', 'addHit', 'annotate', 'submit']);
    const [verdictEntry] = await inStore('auditLog', { entity: 'review', action: 'verdict' });
    expect(verdictEntry).toMatchObject({
      before: { verdict: null },
      after: { verdict: { key: rejectKey, verdict: 'rejected' } },
    });
  });

  test('only the inspector edits their review; the agent reads it only once submitted; another team’s supervisor never', async () => {
    const s = await scoredSession('kf001');
    const draft = review(await open('insp-1', s.session._id));
    expect(
      await callApi('sup-1', {
        action: 'reviews/annotate',
        reviewId: draft._id,
        messageIndex: 0,
        span: null,
        note: 'x',
      }),
    ).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(await callApi('agent-1', { action: 'reviews/get', reviewId: draft._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: draft._id }));
    data(await callApi('agent-1', { action: 'reviews/get', reviewId: draft._id }));
    expect(await callApi('agent-2', { action: 'reviews/get', reviewId: draft._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(await callApi('sup-2', { action: 'reviews/get', reviewId: draft._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(await open('sup-2', s.session._id)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  test('an open (unscored) session cannot be reviewed yet', async () => {
    await customerSays('你好', { customer: 'oOpen' });
    await agentMessage('您好', { customer: 'oOpen' });
    expect(await open('insp-1', await openSessionOf('oOpen'))).toMatchObject({ code: 'REVIEW.NOT_SCORED' });
  });

  test('a task moves to in-progress on open and to done on submit; only its inspector may work it', async () => {
    const s = await scoredSession('kf001');
    const now = Date.now();
    await putDoc('reviewTasks', 'tk_p1_x', {
      planId: 'p1',
      sessionId: s.session._id,
      inspectorId: 'insp-1',
      status: 'todo',
      dueAt: now + 86_400_000,
      createdAt: now,
      updatedAt: now,
    });
    expect(await open('admin-1', s.session._id, { taskId: 'tk_p1_x' })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    const draft = review(await open('insp-1', s.session._id, { taskId: 'tk_p1_x' }));
    expect((await inStore('reviewTasks'))[0]).toMatchObject({ status: 'in-progress', reviewId: draft._id });
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: draft._id }));
    expect((await inStore('reviewTasks'))[0]).toMatchObject({ status: 'done' });
  });

  test('in a calibration round only its inspectors open, and the agent is not told', async () => {
    const s = await scoredSession('kf001');
    await putDoc('calibrationRounds', 'cr1', {
      scorecardId: s.score.scorecardId,
      scorecardVersion: s.score.scorecardVersion,
      sessionIds: [s.session._id],
      inspectorIds: ['insp-1', 'sup-1'],
      skipped: [],
      createdBy: 'admin-1',
      createdAt: Date.now(),
    });
    expect(await open('admin-1', s.session._id, { calibrationRoundId: 'cr1' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    const draft = review(await open('insp-1', s.session._id, { calibrationRoundId: 'cr1' }));
    expect(draft).toMatchObject({ calibrationRoundId: 'cr1' });
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: draft._id }));
    expect(await inStore('notices', { kind: 'review' })).toEqual([]);
  });

  test('in a calibration round its members stay blind to each other until the round is complete (a supervisor too)', async () => {
    const s = await scoredSession('kf001');
    await putDoc('calibrationRounds', 'cr2', {
      scorecardId: s.score.scorecardId,
      scorecardVersion: s.score.scorecardVersion,
      sessionIds: [s.session._id],
      inspectorIds: ['insp-1', 'sup-1'],
      skipped: [],
      createdBy: 'admin-1',
      createdAt: Date.now(),
    });
    const get = async (openid: string, reviewId: string) => callApi(openid, { action: 'reviews/get', reviewId });
    const mine = review(await open('insp-1', s.session._id, { calibrationRoundId: 'cr2' }));
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: mine._id }));
    // sup-1 supervises kf001's team, but as a member of the round it may not peek before the round is complete.
    expect(await get('sup-1', mine._id)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    const theirs = review(await open('sup-1', s.session._id, { calibrationRoundId: 'cr2' }));
    expect(await get('insp-1', theirs._id)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    data(await callApi('sup-1', { action: 'reviews/submit', reviewId: theirs._id }));
    expect(data<{ review: StoredReview }>(await get('sup-1', mine._id)).review._id).toBe(mine._id);
    expect(data<{ review: StoredReview }>(await get('insp-1', theirs._id)).review._id).toBe(theirs._id);
    expect(data<{ review: StoredReview }>(await get('admin-1', mine._id)).review._id).toBe(mine._id);
    // A calibration review never reaches the agent.
    expect(await get('agent-1', mine._id)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });
});
