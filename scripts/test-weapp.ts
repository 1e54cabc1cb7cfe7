/**
 * `npm run test:weapp`: the smoke suite of the BUILT mini-program (tests/weapp, its own jest
 * config). Builds dist/weapp first when it is missing or older than what goes into it (src/,
 * config/, the core the pages import), so the suite never passes against a stale bundle.
 * Arguments go to jest (`npm run test:weapp -- -t supervisor`).
 */
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { ROOT } from './build-functions';

const BUILT = join(ROOT, 'dist', 'weapp', 'app.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function weappStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return ['src', 'config', join('cloudfunctions', 'core')].some((d) => newestMtime(join(ROOT, d)) > built);
}

function main(): number {
  if (weappStale()) {
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
