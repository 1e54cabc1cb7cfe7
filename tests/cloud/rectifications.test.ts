/**
 * Rectification notices (issue 16, agent-notices) on the real router, scoring pipeline, timer
 * and store: a notice from each source (a red line at scoring, a failed review submitted with
 * 「下发整改」, an appeal decided 维持原判, by hand from a session), its evidence pointing at the
 * stored message, the agent's acknowledgement and answer (masked), the supervisor's
 * confirmation, refused transitions, and the timer's reminder, overdue and escalation with a
 * fake clock (each once, however often the timer runs). Audited before/after.
 */
import { alertTemplateId } from '../../cloudfunctions/common/alerts/subscription.service';
import type { Message, Notice } from '../../cloudfunctions/core/model';
import type { Rectification } from '../../cloudfunctions/core/rectification/rectification.model';
import { agentMessage, customerSays, data, inStore, openSessionOf, sentSubscriptions } from './alerts.support';
import { callApi, resetStore, runSweep } from './harness';
import { costlyKeys, scoredSession, submittedReviewOf } from './inspection.support';

const DAY = 86_400_000;
const refused = (r: unknown) => r as { ok: false; code: string; message: string };
const rects = (where: Record<string, unknown> = {}) => inStore<Rectification>('rectifications', where);
const noticesTo = (to: string) => inStore<Notice>('notices', { to });

function at(t: number) {
  jest.spyOn(Date, 'now').mockReturnValue(t);
}

beforeEach(async () => {
  jest.restoreAllMocks();
  await resetStore();
});
afterAll(() => jest.restoreAllMocks());

/** An open session kf001 answered: customer, agent, customer. */
async function liveSession(customer = 'oRect1'): Promise<string> {
  const now = Date.now();
  await customerSays('你好，我的快递到哪了', { customer, at: now - 120_000 });
  await agentMessage('您好，正在为您查询', { customer, agentId: 'kf001', at: now - 90_000 });
  await customerSays('多久能到？', { customer, at: now - 60_000 });
  return openSessionOf(customer);
}

