import { conversationFromJsonl } from '@core/conversation';
import { containsRawPii } from '@core/privacy/pii.mask';

const line = (o: unknown) => JSON.stringify(o);
const record = {
  id: 'c-1',
  channel: 'mp-kf',
  agentId: 'kf001',
  customerId: 'oUpF8uABC',
  messages: [
    { role: 'customer', at: '2025-05-06T10:00:00.000Z', text: '我的电话是13812345678，快递一直没到' },
    { role: 'agent', at: '2025-05-06T18:00:30+08:00', text: '您好，师傅电话13987654321' },
  ],
};

describe('conversationFromJsonl', () => {
  it('parses ISO-8601 times into epoch milliseconds', () => {
    const r = conversationFromJsonl(line(record));
    if (!r.ok) throw r.error;
    expect(r.conversation.messages.map((m) => m.at)).toEqual([
      Date.parse('2025-05-06T10:00:00Z'),
      Date.parse('2025-05-06T10:00:30Z'),
    ]);
  });

  it('masks every message and records who disclosed what', () => {
    const r = conversationFromJsonl(line(record));
    if (!r.ok) throw r.error;
    const [c, a] = r.conversation.messages;
    expect(r.conversation.messages.some((m) => containsRawPii(m.text))).toBe(false);
    expect(c.pii?.map((f) => [f.type, f.by])).toEqual([['phone', 'customer']]);
    expect(a.pii?.map((f) => [f.type, f.by])).toEqual([['phone', 'agent']]);
    expect(a.text.slice(a.pii![0].start, a.pii![0].end)).toBe('139****4321');
  });

  it('returns a DomainError with the reason for a bad line instead of throwing', () => {
    const bad = conversationFromJsonl('{"id": 1');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('JSON');
    const missing = conversationFromJsonl(line({ ...record, customerId: undefined }));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('customerId');
  });
});
