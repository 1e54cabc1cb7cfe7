/**
 * The engine of a git revision against the working tree's, timed turn about in one process:
 * `npx tsx scripts/bench-compare.ts [--base <rev>] [--head <rev>] [--count N] [--seed S] [--rounds R]
 * [--scorecard v1|v2|…]` (`--help` prints the usage, with every version it takes).
 * The base defaults to bbf2ba1 (before the engine was split into its parts); `--head <rev>` times
 * a revision instead of the working tree (`--base X --head X` shows the noise of the method).
 * `--scorecard` picks a version of the default scorecard (v1, the historical keys, when absent):
 * any the working tree ships (SHIPPED_DEFAULT_SCORECARDS: v1 to v8 today, and every later one
 * without a change here), found in each side by its version. v2 and later are scored with the
 * text models each side has (sentiment, dialogue acts, the red-line model), as `npm run bench`'s
 * `v2WithActs` on are, so that e.g. `--scorecard v7` times that version's whole path with its
 * models. A side without that version (a base older than it) stops the run.
 *
 * `npm run bench` prints one figure per run, and on a shared machine two runs minutes apart
 * differ by more than the change being judged. Here both engines are compiled as the cloud
 * functions are (one esbuild bundle each, FUNCTION_BUNDLE_OPTIONS: the base from `git archive
 * <rev>` in a temporary directory, resolving packages from this checkout's node_modules), score
 * the same conversations, and are measured in alternating rounds keeping each side's best, so a
 * busy neighbour slows neither side more than the other. The ratio of the two is the figure.
 * Prints human lines, then one JSON line `{ "compare": { ... } }`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { Conversation } from '../cloudfunctions/core/model';
import { SHIPPED_DEFAULT_SCORECARDS, type Scorecard } from '../cloudfunctions/core/scoring';
import { FUNCTION_BUNDLE_OPTIONS } from './build-functions';

type Subject = typeof import('./support/bench.subject');

const ROOT = join(__dirname, '..');
const SUBJECT = join('scripts', 'support', 'bench.subject.ts');

/** The default scorecard's versions `--scorecard` takes: the working tree's shipped list, `v1` on. */
const VERSIONS = SHIPPED_DEFAULT_SCORECARDS.map((c) => `v${c.version}`);

const USAGE = `usage: npx tsx scripts/bench-compare.ts [--base <rev>] [--head <rev>] [--count N] [--seed S] [--rounds R] [--scorecard ${VERSIONS.join('|')}]`;

const OPTIONS = {
  base: { type: 'string', default: 'bbf2ba1' },
  head: { type: 'string' },
  count: { type: 'string' },
  seed: { type: 'string' },
  rounds: { type: 'string' },
  scorecard: { type: 'string', default: 'v1' },
  help: { type: 'boolean', default: false },
} as const;

function count(value: string | undefined, fallback: number): number {
  const v = Number(value);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

export interface CompareOptions {
  base: string;
  /** Absent: the working tree. */
  head?: string;
  count: number;
  seed: number;
  rounds: number;
  /** The default scorecard's version, e.g. 7 for `--scorecard v7`. */
  version: number;
}

/**
 * The options of a run, or why there is none: `help` for `--help`, else an error naming the
 * mistake (an unknown flag, a version the default scorecard does not have). Runs nothing.
 */
export function parseCompareArgs(argv: string[]): CompareOptions | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  if (values.help) return { help: true };
  if (!VERSIONS.includes(values.scorecard)) {
    return { error: `--scorecard must be one of ${VERSIONS.join(', ')}, not ${values.scorecard}` };
  }
  return {
    base: values.base,
    ...(values.head === undefined ? {} : { head: values.head }),
    count: count(values.count, 5000),
    seed: count(values.seed, 42),
    rounds: count(values.rounds, 25),
    version: Number(values.scorecard.slice(1)),
  };
}

/**
 * Version `version` of the default scorecard in a side's subject: from its shipped list, or, in
 * a subject from before it exported one, by the name the version had there (`DEFAULT_SCORECARD_V<n>`;
 * version 1 was `DEFAULT_SCORECARD` before version 2 existed).
 */
export function defaultScorecardOf(s: Partial<Subject>, version: number): Scorecard | undefined {
  const old = s as Partial<Subject> & Partial<Record<string, Scorecard>>;
  return (
    old.SHIPPED_DEFAULT_SCORECARDS?.find((c) => c.version === version) ??
    old[`DEFAULT_SCORECARD_V${version}`] ??
    (version === 1 ? old.DEFAULT_SCORECARD : undefined)
  );
}

