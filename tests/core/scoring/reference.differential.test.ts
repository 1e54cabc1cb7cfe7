import { isDeepStrictEqual } from 'node:util';
import type { Conversation } from '@core/model';
import {
  ANGER_WORDS,
  APOLOGY_WORDS,
  COMPLAINT_WORDS,
  DEFAULT_SCORECARD_V1,
  GREETING_WORDS,
  PROMISE_WORDS,
} from '@core/scoring/default.scorecard';
import type { ScorecardInput } from '@core/scoring/scorecard.schema';
import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import { FINGERPRINT_FACTS, fingerprintCorpora } from '../../../scripts/support/score.fingerprint';
import { referenceScorer } from './support/reference.evaluator';
import { rule, scorecard } from './support/factories';

/**
 * The fast engine against the plain reference evaluator (support/reference.evaluator.ts) on the
 * bench's conversations and the demo set, under the fingerprint's three fact sets: the same
 * total, pass, red line, sections, skipped rules and every hit (rule id, version and name,
 * message, span, excerpt, points, reason), in the same order.
 *
 * npm test runs the first 300 bench and 150 demo conversations (the reference is slow: about 4 s
 * of CPU for both scorecards under jest); SCORING_DIFFERENTIAL=full runs the whole corpora, 5,000
 * and 2,000 as the fingerprint (about a minute of CPU).
 */
const SIZES = process.env.SCORING_DIFFERENTIAL === 'full' ? { bench: 5000, demo: 2000 } : { bench: 300, demo: 150 };
const corpora = fingerprintCorpora(SIZES).map(
  ([name, convs]) => [name, convs.length, convs] as [string, number, Conversation[]],
);
const facts = FINGERPRINT_FACTS.map(([name, of]) => [name, of] as const);

/**
 * Every operator and mode the default scorecard leaves out, on the same conversations: keyword
 * modes all/atLeast/none with windows, exclusions and negation words, order, similarity,
 * silences, session length, repeat contacts, nested not/any/all, caps and a zero-section red line.
 */
const EVERY_OPERATOR_RULES = [
  rule('kw-all', { op: 'keywords', params: { words: ['订单', '查询'], mode: 'all', role: 'agent' } }, { points: 3 }),
  rule('kw-atleast', {
    op: 'keywords',
    params: { words: COMPLAINT_WORDS.concat(ANGER_WORDS), mode: 'atLeast', count: 2, role: 'customer' },
  }),
  rule('kw-none-last', {
    op: 'keywords',
    params: { words: ['再见', '祝您'], mode: 'none', role: 'agent', within: { last: 2 } },
  }),
  rule('kw-first', {
    op: 'keywords',
    params: { words: GREETING_WORDS, role: 'agent', within: { first: 1 }, exclude: ['在的'] },
  }),
  rule(
    'kw-negated',
    {
      op: 'keywords',
      params: {
        words: ['投诉', '退款', 'vx'],
        role: 'customer',
        negation: { window: 3, words: ['不是', '不想', '别'] },
      },
    },
    { per: 'occurrence', points: -2, cap: 3 },
  ),
  rule('promise-first', {
    op: 'order',
    params: { first: { words: PROMISE_WORDS, role: 'agent' }, then: { words: COMPLAINT_WORDS, role: 'customer' } },
  }),
  rule(
    'apology-similar',
    { op: 'similarity', params: { examples: ['非常抱歉给您带来不便', '理解您的心情'], threshold: 0.5, role: 'agent' } },
    { points: 4, per: 'occurrence', cap: 6 },
  ),
  rule('silence', { op: 'longestSilence', params: { overSeconds: 120 } }),
  rule('long-session', { op: 'sessionLength', params: { overSeconds: 900, underSeconds: 60 } }),
  rule('came-back', { op: 'repeatContact', params: { withinHours: 24, sameIssueType: true } }),
  rule(
    'nested',
    {
      all: [
        {
          any: [
            { op: 'keywords', params: { words: ANGER_WORDS } },
            { op: 'metadata', params: { field: 'transfers', is: 'gte', value: 1 } },
          ],
        },
        { not: { op: 'keywords', params: { words: APOLOGY_WORDS, role: 'agent' } } },
        {
          not: {
            any: [
              { op: 'repeatContact', params: { withinHours: 2 } },
              { op: 'metadata', params: { field: 'rating.csat', is: 'gte', value: 4 } },
            ],
          },
        },
      ],
    },
    { critical: 'zero-section' },
  ),
  rule(
    'reply-slow',
    { op: 'replyDelay', params: { overSeconds: 30, skipFirst: true } },
    { per: 'occurrence', points: -1 },
  ),
  rule('first-unanswered', { op: 'firstResponse', params: { overSeconds: 60, unansweredOnly: true } }),
];
// Two sections, so the red line zeroes one and leaves the other.
const EVERY_OPERATOR: ScorecardInput = scorecard([], {
  sections: [
    { id: 'words', name: '用语', weight: 2, rules: EVERY_OPERATOR_RULES.slice(0, 7) },
    { id: 'conduct', name: '行为', weight: 1, rules: EVERY_OPERATOR_RULES.slice(7) },
  ],
});

describe.each([
  ['the default scorecard', DEFAULT_SCORECARD_V1 as ScorecardInput],
  ['a scorecard of every operator', EVERY_OPERATOR],
])('engine and reference evaluator with %s', (_card, card) => {
  const compiled = compileScorecard(card);
  const reference = referenceScorer(card);

  describe.each(corpora)('on the %s corpus (%i conversations)', (_corpus, _count, convs) => {
    it.each(facts)('give identical results with facts: %s', (_facts, factsOf) => {
      let hits = 0;
      for (const c of convs) {
        const f = factsOf(c);
        const actual = scoreConversation(compiled, c, f);
        const expected = reference(c, f);
        // Compared cheaply, then through expect where they differ: the failure names the
        // conversation and shows the difference.
        if (!isDeepStrictEqual(actual, expected)) expect({ id: c.id, ...actual }).toEqual({ id: c.id, ...expected });
        hits += actual.hits.length;
      }
      // Not vacuous: the corpus moves points.
      expect(hits).toBeGreaterThan(convs.length / 2);
    });
  });
});
