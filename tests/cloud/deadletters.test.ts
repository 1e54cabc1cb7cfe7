import { callApi, db, push, pushedNow, resetStore } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';

beforeEach(() => resetStore());

type Letter = { _id: string; reason: string; code: string; raw: string; replayed: boolean; replayError?: string };

async function letters(): Promise<Letter[]> {
  const r = (await callApi('admin-1', { action: 'deadletters/list' })) as { data: { items: Letter[] } };
  return r.data.items;
}

describe('dead letters: bad input is kept, masked, visible to admins and replayable', () => {
  it('answers success for a push it cannot parse and keeps it with the reason', async () => {
    const bad = { ...pushedNow('mp-kf-text.json'), CreateTime: 'yesterday', Content: '我的电话是13812345678' };
    await expect(push(bad)).resolves.toBe('success');
    const [letter] = await letters();
    expect(letter).toMatchObject({ code: 'INGEST.BAD_PAYLOAD', replayed: false });
    expect(letter.reason).toMatch(/CreateTime/);
    expect(letter.raw).toContain('138****5678');
    expect(letter.raw).not.toContain('13812345678');
  });

  it('keeps one dead letter however often the same bad push is retried', async () => {
    const bad = { ...pushedNow('mp-kf-text.json'), MsgId: undefined };
    for (let i = 0; i < 3; i++) await push(bad);
    expect(await letters()).toHaveLength(1);
  });

  it('does not dead-letter a valid push because of an unrelated unknown field', async () => {
    await push({ ...pushedNow('mp-kf-text.json'), SomeNewField: { nested: true } });
    expect(await letters()).toHaveLength(0);
  });

  it('replays a dead letter once the input is fixable, and records a replay that still fails', async () => {
    const bad = { ...pushedNow('mp-kf-text.json'), CreateTime: 'yesterday' };
    await push(bad);
    const [letter] = await letters();
    const again = (await callApi('admin-1', { action: 'deadletters/replay', id: letter._id })) as {
      data: { deadLetter: Letter };
    };
    expect(again.data.deadLetter).toMatchObject({ replayed: false, replayError: expect.stringMatching(/CreateTime/) });

    // An operator repairs the stored input (the fix), then replays it.
    const fixed = JSON.stringify({ ...JSON.parse(letter.raw), CreateTime: Math.floor(Date.now() / 1000) });
    await runWithContext({ SOURCE: 'test' }, () =>
      db()
        .collection('deadLetters')
        .doc(letter._id)
        .update({ data: { raw: fixed } }),
    );
    const ok = (await callApi('admin-1', { action: 'deadletters/replay', id: letter._id })) as {
      data: { deadLetter: Letter };
    };
    expect(ok.data.deadLetter.replayed).toBe(true);
    const sessions = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { total: number } };
    expect(sessions.data.total).toBe(1);
  });

  it('keeps dead letters from supervisors', async () => {
    await expect(callApi('sup-1', { action: 'deadletters/list' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('live sessions for supervisors', () => {
  it('lists open sessions with the longest-waiting customer first', async () => {
    const now = Date.now();
    await push(pushedNow('mp-kf-text.json', { FromUserName: 'oA', MsgId: 1 }, now - 60_000));
    await push(pushedNow('mp-kf-text.json', { FromUserName: 'oB', MsgId: 2 }, now - 300_000));
    await push(pushedNow('mp-kf-text.json', { FromUserName: 'oC', MsgId: 3 }, now - 10_000));
    const r = (await callApi('sup-1', { action: 'sessions/live' })) as {
      data: { items: { customerId: string; waitingMs: number }[] };
    };
    expect(r.data.items.map((s) => s.customerId)).toEqual(['oB', 'oA', 'oC']);
    expect(r.data.items[0].waitingMs).toBeGreaterThanOrEqual(300_000);
  });
});
