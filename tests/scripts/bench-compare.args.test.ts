/**
 * `scripts/bench-compare.ts` takes every version of the default scorecard the code ships (its one
 * list, SHIPPED_DEFAULT_SCORECARDS), finds that version in either side's bench subject, and
 * refuses what it cannot time before building anything. Nothing is timed here.
 */
import { SHIPPED_DEFAULT_SCORECARDS } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V1 } from '../../cloudfunctions/core/scoring/default.scorecard';
import { DEFAULT_SCORECARD_V4 } from '../../cloudfunctions/core/scoring/default.scorecard.v4';
import { DEFAULT_SCORECARD_V7 } from '../../cloudfunctions/core/scoring/default.scorecard.v7';
import { defaultScorecardOf, parseCompareArgs } from '../../scripts/bench-compare';
import * as subject from '../../scripts/support/bench.subject';

describe('bench-compare --scorecard', () => {
  it('takes every shipped version of the default, v1 to the latest', () => {
    const versions = SHIPPED_DEFAULT_SCORECARDS.map((c) => c.version);
    expect(versions).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7]));
    for (const v of versions) expect(parseCompareArgs(['--scorecard', `v${v}`])).toMatchObject({ version: v });
  });

  it('defaults to v1 and the base bbf2ba1, as before', () => {
    expect(parseCompareArgs([])).toEqual({ base: 'bbf2ba1', count: 5000, seed: 42, rounds: 25, version: 1 });
    expect(parseCompareArgs(['--base', 'abc', '--head', 'def', '--count', '200'])).toMatchObject({
      base: 'abc',
      head: 'def',
      count: 200,
    });
  });

  it('refuses a version the default does not have, naming the ones it has', () => {
    const latest = SHIPPED_DEFAULT_SCORECARDS[SHIPPED_DEFAULT_SCORECARDS.length - 1].version;
    expect(parseCompareArgs(['--scorecard', `v${latest + 1}`])).toEqual({
      error: expect.stringMatching(/^--scorecard must be one of v1, v2, .*v7/),
    });
    expect(parseCompareArgs(['--scorecard', '7'])).toHaveProperty('error');
  });

  it('refuses an unknown flag, and answers --help without a run', () => {
    expect(parseCompareArgs(['--scorecards', 'v7'])).toEqual({ error: expect.stringContaining("'--scorecards'") });
    expect(parseCompareArgs(['--help'])).toEqual({ help: true });
  });
});

describe('bench-compare: a version in each side', () => {
  it("finds it in today's subject by the shipped list", () => {
    expect(defaultScorecardOf(subject, 7)).toBe(DEFAULT_SCORECARD_V7);
    expect(defaultScorecardOf(subject, 1)).toBe(DEFAULT_SCORECARD_V1);
  });

  it('finds it in an older subject by the name it had there, and says when it is not there', () => {
    const older = { DEFAULT_SCORECARD_V1, DEFAULT_SCORECARD_V4 } as Partial<typeof subject>;
    expect(defaultScorecardOf(older, 4)).toBe(DEFAULT_SCORECARD_V4);
    expect(defaultScorecardOf(older, 7)).toBeUndefined();
    const oldest = { DEFAULT_SCORECARD: DEFAULT_SCORECARD_V1 } as unknown as Partial<typeof subject>;
    expect(defaultScorecardOf(oldest, 1)).toBe(DEFAULT_SCORECARD_V1);
  });
});
