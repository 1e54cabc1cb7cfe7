/**
 * A local HTTP server standing in for qyapi.weixin.qq.com: each path answers from its own queue
 * of recorded answers (files in tests/fixtures/wecom, or inline answers for odd cases) and every
 * request is recorded, so tests can assert what the client sent.
 */
import { readFileSync } from 'fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';

export type Answer =
  | string // a fixture name in tests/fixtures/wecom (without .json)
  | { status?: number; json?: unknown; raw?: string }
  | { hang: true }; // never answer (timeouts)

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface Replay {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests to `path`, in order. */
  to(path: string): RecordedRequest[];
  /** Answers not yet consumed, by path. */
  unused(): Record<string, number>;
  close(): Promise<void>;
}

export function wecomFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'wecom', `${name}.json`), 'utf8'));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startReplay(script: Record<string, Answer[]>): Promise<Replay> {
  const queues = new Map(Object.entries(script).map(([path, answers]) => [path, [...answers]]));
  const requests: RecordedRequest[] = [];
  const hanging: ServerResponse[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://replay');
      const text = await readBody(req);
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text ? JSON.parse(text) : undefined,
      });
      const answer = queues.get(url.pathname)?.shift();
      if (answer === undefined) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        return void res.end(`replay: no answer left for ${url.pathname}`);
      }
      if (typeof answer === 'object' && 'hang' in answer) return void hanging.push(res);
      const { status = 200, json, raw } = typeof answer === 'string' ? { json: wecomFixture(answer) } : answer;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(raw ?? JSON.stringify(json));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    unused: () => Object.fromEntries([...queues].filter(([, q]) => q.length > 0).map(([p, q]) => [p, q.length])),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