describe('sources', () => {
  it('a red line found by scoring gives the agent one notice, with the message as evidence', async () => {
    const { session, score } = await scoredSession('kf001');
    const red = score.hits.filter((h) => h.redLine);
    expect(red.length).toBeGreaterThan(0);
    const [r] = await rects({ sessionId: session._id });
    expect(r).toMatchObject({
      _id: `rect_${session._id}_${red[0].ruleId}`,
      source: 'red-line',
      sourceId: score._id,
      agentId: 'kf001',
      to: 'agent-1',
      ruleId: red[0].ruleId,
      status: 'open',
      deadline: r.createdAt + 2 * DAY,
    });
    const messages = (await inStore<Message>('messages', { sessionId: session._id })).sort((a, b) => a.at - b.at);
    expect(r.evidence[0]).toMatchObject({
      messageIndex: red[0].messageIndex,
      messageId: messages[red[0].messageIndex!]._id,
    });
    expect(await noticesTo('agent-1')).toEqual([
      expect.objectContaining({ kind: 'rectification', rectificationId: r._id, sessionId: session._id }),
    ]);
  });

  it('a failed review submitted with 下发整改 adds one notice per costly rule, never a second for the same rule', async () => {
    const s = await scoredSession('kf001');
    const before = await rects({ sessionId: s.session._id });
    const { review } = data(await callApi('insp-1', { action: 'reviews/open', sessionId: s.session._id }));
    const submitted = data(await callApi('insp-1', { action: 'reviews/submit', reviewId: review._id, rectify: true }));
    expect(submitted.review.manual.passed).toBe(false);
    const after = await rects({ sessionId: s.session._id });
    const costlyRules = [...new Set(s.score.hits.filter((h) => h.points < 0).map((h) => h.ruleId))].sort();
    expect(after.map((r) => r.ruleId).sort()).toEqual(costlyRules);
    const fromReview = after.filter((r) => r.source === 'review');
    expect(fromReview.length).toBe(costlyRules.length - before.length);
    expect(fromReview.every((r) => r.sourceId === review._id && r.createdBy === 'insp-1')).toBe(true);
  });

  it('a review submitted without 下发整改 issues none', async () => {
    const s = await scoredSession('kf001');
    const before = await rects();
    const { review } = data(await callApi('insp-1', { action: 'reviews/open', sessionId: s.session._id }));
    data(await callApi('insp-1', { action: 'reviews/submit', reviewId: review._id }));
    expect(await rects()).toHaveLength(before.length);
  });

  it('an appeal item decided 维持原判 becomes a notice; one overturned does not', async () => {
    const s = await scoredSession('kf001');
    const review = await submittedReviewOf(s);
    const keys = costlyKeys(s.score).filter((k) => !s.score.hits.find((h) => h.redLine && k.startsWith(h.ruleId)));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const rules = keys.map((k) => k.split('@')[0]);
    const { appeal } = data(
      await callApi('agent-1', {
        action: 'appeals/file',
        reviewId: review._id,
        items: keys.map((key) => ({ key, reason: '客户先辱骂' })),
      }),
    );
    data(await callApi('sup-1', { action: 'appeals/decide', appealId: appeal._id, key: keys[0], outcome: 'upheld' }));
    data(
      await callApi('sup-1', { action: 'appeals/decide', appealId: appeal._id, key: keys[1], outcome: 'overturned' }),
    );
    const fromAppeal = await rects({ source: 'appeal' });
    expect(fromAppeal).toEqual([
      expect.objectContaining({ ruleId: rules[0], sourceId: appeal._id, agentId: 'kf001', createdBy: 'sup-1' }),
    ]);
  });

  it('by hand from a session: masked text, evidence at the message, the deadline asked for; audited', async () => {
    const sessionId = await liveSession();
    const messages = (await inStore<Message>('messages', { sessionId })).sort((a, b) => a.at - b.at);
    const { rectification: r } = data(
      await callApi('sup-1', {
        action: 'rectifications/create',
        sessionId,
        messageIndex: 1,
        problem: '没有告知预计送达时间，客户电话 13812345678',
        requirement: '先给出预计时间再查询',
        deadlineDays: 5,
      }),
    );
    expect(r).toMatchObject({ source: 'manual', agentId: 'kf001', team: '售前一组', status: 'open' });
    expect(r.problem).not.toContain('13812345678');
    expect(r.evidence).toEqual([expect.objectContaining({ messageIndex: 1, messageId: messages[1]._id })]);
    expect(r.deadline - r.createdAt).toBe(5 * DAY);
    expect(await inStore('auditLog', { entity: 'rectification', action: 'create' })).toEqual([
      expect.objectContaining({ by: 'sup-1', entityId: r._id, before: null }),
    ]);
  });

  it('sends a subscription message only when the agent banked a consent', async () => {
    const sessionId = await liveSession();
    const create = () =>
      callApi('sup-1', { action: 'rectifications/create', sessionId, problem: '回复慢', requirement: '三分钟内回复' });
    data(await create());
    expect(sentSubscriptions()).toHaveLength(0);
    data(await callApi('agent-1', { action: 'alerts/subscribe', templateId: alertTemplateId(), accepted: true }));
    data(await create());
    expect(sentSubscriptions()).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ touser: 'agent-1' }) }),
    ]);
  });

  it('refuses a session no agent answered, and one outside the supervisor’s team', async () => {
    await customerSays('在吗', { customer: 'oNobody' });
    const untaken = await openSessionOf('oNobody');
    expect(
      refused(
        await callApi('sup-1', { action: 'rectifications/create', sessionId: untaken, problem: 'x', requirement: 'y' }),
      ),
    ).toMatchObject({ ok: false, code: 'RECTIFICATION.NO_AGENT' });
    const sessionId = await liveSession();
    expect(
      refused(await callApi('sup-2', { action: 'rectifications/create', sessionId, problem: 'x', requirement: 'y' })),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });
});

describe('lifecycle: open → acknowledged → done', () => {
  async function issued(): Promise<Rectification> {
    const sessionId = await liveSession();
    return data(
      await callApi('sup-1', {
        action: 'rectifications/create',
        sessionId,
        problem: '回复慢',
        requirement: '三分钟内回复',
      }),
    ).rectification;
  }

  it('the agent acknowledges with an answer (masked), the supervisor confirms; each audited', async () => {
    const r = await issued();
    expect(refused(await callApi('sup-1', { action: 'rectifications/confirm', rectificationId: r._id }))).toMatchObject(
      { ok: false, code: 'RECTIFICATION.BAD_TRANSITION' },
    );
    const acked = data(
      await callApi('agent-1', {
        action: 'rectifications/ack',
        rectificationId: r._id,
        answer: '已复盘，客户手机 13812345678 已回访',
      }),
    ).rectification;
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(Number) });
    expect(acked.answer).not.toContain('13812345678');
    const done = data(
      await callApi('sup-1', { action: 'rectifications/confirm', rectificationId: r._id, note: '整改到位' }),
    ).rectification;
    expect(done).toMatchObject({ status: 'done', doneBy: 'sup-1', doneNote: '整改到位' });
    expect(
      refused(await callApi('agent-1', { action: 'rectifications/ack', rectificationId: r._id, answer: '再改' })),
    ).toMatchObject({ ok: false, code: 'RECTIFICATION.BAD_TRANSITION' });
    const log = await inStore<{ action: string; before: { status: string }; after: { status: string } }>('auditLog', {
      entity: 'rectification',
      entityId: r._id,
    });
    expect(log.map((e) => [e.action, e.before?.status ?? null, e.after.status])).toEqual([
      ['create', null, 'open'],
      ['ack', 'open', 'acknowledged'],
      ['confirm', 'acknowledged', 'done'],
    ]);
    // The agent is told it is done.
    expect((await noticesTo('agent-1')).map((n) => n.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('整改已确认完成')]),
    );
  });

  it('an agent reads and acknowledges only their own; lists are scoped', async () => {
    const r = await issued();
    expect(refused(await callApi('agent-2', { action: 'rectifications/ack', rectificationId: r._id }))).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      data(await callApi('agent-1', { action: 'rectifications/list' })).items.map((x: Rectification) => x._id),
    ).toEqual([r._id]);
    expect(data(await callApi('agent-2', { action: 'rectifications/list' })).items).toEqual([]);
    expect(data(await callApi('sup-2', { action: 'rectifications/list' })).items).toEqual([]);
    expect(
      data(await callApi('sup-1', { action: 'rectifications/list', status: 'open' })).items.map(
        (x: Rectification) => x._id,
      ),
    ).toEqual([r._id]);
  });
});

