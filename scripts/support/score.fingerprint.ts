/**
 * The fingerprint of scoring results, for engine changes that must not change any score: the
 * bench's conversations and the demo set, scored with the v1 default scorecard under three fact
 * sets (none; the sentiment model; a live `now` plus contact history), hashed with sha256.
 * Checked by tests/core/scoring/score.fingerprint.test.ts; printed by scripts/score-fingerprint.ts.
 *
 * Hits' `ruleName` is left out of the hash: it came after the fingerprint was first taken and
 * repeats the scorecard's rule names, so leaving it out keeps the hash of every field that was
 * there before unchanged across that addition (scoring.engine.test.ts and the differential test
 * check the names).
 */
import { createHash } from 'node:crypto';
import type { Conversation, ScoreResult } from '../../cloudfunctions/core/model';
import { DEFAULT_SCORECARD_V1 } from '../../cloudfunctions/core/scoring/default.scorecard';
import type { Scorecard } from '../../cloudfunctions/core/scoring/scorecard.schema';
import { compileScorecard, scoreConversation } from '../../cloudfunctions/core/scoring/scoring.engine';
import type { ScoringFacts } from '../../cloudfunctions/core/scoring/scoring.types';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import { generateDemo } from '../../devcloud/demo/demo.generator';
import { generateBenchConversations } from './bench.conversations';

export const FINGERPRINT_NOW = Date.UTC(2025, 5, 1);

/** The corpora: the bench's 5,000 conversations (seed 42) and 2,000 demo ones (seed 7). */
export function fingerprintCorpora(sizes = { bench: 5000, demo: 2000 }): [string, Conversation[]][] {
  return [
    ['bench', generateBenchConversations(sizes.bench, 42)],
    ['demo', generateDemo({ seed: 7, now: FINGERPRINT_NOW, conversations: sizes.demo }).conversations],
  ];
}

export const FINGERPRINT_FACTS: [string, (c: Conversation) => ScoringFacts][] = [
  ['none', () => ({})],
  ['sentiment', () => ({ text: { sentiment: analyzeSentiment } })],
  [
    'live+history',
    (c) => ({
      now: (c.messages[c.messages.length - 1]?.at ?? FINGERPRINT_NOW) + 90_000,
      history: {
        previousContacts: [{ at: (c.messages[0]?.at ?? FINGERPRINT_NOW) - 3_600_000, issueType: 'logistics' }],
      },
    }),
  ],
];

/** A result as hashed: its JSON without hits' `ruleName`. */
export function fingerprintLine(result: ScoreResult): string {
  return JSON.stringify(result, (key, value: unknown) => (key === 'ruleName' ? undefined : value));
}

export interface Fingerprint {
  /** Per corpus and fact set (`bench × none`): the first 16 hex digits of its sha256. */
  parts: Record<string, string>;
  /** sha256 over every result, in order. */
  all: string;
  /** Each result's line, `corpus/facts/id json`, when asked for. */
  lines?: string[];
}

/**
 * The hash is of version 1 of the default scorecard. When a later version ships, pass version 1
 * (kept as data) here rather than let the pinned hash follow the new rules.
 */
export function fingerprint(
  corpora = fingerprintCorpora(),
  keepLines = false,
  scorecard: Scorecard = DEFAULT_SCORECARD_V1,
): Fingerprint {
  if (scorecard.id !== 'default' || scorecard.version !== 1)
    throw new Error(`the fingerprint is of the default scorecard version 1, not ${scorecard.id} v${scorecard.version}`);
  const compiled = compileScorecard(scorecard);
  const parts: Record<string, string> = {};
  const lines: string[] = [];
  const all = createHash('sha256');
  for (const [setName, convs] of corpora) {
    for (const [factName, facts] of FINGERPRINT_FACTS) {
      const h = createHash('sha256');
      for (const c of convs) {
        const line = fingerprintLine(scoreConversation(compiled, c, facts(c)));
        h.update(line).update('\n');
        all.update(line).update('\n');
        if (keepLines) lines.push(`${setName}/${factName}/${c.id} ${line}`);
      }
      parts[`${setName} × ${factName}`] = h.digest('hex').slice(0, 16);
    }
  }
  return { parts, all: all.digest('hex'), ...(keepLines ? { lines } : {}) };
}
