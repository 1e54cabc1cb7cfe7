import { command } from '../../scripts/cli/score.command';
import { captureIo } from './support/cli.io';

const io = captureIo;

const conv = (id: string, agentText: string) =>
  JSON.stringify({
    id,
    channel: 'mp-kf',
    agentId: 'kf001',
    customerId: 'oUpF8uABC',
    messages: [
      { role: 'customer', at: '2025-05-06T10:00:00Z', text: '在吗，快递到哪了' },
      { role: 'agent', at: '2025-05-06T10:00:10Z', text: agentText },
    ],
  });

describe('kefu-qa score', () => {
  it('prints one JSON result per conversation with its hits', async () => {
    const t = io([conv('good', '您好，已经在派送了，感谢您的耐心'), conv('rude', '爱买不买')]);
    expect(await command.run(['--input', '-'], t.io)).toBe(0);
    const rows = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.passed])).toEqual([
      ['good', true],
      ['rude', false],
    ]);
    expect(rows[1].hits.map((h: { ruleId: string }) => h.ruleId)).toContain('rude-language');
    expect(typeof rows[0].score).toBe('number');
  });

  it('reports a bad line on stderr with its number, goes on, and exits 1', async () => {
    const t = io([conv('a', '您好，感谢'), '{"id":', conv('b', '您好，感谢')]);
    expect(await command.run(['--input', '-'], t.io)).toBe(1);
    expect(t.err()).toMatch(/^line 2: /);
    expect(t.out().trim().split('\n')).toHaveLength(2);
  });

  it('prints a table on request', async () => {
    const t = io([conv('rude', '爱买不买')]);
    await command.run(['--input', '-', '--format', 'table'], t.io);
    expect(t.out()).toMatch(/rude\s+\d+\s+不合格\s+红线\s+.*rude-language/);
  });

  it('refuses a bad scorecard file with the field at fault', async () => {
    const fs = await import('fs');
    const os = await import('os');
    const path = await import('path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'score-')), 'card.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ id: 'x', version: 1, status: 'published', name: 'x', passThreshold: 60, sections: [] }),
    );
    const t = io([]);
    expect(await command.run(['--input', '-', '--scorecard', file], t.io)).toBe(2);
    expect(t.err()).toContain('sections');
  });
});
