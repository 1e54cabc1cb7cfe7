import { db, resetStore } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import type { Message, Session } from '../../cloudfunctions/core/model';
import { ACCESS_TOKEN_DOC, createWecomClient, type WecomClient } from '../../cloudfunctions/common/wecom/wecom.client';
import {
  advanceCursor,
  cursorDocId,
  readCursor,
  SYNC_MSG_PATH,
  syncWecomKf,
} from '../../cloudfunctions/common/wecom/wecom.sync';
import { startReplay, wecomFixture, type Answer, type Replay } from './wecom.replay';

const GETTOKEN = '/cgi-bin/gettoken';
const KF = 'wkSHOP';
const CALLBACK_TOKEN = 'ENC_CALLBACK_TOKEN';

let replay: Replay | undefined;

async function serve(script: Record<string, Answer[]>): Promise<Replay> {
  replay = await startReplay(script);
  return replay;
}

const inCloud = <T>(fn: () => Promise<T>) => runWithContext({ SOURCE: 'wx_http' }, fn);

function sync(r: Replay, extra: { maxPages?: number } = {}) {
  const client = createWecomClient({ baseUrl: r.baseUrl, corpId: 'ww_corp', secret: 'kf_secret', timeoutMs: 2_000 });
  return inCloud(() => syncWecomKf({ token: CALLBACK_TOKEN, openKfId: KF, client, ...extra }));
}

async function all<T>(collection: string): Promise<T[]> {
  return inCloud(async () => ((await db().collection(collection).limit(1000).get()) as unknown as { data: T[] }).data);
}

const byId = <T extends { _id: string }>(docs: T[]) => Object.fromEntries(docs.map((d) => [d._id, d]));

/** A sync_msg answer built from a recorded page, e.g. the same messages under another cursor. */
function pageLike(name: string, overrides: Record<string, unknown>): Answer {
  return { json: { ...(wecomFixture(name) as Record<string, unknown>), ...overrides } };
}

beforeEach(() => resetStore());
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

describe('syncWecomKf over two pages', () => {
  let r: Replay;
  beforeEach(async () => {
    r = await serve({ [GETTOKEN]: ['gettoken'], [SYNC_MSG_PATH]: ['sync-page-1', 'sync-page-2'] });
  });

  it('reads page after page from the cursor and reports what it did', async () => {
    await expect(sync(r)).resolves.toEqual({
      pages: 2,
      stored: 8,
      duplicates: 0,
      skipped: 1,
      rejected: 0,
      closed: 1,
      hasMore: false,
    });
    expect(r.to(SYNC_MSG_PATH).map((q) => q.body)).toEqual([
      { cursor: '', token: CALLBACK_TOKEN, limit: 1000, open_kfid: KF },
      { cursor: 'CURSOR_P1', token: CALLBACK_TOKEN, limit: 1000, open_kfid: KF },
    ]);
    expect(r.to(SYNC_MSG_PATH).every((q) => q.query.access_token === 'ACCESS_TOKEN_A')).toBe(true);
  });

  it('persists the last cursor', async () => {
    await sync(r);
    await expect(inCloud(() => readCursor(KF))).resolves.toBe('CURSOR_P2');
    const [doc] = await all<{ _id: string; openKfId: string }>('cursors');
    expect(doc).toMatchObject({ _id: cursorDocId(KF), openKfId: KF });
  });

  it('stores each message with the role its origin gives, agents by servicer_userid', async () => {
    await sync(r);
    const m = byId(await all<Message>('messages'));
    expect(Object.keys(m).sort()).toEqual([
      'wk_p1_a_1',
      'wk_p1_a_2',
      'wk_p1_a_3',
      'wk_p1_b_1',
      'wk_p2_a_1',
      'wk_p2_a_2',
      'wk_p2_b_1',
      'wk_p2_b_2',
    ]);
    expect(m.wk_p1_a_1).toMatchObject({
      channel: 'wecom-kf',
      role: 'customer',
      type: 'text',
      customerId: 'wm_customer_a',
      at: 1_700_000_000_000,
    });
    expect(m.wk_p1_a_2).toMatchObject({ role: 'agent', agentId: 'zhangsan' });
    expect(m.wk_p2_a_1).toMatchObject({ role: 'system', type: 'event', text: '[会话由 zhangsan 转接给 lisi]' });
    expect(m.wk_p2_a_2).toMatchObject({ role: 'agent', agentId: 'lisi' });
    expect(m.wk_p1_b_1).toMatchObject({ role: 'customer', type: 'image', text: '[图片]' });
  });

  it('masks personal data before it is stored and records the finding', async () => {
    await sync(r);
    const m = byId(await all<Message>('messages'));
    expect(m.wk_p1_a_3.text).toBe('138****5678');
    expect(m.wk_p1_a_3.pii).toEqual([{ type: 'phone', start: 0, end: 11, by: 'customer' }]);
    expect(JSON.stringify(await all('messages'))).not.toContain('13812345678');
  });

  it('groups messages into one session per customer, keeping both agents of a transfer', async () => {
    await sync(r);
    const sessions = await all<Session>('sessions');
    expect(sessions).toHaveLength(2);
    const a = sessions.find((s) => s.customerId === 'wm_customer_a');
    expect(a).toMatchObject({
      channel: 'wecom-kf',
      status: 'open',
      agentIds: ['zhangsan', 'lisi'],
      agentId: 'lisi',
      messageCount: 5,
    });
    const messages = await all<Message>('messages');
    expect(messages.filter((x) => x.customerId === 'wm_customer_a').every((x) => x.sessionId === a?._id)).toBe(true);
  });

  it('closes and scores the session WeCom reports as ended', async () => {
    await sync(r);
    const b = (await all<Session>('sessions')).find((s) => s.customerId === 'wm_customer_b');
    expect(b).toMatchObject({ status: 'closed', agentIds: ['kf001'], team: '售前一组', messageCount: 3 });
    expect(b?.score).toEqual(expect.objectContaining({ scoreId: expect.any(String) }));
    expect(await all('scores')).toHaveLength(1);
  });
});

