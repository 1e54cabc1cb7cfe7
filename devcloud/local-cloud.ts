/**
 * The local cloud, assembled: the durable store, the real wx-server-sdk bound to it, the built
 * cloud functions with their timers, the HTTP host and (on an empty store) the demo data.
 */
import type { Server } from 'http';
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { User } from '../cloudfunctions/core/model';
import { countOf, rows } from '../cloudfunctions/common/cloud';
import { bindCloud, currentContext, runWithContext } from './sdk/cloud.binding';
import { ForegroundGate } from '../cloudfunctions/common/foreground.gate';
import { DocumentStore, KEFU_INDEXES, KEFU_SHAPES } from './store/document.store';
import { FunctionsRuntime } from './functions.runtime';
import { createHttpHost } from './http.host';
import { AlertLiveFeed } from './alerts.live-feed';
import { seedDemo } from './demo/demo.seed';
import { ensureSecretKey } from './secret.key';
import { DemoTraffic } from './demo/demo.traffic';
import { DEMO_OPENIDS } from './demo/demo.users';
import { LOCAL_PUSH_SOURCE } from '../cloudfunctions/core/ingest/caller.policy';

export interface LocalCloudOptions {
  port: number;
  /** Directory of the store; `:memory:` for a throwaway store. */
  dataDir: string;
  functionsDir: string;
  h5Dir: string;
  demo: boolean;
  /**
   * With `demo`: keep demo conversations going (demo/demo.traffic.ts). Off unless asked for: `serve`
   * asks (`--no-demo-traffic` turns it off); tests and benchmarks starting a cloud do not.
   */
  demoTraffic?: boolean;
  host?: string;
  log?: (line: string) => void;
}

export interface LocalCloud {
  url: string;
  runtime: FunctionsRuntime;
  store: DocumentStore;
  seeded: { users: number; conversations: number } | null;
  close(): Promise<void>;
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const log = opts.log ?? (() => {});
  let file = ':memory:';
  if (opts.dataDir !== ':memory:') {
    mkdirSync(opts.dataDir, { recursive: true });
    file = join(opts.dataDir, 'kefu-qa.sqlite');
  }
  // Before the functions load: they read the key to seal and open ingest-source secrets.
  ensureSecretKey(opts.dataDir);
  const store = DocumentStore.open(file, { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES });
  // One thread runs every function here; in the cloud the timer's run in their own instances.
  const foreground = new ForegroundGate();
  const binding = bindCloud(store, {
    foreground,
    ...(opts.dataDir === ':memory:' ? {} : { storageDir: join(opts.dataDir, 'storage') }),
  });
  const runtime = new FunctionsRuntime(opts.functionsDir, runWithContext, log, foreground);
  runtime.load();
  runtime.serveCallFunction(binding.cloud, currentContext);

  const db = () => binding.db();
  let seeded: LocalCloud['seeded'] = null;
  if (opts.demo) {
    const total = await runWithContext({ SOURCE: 'local-seed' }, () => countOf(db().collection('users')));
    if (total === 0) seeded = await seedDemo(runtime, binding, Date.now(), log);
  }

  const listUsers = () =>
    runWithContext({ SOURCE: 'local-dev' }, async () => {
      const users = await rows<User>(db().collection('users').orderBy('role', 'asc').orderBy('_id', 'asc').limit(1000));
      return users.map(({ _id, name, role, team }) => ({ _id, name, role, team }));
    });

  const liveAlerts = new AlertLiveFeed(store);
  const server: Server = createHttpHost({
    runtime,
    h5Dir: opts.h5Dir,
    listUsers,
    liveAlerts,
    storage: binding.storage,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  // Temp URLs of the cloud storage point at this host (a wildcard address is reached on loopback).
  const reachable = !opts.host || opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  binding.storage.setBaseUrl(`http://${reachable}:${port}`);
  // The sweep's periodic reports require exceljs on their first XLSX (common/report.export.ts).
  // In the cloud that load is the sweep instance's own; here every function shares one thread,
  // and it held every push for 0.3-0.4 s at the first sweep under load (CPU profile of
  // `npm run bench:ingest -- --cpu-prof`). Loaded once, before the timers start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('exceljs');
  runtime.startTimers();

  // Demo traffic only where the demo users are (a store seeded by the demo, not someone's data).
  let traffic: DemoTraffic | null = null;
  if (opts.demo && opts.demoTraffic) {
    const hasDemoAgent = await runWithContext({ SOURCE: 'local-seed' }, async () =>
      Boolean((await rows(db().collection('users').where({ _id: DEMO_OPENIDS.agent }).limit(1))).length),
    );
    if (hasDemoAgent) {
      traffic = new DemoTraffic({
        push: (payload) =>
          runtime.invoke('ingest', payload, { OPENID: String(payload.FromUserName), SOURCE: LOCAL_PUSH_SOURCE }),
        api: (openid, data) => runtime.invoke('api', data, { OPENID: openid, SOURCE: 'wx_client' }),
        now: Date.now,
        log,
      });
      traffic.start();
      log('demo traffic: a few customers a minute (turn off with --no-demo-traffic)');
    }
  }

  return {
    url: `http://localhost:${port}`,
    runtime,
    store,
    seeded,
    async close() {
      await traffic?.stop();
      runtime.stopTimers();
      liveAlerts.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
