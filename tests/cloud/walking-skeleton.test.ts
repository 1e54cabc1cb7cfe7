import { callApi, push, pushedNow, resetStore, runSweep } from './harness';

type Ok<T> = { ok: true; data: T };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const data = <T = any>(r: unknown) => {
  expect(r).toMatchObject({ ok: true });
  return (r as Ok<T>).data;
};

beforeEach(() => resetStore());

describe('walking skeleton: push → session → reply → close → score → alert', () => {
  it('a pushed customer message opens a session the supervisor can list', async () => {
    await expect(push(pushedNow('mp-kf-text.json'))).resolves.toBe('success');
    const list = data(await callApi('sup-1', { action: 'sessions/list' }));
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      status: 'open',
      channel: 'mp-kf',
      customerId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    });
    expect(list.items[0].waitingSince).toEqual(expect.any(Number));
  });

  it('a rude agent reply makes the closed session fail on a red line and alerts the team supervisor only', async () => {
    await push(pushedNow('mp-kf-text.json'));
    const [session] = data(await callApi('admin-1', { action: 'sessions/list' })).items;
    const reply = data(
      await callApi('agent-1', {
        action: 'messages/reply',
        sessionId: session._id,
        text: '你自己看不懂吗？订单页写着呢',
        // The agent ignores the pre-send red-line warning (issue 16) and sends anyway.
        confirmRedLine: true,
      }),
    );
    expect(reply.message).toMatchObject({ role: 'agent', agentId: 'kf001', delivery: { status: 'sent' } });

    const closed = data(await callApi('agent-1', { action: 'sessions/close', sessionId: session._id }));
    expect(closed.session).toMatchObject({ status: 'closed', team: '售前一组', agentIds: ['kf001'] });
    expect(closed.score).toMatchObject({ passed: false, redLine: true });
    const hit = closed.score.hits.find((h: { ruleId: string }) => h.ruleId === 'rude-language');
    expect(hit).toMatchObject({ messageIndex: 1, span: [0, 7] });

    const alerts = data(await callApi('sup-1', { action: 'alerts/list' }));
    expect(alerts.items).toHaveLength(1);
    expect(alerts.items[0]).toMatchObject({
      sessionId: session._id,
      policy: 'red-line',
      severity: 'critical',
      status: 'new',
    });
    expect(alerts.unread).toBe(1);
    expect(data(await callApi('sup-2', { action: 'alerts/list' })).items).toHaveLength(0);
  });

  it('closing twice stores one score and one alert', async () => {
    await push(pushedNow('mp-kf-text.json'));
    const [session] = data(await callApi('admin-1', { action: 'sessions/list' })).items;
    await callApi('agent-1', {
      action: 'messages/reply',
      sessionId: session._id,
      text: '爱买不买',
      confirmRedLine: true,
    });
    await callApi('agent-1', { action: 'sessions/close', sessionId: session._id });
    await callApi('sup-1', { action: 'sessions/close', sessionId: session._id });
    expect(data(await callApi('admin-1', { action: 'alerts/list' })).total).toBe(1);
  });

  it('the idle timer closes and scores a session nobody answered', async () => {
    const longAgo = Date.now() - 31 * 60_000;
    await push(pushedNow('mp-kf-text.json', {}, longAgo));
    await expect(runSweep()).resolves.toEqual({ closed: 1, failed: 0 });
    const [session] = data(await callApi('admin-1', { action: 'sessions/list' })).items;
    expect(session.status).toBe('closed');
    expect(session.score).toMatchObject({ passed: false });
    // No agent ever answered, so no team: every supervisor is told.
    expect(data(await callApi('sup-2', { action: 'alerts/list' })).total).toBe(1);
    await expect(runSweep()).resolves.toEqual({ closed: 0, failed: 0 });
  });

  it('a retried push is stored once', async () => {
    const body = pushedNow('mp-kf-text-strings.json');
    for (let i = 0; i < 4; i++) await expect(push(body)).resolves.toBe('success');
    const [session] = data(await callApi('admin-1', { action: 'sessions/list' })).items;
    const detail = data(await callApi('admin-1', { action: 'sessions/get', sessionId: session._id }));
    expect(detail.messages).toHaveLength(1);
    expect(detail.session.messageCount).toBe(1);
  });
});
