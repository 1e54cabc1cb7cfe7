/**
 * The holes the security probe of issue 10 found on the ingest side, one test each: the framing
 * import, the session takeover, operator objects and bad fields reaching the database, the text
 * cap, the sweep that a huge session stopped, dead letters of any size and depth, ids built from
 * raw values, and keyed sessions shared between sources.
 */
import { callApi, db, importAsServer, push, pushedNow, resetStore, runSweep, store } from './harness';
import { all, batch, json, resetWithSecrets, signedPost } from './events.support';
import { messageEvent, ratingEvent } from '../core/ingest/events.factories';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { storeMessage } from '../../cloudfunctions/common/message.store';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';
import { MESSAGE_TEXT_LIMIT } from '../../cloudfunctions/core/ingest/text.cap';
import { DEAD_LETTER_RAW_LIMIT } from '../../cloudfunctions/core/ingest/dead-letter.raw';
import { idDigest } from '../../cloudfunctions/core/id.digest';
import { documentCounts } from './store.counts';
import { importRecord } from './import.support';

beforeEach(() => resetWithSecrets());

function snapshot(): Record<string, number> {
  return documentCounts(store);
}

const HOUR = 3_600_000;

/** One instant for the whole file, so the same record built twice is the same record. */
const AT = Date.now() - 2 * HOUR;

function record(over: Record<string, unknown> = {}) {
  const lines: Parameters<typeof importRecord>[2] = [
    { at: AT, text: '你好，我要退货' },
    { at: AT + 20_000, text: '您好，马上为您处理' },
  ];
  return importRecord('conv-1', 'cust-import', lines, over);
}

describe('imports: only admins through api, parsed like the CLI, never over another session', () => {
  test('an agent, a supervisor, an unknown openid and no openid cannot import (nothing written)', async () => {
    const before = snapshot();
    for (const openid of ['agent-1', 'sup-1', 'o-stranger', undefined]) {
      const answer = await callApi(openid, { action: 'conversations/import', conversation: record() });
      expect(answer).toMatchObject({
        ok: false,
        code: openid?.startsWith('o-') || !openid ? 'AUTH.UNKNOWN_USER' : 'AUTH.FORBIDDEN',
      });
    }
    expect(snapshot()).toEqual(before);
  });

  test('an admin imports a conversation: stored, closed, scored and audited', async () => {
    const answer = await callApi('admin-1', { action: 'conversations/import', conversation: record() });
    expect(answer).toMatchObject({ ok: true, data: { outcome: 'stored', sessionId: expect.any(String) } });
    const { sessionId } = (answer as { data: { sessionId: string } }).data;
    const [session] = await all('sessions');
    expect(session).toMatchObject({ _id: sessionId, status: 'closed', importId: 'conv-1' });
    expect(await all('auditLog')).toEqual([
      expect.objectContaining({ by: 'admin-1', entity: 'session', entityId: sessionId, action: 'import' }),
    ]);
    const again = await callApi('admin-1', { action: 'conversations/import', conversation: record() });
    expect(again).toMatchObject({ ok: true, data: { outcome: 'duplicate', sessionId } });
    expect(await all('messages')).toHaveLength(2);
  });

  test('an import with the startedAt and customer of an open session is refused and the session is untouched', async () => {
    const at = Date.now() - 5 * 60_000;
    await push(pushedNow('mp-kf-text.json', { FromUserName: 'o-victim' }, at));
    const [open] = await all('sessions');
    const messagesBefore = await all('messages');
    const takeover = record({
      id: 'takeover',
      channel: 'mp-kf',
      customerId: 'o-victim',
      agentId: 'kf006',
      startedAt: open.startedAt,
      rating: { csat: 1 },
      messages: [{ role: 'agent', at: open.startedAt, text: '滚' }],
    });
    const viaApi = await callApi('admin-1', { action: 'conversations/import', conversation: takeover });
    expect(viaApi).toMatchObject({ ok: false, code: 'IMPORT.SESSION_CONFLICT' });
    const viaServer = await importAsServer(takeover);
    expect(viaServer).toMatchObject({ ok: false, code: 'IMPORT.SESSION_CONFLICT' });
    expect(await all('sessions')).toEqual([open]);
    expect(await all('messages')).toEqual(messagesBefore);
    expect(await all('scores')).toEqual([]);
  });

  test.each([
    ['agentId as an operator object is dropped, not matched', { agentId: { $ne: null } }, 'stored'],
    ['customerId as an operator object is refused', { customerId: { $gt: '' } }, 'refused'],
    [
      'an "at" that is not a time is refused',
      { messages: [{ role: 'customer', at: 'yesterday', text: '你好' }] },
      'refused',
    ],
    ['a null conversation is refused', null, 'refused'],
    [
      'a text that is not a string is refused',
      { messages: [{ role: 'customer', at: Date.now(), text: { $gt: '' } }] },
      'refused',
    ],
    ['a 1000-character id is refused', { id: 'x'.repeat(1000) }, 'refused'],
  ])('%s', async (_name, change, expected) => {
    const conversation = change === null ? null : record(change as Record<string, unknown>);
    const before = snapshot();
    const answer = await callApi('admin-1', { action: 'conversations/import', conversation });
    if (expected === 'refused') {
      expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
      expect(snapshot()).toEqual(before);
    } else {
      expect(answer).toMatchObject({ ok: true });
      const [session] = await all('sessions');
      expect(session.agentId).toBeUndefined();
      expect(session.agentIds).toEqual([]);
      for (const m of await all('messages')) expect(typeof (m.agentId ?? '')).toBe('string');
    }
  });

  test('a deeply nested rating is dropped before any write: all messages and the session, or nothing', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { csat: deep };
    const answer = await callApi('admin-1', { action: 'conversations/import', conversation: record({ rating: deep }) });
    expect(answer).toMatchObject({ ok: true, data: { outcome: 'stored' } });
    const [session] = await all('sessions');
    expect(session.rating).toBeUndefined();
    expect(await all('messages')).toHaveLength(2);
  });

  test('a bad record from the server path is dead-lettered whole, nothing else written', async () => {
    const answer = await importAsServer({ ...record(), customerId: { $gt: '' } });
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID', deadLetterId: expect.any(String) });
    expect(snapshot()).toEqual({ users: expect.any(Number), deadLetters: 1 });
  });
});