/** Bundles the bench subject of the tree at `root` into `outfile` and loads it. */
async function bundle(root: string, outfile: string): Promise<Subject> {
  await build({
    ...FUNCTION_BUNDLE_OPTIONS,
    entryPoints: [join(root, SUBJECT)],
    outfile,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'error',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as Subject;
}

/** The tree of `rev` (the folders the subject imports from), unpacked under `dir/name`. */
function checkout(rev: string, dir: string, name: string): string {
  const root = join(dir, name);
  mkdirSync(root);
  const tar = execFileSync('git', ['archive', '--format=tar', rev, 'cloudfunctions', 'devcloud', 'scripts'], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', root], { input: tar });
  return root;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCompareArgs(argv);
  if ('help' in parsed) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`bench-compare: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const { base, head, count: n, seed, rounds, version } = parsed;
  const card = `v${version}`;
  const minMsPerRound = 150;

  const dir = mkdtempSync(join(tmpdir(), 'kefu-qa-bench-compare-'));
  let subjects: Record<'base' | 'head', Subject>;
  try {
    subjects = {
      base: await bundle(checkout(base, dir, 'base'), join(dir, 'base.js')),
      head: await bundle(head === undefined ? ROOT : checkout(head, dir, 'head'), join(dir, 'head.js')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const short = (rev: string) => execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT }).toString().trim();
  const revision = short(base);
  const headName = head === undefined ? 'working tree' : `${head} (${short(head)})`;

  // The same conversations for both: the working tree's generator.
  const convs: Conversation[] = subjects.head.generateBenchConversations(n, seed);
  const runs = Object.fromEntries(
    (['base', 'head'] as const).map((side) => {
      const s = subjects[side];
      const scorecard = defaultScorecardOf(s, version);
      if (scorecard === undefined) throw new Error(`${side} has no scorecard ${card}`);
      const compiled = s.compileScorecard(scorecard);
      // The text models the side has; a version's rules ask only for those it names (v7 on: the red-line model).
      const redLines = (s as Partial<Subject>).judgeRedLines;
      const text = { sentiment: s.analyzeSentiment, acts: s.classifyActs, ...(redLines ? { redLines } : {}) };
      const facts = version === 1 ? {} : { text };
      // A loop of its own per side (not one closure literal for both): V8 keeps type feedback per
      // function, and a shared loop would see both engines' calls and optimise for neither.
      const loop = new Function(
        'score',
        'compiled',
        'convs',
        'facts',
        'let total = 0; for (const c of convs) total += score(compiled, c, facts).total; return total;',
      ) as (score: Subject['scoreConversation'], compiled: unknown, convs: Conversation[], facts: unknown) => number;
      return [side, () => loop(s.scoreConversation, compiled, convs, facts)];
    }),
  ) as Record<'base' | 'head', () => number>;

  // Both must score alike, or the comparison means nothing.
  const totals = { base: runs.base(), head: runs.head() };
  if (totals.base !== totals.head) throw new Error(`the engines disagree: totals ${totals.base} and ${totals.head}`);

  const best = { base: Infinity, head: Infinity };
  const perRound: { base: number; head: number }[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first, so neither always runs right after the other.
    const order = r % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
    const round = { base: 0, head: 0 };
    for (const side of order) {
      let done = 0;
      const start = performance.now();
      let elapsed = 0;
      do {
        sink += runs[side]();
        done++;
        elapsed = performance.now() - start;
      } while (elapsed < minMsPerRound);
      round[side] = elapsed / done;
      best[side] = Math.min(best[side], round[side]);
    }
    perRound.push(round);
  }
  // Two summaries: the best times' ratio, and the median of each round's own ratio (the two
  // sides of a round ran back to back, so a slow spell of the machine mostly hits both).
  const ratio = best.head / best.base;
  const roundRatios = perRound.map((x) => x.head / x.base).sort((a, b) => a - b);
  const medianRatio = roundRatios[Math.floor(roundRatios.length / 2)];
  const perSec = (ms: number) => Math.round(n / (ms / 1000));
  console.log(`scorecard ${card}${version === 1 ? '' : ' with its text models'}`);
  console.log(`conversations: ${n} (seed ${seed}), ${rounds} alternating rounds of at least ${minMsPerRound} ms each`);
  console.log(`base ${base} (${revision}): ${best.base.toFixed(1)} ms per run, ${perSec(best.base)} conversations/s`);
  console.log(`${headName}: ${best.head.toFixed(1)} ms per run, ${perSec(best.head)} conversations/s`);
  const change = (r: number) =>
    r <= 1 ? `${((1 - r) * 100).toFixed(1)}% faster` : `${((r - 1) * 100).toFixed(1)}% slower`;
  const headLabel = head === undefined ? 'working tree' : head;
  console.log(`${headLabel} / base, best times: ${ratio.toFixed(3)} (${change(ratio)})`);
  console.log(`${headLabel} / base, median of the rounds: ${medianRatio.toFixed(3)} (${change(medianRatio)})`);
  console.log(
    `per round (base/head ms): ${perRound.map((x) => `${x.base.toFixed(0)}/${x.head.toFixed(0)}`).join(' ')}`,
  );
  if (sink === 0.5) console.log(''); // keeps the work observable to the optimiser
  console.log(
    JSON.stringify({
      compare: {
        base: revision,
        head: head === undefined ? 'working tree' : short(head),
        scorecard: card,
        conversations: n,
        baseMsPerRun: Number(best.base.toFixed(2)),
        headMsPerRun: Number(best.head.toFixed(2)),
        baseConvPerSec: perSec(best.base),
        headConvPerSec: perSec(best.head),
        ratio: Number(ratio.toFixed(3)),
        medianRoundRatio: Number(medianRatio.toFixed(3)),
      },
    }),
  );
  return 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
