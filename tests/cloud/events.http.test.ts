import { idDigest } from '../../cloudfunctions/core/id.digest';
import { USERS, resetStore } from './harness';
import { all, batch, counts, json, resetWithSecrets, signedPost } from './events.support';
import { agentOpEvent, callEvent, messageEvent, ratingEvent, segment } from '../core/ingest/events.factories';

// Times near now, so the idle timer does not split the sessions built here.
const T = Date.now() - 10 * 60_000;
const at = (seconds: number) => T + seconds * 1000;

beforeEach(() => resetWithSecrets());

describe('a batch with one bad event', () => {
  const events = () => [
    messageEvent({ id: 'm1', at: at(0), text: '我的订单还没发货' }),
    messageEvent({ id: 'm2', at: at(5), role: 'bot', text: '手机13812345678，快点' }),
    messageEvent({ id: 'm3', at: at(30), role: 'agent', agentId: 'kf001', text: '您好，马上为您查询' }),
  ];

  test('stores the valid events and reports each by index', async () => {
    const answer = await signedPost(batch(events()));
    expect(answer.statusCode).toBe(200);
    const { data } = json(answer);
    expect(data.counts).toEqual({ stored: 2, duplicate: 0, rejected: 1, failed: 0, deferred: 0 });
    expect(data.results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [0, 'stored'],
      [1, 'rejected'],
      [2, 'stored'],
    ]);
    expect(data.results[1]).toMatchObject({
      id: 'm2',
      code: 'INPUT.INVALID',
      reason: expect.stringMatching(/^role: /),
    });
    expect((await all('messages')).map((m) => m._id).sort()).toEqual(['ev_crm_m1', 'ev_crm_m3']);
  });

  test('dead-letters the bad event with its reason, index and masked raw JSON', async () => {
    await signedPost(batch(events()));
    const [letter] = await all('deadLetters');
    expect(letter).toMatchObject({
      source: 'crm',
      index: 1,
      eventId: 'm2',
      code: 'INPUT.INVALID',
      reason: expect.stringMatching(/^role: /),
      replayed: false,
    });
    expect(letter.raw).toContain('138****5678');
    expect(letter.raw).not.toContain('13812345678');
    expect(JSON.parse(letter.raw)).toMatchObject({ id: 'm2', role: 'bot' });
  });

  test('replaying the same batch stores nothing new', async () => {
    await signedPost(batch(events()));
    const before = await counts();
    const { data } = json(await signedPost(batch(events())));
    expect(data.counts).toEqual({ stored: 0, duplicate: 2, rejected: 1, failed: 0, deferred: 0 });
    expect(await counts()).toEqual(before);
  });
});

describe('the time budget', () => {
  test('events not started within the budget are deferred, untouched, and go in when sent again', async () => {
    const events = batch([messageEvent({ id: 'm1', at: at(0) }), messageEvent({ id: 'm2', at: at(5) })]);
    const { data } = json(await signedPost(events, undefined, undefined, { budgetMs: 0 }));
    expect(data.results).toEqual([
      expect.objectContaining({ index: 0, id: 'm1', status: 'deferred' }),
      expect.objectContaining({ index: 1, id: 'm2', status: 'deferred' }),
    ]);
    expect(await counts()).toMatchObject({ messages: 0, deadLetters: 0 });
    expect(json(await signedPost(events)).data.counts).toMatchObject({ stored: 2 });
  });
});

