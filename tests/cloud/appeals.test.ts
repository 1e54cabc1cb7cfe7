import { callApi, resetStore, runSweep } from './harness';
import { data, inStore, putDoc } from './alerts.support';
import { costlyKeys, scoredSession, submittedReviewOf } from './inspection.support';
import type { StoredAppeal } from '../../cloudfunctions/core/inspection/appeal.model';
import type { StoredReview } from '../../cloudfunctions/core/inspection/review.model';
import type { Notice } from '../../cloudfunctions/core/model';

const DAY = 24 * 3600_000;

async function world(submittedAt = Date.now() - 3600_000) {
  const own = await scoredSession('kf001');
  const review = await submittedReviewOf(own, 'insp-1', submittedAt);
  const keys = costlyKeys(own.score);
  return { own, review, keys };
}

const file = (openid: string, reviewId: string, items: { key: string; reason: string }[]) =>
  callApi(openid, { action: 'appeals/file', reviewId, items });

beforeEach(() => resetStore());

describe('filing an appeal', () => {
  test('the agent reads the submitted review with its appealable hits and deadline, then appeals an item', async () => {
    const { review, keys } = await world();
    const view = data<{ manual: { hits: { key: string; points: number }[] }; appealBy: number; appeal: unknown }>(
      await callApi('agent-1', { action: 'appeals/review', reviewId: review._id }),
    );
    expect(view.appeal).toBeNull();
    expect(view.appealBy).toBe(review.submittedAt! + 7 * DAY);
    expect(view.manual.hits.map((h) => h.key)).toEqual(expect.arrayContaining(keys));

    const { appeal } = data<{ appeal: StoredAppeal }>(
      await file('agent-1', review._id, [{ key: keys[0], reason: '客户先辱骂，我手机13812345678可以作证' }]),
    );
    expect(appeal).toMatchObject({ _id: `ap_${review._id}`, status: 'open', agentId: 'kf001', team: '售前一组' });
    expect(appeal.items).toEqual([expect.objectContaining({ key: keys[0], status: 'pending' })]);
    expect(appeal.items[0].reason).not.toContain('13812345678');
    const [entry] = await inStore('auditLog', { entity: 'appeal', action: 'file' });
    expect(entry).toMatchObject({ by: 'agent-1', before: null, after: { status: 'open' } });
  });

  test('a reason is mandatory, an item is appealed once, and only counted hits can be appealed', async () => {
    const { review, keys } = await world();
    expect(await file('agent-1', review._id, [{ key: keys[0], reason: '   ' }])).toMatchObject({
      code: 'INPUT.INVALID',
    });
    expect(await file('agent-1', review._id, [{ key: 'no-such-rule@1:0-2', reason: '不对' }])).toMatchObject({
      code: 'APPEAL.BAD_ITEM',
    });
    data(await file('agent-1', review._id, [{ key: keys[0], reason: '不是我的问题' }]));
    expect(await file('agent-1', review._id, [{ key: keys[0], reason: '再申诉一次' }])).toMatchObject({
      code: 'APPEAL.DUPLICATE_ITEM',
    });
    expect(await inStore('appeals')).toHaveLength(1);
  });

  test('only the reviewed agent appeals, and only within the window (7 days by default, a setting)', async () => {
    const { review, keys } = await world(Date.now() - 8 * DAY);
    const item = [{ key: keys[0], reason: '不是我的问题' }];
    expect(await file('agent-1', review._id, item)).toMatchObject({ code: 'APPEAL.WINDOW_CLOSED' });
    await putDoc('settings', 'appeals', { windowDays: 10 });
    expect(data(await file('agent-1', review._id, item))).toMatchObject({ appeal: { status: 'open' } });
    expect(await file('agent-2', review._id, item)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  test('a draft review cannot be appealed or read by the agent', async () => {
    const { review, keys } = await world();
    const { _id, submittedAt: _s, ...fields } = review;
    await putDoc('reviews', _id, { ...fields, status: 'draft' });
    expect(await callApi('agent-1', { action: 'appeals/review', reviewId: review._id })).toMatchObject({
      code: 'REVIEW.NOT_FOUND',
    });
    expect(await file('agent-1', review._id, [{ key: keys[0], reason: '不对' }])).toMatchObject({
      code: 'REVIEW.NOT_FOUND',
    });
  });
});

describe('deciding an appeal', () => {
  async function filed() {
    const w = await world();
    const { appeal } = data<{ appeal: StoredAppeal }>(
      await file(
        'agent-1',
        w.review._id,
        w.keys.slice(0, 2).map((key) => ({ key, reason: '不是我的问题' })),
      ),
    );
    return { ...w, appeal };
  }
  const decide = (openid: string, appealId: string, key: string, outcome: string, extra: object = {}) =>
    callApi(openid, { action: 'appeals/decide', appealId, key, outcome, ...extra });

  test("overturned drops the hit: the review's final score rises, the agent is told, the log has before and after", async () => {
    const { appeal, keys, own, review } = await filed();
    const before = data<{ manual: { total: number } }>(
      await callApi('agent-1', { action: 'appeals/review', reviewId: review._id }),
    ).manual.total;
    const { appeal: after } = data<{ appeal: StoredAppeal }>(await decide('sup-1', appeal._id, keys[0], 'overturned'));
    expect(after.items[0]).toMatchObject({ status: 'overturned', decision: { outcome: 'overturned', by: 'sup-1' } });
    const view = data<{ manual: { total: number; hits: { key: string; points: number }[] } }>(
      await callApi('agent-1', { action: 'appeals/review', reviewId: review._id }),
    );
    // The overturned hit moves no points any more; the total never falls (sections have floors).
    expect(view.manual.hits.find((h) => h.key === keys[0])?.points ?? 0).toBe(0);
    expect(after.finalScore!.total).toBe(view.manual.total);
    expect(after.finalScore!.total).toBeGreaterThanOrEqual(before);
    expect(own.score.hits.some((h) => h.points < 0)).toBe(true);
    const [stored] = await inStore<StoredReview>('reviews', { _id: review._id });
    expect(stored.finalScore).toEqual(after.finalScore);
    expect(stored.verdicts).toEqual(review.verdicts); // the review itself is final
    const [notice] = await inStore<Notice>('notices', { kind: 'appeal' });
    expect(notice).toMatchObject({ to: 'agent-1', reviewId: review._id, title: '申诉裁决：撤销扣分' });
    const [entry] = await inStore('auditLog', { entity: 'appeal', action: 'decide' });
    expect(entry).toMatchObject({ by: 'sup-1', before: { status: 'open' }, refs: { item: keys[0] } });
  });

  test('an agent deactivated meanwhile gets no notice; the decision still stands', async () => {
    const { appeal, keys } = await filed();
    data(await callApi('admin-1', { action: 'users/deactivate', userId: 'agent-1' }));
    const { appeal: after } = data<{ appeal: StoredAppeal }>(await decide('sup-1', appeal._id, keys[0], 'upheld'));
    expect(after.items[0]).toMatchObject({ status: 'upheld' });
    expect(await inStore<Notice>('notices', { kind: 'appeal' })).toEqual([]);
    expect(await inStore('rectifications', { source: 'appeal' })).toEqual([]);
  });

  test('the decision is final; partly needs points inside the rule', async () => {
    const { appeal, keys } = await filed();
    data(await decide('sup-1', appeal._id, keys[0], 'upheld'));
    expect(await decide('sup-1', appeal._id, keys[0], 'overturned')).toMatchObject({ code: 'APPEAL.ALREADY_DECIDED' });
    expect(await decide('sup-1', appeal._id, keys[1], 'partly', { points: 5 })).toMatchObject({
      code: 'APPEAL.BAD_POINTS',
    });
    const { appeal: closed } = data<{ appeal: StoredAppeal }>(
      await decide('sup-1', appeal._id, keys[1], 'partly', { points: -1, note: '态度确有问题，酌情' }),
    );
    expect(closed.status).toBe('decided');
  });

  test("only a supervisor of the agent's team decides", async () => {
    const { appeal, keys } = await filed();
    expect(await decide('sup-2', appeal._id, keys[0], 'overturned')).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await decide('admin-1', appeal._id, keys[0], 'overturned')).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await decide('agent-1', appeal._id, keys[0], 'overturned')).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  test('lists: the agent sees their appeals, the supervisor their team’s, the other team’s supervisor none', async () => {
    const { appeal } = await filed();
    const ids = async (openid: string) =>
      data<{ items: { _id: string }[] }>(await callApi(openid, { action: 'appeals/list' })).items.map((a) => a._id);
    expect(await ids('agent-1')).toEqual([appeal._id]);
    expect(await ids('agent-2')).toEqual([]);
    expect(await ids('sup-1')).toEqual([appeal._id]);
    expect(await ids('sup-2')).toEqual([]);
    expect(await callApi('sup-2', { action: 'appeals/get', appealId: appeal._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });

  test('items nobody decided in time expire with the timer, once; the finding stands', async () => {
    const { appeal } = await filed();
    const { _id, ...fields } = appeal;
    await putDoc('appeals', _id, { ...fields, items: appeal.items.map((i) => ({ ...i, decideBy: Date.now() - 1 })) });
    await runSweep();
    await runSweep();
    const [stored] = await inStore<StoredAppeal>('appeals', { _id: appeal._id });
    expect(stored.status).toBe('expired');
    expect(stored.items.every((i) => i.status === 'expired')).toBe(true);
    expect(await inStore('auditLog', { entity: 'appeal', action: 'expire' })).toHaveLength(1);
  });
});
