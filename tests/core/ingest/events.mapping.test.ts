import { idDigest } from '../../../cloudfunctions/core/id.digest';
import {
  DEAD_LETTER_RAW_LIMIT,
  RATING_WINDOW_MS,
  agentOpMessage,
  agentOpPatch,
  callConversation,
  deadLetterRaw,
  isRateable,
  messageFromEvent,
  ratingPatch,
} from '@core/ingest/events.mapping';
import { parseEvent, type AgentOpEvent, type CallEvent, type MessageEvent } from '@core/ingest/events.schema';
import { agentOpEvent, callEvent, messageEvent, segment, T0 } from './events.factories';

function parsed<T>(raw: Record<string, unknown>): T {
  const r = parseEvent(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.event as T;
}

const session = (over: Partial<{ agentIds: string[]; agentId: string; lastAt: number }> = {}) => ({
  agentIds: [],
  lastAt: T0,
  ...over,
});

describe('message events to messages', () => {
  test('the text is masked before it is stored, with the speaker recorded', () => {
    const m = messageFromEvent('crm', parsed<MessageEvent>(messageEvent({ text: '电话13812345678' })));
    expect(m).toMatchObject({ _id: 'ev_crm_m1', text: '电话138****5678', pii: [{ type: 'phone', by: 'customer' }] });
  });

  test("a customer's message carries no agent even when the source sends one", () => {
    expect(messageFromEvent('crm', parsed<MessageEvent>(messageEvent({ agentId: 'kf001' })))).not.toHaveProperty(
      'agentId',
    );
    expect(
      messageFromEvent('crm', parsed<MessageEvent>(messageEvent({ role: 'agent', agentId: 'kf001' }))),
    ).toMatchObject({ agentId: 'kf001' });
  });
});

describe('agent operations', () => {
  test('an accept makes the agent responsible and a participant', () => {
    expect(agentOpPatch(session(), parsed<AgentOpEvent>(agentOpEvent()))).toEqual({
      agentIds: ['kf001'],
      agentId: 'kf001',
    });
  });

  test('a transfer keeps earlier agents and appends the new one', () => {
    const op = parsed<AgentOpEvent>(agentOpEvent({ op: 'transfer', toAgentId: 'kf006' }));
    expect(agentOpPatch(session({ agentIds: ['kf001'], agentId: 'kf001' }), op)).toEqual({
      agentIds: ['kf001', 'kf006'],
      agentId: 'kf006',
    });
  });

  test('a transfer from an agent the session had not seen lists both, in order', () => {
    const op = parsed<AgentOpEvent>(agentOpEvent({ op: 'transfer', toAgentId: 'kf006' }));
    expect(agentOpPatch(session(), op)).toEqual({ agentIds: ['kf001', 'kf006'], agentId: 'kf006' });
  });

  test('an accept by the agent already responsible changes nothing', () => {
    expect(
      agentOpPatch(session({ agentIds: ['kf001'], agentId: 'kf001' }), parsed<AgentOpEvent>(agentOpEvent())),
    ).toEqual({});
  });

  test('a note becomes a masked system line, its finding placed in the stored text', () => {
    const line = agentOpMessage('crm', parsed<AgentOpEvent>(agentOpEvent({ op: 'note', note: '回电13812345678' })));
    expect(line).toMatchObject({ role: 'system', type: 'event', text: '[备注 kf001] 回电138****5678' });
    const [finding] = line!.pii!;
    expect(line!.text.slice(finding.start, finding.end)).toBe('138****5678');
  });

  test('an agent id that is a phone number is masked in the line (found by the fuzzer)', () => {
    const accept = agentOpMessage('crm', parsed<AgentOpEvent>(agentOpEvent({ op: 'accept', agentId: '13812345678' })));
    expect(accept!.text).toBe('[接入] 客服 138****5678 接入会话');
    const transfer = agentOpMessage(
      'crm',
      parsed<AgentOpEvent>(agentOpEvent({ op: 'transfer', agentId: 'kf001', toAgentId: '13912345678' })),
    );
    expect(transfer!.text).toBe('[转接] 客服 kf001 转给 139****5678');
  });

  test('a close leaves no line', () => {
    expect(agentOpMessage('crm', parsed<AgentOpEvent>(agentOpEvent({ op: 'close' })))).toBeNull();
  });
});

describe('ratings', () => {
  test('set each given score on its own, so one survey does not erase another', () => {
    expect(ratingPatch({ csat: 4, resolved: false })).toEqual({ 'rating.csat': 4, 'rating.resolved': false });
  });

  test('land on an open session or one closed within the window', () => {
    const closed = { status: 'closed' as const, startedAt: T0, lastAt: T0 + 1000, endedAt: T0 + 1000 };
    expect(isRateable({ ...closed, status: 'open' }, T0 + 10 * RATING_WINDOW_MS)).toBe(true);
    expect(isRateable(closed, T0 + 1000 + RATING_WINDOW_MS)).toBe(true);
    expect(isRateable(closed, T0 + 1001 + RATING_WINDOW_MS)).toBe(false);
  });

  test('never land on a session that started after the rating', () => {
    expect(isRateable({ status: 'open', startedAt: T0, lastAt: T0 }, T0 - 1)).toBe(false);
  });
});

describe('calls', () => {
  test('become one call session with a voice message per segment, at call start + segment start', () => {
    const { session, messages } = callConversation('ivr', parsed<CallEvent>(callEvent()), '售前一组');
    expect(session).toMatchObject({
      _id: `call_${idDigest('cust-1')}_${T0}`,
      channel: 'call',
      agentIds: ['kf001'],
      agentId: 'kf001',
      team: '售前一组',
      messageCount: 3,
    });
    expect(messages.map((m) => [m.role, m.at - T0, m.type])).toEqual([
      ['agent', 0, 'voice'],
      ['customer', 3500, 'voice'],
      ['agent', 8500, 'voice'],
    ]);
    expect(messages[0]).toMatchObject({
      _id: 'ev_ivr_c1_0',
      sessionId: session._id,
      segment: { callId: 'call-9001', startMs: 0, endMs: 3000, confidence: 0.93 },
    });
  });

  test('segments sent out of order are stored in spoken order, ids sorting the same way', () => {
    const segments = Array.from({ length: 12 }, (_, i) =>
      segment({ startMs: (11 - i) * 1000, endMs: (11 - i) * 1000 + 500, text: `第${11 - i}句` }),
    );
    const { messages } = callConversation('ivr', parsed<CallEvent>(callEvent({ segments })));
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: 12 }, (_, i) => `第${i}句`));
    const ids = messages.map((m) => m._id);
    expect([...ids].sort()).toEqual(ids);
  });

  test('the session lasts until hang-up, not until the last words', () => {
    const { session } = callConversation('ivr', parsed<CallEvent>(callEvent()));
    expect(session.lastAt).toBe(T0 + 60_000);
  });

  test('PII spoken in a call is masked', () => {
    const segments = [segment({ text: '我的身份证号是110101199003074258' })];
    const [m] = callConversation('ivr', parsed<CallEvent>(callEvent({ segments }))).messages;
    expect(m.text).toBe('我的身份证号是1101**********4258');
    expect(m.pii).toEqual([expect.objectContaining({ type: 'idcard', by: 'customer' })]);
  });
});

describe('dead-letter raw bodies', () => {
  test('are masked', () => {
    expect(deadLetterRaw('{"text":"13812345678"}')).toEqual({ raw: '{"text":"138****5678"}', truncated: false });
  });

  test('are cut to what a document can hold', () => {
    const r = deadLetterRaw('x'.repeat(DEAD_LETTER_RAW_LIMIT + 10));
    expect(r).toEqual({ raw: 'x'.repeat(DEAD_LETTER_RAW_LIMIT), truncated: true });
  });
});
