/**
 * A fingerprint of scoring results, for engine changes that must not change any score:
 * `npx tsx scripts/score-fingerprint.ts [--out results.jsonl]`.
 *
 * Scores the bench's 5,000 conversations and the 2,000-conversation demo set with the default
 * scorecard under three fact sets (none; the sentiment model; a live `now` plus contact history)
 * and prints the sha256 of every result as JSON. Run it before and after a change: the hashes
 * must be equal. `--out` writes the results themselves, one line each, to diff when they are not.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Conversation } from '../cloudfunctions/core/model';
import { DEFAULT_SCORECARD } from '../cloudfunctions/core/scoring/default.scorecard';
import { compileScorecard, scoreConversation } from '../cloudfunctions/core/scoring/scoring.engine';
import type { ScoringFacts } from '../cloudfunctions/core/scoring/scoring.types';
import { analyzeSentiment } from '../cloudfunctions/core/text/sentiment.model';
import { generateDemo } from '../devcloud/demo/demo.generator';
import { generateBenchConversations } from './support/bench.conversations';

const outAt = process.argv.indexOf('--out');
const out = outAt >= 0 ? process.argv[outAt + 1] : undefined;

const NOW = Date.UTC(2025, 5, 1);
const sets: [string, Conversation[]][] = [
  ['bench', generateBenchConversations(5000, 42)],
  ['demo', generateDemo({ seed: 7, now: NOW, conversations: 2000 }).conversations],
];
const factSets: [string, (c: Conversation) => ScoringFacts][] = [
  ['none', () => ({})],
  ['sentiment', () => ({ text: { sentiment: analyzeSentiment } })],
  [
    'live+history',
    (c) => ({
      now: (c.messages[c.messages.length - 1]?.at ?? NOW) + 90_000,
      history: { previousContacts: [{ at: (c.messages[0]?.at ?? NOW) - 3_600_000, issueType: 'logistics' }] },
    }),
  ],
];

const compiled = compileScorecard(DEFAULT_SCORECARD);
const lines: string[] = [];
const all = createHash('sha256');
for (const [setName, convs] of sets) {
  for (const [factName, facts] of factSets) {
    const h = createHash('sha256');
    for (const c of convs) {
      const line = JSON.stringify(scoreConversation(compiled, c, facts(c)));
      h.update(line).update('\n');
      all.update(line).update('\n');
      if (out) lines.push(`${setName}/${factName}/${c.id} ${line}`);
    }
    console.log(`${setName} × ${factName}: ${convs.length} results, sha256 ${h.digest('hex').slice(0, 16)}`);
  }
}
console.log(`all: ${all.digest('hex')}`);
if (out) writeFileSync(out, `${lines.join('\n')}\n`);