describe('forged or malformed pushes', () => {
  test('a push with an operator object as sender or a non-string text stores nothing but a dead letter', async () => {
    for (const bad of [
      pushedNow('mp-kf-text.json', { FromUserName: { $gt: '' } }),
      pushedNow('mp-kf-text.json', { Content: { $ne: null } }),
    ]) {
      await expect(push(bad)).resolves.toBe('success');
    }
    expect(await all('messages')).toEqual([]);
    expect(await all('sessions')).toEqual([]);
    expect(await all('deadLetters')).toHaveLength(2);
  });
});

describe('the text cap', () => {
  test(`a 300,000-character push is stored cut to ${MESSAGE_TEXT_LIMIT} characters, flagged, the whole dead-lettered`, async () => {
    const long = '我要投诉'.repeat(75_000);
    await expect(push(pushedNow('mp-kf-text.json', { Content: long }))).resolves.toBe('success');
    const [message] = await all('messages');
    expect(message.text).toHaveLength(MESSAGE_TEXT_LIMIT);
    expect(message).toMatchObject({ truncated: true, fullLength: 300_000 });
    const [letter] = await all('deadLetters');
    expect(letter).toMatchObject({ code: 'INGEST.TEXT_TRUNCATED', truncated: true });
    expect(letter.raw.length).toBeLessThanOrEqual(DEAD_LETTER_RAW_LIMIT);
  });

  test('a signed-API message over the cap is stored cut with a warning, not rejected', async () => {
    const text = '订单'.repeat(MESSAGE_TEXT_LIMIT);
    const answer = json(await signedPost(batch([messageEvent({ at: Date.now(), text })])));
    expect(answer.data.results[0]).toMatchObject({
      status: 'stored',
      warnings: [expect.objectContaining({ field: 'text' })],
    });
    const [message] = await all('messages');
    expect(message).toMatchObject({ truncated: true, fullLength: 2 * MESSAGE_TEXT_LIMIT });
    expect(message.text).toHaveLength(MESSAGE_TEXT_LIMIT);
    expect(await all('deadLetters')).toEqual([expect.objectContaining({ code: 'INGEST.TEXT_TRUNCATED' })]);
  });

  test('an imported message over the cap is stored cut', async () => {
    const at = Date.now() - HOUR;
    const answer = await importAsServer(record({ messages: [{ role: 'customer', at, text: 'x'.repeat(50_000) }] }));
    expect(answer).toMatchObject({ ok: true, outcome: 'stored' });
    const [message] = await all('messages');
    expect(message).toMatchObject({ truncated: true, fullLength: 50_000 });
  });
});