describe('syncWecomKf never stores a message twice', () => {
  it('when a page repeats the same msgids under a new cursor', async () => {
    const r = await serve({
      [GETTOKEN]: ['gettoken'],
      [SYNC_MSG_PATH]: ['sync-page-1', pageLike('sync-page-1', { next_cursor: 'CURSOR_P1_AGAIN' }), 'sync-page-2'],
    });
    await expect(sync(r)).resolves.toMatchObject({ pages: 3, stored: 8, duplicates: 4 });
    expect(await all('messages')).toHaveLength(8);
    const a = (await all<Session>('sessions')).find((s) => s.customerId === 'wm_customer_a');
    expect(a?.messageCount).toBe(5);
  });

  it('when a crash lost the cursor and the pages are read again', async () => {
    const r = await serve({
      [GETTOKEN]: ['gettoken'],
      [SYNC_MSG_PATH]: ['sync-page-1', 'sync-page-2', 'sync-page-1', 'sync-page-2'],
    });
    await sync(r);
    await inCloud(async () => {
      await db().collection('cursors').doc(cursorDocId(KF)).remove();
    });
    await expect(sync(r)).resolves.toMatchObject({ pages: 2, stored: 0, duplicates: 8, closed: 0 });
    expect(r.to(SYNC_MSG_PATH)[2].body).toMatchObject({ cursor: '' });
    expect(await all('messages')).toHaveLength(8);
    expect(await all('scores')).toHaveLength(1);
  });
});

describe('syncWecomKf after a failure', () => {
  it('refreshes an expired access token and retries the page', async () => {
    await inCloud(async () => {
      const data = { token: 'ACCESS_TOKEN_OLD', corpId: 'ww_corp', expiresAt: Date.now() + 3_600_000 };
      await db().collection('secrets').doc(ACCESS_TOKEN_DOC).set({ data });
    });
    const r = await serve({ [GETTOKEN]: ['gettoken-renewed'], [SYNC_MSG_PATH]: ['token-expired', 'sync-page-2'] });
    await expect(sync(r)).resolves.toMatchObject({ pages: 1, stored: 4 });
    expect(r.to(SYNC_MSG_PATH).map((q) => q.query.access_token)).toEqual(['ACCESS_TOKEN_OLD', 'ACCESS_TOKEN_B']);
    expect(r.to(SYNC_MSG_PATH).map((q) => (q.body as { cursor: string }).cursor)).toEqual(['', '']);
    expect(r.to(GETTOKEN)).toHaveLength(1);
  });

  it('keeps the stored pages and their cursor when a later page fails, and resumes there', async () => {
    const r = await serve({
      [GETTOKEN]: ['gettoken'],
      [SYNC_MSG_PATH]: ['sync-page-1', { status: 500, raw: 'internal error' }, 'sync-page-2'],
    });
    await expect(sync(r)).rejects.toMatchObject({ name: 'WecomHttpError', status: 500 });
    expect(await all('messages')).toHaveLength(4);
    await expect(inCloud(() => readCursor(KF))).resolves.toBe('CURSOR_P1');

    await expect(sync(r)).resolves.toMatchObject({ pages: 1, stored: 4, duplicates: 0 });
    expect(r.to(SYNC_MSG_PATH)[2].body).toMatchObject({ cursor: 'CURSOR_P1' });
  });
});

