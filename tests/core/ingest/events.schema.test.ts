import {
  MAX_EVENTS_PER_BATCH,
  eventDocId,
  parseEnvelope,
  parseEvent,
  toEpochMs,
  type EventParse,
  type IngestEvent,
} from '@core/ingest/events.schema';
import { agentOpEvent, callEvent, messageEvent, ratingEvent, segment, T0 } from './events.factories';

function accepted(r: EventParse): { event: IngestEvent; warnings: { field: string; reason: string }[] } {
  if (!r.ok) throw new Error(`expected the event to be accepted, got: ${r.reason}`);
  return r;
}

function rejection(r: EventParse): string {
  if (r.ok) throw new Error('expected the event to be rejected');
  return r.reason;
}

describe('event times', () => {
  test('reads an ISO-8601 time with a zone', () => {
    expect(toEpochMs('2025-03-01T10:00:00+08:00')).toBe(T0);
    expect(toEpochMs('2025-03-01T02:00:00.000Z')).toBe(T0);
  });

  test('reads epoch milliseconds as a number or a digit string', () => {
    expect(toEpochMs(T0)).toBe(T0);
    expect(toEpochMs(String(T0))).toBe(T0);
  });

  test('refuses a zoneless ISO time, which would be read in the server zone', () => {
    expect(toEpochMs('2025-03-01T10:00:00')).toBeNull();
  });

  test('refuses epoch seconds sent where milliseconds are expected', () => {
    expect(toEpochMs(Math.floor(T0 / 1000))).toBeNull();
  });

  test('an event with an unreadable time is rejected naming the field', () => {
    expect(rejection(parseEvent(messageEvent({ at: 'yesterday' })))).toMatch(/^at: /);
  });
});

describe('message events', () => {
  test('a minimal message defaults to the api channel and text type', () => {
    const { event, warnings } = accepted(parseEvent(messageEvent()));
    expect(event).toEqual({
      kind: 'message',
      id: 'm1',
      at: T0,
      channel: 'api',
      customerId: 'cust-1',
      role: 'customer',
      text: '你好，我的订单还没发货',
      type: 'text',
    });
    expect(warnings).toEqual([]);
  });

  test('numeric ids are kept as strings', () => {
    const { event } = accepted(parseEvent(messageEvent({ id: 42, customerId: 10086 })));
    expect(event).toMatchObject({ id: '42', customerId: '10086' });
  });

  test('a missing customer is rejected naming the field', () => {
    expect(rejection(parseEvent(messageEvent({ customerId: undefined })))).toBe('customerId: 缺少此字段');
  });

  test('an unknown role is rejected', () => {
    expect(rejection(parseEvent(messageEvent({ role: 'bot' })))).toMatch(
      /^role: 应为 customer\|agent\|system\|supervisor/,
    );
  });

  test('an unknown channel is rejected rather than filed under another channel', () => {
    expect(rejection(parseEvent(messageEvent({ channel: 'fax' })))).toMatch(/^channel: /);
  });

  test('an unknown message type is kept as text with a warning', () => {
    const { event, warnings } = accepted(parseEvent(messageEvent({ type: 'sticker' })));
    expect(event).toMatchObject({ type: 'text', text: '你好，我的订单还没发货' });
    expect(warnings).toEqual([{ field: 'type', reason: expect.stringContaining('text') }]);
  });

  test('unknown fields are ignored', () => {
    const { event, warnings } = accepted(parseEvent(messageEvent({ vendorExtra: { a: 1 } })));
    expect(event).not.toHaveProperty('vendorExtra');
    expect(warnings).toEqual([]);
  });
});

describe('rating events', () => {
  test('a CSAT rating is accepted', () => {
    const { event } = accepted(parseEvent(ratingEvent({ nps: 9, resolved: true })));
    expect(event).toMatchObject({ kind: 'rating', customerId: 'cust-1', rating: { csat: 5, nps: 9, resolved: true } });
  });

  test('an out-of-range CSAT is dropped and the valid NPS kept', () => {
    const { event, warnings } = accepted(parseEvent(ratingEvent({ csat: 6, nps: 3 })));
    expect(event).toMatchObject({ rating: { nps: 3 } });
    expect((event as { rating: object }).rating).not.toHaveProperty('csat');
    expect(warnings).toEqual([{ field: 'csat', reason: expect.stringContaining('1-5') }]);
  });

  test('a rating with no valid score is rejected', () => {
    expect(rejection(parseEvent(ratingEvent({ csat: 0 })))).toMatch(/没有有效的 csat/);
    expect(rejection(parseEvent(ratingEvent({ csat: undefined })))).toMatch(/没有有效的 csat/);
  });

  test('an NPS outside 0-10 is not a score', () => {
    expect(rejection(parseEvent(ratingEvent({ csat: undefined, nps: 11 })))).toMatch(/NPS/);
  });
});

