import { conversationsFromCsv, parseCsv } from '../../../cloudfunctions/core/ingest/csv.conversations';

describe('CSV import (one message per row)', () => {
  it('parses quotes, doubled quotes, newlines inside quotes and CRLF', () => {
    const rows = parseCsv('a,b\r\n"x, y","he said ""hi""\nthen left"\r\n');
    expect(rows).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, y', 'he said "hi"\nthen left'], line: 2 },
    ]);
  });

  it('groups rows into conversations and rejects a bad row by its line, keeping the others', () => {
    const csv = [
      'conversation_id,channel,agent_id,customer_id,role,at,text,csat,resolved',
      'c1,mp-kf,kf001,o1,customer,2026-11-23 10:00:00,我的快递到哪了,,',
      'c1,mp-kf,kf001,o1,客服,2026-11-23 10:00:40,亲，在的,4,是',
      'c1,mp-kf,kf001,o1,robot,2026-11-23 10:01:00,???,,',
      'c2,mp-kf,kf002,o2,customer,not-a-time,退款,,',
      ',mp-kf,kf002,o2,customer,2026-11-23 10:00:00,无会话号,,',
    ].join('\n');
    const out = conversationsFromCsv(csv);
    expect(out.rows).toBe(5);
    expect(out.rejected).toEqual([
      { line: 4, reason: expect.stringMatching(/role/) },
      { line: 5, reason: expect.stringMatching(/at/) },
      { line: 6, reason: expect.stringMatching(/conversation_id/) },
    ]);
    expect(out.conversations).toHaveLength(1);
    const c1 = out.conversations[0];
    expect(c1.lines).toEqual([2, 3]);
    expect(c1.parsed.conversation).toMatchObject({ id: 'c1', agentId: 'kf001', rating: { csat: 4, resolved: true } });
    expect(c1.parsed.conversation.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
  });

  it('refuses a file without the required columns', () => {
    expect(conversationsFromCsv('id,text\nc1,hi\n').rejected).toEqual([{ line: 1, reason: '缺少列 customerId' }]);
  });
});
