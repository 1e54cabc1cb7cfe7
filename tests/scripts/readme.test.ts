import { readFileSync } from 'fs';
import { join } from 'path';
import { ACTION_ACCESS } from '../../cloudfunctions/core/api.contract';
import { ERROR_CODES } from '../../cloudfunctions/core/errors';
import { COLLECTIONS } from '../../cloudfunctions/common/cloud';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('shows the two commands on its first screen', () => {
    const firstScreen = readme.split('\n').slice(0, 15).join('\n');
    expect(firstScreen).toContain('npm install && npm start');
    expect(firstScreen).toContain('npm install && npm test');
  });

  it('lists every api action with exactly the roles and scopes of ACTION_ACCESS', () => {
    const table = readme.slice(readme.indexOf('<!-- actions:start'), readme.indexOf('<!-- actions:end'));
    const rows = [...table.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]);
    const expected = Object.entries(ACTION_ACCESS).map(([action, scopes]) => [
      action,
      Object.entries(scopes)
        .map(([role, scope]) => `${role} (${scope})`)
        .join(', '),
    ]);
    expect(rows.sort()).toEqual(expected.sort());
  });

  it('lists exactly the error codes declared in core/errors.ts', () => {
    const start = readme.indexOf('<!-- error-codes:start');
    expect(start).toBeGreaterThan(-1);
    const block = readme.slice(start, readme.indexOf('<!-- error-codes:end'));
    const listed = [...block.matchAll(/`([A-Z_]+(?:\.[A-Z_]+)?)`/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual(Object.values(ERROR_CODES).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('tells deployers to create every collection the functions use', () => {
    const start = readme.indexOf('**Collections**');
    expect(start).toBeGreaterThan(0);
    const step = readme.slice(start, readme.indexOf('**The first admin**'));
    const listed = [...step.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
    expect(listed).toEqual(expect.arrayContaining(Object.values(COLLECTIONS)));
  });
});