describe('bodies that are not a batch', () => {
  test('bad JSON is answered 400 and kept, masked, as a dead letter', async () => {
    const answer = await signedPost('{"source":"crm","events":[{"text":"13812345678"');
    expect(answer.statusCode).toBe(400);
    expect(json(answer)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const [letter] = await all('deadLetters');
    expect(letter).toMatchObject({
      source: 'crm',
      code: 'INPUT.INVALID',
      raw: '{"source":"crm","events":[{"text":"138****5678"',
    });
  });

  test('a body naming another source than the signature is refused and kept', async () => {
    const answer = await signedPost(batch([messageEvent({ at: at(0) })], 'ivr'));
    expect(answer.statusCode).toBe(400);
    expect(await counts()).toMatchObject({ messages: 0, deadLetters: 1 });
  });
});

describe('agent operations', () => {
  test('a transfer keeps one session with both agents, the new one responsible', async () => {
    const { data } = json(
      await signedPost(
        batch([
          messageEvent({ id: 'm1', at: at(0) }),
          agentOpEvent({ id: 'op1', at: at(10), op: 'accept', agentId: 'kf001' }),
          messageEvent({ id: 'm2', at: at(20), role: 'agent', agentId: 'kf001', text: '您好，请稍等' }),
          agentOpEvent({ id: 'op2', at: at(60), op: 'transfer', agentId: 'kf001', toAgentId: 'kf006' }),
          messageEvent({ id: 'm3', at: at(90), role: 'agent', agentId: 'kf006', text: '您好，我是售后，为您处理退款' }),
        ]),
      ),
    );
    expect(data.counts).toMatchObject({ stored: 5, rejected: 0 });
    const sessions = await all('sessions');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      agentIds: ['kf001', 'kf006'],
      agentId: 'kf006',
      team: '售前一组',
      status: 'open',
    });
    expect(new Set(data.results.map((r: { sessionId: string }) => r.sessionId))).toEqual(new Set([sessions[0]._id]));
  });

  test('the transfer shows in the conversation as a system line', async () => {
    await signedPost(
      batch([messageEvent({ at: at(0) }), agentOpEvent({ id: 'op2', at: at(60), op: 'transfer', toAgentId: 'kf006' })]),
    );
    const [line] = await all('messages', { _id: 'ev_crm_op2' });
    expect(line).toMatchObject({ role: 'system', type: 'event', text: '[转接] 客服 kf001 转给 kf006', at: at(60) });
  });

  test('a replayed transfer is a duplicate and changes nothing', async () => {
    const events = batch([
      messageEvent({ at: at(0) }),
      agentOpEvent({ id: 'op2', at: at(60), op: 'transfer', toAgentId: 'kf006' }),
    ]);
    await signedPost(events);
    const before = { counts: await counts(), sessions: await all('sessions') };
    const { data } = json(await signedPost(events));
    expect(data.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect({ counts: await counts(), sessions: await all('sessions') }).toEqual(before);
  });

  test('a note is kept as a masked system message of the session', async () => {
    await signedPost(
      batch([
        messageEvent({ at: at(0) }),
        agentOpEvent({ id: 'n1', at: at(30), op: 'note', note: '客户留了电话13812345678' }),
      ]),
    );
    const [note] = await all('messages', { _id: 'ev_crm_n1' });
    expect(note).toMatchObject({ role: 'system', text: '[备注 kf001] 客户留了电话138****5678' });
    expect((await all('sessions'))[0].messageCount).toBe(2);
  });

  test('a close closes and scores the open session', async () => {
    await signedPost(
      batch([
        messageEvent({ id: 'm1', at: at(0) }),
        messageEvent({ id: 'm2', at: at(20), role: 'agent', agentId: 'kf001', text: '已为您催促仓库' }),
        agentOpEvent({ id: 'op9', at: at(40), op: 'close' }),
      ]),
    );
    const [session] = await all('sessions');
    expect(session).toMatchObject({ status: 'closed', score: { passed: true } });
    expect(await all('scores', { sessionId: session._id })).toHaveLength(1);
  });

  test('a close with no open session is applied as a no-op with a warning', async () => {
    const { data } = json(await signedPost(batch([agentOpEvent({ id: 'op9', at: at(40), op: 'close' })])));
    expect(data.results[0]).toMatchObject({ status: 'stored', warnings: [{ field: 'op' }] });
    expect(await all('sessions')).toEqual([]);
  });
});