describe('syncWecomKf edge cases', () => {
  it('dead-letters an unreadable item and goes on with the page', async () => {
    const broken = {
      msgid: 'broken_1',
      send_time: 1_700_000_001,
      origin: 3,
      msgtype: 'text',
      text: { content: '手机 13812345678' },
    };
    const page = pageLike('sync-page-2', {
      msg_list: [broken, ...(wecomFixture('sync-page-2') as { msg_list: unknown[] }).msg_list],
    });
    const r = await serve({ [GETTOKEN]: ['gettoken'], [SYNC_MSG_PATH]: [page] });
    await expect(sync(r)).resolves.toMatchObject({ rejected: 1, stored: 4 });
    const [letter] = await all<{ _id: string; code: string; raw: string }>('deadLetters');
    expect(letter).toMatchObject({ origin: 'wecom-sync', code: 'INGEST.BAD_PAYLOAD', index: 0 });
    expect(letter.raw).toContain('broken_1');
    expect(letter.raw).not.toContain('13812345678');
    await expect(inCloud(() => readCursor(KF))).resolves.toBe('CURSOR_P2');
  });

  it('stops when WeCom says "more" but gives no new cursor, instead of looping', async () => {
    const stuck = pageLike('sync-page-2', { has_more: 1, next_cursor: '' });
    const r = await serve({ [GETTOKEN]: ['gettoken'], [SYNC_MSG_PATH]: [stuck] });
    await expect(sync(r)).resolves.toMatchObject({ pages: 1, hasMore: true });
  });

  it('stops after maxPages and continues from the saved cursor on the next callback', async () => {
    const r = await serve({ [GETTOKEN]: ['gettoken'], [SYNC_MSG_PATH]: ['sync-page-1', 'sync-page-2'] });
    await expect(sync(r, { maxPages: 1 })).resolves.toMatchObject({ pages: 1, stored: 4, hasMore: true });
    await expect(sync(r, { maxPages: 1 })).resolves.toMatchObject({ pages: 1, stored: 4, hasMore: false });
    expect(r.to(SYNC_MSG_PATH)[1].body).toMatchObject({ cursor: 'CURSOR_P1' });
  });

  it('accepts has_more as a string', async () => {
    const r = await serve({
      [GETTOKEN]: ['gettoken'],
      [SYNC_MSG_PATH]: [pageLike('sync-page-1', { has_more: '1' }), 'sync-page-2'],
    });
    await expect(sync(r)).resolves.toMatchObject({ pages: 2 });
  });
});

describe('two syncs of the same account at once', () => {
  /** A client answering sync_msg from the recorded pages by cursor; `beforeAnswer` runs inside the call. */
  function pagesClient(beforeAnswer?: (cursor: string) => Promise<void>): WecomClient {
    const pages: Record<string, string> = { '': 'sync-page-1', CURSOR_P1: 'sync-page-2' };
    return {
      config: { baseUrl: 'http://unused', corpId: 'ww_corp', secret: 'kf_secret', timeoutMs: 1_000 },
      accessToken: async () => 'ACCESS_TOKEN_A',
      async post<T extends object>(_path: string, body: unknown): Promise<T> {
        const { cursor } = body as { cursor: string };
        await beforeAnswer?.(cursor);
        return wecomFixture(pages[cursor] ?? 'sync-page-2') as T;
      },
    } as WecomClient;
  }
  const run = (client: WecomClient) => inCloud(() => syncWecomKf({ openKfId: KF, client }));

  it('the run that falls behind yields instead of stepping the cursor back', async () => {
    let fast: Awaited<ReturnType<typeof run>> | undefined;
    // The slow run reads page 1; before its answer arrives, a second run reads both pages.
    const slow = await run(
      pagesClient(async (cursor) => {
        if (cursor === '' && !fast) fast = await run(pagesClient());
      }),
    );
    expect(fast).toMatchObject({ pages: 2, stored: 8, hasMore: false });
    expect(slow).toMatchObject({ pages: 1, stored: 0, yielded: true });
    await expect(inCloud(() => readCursor(KF))).resolves.toBe('CURSOR_P2');
    expect(await all('messages')).toHaveLength(8);
  });

  it('a run moves the cursor only from the cursor it read', async () => {
    await run(pagesClient());
    await expect(inCloud(() => advanceCursor(KF, 'CURSOR_P1', 'CURSOR_OLD'))).resolves.toBe(false);
    await expect(inCloud(() => advanceCursor(KF, '', 'CURSOR_OLD'))).resolves.toBe(false);
    await expect(inCloud(() => advanceCursor(KF, 'CURSOR_P2', 'CURSOR_P3'))).resolves.toBe(true);
    await expect(inCloud(() => readCursor(KF))).resolves.toBe('CURSOR_P3');
  });
});
