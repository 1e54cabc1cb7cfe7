/**
 * A returning customer's push opens their new session and answers; the idle session it found is
 * closed and scored after the push (common/close.queue.ts), once, and the sweep covers what the
 * queue does not get to.
 */
import { afterAnswerSettled, asForeground } from '../../cloudfunctions/common/after-answer.queue';
import { closeSoon } from '../../cloudfunctions/common/close.queue';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';
import { db, push, pushedNow, resetStore, runSweep, store } from './harness';

beforeEach(() => resetStore());

const CUSTOMER = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

async function all(name: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return ((await db().collection(name).limit(1000).get()) as { data: any[] }).data;
}

function sessionsByStart() {
  return all('sessions').then((list) => list.sort((a, b) => a.startedAt - b.startedAt));
}

describe('closing the idle session a returning customer left', () => {
  it('the push answers with the old session still open; it is closed and scored right after, once', async () => {
    const longAgo = Date.now() - 40 * 60_000;
    await push(pushedNow('mp-kf-text.json', { MsgId: 1 }, longAgo));
    const [old] = await sessionsByStart();

    await expect(push(pushedNow('mp-kf-text.json', { MsgId: 2, Content: '又是我' }))).resolves.toBe('success');
    await expect(push(pushedNow('mp-kf-text.json', { MsgId: 3, Content: '在吗' }))).resolves.toBe('success');
    let [first, second] = await sessionsByStart();
    expect(first).toMatchObject({ _id: old._id, status: 'open' });
    expect(second).toMatchObject({ status: 'open', customerId: CUSTOMER, messageCount: 2 });

    // The instance that stored the old session's message holds its whole list: the close reads none.
    const reads = jest.spyOn(store, 'findEncoded');
    await afterAnswerSettled();
    expect(reads.mock.calls.filter(([coll]) => coll === 'messages')).toEqual([]);
    reads.mockRestore();
    [first, second] = await sessionsByStart();
    expect(first).toMatchObject({ _id: old._id, status: 'closed', score: expect.objectContaining({ passed: false }) });
    expect(second).toMatchObject({ status: 'open', messageCount: 2 });
    expect((await all('scores')).map((s) => s.sessionId)).toEqual([old._id]);
    // The new session's messages went where they belong, the old one kept its own.
    const messages = await all('messages');
    expect(messages.filter((m) => m.sessionId === old._id)).toHaveLength(1);
    expect(messages.filter((m) => m.sessionId === second._id)).toHaveLength(2);
  });

  it('a close that fails leaves its session open for the sweep, and the queue goes on', async () => {
    const longAgo = Date.now() - 40 * 60_000;
    await push(pushedNow('mp-kf-text.json', { MsgId: 10, FromUserName: 'o-a' }, longAgo));
    await push(pushedNow('mp-kf-text.json', { MsgId: 11, FromUserName: 'o-b' }, longAgo + 1000));
    const [a, b] = await sessionsByStart();
    // Old data from before the 1 MB cap, as it sits in the store, met by a fresh instance:
    // session b cannot be read to score.
    forgetInstanceCaches();
    store.insert('messages', [
      {
        _id: 'huge',
        sessionId: b._id,
        channel: 'mp-kf',
        role: 'customer',
        type: 'text',
        text: 'x'.repeat(1_200_000),
        at: longAgo + 2000,
        customerId: 'o-b',
      },
    ]);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    closeSoon(b._id);
    closeSoon('no-such-session');
    closeSoon(a._id);
    closeSoon(a._id); // asked twice, closed once
    await afterAnswerSettled();
    expect((await all('scores')).map((s) => s.sessionId)).toEqual([a._id]);
    expect((await sessionsByStart()).find((s) => s._id === b._id)).toMatchObject({ status: 'open' });
    await expect(runSweep()).resolves.toEqual({ closed: 0, failed: 1 });
    const lines = logged.mock.calls.map((c) => String(c[0]));
    logged.mockRestore();
    expect(lines[0]).toContain(`[close/queued] session=${b._id}`);
    expect(lines.join('\n')).not.toContain('xxxx');
  });

  it('a queued close waits while a push is being stored', async () => {
    await push(pushedNow('mp-kf-text.json', { MsgId: 20 }, Date.now() - 40 * 60_000));
    const [idle] = await sessionsByStart();
    let release!: () => void;
    const storing = asForeground(new Promise<void>((resolve) => (release = resolve)));
    closeSoon(idle._id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await sessionsByStart())[0]).toMatchObject({ status: 'open' });
    release();
    await storing;
    await afterAnswerSettled();
    expect((await sessionsByStart())[0]).toMatchObject({ status: 'closed' });
  });
});
