/**
 * An alert a push raises is stored inside the push and notified after the push has answered
 * (alerts/alert.raiser.ts); the sweep sends what an instance never got to, and nothing is sent
 * twice.
 */
import { afterAnswerSettled } from '../../cloudfunctions/common/after-answer.queue';
import { STRANDED_AFTER_MS } from '../../cloudfunctions/common/alerts/alert.raiser';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';
import { binding, callApi, push, resetStore, runSweep } from './harness';
import { alertsInStore, customerPush, inStore, putDoc, sentSubscriptions } from './alerts.support';

const TEMPLATE = 'KEFU_ALERT_TEMPLATE_ID_NOT_SET';

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
  await callApi('sup-1', { action: 'alerts/subscribe', templateId: TEMPLATE, accepted: true });
  await callApi('sup-1', { action: 'alerts/subscribe', templateId: TEMPLATE, accepted: true });
});

describe("a push's alert is notified after the push has answered", () => {
  it('the push answers with the alert stored and pending; the notification follows once', async () => {
    await expect(push(customerPush('我要投诉你们'))).resolves.toBe('success');
    const [alert] = await alertsInStore();
    expect(alert).toMatchObject({ policy: 'customer-angry', notifyPending: true });
    expect(sentSubscriptions()).toEqual([]);

    await afterAnswerSettled();
    expect(sentSubscriptions()).toHaveLength(1);
    expect(await alertsInStore()).toEqual([expect.objectContaining({ _id: alert._id, notifyPending: false })]);
    expect(await inStore('notifications', { to: 'sup-1', status: 'sent' })).toHaveLength(1);

    // The sweep's backstop finds nothing pending: one notification in all.
    await runSweep();
    expect(sentSubscriptions()).toHaveLength(1);
  });

  it("the sweep sends what the push's instance never did, once", async () => {
    await push(customerPush('我要投诉你们'));
    forgetInstanceCaches(); // the instance is recycled right after answering: its queue is gone
    await afterAnswerSettled();
    const [alert] = await alertsInStore();
    expect(alert.notifyPending).toBe(true);
    expect(sentSubscriptions()).toEqual([]);

    await runSweep(); // too soon: the raising instance may still deliver it
    expect(sentSubscriptions()).toEqual([]);

    const { _id, ...doc } = alert;
    await putDoc('alerts', _id, { ...doc, createdAt: alert.createdAt - STRANDED_AFTER_MS - 1 });
    await runSweep();
    await runSweep();
    expect(sentSubscriptions()).toHaveLength(1);
    expect(sentSubscriptions()[0].params).toMatchObject({ touser: 'sup-1' });
    expect(await alertsInStore()).toEqual([expect.objectContaining({ notifyPending: false })]);
  });

  it('an alert raised outside a push (the timer, a close) is notified before the raiser returns', async () => {
    await push(customerPush('在吗', { at: Date.now() - 10 * 60_000 }));
    await runSweep(); // the waiting check: the customer has had no answer for 10 minutes
    const [alert] = await alertsInStore({ policy: 'customer-waiting' });
    expect(alert).toBeDefined();
    expect(alert.notifyPending).toBeUndefined();
    expect(sentSubscriptions()).toHaveLength(1);
  });
});