describe('the timer: reminder, overdue and escalation (fake clock)', () => {
  it('reminds a day before the deadline, then marks overdue and tells the team’s supervisor, each once', async () => {
    const T0 = Date.now();
    at(T0);
    const sessionId = await liveSession();
    const { rectification: r } = data(
      await callApi('sup-1', {
        action: 'rectifications/create',
        sessionId,
        problem: '回复慢',
        requirement: '三分钟内回复',
        deadlineDays: 3,
      }),
    );
    const reminders = async () =>
      (await noticesTo('agent-1')).filter((n) => n.rectificationId === r._id && n.title.includes('到期'));

    at(T0 + DAY);
    await runSweep();
    expect(await reminders()).toHaveLength(0);

    at(T0 + 2 * DAY + 3600_000); // 23 h left
    await runSweep();
    await runSweep();
    expect(await reminders()).toEqual([expect.objectContaining({ title: '整改将在 23 小时后到期' })]);
    expect((await rects({ _id: r._id }))[0]).toMatchObject({ status: 'open', remindedAt: T0 + 2 * DAY + 3600_000 });

    at(T0 + 3 * DAY + 60_000);
    await runSweep();
    await runSweep();
    const [overdue] = await rects({ _id: r._id });
    expect(overdue).toMatchObject({
      status: 'overdue',
      overdueAt: T0 + 3 * DAY + 60_000,
      escalatedAt: T0 + 3 * DAY + 60_000,
    });
    expect(await noticesTo('sup-1')).toEqual([
      expect.objectContaining({ kind: 'rectification', rectificationId: r._id, title: '整改逾期：客服 kf001' }),
    ]);
    expect(await noticesTo('sup-2')).toEqual([]);
    expect(await reminders()).toHaveLength(1);
    const log = await inStore<{ action: string; by: string }>('auditLog', { entity: 'rectification', entityId: r._id });
    expect(log.map((e) => [e.action, e.by])).toEqual([
      ['create', 'sup-1'],
      ['remind', 'system:sweep'],
      ['overdue', 'system:sweep'],
    ]);

    // Overdue is not the end: the agent can still answer and the supervisor confirm.
    data(await callApi('agent-1', { action: 'rectifications/ack', rectificationId: r._id, answer: '已改' }));
    expect(
      data(await callApi('sup-1', { action: 'rectifications/confirm', rectificationId: r._id })).rectification.status,
    ).toBe('done');
    at(T0 + 10 * DAY);
    await runSweep();
    expect((await rects({ _id: r._id }))[0].status).toBe('done');
  });

  it('a notice done before its deadline is neither reminded nor escalated', async () => {
    const T0 = Date.now();
    at(T0);
    const sessionId = await liveSession();
    const { rectification: r } = data(
      await callApi('sup-1', { action: 'rectifications/create', sessionId, problem: '回复慢', requirement: '改' }),
    );
    data(await callApi('agent-1', { action: 'rectifications/ack', rectificationId: r._id, answer: '已改' }));
    data(await callApi('sup-1', { action: 'rectifications/confirm', rectificationId: r._id }));
    at(T0 + 5 * DAY);
    await runSweep();
    expect((await rects({ _id: r._id }))[0]).toMatchObject({ status: 'done' });
    expect((await rects({ _id: r._id }))[0].remindedAt).toBeUndefined();
    expect(await noticesTo('sup-1')).toEqual([]);
  });
});

describe('personal data', () => {
  it('a data-subject erasure empties the excerpts rectification notices quote', async () => {
    const { session } = await scoredSession('kf001');
    const [before] = await rects({ sessionId: session._id });
    expect(before.evidence.some((e) => e.excerpt.length > 0)).toBe(true);
    data(await callApi('admin-1', { action: 'customers/erase', customerId: session.customerId, confirm: true }));
    const [after] = await rects({ sessionId: session._id });
    expect(after.evidence.length).toBe(before.evidence.length);
    expect(after.evidence.every((e) => e.excerpt === '')).toBe(true);
  });
});