describe('the sweep survives what once stopped it', () => {
  async function idleSessionWith(customerId: string, texts: string[]): Promise<string> {
    const at = Date.now() - 40 * 60_000;
    const { sessionId } = await runWithContext({ SOURCE: 'test' }, () =>
      storeMessage({
        _id: `${customerId}-0`,
        channel: 'mp-kf',
        role: 'customer',
        type: 'text',
        text: '在吗',
        at,
        customerId,
      }),
    );
    // Old data from before the cap: written straight into the store, as it sits there, and
    // met by a fresh instance (one that stored the session's first message would hold its list).
    forgetInstanceCaches();
    store.insert(
      'messages',
      texts.map((text, i) => ({
        _id: `${customerId}-big-${i}`,
        sessionId,
        channel: 'mp-kf',
        role: 'customer',
        type: 'text',
        text,
        at: at + i + 1,
        customerId,
      })),
    );
    return sessionId;
  }

  test('a session whose messages together pass 1 MB is read in smaller pages and closed', async () => {
    await idleSessionWith(
      'c-many',
      Array.from({ length: 5 }, () => 'x'.repeat(250_000)),
    );
    await expect(runSweep()).resolves.toEqual({ closed: 1, failed: 0 });
  });

  test('a session with one message over 1 MB is dead-lettered and the other idle sessions still close', async () => {
    const huge = await idleSessionWith('c-huge', ['x'.repeat(1_200_000)]);
    await idleSessionWith('c-normal', []);
    await expect(runSweep()).resolves.toEqual({ closed: 1, failed: 1 });
    const sessions = await all('sessions');
    expect(sessions.find((s) => s._id === huge).status).toBe('open');
    expect(sessions.find((s) => s._id !== huge).status).toBe('closed');
    expect(await all('deadLetters')).toEqual([
      expect.objectContaining({
        origin: 'sweep',
        code: 'SWEEP.SESSION_FAILED',
        raw: JSON.stringify({ sessionId: huge }),
      }),
    ]);
    // The next runs leave it alone for an hour (it must not take a slot every minute)...
    await expect(runSweep()).resolves.toEqual({ closed: 0, failed: 0 });
    // ...then try it again: it fails again without a second letter, and the run still ends.
    await db()
      .collection('sessions')
      .doc(huge)
      .update({ data: { sweepFailedAt: Date.now() - 61 * 60_000 } });
    await expect(runSweep()).resolves.toEqual({ closed: 0, failed: 1 });
    expect(await all('deadLetters')).toHaveLength(1);
  });
});

describe('dead letters: any size, any depth, one writer', () => {
  test('a 1.5 MB junk event is kept cut to the limit and the admins can list it', async () => {
    const junk = { MsgType: 'text', FromUserName: 'o-x', CreateTime: 'never', Content: '1'.repeat(1_500_000) };
    await expect(push(junk)).resolves.toBe('success');
    const [letter] = await all('deadLetters');
    expect(letter.truncated).toBe(true);
    expect(letter.raw.length).toBeLessThanOrEqual(DEAD_LETTER_RAW_LIMIT);
    await expect(callApi('admin-1', { action: 'deadletters/list' })).resolves.toMatchObject({
      ok: true,
      data: { total: 1 },
    });
  });

  test('a 200,000-deep nested push is dead-lettered (no stack overflow), answered success', async () => {
    let deep: unknown = '13812345678';
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    await expect(push({ MsgType: 'text', FromUserName: 'o-x', CreateTime: 'never', Content: deep })).resolves.toBe(
      'success',
    );
    const [letter] = await all('deadLetters');
    expect(letter).toMatchObject({ code: 'INGEST.BAD_PAYLOAD', truncated: true });
    expect(letter.raw).toContain('[…]');
  });

  test('the reason of a dead letter is masked (it may quote the input)', async () => {
    await signedPost(batch([ratingEvent({ customerId: '13812345678', at: Date.now() })]));
    const [letter] = await all('deadLetters');
    expect(letter.reason).toContain('138****5678');
    expect(JSON.stringify(letter)).not.toContain('13812345678');
  });
});

describe('no raw sender values in ids', () => {
  test('a push event value is digested in the message id and masked in its text', async () => {
    await push(pushedNow('mp-kf-enter-session.json', { Event: 'call_13812345678' }));
    const [message] = await all('messages');
    expect(message._id).not.toContain('13812345678');
    expect(message.text).not.toContain('13812345678');
  });

  test('a signed-API customer id and session key never appear in the session id', async () => {
    await signedPost(
      batch([
        messageEvent({ id: 'p1', at: Date.now(), customerId: '13812345678' }),
        messageEvent({ id: 'p2', at: Date.now(), customerId: 'c-2', sessionKey: '13912345678' }),
      ]),
    );
    const sessions = await all('sessions');
    expect(sessions).toHaveLength(2);
    for (const { _id } of sessions) {
      expect(_id).not.toContain('13812345678');
      expect(_id).not.toContain('13912345678');
    }
    const phone = sessions.find((s) => s.customerId === '13812345678');
    expect(phone._id).toBe(`api_${idDigest('13812345678')}_${phone.startedAt}`);
  });

  test('the same sessionKey and customer from two sources are two sessions', async () => {
    const ev = (id: string) => messageEvent({ id, at: Date.now(), customerId: 'c-shared', sessionKey: 'ticket-1' });
    await signedPost(batch([ev('s1')]));
    await signedPost(batch([ev('s2')], 'ivr'), 'ivr', 'test-secret-ivr');
    const sessions = await all('sessions');
    expect(sessions).toHaveLength(2);
    expect(sessions.map((s) => s.messageCount)).toEqual([1, 1]);
  });
});

afterAll(() => resetStore());
