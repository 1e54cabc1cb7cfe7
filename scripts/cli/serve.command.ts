/**
 * `kefu-qa serve` (what `npm start` runs): builds what is missing, then starts the local cloud
 * on http://localhost:8787 (env PORT) with data in ./.data (env DATA_DIR), seeding the demo on
 * an empty store unless `--no-demo`.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { buildFunctions, functionNames, FUNCTIONS_OUT, ROOT } from '../build-functions';
import { startLocalCloud } from '../../devcloud/local-cloud';
import { parseFlags, type CliCommand } from './command';

const H5_DIR = join(ROOT, 'dist', 'h5');

function h5Built(): boolean {
  return existsSync(join(H5_DIR, 'index.html'));
}

function functionsBuilt(): boolean {
  return functionNames().every((n) => existsSync(join(FUNCTIONS_OUT, n, 'index.js')));
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

    if (flags.rebuild || !functionsBuilt()) {
      const t = Date.now();
      await buildFunctions();
      log(`cloud functions built in ${Date.now() - t} ms`);
    }
    // --no-h5: API and push endpoints only (fault tests, benchmarks); `/` then answers 503.
    if (!flags['no-h5'] && (flags.rebuild || !h5Built())) {
      log('building the H5 app (about 30 s, once)…');
      const t = Date.now();
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (r.status !== 0 || !h5Built()) {
        io.stderr.write('kefu-qa serve: the H5 build failed (run `npm run build:h5` to see why)\n');
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