describe('agent-op events', () => {
  test('an accept is accepted with the default channel', () => {
    const { event } = accepted(parseEvent(agentOpEvent()));
    expect(event).toEqual({
      kind: 'agent-op',
      id: 'op1',
      at: T0,
      op: 'accept',
      customerId: 'cust-1',
      channel: 'api',
      agentId: 'kf001',
    });
  });

  test('a transfer needs the agent taking over', () => {
    expect(rejection(parseEvent(agentOpEvent({ op: 'transfer' })))).toMatch(/^toAgentId: /);
    const { event } = accepted(parseEvent(agentOpEvent({ op: 'transfer', toAgentId: 'kf006' })));
    expect(event).toMatchObject({ op: 'transfer', agentId: 'kf001', toAgentId: 'kf006' });
  });

  test('a note needs its text', () => {
    expect(rejection(parseEvent(agentOpEvent({ op: 'note', note: '  ' })))).toMatch(/^note: /);
    expect(accepted(parseEvent(agentOpEvent({ op: 'note', note: '客户要求回电' }))).event).toMatchObject({
      note: '客户要求回电',
    });
  });

  test('an unknown op is rejected', () => {
    expect(rejection(parseEvent(agentOpEvent({ op: 'escalate' })))).toMatch(/^op: /);
  });

  test('an agent-op without an agent is rejected', () => {
    expect(rejection(parseEvent(agentOpEvent({ agentId: '' })))).toMatch(/^agentId: /);
  });
});

describe('call events', () => {
  test('a call is accepted with its segments, and its time defaults to the call start', () => {
    const { event, warnings } = accepted(parseEvent(callEvent()));
    expect(event).toMatchObject({ kind: 'call', at: T0, callId: 'call-9001', startedAt: T0, endedAt: T0 + 60_000 });
    expect((event as { segments: unknown[] }).segments).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  test('call times may be ISO strings', () => {
    const { event } = accepted(
      parseEvent(callEvent({ startedAt: '2025-03-01T10:00:00+08:00', endedAt: '2025-03-01T10:01:00+08:00' })),
    );
    expect(event).toMatchObject({ startedAt: T0, endedAt: T0 + 60_000 });
  });

  test('a segment ending before it starts rejects the call, naming the segment', () => {
    const bad = callEvent({ segments: [segment(), segment({ startMs: 5000, endMs: 4000 })] });
    expect(rejection(parseEvent(bad))).toBe('segments.1.endMs: 结束时间早于开始时间');
  });

  test('a segment with an unknown speaker rejects the call', () => {
    expect(rejection(parseEvent(callEvent({ segments: [segment({ speaker: 'ivr' })] })))).toMatch(
      /^segments\.0\.speaker: /,
    );
  });

  test('a bad ASR confidence is dropped with a warning and the segment kept', () => {
    const { event, warnings } = accepted(parseEvent(callEvent({ segments: [segment({ confidence: 1.7 })] })));
    expect((event as { segments: object[] }).segments[0]).not.toHaveProperty('confidence');
    expect(warnings).toEqual([{ field: 'segments.0.confidence', reason: expect.any(String) }]);
  });

  test('a call ending before it starts is rejected', () => {
    expect(rejection(parseEvent(callEvent({ endedAt: T0 - 1000 })))).toMatch(/^endedAt: /);
  });

  test('a call without segments is rejected', () => {
    expect(rejection(parseEvent(callEvent({ segments: [] })))).toMatch(/^segments: /);
  });
});

describe('any event', () => {
  test('a non-object is rejected', () => {
    expect(rejection(parseEvent('hello'))).toBe('事件应为 JSON 对象');
  });

  test('an event without an id is rejected', () => {
    expect(rejection(parseEvent(messageEvent({ id: undefined })))).toMatch(/^id: /);
  });

  test('an id with characters a document id cannot carry is rejected', () => {
    expect(rejection(parseEvent(messageEvent({ id: 'a/b' })))).toMatch(/^id: /);
  });

  test('an unknown kind is rejected, keeping the id for the report', () => {
    const r = parseEvent(messageEvent({ kind: 'typing' }));
    expect(r).toEqual({ ok: false, id: 'm1', kind: 'typing', reason: expect.stringMatching(/^kind: /) });
  });

  test('the stored id joins source and event id', () => {
    expect(eventDocId('crm', 'm1')).toBe('ev_crm_m1');
  });
});

describe('the batch envelope', () => {
  test('a batch of the signed source is accepted', () => {
    expect(parseEnvelope({ source: 'crm', events: [messageEvent()] }, 'crm')).toEqual({
      ok: true,
      batch: { source: 'crm', events: [messageEvent()] },
    });
  });

  test('a batch without a source takes the signed one', () => {
    expect(parseEnvelope({ events: [] }, 'crm')).toMatchObject({ ok: true, batch: { source: 'crm' } });
  });

  test('a batch naming another source than the signed one is refused', () => {
    expect(parseEnvelope({ source: 'other', events: [] }, 'crm')).toEqual({
      ok: false,
      reason: expect.stringContaining('不一致'),
    });
  });

  test('a source id with an underscore is refused, since it would blur the stored ids', () => {
    expect(parseEnvelope({ source: 'a_b', events: [] })).toMatchObject({ ok: false });
  });

  test(`a batch over ${MAX_EVENTS_PER_BATCH} events is refused`, () => {
    const events = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, (_, i) => messageEvent({ id: `m${i}` }));
    expect(parseEnvelope({ source: 'crm', events })).toEqual({
      ok: false,
      reason: expect.stringContaining(String(MAX_EVENTS_PER_BATCH)),
    });
  });

  test('events that are not a list are refused', () => {
    expect(parseEnvelope({ source: 'crm', events: {} })).toEqual({ ok: false, reason: 'events: 应为数组' });
  });
});
