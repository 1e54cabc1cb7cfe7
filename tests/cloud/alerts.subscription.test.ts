import { binding, callApi, resetStore } from './harness';
import { alertsInStore, customerSays, data, inStore, sentSubscriptions } from './alerts.support';

const TEMPLATE = 'KEFU_ALERT_TEMPLATE_ID_NOT_SET';

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
});

const subscribe = (openid: string, accepted = true) =>
  callApi(openid, { action: 'alerts/subscribe', templateId: TEMPLATE, accepted });

describe('subscription-message notifications', () => {
  it('banks one consent per accepted request', async () => {
    await subscribe('sup-1');
    expect(data(await subscribe('sup-1'))).toEqual({ banked: 2 });
    expect(data(await subscribe('sup-1', false))).toEqual({ banked: 2 });
    expect(data(await callApi('sup-1', { action: 'alerts/subscription' }))).toEqual({
      banked: 2,
      templateId: TEMPLATE,
      askAgain: false,
    });
  });

  it('refuses a consent for another template', async () => {
    await expect(
      callApi('sup-1', { action: 'alerts/subscribe', templateId: 'old', accepted: true }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });

  it('sends a new alert to a supervisor with a banked consent and uses the consent up', async () => {
    await subscribe('sup-1');
    await customerSays('我要投诉你们');
    const [sent, ...rest] = sentSubscriptions();
    expect(rest).toEqual([]);
    expect(sent.params).toMatchObject({
      touser: 'sup-1',
      templateId: TEMPLATE,
      page: 'packages/supervisor/alerts/index',
      data: { thing1: { value: '客户情绪激动：投诉威胁' }, phrase2: { value: '高' } },
    });
    expect(data(await callApi('sup-1', { action: 'alerts/subscription' }))).toMatchObject({
      banked: 0,
      askAgain: true,
    });
  });

  it('sends nothing to a supervisor without consent, and the alert is still in the app', async () => {
    await customerSays('我要投诉你们');
    expect(sentSubscriptions()).toEqual([]);
    expect(data(await callApi('sup-2', { action: 'alerts/list' })).total).toBe(1);
    expect(await inStore('notifications', { to: 'sup-2', status: 'no-consent' })).toHaveLength(1);
  });

  it('clears the bank and asks again when WeChat answers 43101', async () => {
    await subscribe('sup-1');
    await subscribe('sup-1');
    binding.outbox.fail('subscribeMessage.send', { errCode: 43101 });
    await customerSays('我要投诉你们');
    expect(await alertsInStore()).toHaveLength(1);
    expect(data(await callApi('sup-1', { action: 'alerts/subscription' }))).toMatchObject({
      banked: 0,
      askAgain: true,
    });
    expect(await inStore('notifications', { to: 'sup-1', status: 'refused', errCode: 43101 })).toHaveLength(1);
  });

  it('keeps the consent when WeChat fails for another reason', async () => {
    await subscribe('sup-1');
    binding.outbox.fail('subscribeMessage.send', { errCode: 45009, times: 1 });
    await customerSays('我要投诉你们');
    expect(data(await callApi('sup-1', { action: 'alerts/subscription' }))).toMatchObject({ banked: 1 });
  });
});
