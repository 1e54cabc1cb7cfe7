import { binding, callApi, resetStore } from './harness';
import { alertsInStore, customerSays, data, openSessionOf, putDoc, sentSubscriptions } from './alerts.support';

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
});

async function redLineAlertId(): Promise<string> {
  await customerSays('在吗');
  await callApi('agent-1', {
    action: 'messages/reply',
    sessionId: await openSessionOf(),
    text: '爱买不买',
    confirmRedLine: true,
  });
  return (await alertsInStore())[0]._id;
}

describe("notices to the alert's agent", () => {
  it("puts a notice in the agent's inbox and notifies the agent", async () => {
    const alertId = await redLineAlertId();
    await putDoc('subscriptions', 'agent-1', { banked: 1, templateId: 'KEFU_ALERT_TEMPLATE_ID_NOT_SET', updatedAt: 0 });
    const { notice } = data(
      await callApi('sup-1', { action: 'alerts/notifyAgent', alertId, text: '注意服务用语，马上向客户致歉' }),
    );
    expect(notice).toMatchObject({
      to: 'agent-1',
      agentId: 'kf001',
      from: 'sup-1',
      fromName: '林主管',
      kind: 'alert',
      alertId,
      readAt: null,
    });
    expect(sentSubscriptions()).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ touser: 'agent-1', page: 'packages/agent/home/index' }),
      }),
    ]);
    const inbox = data(await callApi('agent-1', { action: 'notices/list' }));
    expect(inbox).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ _id: notice._id, text: '注意服务用语，马上向客户致歉' }],
    });
  });

  it('marks a notice read on acknowledgement', async () => {
    const alertId = await redLineAlertId();
    const { notice } = data(await callApi('sup-1', { action: 'alerts/notifyAgent', alertId, text: '请注意' }));
    expect(data(await callApi('agent-1', { action: 'notices/ack', noticeId: notice._id })).notice.readAt).toEqual(
      expect.any(Number),
    );
    expect(data(await callApi('agent-1', { action: 'notices/list', unreadOnly: true }))).toMatchObject({
      total: 0,
      unread: 0,
    });
  });

  it("refuses another agent's acknowledgement", async () => {
    const alertId = await redLineAlertId();
    const { notice } = data(await callApi('sup-1', { action: 'alerts/notifyAgent', alertId, text: '请注意' }));
    await expect(callApi('agent-2', { action: 'notices/ack', noticeId: notice._id })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('refuses a notice for a session no agent has answered', async () => {
    await customerSays('我要投诉你们');
    const [alert] = await alertsInStore();
    await expect(
      callApi('sup-1', { action: 'alerts/notifyAgent', alertId: alert._id, text: '请跟进' }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'NOTICE.NO_AGENT',
    });
  });

  it('refuses a supervisor a notice about an alert not routed to them', async () => {
    const alertId = await redLineAlertId();
    await expect(callApi('sup-2', { action: 'alerts/notifyAgent', alertId, text: '请注意' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
