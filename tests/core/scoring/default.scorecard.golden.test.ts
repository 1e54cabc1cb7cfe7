/**
 * Shipped default scorecards re-score as they shipped. Each golden file was written by
 * `tsx scripts/eval/dump-rule-hits.ts` in the commit where that version shipped, over the tuning
 * half and the act-training corpus (v2 at 6516744, over today's files: later corpus files are
 * added by rerunning the dump there; v3 at 669f43b with `--version 3`, before any version 4
 * change; v4 at cb89e51 with `--version 4`, before any version 5 change; v5 at 0a643e6, where it was
 * unchanged since merge 57e0e26, with `--version 5`, before any version 6 change; v6 over the same code as 73747ef
 * with `--version 6`, before any version 7 change, over today's tuning half with the retired frozen halves;
 * v7 at 1fe908a with `--version 7 --corpus` today's corpus, after test4-test6 retired into the tuning half). Today's engine with that version must find, conversation by conversation, the same
 * hits (rule, message, span, points), total and verdict; the next version's changes (made in
 * place before they became a version, or new text editions, act models and rules) must stay out
 * of it, and the next version must fail the same check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCORECARD_V2 } from '@core/scoring/default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { DEFAULT_SCORECARD_V4 } from '@core/scoring/default.scorecard.v4';
import { DEFAULT_SCORECARD_V5 } from '@core/scoring/default.scorecard.v5';
import { DEFAULT_SCORECARD_V6 } from '@core/scoring/default.scorecard.v6';
import { DEFAULT_SCORECARD_V7 } from '@core/scoring/default.scorecard.v7';
import { DEFAULT_SCORECARD_V8 } from '@core/scoring/default.scorecard.v8';
import { DEFAULT_SCORECARD_V9 } from '@core/scoring/default.scorecard.v9';
import { dumpRuleHits, type DumpedConversation } from '../../../scripts/eval/dump-rule-hits';

const CORPUS = join(__dirname, '../../../scripts/eval/corpus');

describe.each([
  { version: 2, card: DEFAULT_SCORECARD_V2, shippedAt: '6516744', next: DEFAULT_SCORECARD_V3, nextDiffersAtLeast: 11 },
  { version: 3, card: DEFAULT_SCORECARD_V3, shippedAt: '669f43b', next: DEFAULT_SCORECARD_V4, nextDiffersAtLeast: 1 },
  { version: 4, card: DEFAULT_SCORECARD_V4, shippedAt: 'cb89e51', next: DEFAULT_SCORECARD_V5, nextDiffersAtLeast: 1 },
  { version: 5, card: DEFAULT_SCORECARD_V5, shippedAt: '57e0e26', next: DEFAULT_SCORECARD_V6, nextDiffersAtLeast: 1 },
  { version: 6, card: DEFAULT_SCORECARD_V6, shippedAt: '73747ef', next: DEFAULT_SCORECARD_V7, nextDiffersAtLeast: 1 },
  { version: 7, card: DEFAULT_SCORECARD_V7, shippedAt: '1fe908a', next: DEFAULT_SCORECARD_V8, nextDiffersAtLeast: 1 },
  { version: 8, card: DEFAULT_SCORECARD_V8, shippedAt: '69c897b', next: DEFAULT_SCORECARD_V9, nextDiffersAtLeast: 1 },
])(
  'default scorecard v$version = v$version as shipped at $shippedAt',
  ({ version, card, next, nextDiffersAtLeast }) => {
    const golden = JSON.parse(
      readFileSync(join(__dirname, `fixtures/v${version}-shipped-hits.json`), 'utf8'),
    ) as DumpedConversation[];
    const today = new Map(dumpRuleHits(CORPUS, card).map((d) => [d.key, d]));

    it('scores every conversation of the golden file', () => {
      expect(golden.length).toBeGreaterThan(600);
      expect(golden.map((d) => d.key).filter((k) => !today.has(k))).toEqual([]);
    });

    it('finds the same hits, totals and verdicts, conversation by conversation', () => {
      const differing = golden.filter((d) => JSON.stringify(today.get(d.key)) !== JSON.stringify(d)).map((d) => d.key);
      expect(differing).toEqual([]);
    });

    it('is a check the next version fails: it judges some of these conversations differently', () => {
      const later = new Map(dumpRuleHits(CORPUS, next).map((d) => [d.key, d]));
      const differing = golden.filter((d) => JSON.stringify(later.get(d.key)?.hits) !== JSON.stringify(d.hits));
      expect(differing.length).toBeGreaterThanOrEqual(nextDiffersAtLeast);
    });
  },
);
