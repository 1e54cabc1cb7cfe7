/**
 * A fingerprint of scoring results, for engine changes that must not change any score:
 * `npx tsx scripts/score-fingerprint.ts [--out results.jsonl]`.
 *
 * Scores the bench's 5,000 conversations and the 2,000-conversation demo set with the v1 default
 * scorecard under three fact sets and prints the sha256 of every result (see
 * scripts/support/score.fingerprint.ts). tests/core/scoring/score.fingerprint.test.ts pins the
 * hash; this prints it, and `--out` writes the results themselves, one line each, to diff when
 * the test fails.
 */
import { writeFileSync } from 'node:fs';
import { fingerprint, fingerprintCorpora } from './support/score.fingerprint';

const outAt = process.argv.indexOf('--out');
const out = outAt >= 0 ? process.argv[outAt + 1] : undefined;

const corpora = fingerprintCorpora();
const result = fingerprint(corpora, out !== undefined);
for (const [setName, convs] of corpora) {
  for (const [key, hash] of Object.entries(result.parts)) {
    if (key.startsWith(`${setName} × `)) console.log(`${key}: ${convs.length} results, sha256 ${hash}`);
  }
}
console.log(`all: ${result.all}`);
if (out) writeFileSync(out, `${result.lines!.join('\n')}\n`);
