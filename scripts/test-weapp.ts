/**
 * `npm run test:weapp`: the smoke suite of the BUILT mini-program (tests/weapp, its own jest
 * config). Builds dist/weapp first when it is missing or older than what goes into it (src/,
 * config/, the core the pages import), so the suite never passes against a stale bundle.
 * Arguments go to jest (`npm run test:weapp -- -t supervisor`).
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { ROOT } from './build-functions';
import { isStale } from './support/build.freshness';

const BUILT = join(ROOT, 'dist', 'weapp', 'app.js');

function main(): number {
  if (isStale(BUILT)) {
    console.log('[test:weapp] building dist/weapp (20–60 s; again only when src/ changes)…');
    const t = Date.now();
    // Taro's progress bar would flood CI logs: keep its output, show it only on failure.
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'weapp'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (r.status !== 0 || !existsSync(BUILT)) {
      const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
      console.error(`${output}\n[test:weapp] the weapp build failed (above: the end of its output)`);
      return 1;
    }
    console.log(`[test:weapp] dist/weapp built in ${Date.now() - t} ms`);
  } else {
    console.log('[test:weapp] dist/weapp is newer than src/: using it');
  }
  const jest = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      '-c',
      join('tests', 'weapp', 'jest.config.js'),
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return jest.status ?? 1;
}

process.exit(main());
