import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { generateDemo, toJsonl } from '../../devcloud/demo';

const NOW = Date.UTC(2025, 2, 1, 4, 0, 0);
const ROOT = path.resolve(__dirname, '../..');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('toJsonl', () => {
  const { conversations } = generateDemo({ seed: 3, now: NOW, conversations: 30 });
  const lines = toJsonl(conversations).split('\n');

  test('writes one newline-terminated line per conversation', () => {
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(30);
  });

  test('writes ISO-8601 times that parse back to the same instants', () => {
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as { startedAt: string; messages: { at: string }[] };
      expect(parsed.startedAt).toMatch(ISO);
      parsed.messages.forEach((m, j) => {
        expect(m.at).toMatch(ISO);
        expect(Date.parse(m.at)).toBe(conversations[i].messages[j].at);
      });
    });
  });

  test('keeps the import fields and leaves out absent ones', () => {
    const parsed = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(0, 5)).toEqual(['id', 'channel', 'agentId', 'customerId', 'startedAt']);
    const unrated = conversations.findIndex((c) => !c.rating);
    expect(JSON.parse(lines[unrated])).not.toHaveProperty('rating');
  });
});

describe('scripts/demo-jsonl.ts', () => {
  test('prints the same JSONL as the generator for the given seed, count and now', () => {
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        'scripts/demo-jsonl.ts',
        '--count',
        '12',
        '--seed',
        '5',
        '--now',
        new Date(NOW).toISOString(),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(toJsonl(generateDemo({ seed: 5, now: NOW, conversations: 12 }).conversations));
  }, 30_000);

  test('rejects a bad count with exit code 2', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/demo-jsonl.ts', '--count', 'many'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--count');
  }, 30_000);
});
