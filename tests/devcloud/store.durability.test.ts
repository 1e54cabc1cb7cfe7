/**
 * The local cloud must not lose an acknowledged write when killed: a child writes through the
 * real SDK and prints each acknowledged write; it is SIGKILLed mid-stream, the store is reopened
 * and every acknowledged write must be there. Three rounds on the same file also exercise WAL
 * recovery after repeated kills.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore } from '../../devcloud/store/document.store';

const ROOT = join(__dirname, '..', '..');
const WRITER = join(__dirname, 'fixtures', 'durable.writer.ts');

interface Acknowledged {
  added: string[];
  counter: number;
}

/** Runs the writer until it has acknowledged `writes` documents, then SIGKILLs it. */
function writeThenKill(file: string, prefix: string, writes: number): Promise<Acknowledged> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: Acknowledged = { added: [], counter: 0 };
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, value] = line.split(' ');
        if (kind === 'add') acknowledged.added.push(value);
        if (kind === 'inc') acknowledged.counter = Number(value);
      }
      if (!killed && acknowledged.added.length >= writes) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`writer exited before being killed: ${stderr}`));
    });
  });
}

describe('durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write when the process is SIGKILLed mid-stream', async () => {
    const file = join(dir, 'cloud.db');
    for (const round of ['r1', 'r2', 'r3']) {
      const acknowledged = await writeThenKill(file, round, 100 + Math.floor(Math.random() * 150));
      const store = DocumentStore.open(file);
      try {
        const stored = new Set(store.find('messages', { sessionId: round }).map((doc) => doc._id));
        const lost = acknowledged.added.filter((id) => !stored.has(id));
        const counter = store.findById('counters', `${round}-counter`)?.n as number;
        expect(acknowledged.added.length).toBeGreaterThanOrEqual(100);
        expect(lost).toEqual([]);
        // The kill may land between a commit and its acknowledgement: never fewer, at most one more.
        expect(counter - acknowledged.counter).toBeGreaterThanOrEqual(0);
        expect(counter - acknowledged.counter).toBeLessThanOrEqual(1);
      } finally {
        store.close();
      }
    }
  }, 120_000);
});
