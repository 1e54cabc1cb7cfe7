/**
 * The before/after measure of coaching: Newcombe's hybrid score interval checked against the
 * worked examples of Newcombe (1998, Statistics in Medicine 17:873, table II, method 10), and
 * the windows, the sample-size floor and the verdict on a constructed history.
 */
import {
  coachingEffect,
  MIN_SESSIONS_EACH,
  newcombeDifference,
} from '../../../cloudfunctions/core/training/coaching.effect';
import type { RuleOutcome } from '../../../cloudfunctions/core/training/weakness';

const DAY = 86_400_000;

describe('newcombeDifference', () => {
  it.each([
    // k1/n1 (before), k2/n2 (after): p2 − p1 and Newcombe's published bounds
    [48, 80, 56, 70, 0.2, 0.0524, 0.3339],
    [3, 10, 9, 10, 0.6, 0.1705, 0.809],
    [0, 29, 5, 56, 0.0893, -0.0381, 0.1926],
  ])('%i/%i → %i/%i: %f [%f, %f]', (k1, n1, k2, n2, d, low, high) => {
    const r = newcombeDifference(k1, n1, k2, n2);
    expect(r.estimate).toBeCloseTo(d, 4);
    expect(r.low).toBeCloseTo(low, 3);
    expect(r.high).toBeCloseTo(high, 3);
  });

  it('refuses an empty side', () => {
    expect(() => newcombeDifference(0, 0, 1, 2)).toThrow(RangeError);
  });
});

/** `n` sessions of kf001 spread over [from, from + days), the first `k` failing `rule`. */
function history(from: number, days: number, n: number, k: number, rule = 'rude-language'): RuleOutcome[] {
  return Array.from({ length: n }, (_, i) => ({
    sessionId: `s-${from}-${i}`,
    agentId: 'kf001',
    at: from + Math.floor(((i + 0.5) * days * DAY) / n),
    failedRules: i < k ? [rule] : ['greeting-missing'],
  }));
}

describe('coachingEffect', () => {
  const at = Date.UTC(2026, 10, 1);

  it('worked example: 12/40 before, 3/40 after in equal 30-day windows → better, interval below 0', () => {
    const outcomes = [
      ...history(at - 30 * DAY, 30, 40, 12),
      ...history(at, 30, 40, 3),
      ...history(at - 90 * DAY, 30, 40, 40), // outside both windows: ignored
      { sessionId: 'x', agentId: 'kf002', at: at + DAY, failedRules: ['rude-language'] }, // someone else
    ];
    const e = coachingEffect({
      outcomes,
      agentId: 'kf001',
      ruleIds: ['rude-language'],
      at,
      now: at + 60 * DAY,
      windowDays: 30,
    });
    expect(e.before).toMatchObject({ failures: 12, sessions: 40, rate: 0.3 });
    expect(e.after).toMatchObject({ failures: 3, sessions: 40, rate: 0.075 });
    expect(e.windowDays).toBe(30);
    expect(e.enough).toBe(true);
    expect(e.difference!.estimate).toBeCloseTo(-0.225, 6);
    // By hand: Wilson 12/40 = [0.1807, 0.4543], 3/40 = [0.0258, 0.1986];
    // low = −0.225 − √((0.075 − 0.0258)² + (0.4543 − 0.3)²) = −0.3869;
    // high = −0.225 + √((0.1986 − 0.075)² + (0.3 − 0.1807)²) = −0.0532.
    expect(e.difference!.low).toBeCloseTo(-0.3869, 3);
    expect(e.difference!.high).toBeCloseTo(-0.0532, 3);
    expect(e.verdict).toBe('better');
  });

  it('makes the before window as long as the after window the time since allows', () => {
    const outcomes = [...history(at - 30 * DAY, 30, 60, 6), ...history(at, 10, 25, 2)];
    const e = coachingEffect({
      outcomes,
      agentId: 'kf001',
      ruleIds: ['rude-language'],
      at,
      now: at + 10 * DAY,
      windowDays: 30,
    });
    expect(e.windowDays).toBe(10);
    expect(e.before.from).toBe(at - 10 * DAY);
    // Only the last 10 days before: 20 of the 60 sessions, none of the first 6 failures.
    expect(e.before.sessions).toBe(20);
    expect(e.before.failures).toBe(0);
  });

  it(`says nothing below ${MIN_SESSIONS_EACH} sessions on either side`, () => {
    const outcomes = [...history(at - 30 * DAY, 30, 40, 20), ...history(at, 30, MIN_SESSIONS_EACH - 1, 0)];
    const e = coachingEffect({
      outcomes,
      agentId: 'kf001',
      ruleIds: ['rude-language'],
      at,
      now: at + 30 * DAY,
      windowDays: 30,
    });
    expect(e.enough).toBe(false);
    expect(e.difference).toBeNull();
    expect(e.verdict).toBe('too-few');
    const more = [...outcomes, ...history(at, 30, 1, 0).map((o) => ({ ...o, sessionId: 'one-more' }))];
    expect(
      coachingEffect({
        outcomes: more,
        agentId: 'kf001',
        ruleIds: ['rude-language'],
        at,
        now: at + 30 * DAY,
        windowDays: 30,
      }).enough,
    ).toBe(true);
  });

  it('an interval that straddles 0 is no change', () => {
    const outcomes = [...history(at - 30 * DAY, 30, 30, 9), ...history(at, 30, 30, 7)];
    const e = coachingEffect({
      outcomes,
      agentId: 'kf001',
      ruleIds: ['rude-language'],
      at,
      now: at + 30 * DAY,
      windowDays: 30,
    });
    expect(e.difference!.low).toBeLessThan(0);
    expect(e.difference!.high).toBeGreaterThan(0);
    expect(e.verdict).toBe('no-change');
  });
});
