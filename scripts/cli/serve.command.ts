/**
 * `kefu-qa serve` (what `npm start` runs): builds what is missing, then starts the local cloud
 * on http://localhost:8787 (env PORT) with data in ./.data (env DATA_DIR), seeding the demo on
 * an empty store unless `--no-demo`.
 */
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { buildFunctions, FUNCTIONS_OUT, ROOT } from '../build-functions';
import { startLocalCloud } from '../../devcloud/local-cloud';
import { parseFlags, type CliCommand } from './command';

const H5_DIR = join(ROOT, 'dist', 'h5');

function h5Built(): boolean {
  return existsSync(join(H5_DIR, 'index.html'));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The H5 bundle is stale when the pages, their config or the core they import changed since. */
function h5Stale(): boolean {
  if (!h5Built()) return true;
  const built = statSync(join(H5_DIR, 'index.html')).mtimeMs;
  return ['src', 'config', join('cloudfunctions', 'core')].some((d) => newestMtime(join(ROOT, d)) > built);
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'run the local cloud: H5 app, cloud functions, embedded store, demo data',
  usage: 'serve [--port N] [--data-dir DIR] [--no-demo] [--no-h5] [--rebuild]',
  async run(args, io) {
    const { flags } = parseFlags(args);
    const port = Number(flags.port ?? process.env.PORT ?? 8787);
    const dataDir = resolve(String(flags['data-dir'] ?? process.env.DATA_DIR ?? join(process.cwd(), '.data')));
    const log = (line: string) => io.stdout.write(`[devcloud] ${line}\n`);

    // Bundling the functions takes well under a second: always, so they never run stale code.
    const t0 = Date.now();
    const names = await buildFunctions();
    log(`cloud functions built (${names.join(', ')}) in ${Date.now() - t0} ms`);
    // --no-h5: API and push endpoints only (fault tests, benchmarks); `/` then answers 503.
    if (!flags['no-h5'] && (flags.rebuild || h5Stale())) {
      log('building the H5 app (about 30 s; again only when src/ changes)…');
      const t = Date.now();
      // Taro's progress bar would flood the terminal: keep its output, show it only on failure.
      const r = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
      );
      if (r.status !== 0 || !h5Built()) {
        const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
        io.stderr.write(`${output}\nkefu-qa serve: the H5 build failed (above: the end of its output)\n`);
        return 1;
      }
      log(`H5 app built in ${Date.now() - t} ms`);
    }

    const started = Date.now();
    const cloud = await startLocalCloud({
      port,
      dataDir,
      functionsDir: FUNCTIONS_OUT,
      h5Dir: H5_DIR,
      demo: !flags['no-demo'],
      host: process.env.HOST ?? '127.0.0.1',
      log,
    });
    log(`serving ${cloud.url} (data in ${dataDir}; ready in ${Date.now() - started} ms)`);
    log(`sign in directly: ${cloud.url}/?as=demo-supervisor  (or demo-admin, demo-inspector, demo-agent)`);
    const stop = async () => {
      await cloud.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => {}); // serve until killed
  },
};
