/**
 * Bytes allocated per scored conversation: `npx tsx scripts/bench-alloc.ts [--count N]`.
 *
 * Time on a shared 2-core machine moves by 10-30% from run to run; allocation does not, so this
 * is the steadier figure to compare engine changes by. The script runs itself again in a child
 * Node with V8's GC trace (--trace-gc-nvp, which reports the bytes allocated since the last
 * collection), scores the bench's conversations 20 times after a warm-up, and divides the bytes
 * allocated between two markers by the number of conversations scored (within about 3%: the
 * collections at either edge of the window count a little from outside it).
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_SCORECARD_V1 } from '../cloudfunctions/core/scoring/default.scorecard';
import { compileScorecard, scoreConversation } from '../cloudfunctions/core/scoring/scoring.engine';
import { generateBenchConversations } from './support/bench.conversations';

const ROUNDS = 20;
const countAt = process.argv.indexOf('--count');
const count = countAt >= 0 ? Number(process.argv[countAt + 1]) : 5000;

if (process.argv.includes('--child')) {
  const convs = generateBenchConversations(count, 42);
  const compiled = compileScorecard(DEFAULT_SCORECARD_V1);
  let sink = 0;
  for (let r = 0; r < 5; r++) for (const c of convs) sink += scoreConversation(compiled, c).total;
  console.log('@@start');
  for (let r = 0; r < ROUNDS; r++) for (const c of convs) sink += scoreConversation(compiled, c).total;
  console.log('@@end', sink > 0);
} else {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--trace-gc-nvp', __filename, '--child', '--count', String(count)],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  const out = child.stdout;
  const window = out.slice(out.indexOf('@@start'), out.indexOf('@@end'));
  const bytes = [...window.matchAll(/ allocated=(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  const collections = [...window.matchAll(/ allocated=/g)].length;
  const perConversation = Math.round(bytes / (count * ROUNDS));
  console.log(
    `${count} conversations x ${ROUNDS} rounds: ${(bytes / 1e6).toFixed(0)} MB allocated over ${collections} collections, ${perConversation} bytes per conversation`,
  );
  console.log(JSON.stringify({ scoringAlloc: { bytesPerConversation: perConversation, collections } }));
}
