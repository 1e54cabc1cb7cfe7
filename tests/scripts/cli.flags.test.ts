import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { DEFAULT_SCORECARD_V1 } from '../../cloudfunctions/core/scoring/default.scorecard';
import { DocumentStore } from '../../devcloud/store/document.store';
import type { CliCommand } from '../../scripts/cli/command';
import { command as importCommand } from '../../scripts/cli/import.command';
import { main } from '../../scripts/cli/main';
import { command as scoreCommand } from '../../scripts/cli/score.command';
import { command as sentimentCommand } from '../../scripts/cli/sentiment.command';
import { command as serveCommand, serveOptions } from '../../scripts/cli/serve.command';
import { captureIo } from './support/cli.io';

jest.setTimeout(60_000);

const io = captureIo;

const conversation = (id: string) =>
  JSON.stringify({
    id,
    channel: 'mp-kf',
    agentId: 'kf001',
    customerId: `cust-${id}`,
    messages: [
      { role: 'customer', at: '2026-11-23T10:00:00+08:00', text: '在吗，快递到哪了' },
      { role: 'agent', at: '2026-11-23T10:00:10+08:00', text: '您好，已经在派送了，感谢您的耐心' },
    ],
  });

const COMMANDS: CliCommand[] = [serveCommand, importCommand, scoreCommand, sentimentCommand];

describe('kefu-qa: every command', () => {
  describe.each(COMMANDS.map((c) => [c.name, c] as const))('%s', (name, cmd) => {
    it.each(['--help', '-h'])('prints its usage and every option on stdout for %s, and exits 0', async (flag) => {
      const t = io();
      expect(await cmd.run([flag], t.io)).toBe(0);
      expect(t.out()).toContain(`usage: kefu-qa ${cmd.usage}`);
      for (const option of Object.keys(cmd.options)) expect(t.out()).toContain(`--${option}`);
      expect(t.out()).toContain('--help');
      expect(t.err()).toBe('');
    });

    it('refuses an unknown flag with the usage on stderr and exit code 2, running nothing', async () => {
      const t = io([conversation('a')]);
      expect(await cmd.run(['--verbose'], t.io)).toBe(2);
      expect(t.err()).toContain(`kefu-qa ${name}: Unknown option '--verbose'`);
      expect(t.err()).toContain(`usage: kefu-qa ${cmd.usage}`);
      expect(t.out()).toBe('');
    });

    it('is reachable through main with --help', async () => {
      const t = io();
      expect(await main([name, '--help'], t.io)).toBe(0);
      expect(t.out()).toContain(`usage: kefu-qa ${cmd.usage}`);
    });
  });

  it('main --help lists every command on stdout and exits 0; an unknown command exits 2 on stderr', async () => {
    for (const flag of ['--help', '-h']) {
      const t = io();
      expect(await main([flag], t.io)).toBe(0);
      for (const cmd of COMMANDS) expect(t.out()).toContain(cmd.usage);
    }
    const bad = io();
    expect(await main(['scroe'], bad.io)).toBe(2);
    expect(bad.err()).toContain('unknown command scroe');
    expect(bad.out()).toBe('');
  });

  it('a mistyped flag close to a real one is still an error (it used to be ignored)', async () => {
    const t = io();
    expect(await importCommand.run(['--data-dri', '/tmp/x', 'file.jsonl'], t.io)).toBe(2);
    expect(t.err()).toContain("Unknown option '--data-dri'");
  });
});

