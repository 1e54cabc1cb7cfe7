/**
 * The local cloud's HTTP face:
 *   GET  /                    the H5 build of the mini-program (static files)
 *   POST /api/callFunction    { name, data } + header X-Openid → { result } like wx.cloud.callFunction
 *   POST /push/wechat         a customer-service message push → the ingest function → "success"
 *   POST /ingest/events       the signed ingest API (HMAC-SHA256) → the ingest function's HTTP answer
 *   GET|POST /push/wecom      WeCom customer-service callback → kf/sync_msg pull (WECOM_API_BASE)
 *   POST /live/alerts/ticket  header X-Openid → a one-use ticket for the alert stream
 *   GET  /live/alerts?ticket= server-sent alert changes for a supervisor (the H5 stand-in for watch())
 *   GET  /storage/<path>?expires=&sign=  a cloud-storage file by its temp URL (cloud.getTempFileURL)
 *   GET  /dev/users           the users to pick from on the local sign-in screen
 *   GET  /healthz             liveness (`?memory=1`: with the host's process.memoryUsage())
 * Bodies over MAX_BODY are answered 413 (the rest is read and dropped, up to DRAIN_LIMIT, so
 * the client gets the answer rather than a reset); a failure inside a function is logged here
 * and answered 500 with a fixed text: internal messages never leave the host.
 */
import { createReadStream, existsSync, statSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { extname, join, normalize } from 'path';
import type { AlertLiveFeed } from './alerts.live-feed';
import type { LocalStorage } from './sdk/cloud.storage';
import { LOCAL_PUSH_SOURCE } from '../cloudfunctions/core/ingest/caller.policy';
import { FunctionNotFoundError, type FunctionsRuntime } from './functions.runtime';

export const MAX_BODY = 5 * 1024 * 1024;
/** Past this much, an oversized body is no longer drained: the connection is cut. */
const DRAIN_LIMIT = 8 * MAX_BODY;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => new HttpError(413, 'BODY_TOO_LARGE', `request body over ${MAX_BODY} bytes`);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > DRAIN_LIMIT) {
        reject(tooLarge());
        req.destroy();
      } else chunks.length = 0;
    });
    req.on('end', () => (size > MAX_BODY ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'request body is not valid JSON');
  }
}

/** Who calls, as the local sign-in tells the host (the stand-in for WeChat's signed context). */
function openidOf(req: IncomingMessage): string | undefined {
  const openid = req.headers['x-openid'];
  return typeof openid === 'string' && openid ? openid : undefined;
}

export interface HostOptions {
  runtime: FunctionsRuntime;
  liveAlerts?: AlertLiveFeed;
  h5Dir: string;
  listUsers: () => Promise<unknown[]>;
  /** The cloud storage whose temp URLs this host serves. */
  storage?: LocalStorage;
  log?: (line: string) => void;
}

