/**
 * Scorecard v3 re-scores as it shipped. The golden file was written by
 * `tsx scripts/eval/dump-rule-hits.ts --version 3` at commit 669f43b (v3 shipped there, before
 * any version 4 change) over the tuning half and the act-training corpus; today's engine with v3
 * must find, conversation by conversation, the same hits (rule, message, span, points), total and
 * verdict. Version 4's changes (text edition, act model, rules) must stay out of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { DEFAULT_SCORECARD_V4 } from '@core/scoring/default.scorecard.v4';
import { dumpRuleHits, type DumpedConversation } from '../../../scripts/eval/dump-rule-hits';

const CORPUS = join(__dirname, '../../../scripts/eval/corpus');
const golden = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/v3-shipped-hits.json'), 'utf8'),
) as DumpedConversation[];

describe('default scorecard v3 = v3 as shipped at 669f43b', () => {
  const today = new Map(dumpRuleHits(CORPUS, DEFAULT_SCORECARD_V3).map((d) => [d.key, d]));

  it('scores every conversation of the golden file', () => {
    expect(golden.length).toBeGreaterThan(600);
    expect(golden.map((d) => d.key).filter((k) => !today.has(k))).toEqual([]);
  });

  it('finds the same hits, totals and verdicts, conversation by conversation', () => {
    const differing = golden.filter((d) => JSON.stringify(today.get(d.key)) !== JSON.stringify(d)).map((d) => d.key);
    expect(differing).toEqual([]);
  });

  it('is a check v4 fails: version 4 judges some of these conversations differently', () => {
    const v4 = new Map(dumpRuleHits(CORPUS, DEFAULT_SCORECARD_V4).map((d) => [d.key, d]));
    const differing = golden.filter((d) => JSON.stringify(v4.get(d.key)?.hits) !== JSON.stringify(d.hits));
    expect(differing.length).toBeGreaterThan(0);
  });
});
