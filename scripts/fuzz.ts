/**
 * `npm run fuzz [-- --per-entry 10000 --seed 1]`: hostile and malformed input against every entry
 * point (scripts/fuzz/fuzz.run.ts). Prints counts per entry point and outcome; the last line is
 * `{ "fuzz": { "inputs", "crashes", "invalidStored", "byEntry" } }`; exits 1 on any crash or any
 * stored document the schema would refuse. `npm test` runs a smaller seeded pass
 * (tests/scripts/fuzz.test.ts).
 */
import { parseFlags } from './cli/command';
import { openFuzzWorld, runFuzz } from './fuzz/fuzz.run';

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2));
  const perEntry = Number(flags['per-entry'] ?? 10_000);
  const seed = Number(flags.seed ?? 1);
  if (!Number.isInteger(perEntry) || perEntry < 1 || !Number.isInteger(seed)) {
    console.error('usage: npm run fuzz [-- --per-entry N --seed S]');
    process.exit(2);
  }
  const started = Date.now();
  // The functions log their failures (codes and ids only); the fuzzer's table is the output.
  const quiet = console.error;
  console.error = () => {};
  const world = await openFuzzWorld(seed);
  const report = await runFuzz(world, {
    perEntry,
    seed,
    log: (l) => process.stdout.write(`${l}\n`),
  }).finally(() => (console.error = quiet));
  await world.close();
  for (const [name, row] of Object.entries(report.byEntry)) {
    console.log(`\n${name}: ${row.inputs} inputs, ${row.crashes} crashes`);
    for (const [outcome, n] of Object.entries(row.outcomes).sort((a, b) => b[1] - a[1])) {
      console.log(`  ${String(n).padStart(6)}  ${outcome}`);
    }
  }
  for (const s of report.crashSamples) console.log(`crash: ${s}`);
  for (const s of report.invalidSamples) console.log(`stored invalid: ${s}`);
  console.log(`\n${report.inputs} inputs in ${Math.round((Date.now() - started) / 1000)} s, seed ${seed}`);
  const byEntry = Object.fromEntries(
    Object.entries(report.byEntry).map(([k, v]) => [k, { inputs: v.inputs, crashes: v.crashes, outcomes: v.outcomes }]),
  );
  console.log(
    JSON.stringify({
      fuzz: { inputs: report.inputs, crashes: report.crashes, invalidStored: report.invalidStored, seed, byEntry },
    }),
  );
  process.exit(report.crashes > 0 || report.invalidStored > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
