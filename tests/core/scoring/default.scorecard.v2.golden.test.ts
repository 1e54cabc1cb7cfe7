/**
 * Scorecard v2 re-scores as it shipped. The golden file was written by
 * scripts/eval/dump-rule-hits.ts run in a checkout of commit 6516744 (v2 shipped there) over
 * today's tuning half and act-training corpus; today's engine with v2 must find, conversation by
 * conversation, the same hits (rule, message, span, points), total and verdict. Version 3's
 * changes (made to v2 in place before they became v3) must stay out of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { dumpRuleHits, type DumpedConversation } from '../../../scripts/eval/dump-rule-hits';

const CORPUS = join(__dirname, '../../../scripts/eval/corpus');
const golden = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/v2-shipped-hits.json'), 'utf8'),
) as DumpedConversation[];

describe('default scorecard v2 = v2 as shipped at 6516744', () => {
  const today = new Map(dumpRuleHits(CORPUS).map((d) => [d.key, d]));

  it('scores every conversation of the golden file (later corpus files are added to it by rerunning the dump at 6516744)', () => {
    expect(golden.length).toBeGreaterThan(600);
    expect(golden.map((d) => d.key).filter((k) => !today.has(k))).toEqual([]);
  });

  it('finds the same hits, totals and verdicts, conversation by conversation', () => {
    const differing = golden.filter((d) => JSON.stringify(today.get(d.key)) !== JSON.stringify(d)).map((d) => d.key);
    expect(differing).toEqual([]);
  });

  it('is a check v3 fails: version 3 judges some of these conversations differently', () => {
    const v3 = new Map(dumpRuleHits(CORPUS, DEFAULT_SCORECARD_V3).map((d) => [d.key, d]));
    const differing = golden.filter((d) => JSON.stringify(v3.get(d.key)?.hits) !== JSON.stringify(d.hits));
    expect(differing.length).toBeGreaterThan(10);
  });
});
