import { callApi, db, push, pushedNow, resetStore } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';

beforeEach(() => resetStore());

type Letter = { _id: string; reason: string; code: string; raw: string; replayed: boolean; replayError?: string };
type Listed = Omit<Letter, 'raw'> & { preview?: string };

async function letters(params: Record<string, unknown> = {}): Promise<Listed[]> {
  const r = (await callApi('admin-1', { action: 'deadletters/list', ...params })) as { data: { items: Listed[] } };
  return r.data.items;
}

async function letter(id: string): Promise<Letter> {
  const r = (await callApi('admin-1', { action: 'deadletters/get', id })) as { data: { deadLetter: Letter } };
  return r.data.deadLetter;
}

describe('dead letters: bad input is kept, masked, visible to admins and replayable', () => {
  it('answers success for a push it cannot parse and keeps it with the reason', async () => {
    const bad = { ...pushedNow('mp-kf-text.json'), CreateTime: 'yesterday', Content: '我的电话是13812345678' };
    await expect(push(bad)).resolves.toBe('success');
    const [listed] = await letters();
    expect(listed).toMatchObject({ code: 'INGEST.BAD_PAYLOAD', replayed: false });
    expect(listed.reason).toMatch(/CreateTime/);
    const whole = await letter(listed._id);
    expect(whole.raw).toContain('138****5678');
    expect(whole.raw).not.toContain('13812345678');
  });

  it('lists letters without their input, a short masked preview each, and gives one whole on request', async () => {
    await push({ ...pushedNow('mp-kf-text.json'), CreateTime: 'yesterday', Content: '我的电话是13812345678' });
    const [listed] = await letters();
    expect(listed).not.toHaveProperty('raw');
    expect(listed.preview).toContain('138****5678');
    expect(listed.preview).not.toContain('13812345678');
    const whole = await letter(listed._id);
    expect(whole.raw.startsWith(listed.preview!)).toBe(true);
    expect(whole).toMatchObject({ _id: listed._id, code: 'INGEST.BAD_PAYLOAD' });
  });

  it('lists five 1.5 MB junk pushes in one page (past the 1 MB result limit were their inputs read)', async () => {
    for (let i = 0; i < 5; i++) {
      const junk = {
        MsgType: 'text',
        FromUserName: `o-${i}`,
        CreateTime: 'never',
        Content: String(i).repeat(1_500_000),
      };
      await expect(push(junk)).resolves.toBe('success');
    }
    const r = (await callApi('admin-1', { action: 'deadletters/list', limit: 20 })) as {
      ok: boolean;
      data: { items: Listed[]; total: number };
    };
    expect(r).toMatchObject({ ok: true, data: { total: 5 } });
    expect(r.data.items).toHaveLength(5);
    for (const listed of r.data.items) expect(listed.preview!.length).toBeLessThanOrEqual(200);
    // Each one is still there whole (cut to the 256 KB a letter keeps) for whoever opens it.
    const whole = await letter(r.data.items[0]._id);
    expect(whole.raw.length).toBeGreaterThan(200_000);
  });

  it('answers INPUT.INVALID for a dead letter that does not exist', async () => {
    await expect(callApi('admin-1', { action: 'deadletters/get', id: 'dl_missing' })).resolves.toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
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
    const [listed] = await letters();
    const again = (await callApi('admin-1', { action: 'deadletters/replay', id: listed._id })) as {
      data: { deadLetter: Letter };
    };
    expect(again.data.deadLetter).toMatchObject({ replayed: false, replayError: expect.stringMatching(/CreateTime/) });

    // An operator repairs the stored input (the fix), then replays it.
    const stored = await letter(listed._id);
    const fixed = JSON.stringify({ ...JSON.parse(stored.raw), CreateTime: Math.floor(Date.now() / 1000) });
    await runWithContext({ SOURCE: 'test' }, () =>
      db()
        .collection('deadLetters')
        .doc(listed._id)
        .update({ data: { raw: fixed } }),
    );
    const ok = (await callApi('admin-1', { action: 'deadletters/replay', id: listed._id })) as {
      data: { deadLetter: Letter };
    };
    expect(ok.data.deadLetter.replayed).toBe(true);
    const sessions = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { total: number } };
    expect(sessions.data.total).toBe(1);
  });

  it('keeps dead letters from supervisors', async () => {
    for (const action of ['deadletters/list', 'deadletters/get']) {
      await expect(callApi('sup-1', { action, id: 'dl-1' })).resolves.toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    }
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
