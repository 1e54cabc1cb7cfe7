/**
 * Whether a build output is older than what goes into it: the pages (src/), their config and
 * the core they import. Shared by `kefu-qa serve` (the H5 bundle) and `npm run test:weapp`.
 */
import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../build-functions';

const SOURCES = ['src', 'config', join('cloudfunctions', 'core')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when `builtFile` is missing or any source file changed after it was written. */
export function isStale(builtFile: string): boolean {
  if (!existsSync(builtFile)) return true;
  const built = statSync(builtFile).mtimeMs;
  return SOURCES.some((d) => newestMtime(join(ROOT, d)) > built);
}
