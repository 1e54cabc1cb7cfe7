import type { Conversation, ScoreResult } from '../../../cloudfunctions/core/model';
import {
  incrementsDelta,
  dayKey,
  firstResponseMs,
  rollupId,
  scoreBucket,
  sessionIncrements,
} from '../../../cloudfunctions/core/rollups/rollup.counters';

const conv = (
  messages: [Conversation['messages'][number]['role'], number][],
  extra: Partial<Conversation> = {},
): Conversation => ({
  id: 'c1',
  channel: 'mp-kf',
  customerId: 'o1',
  messages: messages.map(([role, at]) => ({ role, at, text: 'x' })),
  ...extra,
});

const score = (total: number, ruleIds: string[] = []): ScoreResult => ({
  scorecardId: 'default',
  scorecardVersion: 1,
  total,
  passed: total >= 60,
  redLine: false,
  sections: [],
  hits: ruleIds.map((ruleId) => ({
    ruleId,
    ruleVersion: 1,
    messageIndex: 0,
    span: null,
    excerpt: '',
    points: -5,
    reason: '',
  })),
});

describe('rollup counters', () => {
  it('counts days on the China calendar (UTC+8)', () => {
    expect(dayKey(Date.parse('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(dayKey(Date.parse('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('keys a bucket by day, agent and channel, with a placeholder for no agent', () => {
    expect(rollupId('2026-11-23', 'kf001', 'mp-kf')).toBe('d:2026-11-23|a:kf001|c:mp-kf');
    expect(rollupId('2026-11-23', undefined, 'mp-kf')).toBe('d:2026-11-23|a:_none|c:mp-kf');
  });

  it('puts a boundary score in the upper bucket (lower bound inclusive, like MongoDB $bucket)', () => {
    expect(scoreBucket(60)).toBe('b60');
    expect(scoreBucket(59.9)).toBe('b50');
    expect(scoreBucket(100)).toBe('b100');
    expect(scoreBucket(0)).toBe('b0');
  });

  it('measures the first response from the first customer message to the next agent message', () => {
    expect(
      firstResponseMs(
        conv([
          ['system', 0],
          ['customer', 1000],
          ['customer', 5000],
          ['agent', 31000],
        ]),
      ),
    ).toBe(30000);
    expect(
      firstResponseMs(
        conv([
          ['agent', 0],
          ['customer', 1000],
        ]),
      ),
    ).toBeNull();
  });

  it('adds score, histogram, rule hits, rating and first response for a closed session', () => {
    const inc = sessionIncrements(
      conv(
        [
          ['customer', 0],
          ['agent', 20000],
        ],
        { rating: { csat: 4, resolved: true } },
      ),
      score(85, ['greeting-missing', 'reply-slow', 'reply-slow']),
    );
    expect(inc).toEqual({
      sessions: 1,
      scoreSum: 85,
      passed: 1,
      redLine: 0,
      scoreBuckets: { b80: 1 },
      firstResponseSumMs: 20000,
      firstResponseCount: 1,
      ruleHits: { 'greeting-missing': 1, 'reply-slow': 2 },
      csatSum: 4,
      csatCount: 1,
      resolvedYes: 1,
      resolvedCount: 1,
    });
  });

  it('counts a session whose customer never got an answer as unanswered', () => {
    expect(sessionIncrements(conv([['customer', 0]]), score(40))).toMatchObject({ unanswered: 1 });
  });

  it('moves a bucket from one result to another: the difference, nested, zeros left out', () => {
    const before = { sessions: 1, scoreSum: 90, scoreBuckets: { b90: 1 }, ruleHits: { 'reply-slow': 1 } };
    const after = {
      sessions: 1,
      scoreSum: 70,
      scoreBuckets: { b70: 1 },
      ruleHits: { 'reply-slow': 1, unresolved: 1 },
      csatSum: 1,
      csatCount: 1,
    };
    expect(incrementsDelta(before, after)).toEqual({
      scoreSum: -20,
      scoreBuckets: { b90: -1, b70: 1 },
      ruleHits: { unresolved: 1 },
      csatSum: 1,
      csatCount: 1,
    });
    expect(incrementsDelta(after, after)).toEqual({});
  });
});
