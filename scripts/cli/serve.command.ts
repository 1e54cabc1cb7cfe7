/**
 * `kefu-qa serve` (what `npm start` runs): builds what is missing, then starts the local cloud
 * on http://localhost:8787 (env PORT) with data in ./.data (env DATA_DIR), seeding the demo on
 * an empty store unless `--no-demo`.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { buildFunctions, FUNCTIONS_OUT, ROOT } from '../build-functions';
import { startLocalCloud } from '../../devcloud/local-cloud';
import { isStale } from '../support/build.freshness';
import { parseCommandArgs, usageError, type CliCommand } from './command';

const H5_DIR = join(ROOT, 'dist', 'h5');

function h5Built(): boolean {
  return existsSync(join(H5_DIR, 'index.html'));
}

/** The H5 bundle is stale when the pages, their config or the core they import changed since. */
function h5Stale(): boolean {
  return isStale(join(H5_DIR, 'index.html'));
}

export interface ServeOptions {
  port: number;
  dataDir: string;
  demo: boolean;
  demoTraffic: boolean;
  h5: boolean;
  rebuild: boolean;
}

/** What `serve` runs with: its flags over the environment (PORT, DATA_DIR) over the defaults. */
export function serveOptions(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv = process.env,
): ServeOptions {
  return {
    port: Number(values.port ?? env.PORT ?? 8787),
    dataDir: resolve(String(values['data-dir'] ?? env.DATA_DIR ?? join(process.cwd(), '.data'))),
    demo: !values['no-demo'],
    demoTraffic: !values['no-demo-traffic'],
    h5: !values['no-h5'],
    rebuild: Boolean(values.rebuild),
  };
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'run the local cloud: H5 app, cloud functions, embedded store, demo data',
  usage: 'serve [--port N] [--data-dir DIR] [--no-demo] [--no-demo-traffic] [--no-h5] [--rebuild]',
  options: {
    port: { type: 'string', value: 'N', description: '端口（默认 8787，或环境变量 PORT）' },
    'data-dir': { type: 'string', value: 'DIR', description: '本地数据目录（默认 ./.data，或环境变量 DATA_DIR）' },
    'no-demo': { type: 'boolean', description: '空库启动时不写入演示数据' },
    'no-demo-traffic': { type: 'boolean', description: '不模拟演示客户的实时会话（默认每分钟几位客户）' },
    'no-h5': { type: 'boolean', description: '不构建、不提供 H5 应用（只有接口与推送入口）' },
    rebuild: { type: 'boolean', description: '即使 H5 构建是新的也重新构建' },
  },
  async run(args, io) {
    const parsed = parseCommandArgs(this, args, io);
    if ('exit' in parsed) return parsed.exit;
    const { port, dataDir, demo, demoTraffic, h5, rebuild } = serveOptions(parsed.values);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(this, io, `bad port ${port}`);
    const log = (line: string) => io.stdout.write(`[devcloud] ${line}\n`);

    // Bundling the functions takes well under a second: always, so they never run stale code.
    const t0 = Date.now();
    const names = await buildFunctions();
    log(`cloud functions built (${names.join(', ')}) in ${Date.now() - t0} ms`);
    // --no-h5: API and push endpoints only (fault tests, benchmarks); `/` then answers 503.
    if (h5 && (rebuild || h5Stale())) {
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
      demo,
      demoTraffic,
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
