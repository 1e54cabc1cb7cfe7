/** The local cloud's KEFU_SECRET_KEY: made once, kept in the data directory, reused; the environment wins. */
import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureSecretKey } from '../../devcloud/secret.key';
import { secretKey } from '../../cloudfunctions/common/admin/secret.box';

describe('local secret key', () => {
  it('generates a 32-byte key once, keeps it (0600) and reads it back in the next run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-key-'));
    const first: NodeJS.ProcessEnv = {};
    expect(ensureSecretKey(dir, first)).toBe('new');
    expect(secretKey(first)).toHaveLength(32);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second: NodeJS.ProcessEnv = {};
    expect(ensureSecretKey(dir, second)).toBe('file');
    expect(second.KEFU_SECRET_KEY).toBe(first.KEFU_SECRET_KEY);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.KEFU_SECRET_KEY);
  });

  it('leaves a key set in the environment alone, and gives a throwaway store a throwaway key', () => {
    const env: NodeJS.ProcessEnv = { KEFU_SECRET_KEY: 'f'.repeat(64) };
    expect(ensureSecretKey('/nonexistent', env)).toBe('env');
    expect(env.KEFU_SECRET_KEY).toBe('f'.repeat(64));
    const mem: NodeJS.ProcessEnv = {};
    expect(ensureSecretKey(':memory:', mem)).toBe('new');
    expect(secretKey(mem)).toHaveLength(32);
  });
});