describe('kefu-qa score: its flags', () => {
  it('takes --input=- and --format=table in the = form', async () => {
    const t = io([conversation('eq')]);
    expect(await scoreCommand.run(['--input=-', '--format=table'], t.io)).toBe(0);
    expect(t.out()).toMatch(/^id\s+score/);
    expect(t.out()).toMatch(/\neq\s+\d+\s+合格/);
  });

  it('scores with the scorecard --scorecard names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-score-'));
    try {
      const file = join(dir, 'card.json');
      writeFileSync(file, JSON.stringify({ ...DEFAULT_SCORECARD_V1, id: 'from-file', version: 7 }));
      const t = io([conversation('sc')]);
      expect(await scoreCommand.run(['--input', '-', '--scorecard', file], t.io)).toBe(0);
      expect(JSON.parse(t.out()).scorecard).toEqual({ id: 'from-file', version: 7 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing --input, a flag without its value, an unknown --format and a stray argument', async () => {
    for (const args of [[], ['--input'], ['--input', '-', '--format', 'xml'], ['--input', '-', 'extra']]) {
      const t = io();
      expect(await scoreCommand.run(args, t.io)).toBe(2);
      expect(t.err()).toContain(`usage: kefu-qa ${scoreCommand.usage}`);
    }
  });
});

describe('kefu-qa import: its flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports into --data-dir, reads --format csv whatever the extension, and prints --json', async () => {
    const file = join(dir, 'export.txt');
    writeFileSync(
      file,
      [
        'conversation_id,channel,agent_id,customer_id,role,at,text',
        'c1,mp-kf,kf001,o1,customer,2026-11-23 10:00:00,我的快递到哪了',
        'c1,mp-kf,kf001,o1,agent,2026-11-23 10:00:40,您好，在的',
      ].join('\n'),
    );
    const dataDir = join(dir, 'data');
    const t = io();
    expect(await importCommand.run([file, '--data-dir', dataDir, '--format', 'csv', '--json'], t.io)).toBe(0);
    const report = JSON.parse(t.out());
    expect(report).toMatchObject({ file: resolve(file), format: 'csv', read: 2, stored: 1, rejected: [] });
    const store = DocumentStore.open(join(dataDir, 'kefu-qa.sqlite'));
    try {
      expect(store.count('sessions', {})).toBe(1);
    } finally {
      store.close();
    }
  });

  it('refuses a missing file, a second file and an unknown --format', async () => {
    const file = join(dir, 'x.jsonl');
    writeFileSync(file, conversation('x'));
    for (const args of [[], [join(dir, 'missing.jsonl')], [file, file], [file, '--format', 'xml']]) {
      const t = io();
      expect(await importCommand.run(args, t.io)).toBe(2);
      expect(t.err()).toContain(`usage: kefu-qa ${importCommand.usage}`);
    }
  });
});

describe('kefu-qa serve: its flags', () => {
  it('reads --port, --data-dir, --no-demo, --no-h5 and --rebuild over the environment', () => {
    expect(
      serveOptions(
        {
          port: '9001',
          'data-dir': 'some/dir',
          'no-demo': true,
          'no-demo-traffic': true,
          'no-h5': true,
          rebuild: true,
        },
        { PORT: '1', DATA_DIR: '/elsewhere' },
      ),
    ).toEqual({ port: 9001, dataDir: resolve('some/dir'), demo: false, demoTraffic: false, h5: false, rebuild: true });
  });

  it('falls back on PORT and DATA_DIR, then on 8787 and ./.data, with the demo and the H5 app on', () => {
    expect(serveOptions({}, { PORT: '9100', DATA_DIR: '/srv/kefu' })).toEqual({
      port: 9100,
      dataDir: '/srv/kefu',
      demo: true,
      demoTraffic: true,
      h5: true,
      rebuild: false,
    });
    expect(serveOptions({}, {})).toMatchObject({ port: 8787, dataDir: resolve('.data') });
  });

  it('refuses a port that is not a number before starting anything', async () => {
    const t = io();
    expect(await serveCommand.run(['--port', 'eighty'], t.io)).toBe(2);
    expect(t.err()).toContain('bad port');
  });
});

describe('kefu-qa sentiment: no flags', () => {
  it('labels stdin with no arguments and refuses a stray one', async () => {
    const t = io(['太慢了，我要投诉']);
    expect(await sentimentCommand.run([], t.io)).toBe(0);
    expect(t.out()).toMatch(/^negative\t0\.\d{3}\n$/);
    const bad = io();
    expect(await sentimentCommand.run(['texts.txt'], bad.io)).toBe(2);
    expect(bad.err()).toContain('unexpected argument texts.txt');
  });
});