export function createHttpHost(opts: HostOptions): Server {
  const { runtime, h5Dir } = opts;

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(h5Dir, rel);
    if (!file.startsWith(h5Dir)) throw new HttpError(403, 'FORBIDDEN', 'path outside the app');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(h5Dir, 'index.html');
    if (!existsSync(file)) {
      throw new HttpError(503, 'H5_NOT_BUILT', 'the H5 app is not built: run `npm run build:h5` (npm start does it)');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;

    if (path === '/healthz') {
      // `?memory=1`: the host's memory too, for the load benchmark's samples (scripts/bench-ingest.ts).
      if (url.searchParams.get('memory') !== '1') return sendJson(res, 200, { ok: true, functions: runtime.names() });
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      return sendJson(res, 200, {
        ok: true,
        functions: runtime.names(),
        memory: { rss, heapUsed, heapTotal, external },
      });
    }

    if (path === '/api/callFunction') {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'use POST');
      const body = (await readJson(req)) as { name?: unknown; data?: unknown };
      if (typeof body !== 'object' || body === null || typeof body.name !== 'string') {
        throw new HttpError(400, 'BAD_REQUEST', 'expected { "name": "<function>", "data": { ... } }');
      }
      if (!runtime.has(body.name))
        throw new HttpError(404, 'FUNCTION_NOT_FOUND', `cloud function not found: ${body.name}`);
      const result = await runtime.invoke(body.name, body.data ?? {}, {
        OPENID: openidOf(req),
        SOURCE: 'wx_client',
      });
      return sendJson(res, 200, { result, errMsg: 'cloud.callFunction:ok' });
    }

    if (path === '/push/wechat') {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'use POST');
      const body = (await readJson(req)) as { FromUserName?: unknown };
      const openid = typeof body?.FromUserName === 'string' ? body.FromUserName : undefined;
      // As WeChat delivers a push to the function: the event is the push, OPENID its sender.
      // The cloud's SOURCE for a push is undocumented (core/ingest/caller.policy.ts).
      await runtime.invoke('ingest', body, { OPENID: openid, SOURCE: LOCAL_PUSH_SOURCE });
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('success');
    }

    if (path === '/push/wecom') {
      // WeCom (微信客服) callbacks: GET is the console's URL check, POST carries the token to pull with.
      const result = await runtime.invoke(
        'ingest',
        {
          httpMethod: req.method,
          path,
          body: req.method === 'POST' ? await readBody(req) : '',
          isBase64Encoded: false,
          queryStringParameters: Object.fromEntries(url.searchParams),
        },
        { SOURCE: 'wx_http' },
      );
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(typeof result === 'string' ? result : 'success');
    }

    if (path === '/ingest/events') {
      // The signed ingest API: the raw body goes through untouched (the signature covers it),
      // shaped as the cloud's HTTP-trigger event, and the function's answer is written back.
      const answer = (await runtime.invoke(
        'ingest',
        {
          httpMethod: req.method ?? 'GET',
          path,
          headers: req.headers,
          body: await readBody(req),
          isBase64Encoded: false,
        },
        { SOURCE: 'wx_http' },
      )) as { statusCode: number; headers?: Record<string, string>; body: string };
      res.writeHead(answer.statusCode, answer.headers ?? {});
      return void res.end(answer.body);
    }

    if (path === '/live/alerts/ticket' && opts.liveAlerts) {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'use POST');
      const answer = opts.liveAlerts.issueTicket(openidOf(req));
      return sendJson(res, answer.status, answer.body);
    }

    if (path === '/live/alerts' && opts.liveAlerts) {
      return opts.liveAlerts.connect(req, res, url.searchParams.get('ticket'));
    }

    if (path.startsWith('/storage/') && opts.storage && (req.method === 'GET' || req.method === 'HEAD')) {
      let cloudPath: string;
      try {
        cloudPath = path.slice('/storage/'.length).split('/').map(decodeURIComponent).join('/');
      } catch {
        throw new HttpError(400, 'BAD_PATH', 'bad file path');
      }
      const file = opts.storage.serve(cloudPath, url.searchParams.get('expires'), url.searchParams.get('sign'));
      if (!file.ok) {
        if (file.reason === 'not-found') throw new HttpError(404, 'FILE_NOT_FOUND', 'no such file');
        throw new HttpError(403, file.reason === 'expired' ? 'URL_EXPIRED' : 'BAD_SIGNATURE', 'the link is not valid');
      }
      const name = cloudPath.split('/').pop() as string;
      res.writeHead(200, {
        'Content-Type': TYPES[extname(name)] ?? 'application/octet-stream',
        'Content-Length': file.content.length,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'private, no-store',
      });
      return void res.end(req.method === 'HEAD' ? undefined : file.content);
    }

    if (path === '/dev/users') return sendJson(res, 200, await opts.listUsers());

    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, path);
    throw new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${path}`);
  }

  return createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof HttpError) return sendJson(res, e.status, { error: { code: e.code, message: e.message } });
      if (e instanceof FunctionNotFoundError) {
        return sendJson(res, 404, { error: { code: 'FUNCTION_NOT_FOUND', message: e.message } });
      }
      opts.log?.(`500 ${req.method} ${req.url}: ${(e as Error).stack ?? e}`);
      // Like the cloud's -504002: the function failed; a pusher will retry. The reason stays in
      // the log above: a database error or a missing setting is no business of the caller's.
      sendJson(res, 500, {
        error: { code: 'FUNCTION_EXECUTION_FAILED', message: 'the function failed; see the local cloud log' },
      });
    });
  });
}
