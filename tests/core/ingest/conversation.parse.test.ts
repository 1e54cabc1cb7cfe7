import { isDomainError } from '../../../cloudfunctions/core/errors';
import {
  parseConversationLine,
  parseConversationRecord,
  parseInstant,
} from '../../../cloudfunctions/core/ingest/conversation.parse';

const valid = () => ({
  id: 'c1',
  channel: 'mp-kf',
  agentId: 'kf001',
  customerId: 'o1',
  messages: [
    { role: 'customer', at: '2026-11-23T10:00:00+08:00', text: '我的快递到哪了' },
    { role: 'agent', at: '2026-11-23T10:00:30+08:00', text: '亲，在的，帮您查一下' },
  ],
  rating: { csat: 5, nps: 9, resolved: true },
  tags: { issueType: '物流', businessLine: '数码' },
});

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('conversation records (import and scoring input)', () => {
  it('parses a valid record into epoch-ms messages', () => {
    const { conversation, normalised } = parseConversationRecord(valid());
    expect(conversation.messages.map((m) => m.at)).toEqual([
      Date.parse('2026-11-23T02:00:00Z'),
      Date.parse('2026-11-23T02:00:30Z'),
    ]);
    expect(conversation).toMatchObject({ id: 'c1', agentId: 'kf001', rating: { csat: 5, nps: 9, resolved: true } });
    expect(normalised).toEqual([]);
  });

  it('reads times as ISO-8601, epoch seconds, epoch milliseconds and zone-less China time', () => {
    const ms = Date.parse('2026-11-23T02:00:00Z');
    expect(parseInstant('2026-11-23T02:00:00Z')).toEqual({ ms, normalised: false });
    expect(parseInstant(ms / 1000)).toEqual({ ms, normalised: true });
    expect(parseInstant(ms)).toEqual({ ms, normalised: false });
    expect(parseInstant(String(ms))).toEqual({ ms, normalised: true });
    expect(parseInstant('2026-11-23 10:00:00')).toEqual({ ms, normalised: true });
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('refuses times no conversation has: before 2000, from 2100 (found by the fuzzer)', () => {
    for (const v of [-62_135_596_800_000, 0, 1, '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z', 9e15]) {
      expect([v, parseInstant(v)]).toEqual([v, null]);
    }
    expect(parseInstant('2000-01-01T00:00:00Z')).not.toBeNull();
  });

  it('rejects a record whose required fields are wrong, naming the field', () => {
    expect(reason(() => parseConversationRecord({ ...valid(), customerId: '' }))).toMatch(/customerId/);
    expect(reason(() => parseConversationRecord({ ...valid(), messages: [] }))).toMatch(/messages/);
    expect(
      reason(() => parseConversationRecord({ ...valid(), messages: [{ role: 'robot', at: 1, text: 'x' }] })),
    ).toMatch(/messages\[0\]\.role/);
    expect(
      reason(() => parseConversationRecord({ ...valid(), messages: [{ role: 'agent', at: 'soon', text: 'x' }] })),
    ).toMatch(/messages\[0\]\.at/);
    expect(reason(() => parseConversationLine('{"id":'))).toMatch(/JSON 语法错误/);
  });

  it('rejects a sparse messages array, naming the hole (found by the fuzzer)', () => {
    const record = valid();
    const holed = [record.messages[0], , record.messages[1]]; // eslint-disable-line no-sparse-arrays
    expect(reason(() => parseConversationRecord({ ...record, messages: holed }))).toMatch(/messages\[1\] 不是对象/);
  });

  it('keeps the conversation when only an optional field is bad, and reports what it dropped', () => {
    const { conversation, normalised } = parseConversationRecord({
      ...valid(),
      rating: { csat: 9, nps: 8, resolved: '是' },
    });
    expect(conversation.rating).toEqual({ nps: 8, resolved: true });
    expect(normalised.join('\n')).toMatch(/csat=9 超出 1-5/);
  });

  it('maps role aliases, trims text and orders messages by time', () => {
    const { conversation, normalised } = parseConversationRecord({
      ...valid(),
      messages: [
        { role: '客服', at: 2_000_000_000_000, text: ' 您好 ' },
        { role: 'user', at: 1_999_999_999_000, text: '在吗' },
      ],
    });
    expect(conversation.messages.map((m) => [m.role, m.text])).toEqual([
      ['customer', '在吗'],
      ['agent', '您好'],
    ]);
    expect(normalised).toEqual(
      expect.arrayContaining([expect.stringMatching(/重新排序/), expect.stringMatching(/去除首尾空白/)]),
    );
  });
});