describe('ratings', () => {
  test('a rating lands on the customer’s session, a later survey adding to it', async () => {
    await signedPost(batch([messageEvent({ at: at(0) }), ratingEvent({ id: 'r1', at: at(60), csat: 4 })]));
    await signedPost(batch([ratingEvent({ id: 'r2', at: at(90), csat: undefined, nps: 9, resolved: true })]));
    const [session] = await all('sessions');
    expect(session.rating).toEqual({ csat: 4, nps: 9, resolved: true });
  });

  test('a rating for a customer with no session is rejected and dead-lettered', async () => {
    const { data } = json(await signedPost(batch([ratingEvent({ customerId: 'nobody', at: at(0) })])));
    expect(data.results[0]).toMatchObject({ status: 'rejected', code: 'INGEST.BAD_PAYLOAD' });
    expect(await all('deadLetters')).toEqual([expect.objectContaining({ eventId: 'r1', kind: 'rating' })]);
  });

  test('a rating with one bad score keeps the good one and says what it dropped', async () => {
    const { data } = json(
      await signedPost(batch([messageEvent({ at: at(0) }), ratingEvent({ at: at(60), csat: 9, nps: 7 })])),
    );
    expect(data.results[1]).toMatchObject({ status: 'stored', warnings: [{ field: 'csat' }] });
    expect((await all('sessions'))[0].rating).toEqual({ nps: 7 });
  });
});

describe('calls', () => {
  const call = (over: Record<string, unknown> = {}) => callEvent({ startedAt: at(0), endedAt: at(60), ...over });

  test('a call becomes a closed, scored session of channel call', async () => {
    const { data } = json(await signedPost(batch([call()], 'ivr'), 'ivr', 'test-secret-ivr'));
    // The customer id is a sender's value: the session id holds its digest, never the value.
    expect(data.results[0]).toMatchObject({ status: 'stored', sessionId: `call_${idDigest('cust-1')}_${at(0)}` });
    expect(data.results[0].sessionId).not.toContain('cust-1');
    const [session] = await all('sessions');
    expect(session).toMatchObject({
      channel: 'call',
      status: 'closed',
      agentIds: ['kf001'],
      team: '售前一组',
      messageCount: 3,
      endedAt: at(60),
    });
    expect(session.score).toEqual(expect.objectContaining({ total: expect.any(Number) }));
    expect(await all('scores', { sessionId: session._id })).toHaveLength(1);
  });

  test('its segments are stored in spoken order with their timing', async () => {
    const segments = [
      segment({ speaker: 'agent', startMs: 8500, endMs: 12000, text: '好的，马上为您查询' }),
      segment({ speaker: 'agent', startMs: 0, endMs: 3000, text: '您好，请问有什么可以帮您？', confidence: 0.9 }),
      segment({ speaker: 'customer', startMs: 3500, endMs: 8000, text: '我想查一下物流' }),
    ];
    await signedPost(batch([call({ segments })], 'ivr'), 'ivr', 'test-secret-ivr');
    const messages = (await all('messages')).sort((a, b) => a.at - b.at);
    expect(messages.map((m) => [m.role, m.text, m.at - at(0)])).toEqual([
      ['agent', '您好，请问有什么可以帮您？', 0],
      ['customer', '我想查一下物流', 3500],
      ['agent', '好的，马上为您查询', 8500],
    ]);
    expect(messages[0].segment).toEqual({ callId: 'call-9001', startMs: 0, endMs: 3000, confidence: 0.9 });
  });

  test('PII spoken in the call is masked in what is stored', async () => {
    const segments = [segment({ speaker: 'customer', text: '我手机是13812345678，卡号6222021234567890128' })];
    await signedPost(batch([call({ segments })], 'ivr'), 'ivr', 'test-secret-ivr');
    const [m] = await all('messages');
    expect(m.text).not.toMatch(/13812345678|6222021234567890128/);
    expect(m.text).toBe('我手机是138****5678，卡号***************0128');
    expect(m.pii.map((f: { type: string }) => f.type).sort()).toEqual(['bankcard', 'phone']);
  });

  test('a replayed call stores nothing new', async () => {
    await signedPost(batch([call()], 'ivr'), 'ivr', 'test-secret-ivr');
    const before = await counts();
    const { data } = json(await signedPost(batch([call()], 'ivr'), 'ivr', 'test-secret-ivr'));
    expect(data.results[0].status).toBe('duplicate');
    expect(await counts()).toEqual(before);
  });
});

describe('teams', () => {
  test('an agent the users collection does not know still gets the session, without a team', async () => {
    await resetStore(USERS.filter((u) => u.agentId !== 'kf001'));
    await signedPost(batch([messageEvent({ at: at(0) }), agentOpEvent({ at: at(5) })]));
    const [session] = await all('sessions');
    expect(session).toMatchObject({ agentIds: ['kf001'], agentId: 'kf001' });
    expect(session).not.toHaveProperty('team');
  });
});
