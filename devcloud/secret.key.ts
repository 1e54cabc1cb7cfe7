/**
 * The local cloud's KEFU_SECRET_KEY (issue 14): ingest-source secrets are sealed with it
 * (cloudfunctions/common/admin/secret.box.ts). Generated once and kept in the data directory
 * (`secret.key`, mode 0600) so secrets created in one run open in the next; a throwaway
 * (`:memory:`) store gets a throwaway key. A key already in the environment wins.
 */
import { randomBytes } from 'crypto';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

export function ensureSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): 'env' | 'file' | 'new' {
  if (env.KEFU_SECRET_KEY) return 'env';
  if (dataDir === ':memory:') {
    env.KEFU_SECRET_KEY = randomBytes(32).toString('hex');
    return 'new';
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    env.KEFU_SECRET_KEY = readFileSync(file, 'utf8').trim();
    return 'file';
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  env.KEFU_SECRET_KEY = key;
  return 'new';
}
