/**
 * Micro-benchmark of the local cloud database through the real wx-server-sdk:
 *   npx tsx scripts/bench-store.ts [documents=5000] [file]
 * Prints operations per second for the paths ingest and scoring use: add, doc(id).get,
 * where({ sessionId }).orderBy on an indexed field, and `_.inc` on deterministic ids.
 * Without a file argument the store is a temporary file (WAL, synchronous=NORMAL), as in `npm start`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore } from '../devcloud/store/document.store';
import { bindCloud } from '../devcloud/sdk/cloud.binding';

async function measure(label: string, operations: number, run: (i: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < operations; i += 1) await run(i);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(44)} ${Math.round(operations / seconds)
      .toString()
      .padStart(7)} ops/s  (${operations} ops)`,
  );
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 5000);
  const dir = process.argv[3] ? null : mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  const file = process.argv[3] ?? join(dir as string, 'bench.db');
  const store = DocumentStore.open(file, { indexes: { messages: ['sessionId'] } });
  // The SDK's typings make every call `string | void | Promise<…>`; the promise API is used here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db: any = bindCloud(store).db();
  const _ = db.command;
  const sessions = Math.max(1, Math.floor(total / 50));
  try {
    await measure('add (one message)', total, (i) =>
      db
        .collection('messages')
        .add({ data: { _id: `m${i}`, sessionId: `s${i % sessions}`, at: i, text: '您好，请问有什么可以帮您？' } }),
    );
    await measure('doc(id).get', total, (i) =>
      db
        .collection('messages')
        .doc(`m${(i * 7919) % total}`)
        .get(),
    );
    await measure('where({ sessionId }).orderBy(at) ~50 rows', Math.min(total, 2000), (i) =>
      db
        .collection('messages')
        .where({ sessionId: `s${i % sessions}` })
        .orderBy('at', 'asc')
        .get(),
    );
    for (let i = 0; i < 100; i += 1)
      await db
        .collection('rollups')
        .doc(`r${i}`)
        .set({ data: { count: 0 } });
    await measure('doc(id).update({ count: _.inc(1) })', total, (i) =>
      db
        .collection('rollups')
        .doc(`r${i % 100}`)
        .update({ data: { count: _.inc(1) } }),
    );
    await measure('where({ unindexed }).count() full scan', 20, (i) =>
      db
        .collection('messages')
        .where({ at: _.gte(i) })
        .count(),
    );
  } finally {
    store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
