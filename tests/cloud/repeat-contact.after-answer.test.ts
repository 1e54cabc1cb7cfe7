/**
 * A returning customer's repeat-contact check runs after the push has answered, once per
 * session (alerts/repeat-contact.check.ts); a check the push's instance never ran is run by the
 * session's close.
 */
import { afterAnswerSettled } from '../../cloudfunctions/common/after-answer.queue';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';
import { callApi, push, resetStore } from './harness';
import { agentMessage, alertsInStore, customerPush, customerSays, inStore, openSessionOf } from './alerts.support';

beforeEach(resetStore);

/** The customer wrote three hours ago and that session was closed. */
async function earlierContact(): Promise<void> {
  await customerSays('我的快递怎么还没到', { at: Date.now() - 3 * 3600_000 });
  await callApi('sup-1', { action: 'sessions/close', sessionId: await openSessionOf() });
}

describe("a returning customer's repeat-contact check", () => {
  it("runs after the push has answered, once, and clears the session's pending check", async () => {
    await earlierContact();
    await expect(push(customerPush('快递还是没到'))).resolves.toBe('success');
    const sessionId = await openSessionOf();
    // The push answered before the check: no repeat-contact alert yet, the check pending.
    expect(await alertsInStore({ policy: 'repeat-contact' })).toEqual([]);
    expect(await inStore('sessions', { _id: sessionId })).toEqual([
      expect.objectContaining({ repeatCheck: 'pending' }),
    ]);

    await afterAnswerSettled();
    expect(await alertsInStore({ policy: 'repeat-contact' })).toEqual([
      expect.objectContaining({ sessionId, evidence: [expect.objectContaining({ messageIndex: 0 })] }),
    ]);
    const [session] = await inStore('sessions', { _id: sessionId });
    expect(session).toMatchObject({ alerted: true });
    expect(session.repeatCheck).toBeUndefined();

    // Later messages and the close check nothing again.
    await customerSays('能帮我催一下吗');
    await callApi('sup-1', { action: 'sessions/close', sessionId });
    await afterAnswerSettled();
    expect(await alertsInStore({ policy: 'repeat-contact' })).toHaveLength(1);
  });

  it('a first-time customer raises nothing and leaves no pending check', async () => {
    await customerSays('你好，这款有现货吗');
    const sessionId = await openSessionOf();
    expect(await alertsInStore({ policy: 'repeat-contact' })).toEqual([]);
    const [session] = await inStore('sessions', { _id: sessionId });
    expect(session.repeatCheck).toBeUndefined();
  });

  it('a session only an agent wrote in raises nothing and loses its pending check when it closes', async () => {
    await earlierContact();
    await agentMessage('您好，您的快递今天已经派送，请注意查收');
    const sessionId = await openSessionOf();
    expect(await inStore('sessions', { _id: sessionId })).toEqual([
      expect.objectContaining({ repeatCheck: 'pending' }),
    ]);
    await callApi('sup-1', { action: 'sessions/close', sessionId });
    expect(await alertsInStore({ policy: 'repeat-contact' })).toEqual([]);
    const [session] = await inStore('sessions', { _id: sessionId });
    expect(session.repeatCheck).toBeUndefined();
  });

  it("the close runs a check the push's instance never did, once", async () => {
    await earlierContact();
    await push(customerPush('快递还是没到'));
    forgetInstanceCaches(); // the instance is recycled right after answering: its queue is gone
    await afterAnswerSettled();
    const sessionId = await openSessionOf();
    expect(await alertsInStore({ policy: 'repeat-contact' })).toEqual([]);

    await callApi('sup-1', { action: 'sessions/close', sessionId });
    expect(await alertsInStore({ policy: 'repeat-contact' })).toEqual([expect.objectContaining({ sessionId })]);
    const [session] = await inStore('sessions', { _id: sessionId });
    expect(session.repeatCheck).toBeUndefined();
  });
});
