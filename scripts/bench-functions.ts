/**
 * `npm run bench:functions [-- --runs N]`: what each cloud function deploys and how long it
 * takes to start. Builds the functions as `npm start` and deployment do (minified, the text
 * models as files beside index.js) and, for comparison in the same run, as they were built
 * before (not minified, models inside index.js), then starts each build N times in a fresh
 * process (scripts/support/cold-start.child.ts): `require` of the bundle, wx-server-sdk included,
 * and the first answer to a cheap request. Prints sizes and median times; last line one JSON
 * object. Timings need a quiet machine.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { join } from 'path';
import { build } from 'esbuild';
import { buildFunctions, FUNCTION_BUNDLE_OPTIONS, FUNCTIONS_SRC, ROOT } from './build-functions';
import { parseFlags } from './cli/command';

interface Start {
  requireMs: number;
  firstAnswerMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

function sizeOf(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function coldStart(name: string, dir: string): Start {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'support', 'cold-start.child.ts'), name, dir],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Start;
}

/** The build as it was before: one unminified file per function, models inside. */
async function buildInline(dir: string, names: string[]): Promise<void> {
  for (const name of names) {
    await build({
      ...FUNCTION_BUNDLE_OPTIONS,
      minify: false,
      entryPoints: [join(FUNCTIONS_SRC, name, 'index.ts')],
      outfile: join(dir, name, 'index.js'),
      external: ['wx-server-sdk'],
      logLevel: 'warning',
    });
  }
}

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2));
  const runs = Math.max(1, Number(flags.runs ?? 5) || 5);
  // Inside the repository: the bundles resolve wx-server-sdk from its node_modules.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist', 'bench-fn-'));
  const inline = mkdtempSync(join(ROOT, 'dist', 'bench-fn-inline-'));
  try {
    const names = await buildFunctions(dir);
    await buildInline(inline, names);
    const report: Record<string, Record<string, number>> = {};
    console.log(
      'function  index.js KB  models KB  folder KB  (inline build KB)  require ms  first answer ms  (inline require ms)',
    );
    for (const name of names) {
      const starts: Start[] = [];
      const inlineStarts: Start[] = [];
      for (let i = 0; i < runs; i++) {
        starts.push(coldStart(name, dir));
        inlineStarts.push(coldStart(name, inline));
      }
      const row = {
        indexKB: kb(sizeOf(join(dir, name, 'index.js'))),
        modelsKB: kb(sizeOf(join(dir, name, 'models'))),
        folderKB: kb(sizeOf(join(dir, name))),
        inlineKB: kb(sizeOf(join(inline, name, 'index.js'))),
        requireMs: Math.round(median(starts.map((s) => s.requireMs)) * 10) / 10,
        firstAnswerMs: Math.round(median(starts.map((s) => s.firstAnswerMs)) * 10) / 10,
        inlineRequireMs: Math.round(median(inlineStarts.map((s) => s.requireMs)) * 10) / 10,
      };
      report[name] = row;
      console.log(
        [
          name.padEnd(8),
          row.indexKB,
          row.modelsKB,
          row.folderKB,
          row.inlineKB,
          row.requireMs,
          row.firstAnswerMs,
          row.inlineRequireMs,
        ]
          .map(String)
          .join('  '),
      );
    }
    console.log(JSON.stringify({ functions: report, runs }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(inline, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
