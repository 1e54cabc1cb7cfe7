import { binding, callApi, resetStore } from './harness';
import { customerSays, sentSubscriptions } from './alerts.support';
import { sendDigests } from '../../cloudfunctions/common/alerts/alert.delivery';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
});

describe('digest when too many alerts fire at once', () => {
  it('sends the first alerts of a minute alone and folds the rest into one digest', async () => {
    for (let i = 0; i < 10; i++) {
      await callApi('sup-1', {
        action: 'alerts/subscribe',
        templateId: 'KEFU_ALERT_TEMPLATE_ID_NOT_SET',
        accepted: true,
      });
    }
    // The clock stands still so that all seven alerts fall into one minute.
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(minuteStart + 1000);
    try {
      for (let i = 0; i < 7; i++) await customerSays('我要投诉你们', { customer: `oStorm${i}` });
    } finally {
      clock.mockRestore();
    }
    expect(sentSubscriptions().filter((e) => (e.params as { touser: string }).touser === 'sup-1')).toHaveLength(5);

    await runWithContext({ SOURCE: 'wx_trigger' }, () => sendDigests(minuteStart + 60_000));
    await runWithContext({ SOURCE: 'wx_trigger' }, () => sendDigests(minuteStart + 120_000));
    const toSup1 = sentSubscriptions().filter((e) => (e.params as { touser: string }).touser === 'sup-1');
    expect(toSup1).toHaveLength(6);
    expect(toSup1[5].params).toMatchObject({ data: { thing1: { value: '2 条新告警' } } });
  });
});
