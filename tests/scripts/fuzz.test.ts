/**
 * The seeded short pass of `npm run fuzz` (scripts/fuzz/fuzz.run.ts) that runs with every
 * `npm test`: hostile input at every entry point, no crash, nothing invalid stored. The long
 * run is `npm run fuzz` (10,000 inputs per entry point).
 */
import { openFuzzWorld, runFuzz, type FuzzReport, type FuzzWorld } from '../../scripts/fuzz/fuzz.run';

let world: FuzzWorld;
let report: FuzzReport;

beforeAll(async () => {
  world = await openFuzzWorld(20261206);
  report = await runFuzz(world, { perEntry: 300, seed: 20261206 });
}, 120_000);
afterAll(() => world.close());

test('no entry point crashes on hostile input', () => {
  expect(report.crashSamples).toEqual([]);
  expect(report.crashes).toBe(0);
});

test('nothing the schema would refuse is stored', () => {
  expect(report.invalidSamples).toEqual([]);
});

test('every entry point was reached on both sides: input accepted and input refused with a code', () => {
  for (const [name, row] of Object.entries(report.byEntry)) {
    const outcomes = Object.keys(row.outcomes);
    expect([name, row.inputs]).toEqual([name, 300]);
    expect([name, outcomes.some((o) => /^(ok|success|http 200)$/.test(o))]).toEqual([name, true]);
    expect([name, outcomes.some((o) => /^(error|http 4)/.test(o))]).toEqual([name, true]);
  }
});
