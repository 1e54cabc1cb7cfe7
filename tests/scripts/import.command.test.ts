import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PassThrough } from 'stream';
import { runImport } from '../../scripts/cli/import.command';
import { DocumentStore } from '../../devcloud/store/document.store';

jest.setTimeout(60_000);

const io = () => ({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() });

const line = (id: string, phone = '') =>
  JSON.stringify({
    id,
    channel: 'import',
    agentId: 'kf001',
    customerId: `cust-${id}`,
    messages: [
      { role: 'customer', at: '2026-11-23T10:00:00+08:00', text: `我的手机号${phone || '是多少不重要'}，订单还没到` },
      { role: 'agent', at: '2026-11-23T10:00:20+08:00', text: '您好，帮您查询' },
    ],
  });

describe('kefu-qa import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-qa-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores valid lines masked, reports rejected ones by line, and stores nothing new on a re-run', async () => {
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      [line('a', '13812345678'), '{"id":"broken"', '', line('b'), '{"id":"x","customerId":"c","messages":[]}'].join(
        '\n',
      ),
    );
    const first = await runImport(file, join(dir, 'data'), io());
    expect(first).toMatchObject({ read: 4, conversations: 2, stored: 2, duplicates: 0 });
    expect(first.rejected.map((r) => r.line)).toEqual([2, 5]);

    const second = await runImport(file, join(dir, 'data'), io());
    expect(second).toMatchObject({ conversations: 2, stored: 0, duplicates: 2 });

    const store = DocumentStore.open(join(dir, 'data', 'kefu-qa.sqlite'));
    try {
      expect(store.count('sessions', {})).toBe(2);
      expect(store.count('messages', {})).toBe(4);
      expect(store.count('scores', {})).toBe(2);
      const texts = store.find('messages', {}).map((m) => String(m.text));
      expect(texts.join()).toContain('138****5678');
      expect(texts.join()).not.toContain('13812345678');
    } finally {
      store.close();
    }
  });
});
