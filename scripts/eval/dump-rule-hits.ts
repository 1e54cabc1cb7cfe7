/**
 * `tsx scripts/eval/dump-rule-hits.ts [--version 2|3|4|5|6|7|8|9] [--corpus DIR] [--out FILE]`
 *
 * Dumps, conversation by conversation, what the default scorecard's version 2 (or the one given) finds on the
 * tuning half and the act-training corpus (never the frozen test half): each hit's rule, message,
 * span and points, the total and the verdict. Scored as `kefu-qa score` does:
 * parsed, masked, the shipped sentiment and dialogue-act models.
 *
 * Why: version 2 shipped at commit 6516744 and its rules were later changed in place; those
 * changes now are version 3. Run this script in a checkout of 6516744 (it uses only modules that
 * existed there) with `--corpus` pointing at today's corpus to write the golden file
 * (tests/core/scoring/fixtures/v2-shipped-hits.json, then `npx prettier --write` on it); the test
 * tests/core/scoring/default.scorecard.golden.test.ts then checks today's engine against it.
 * Version 3 shipped at commit 669f43b: `--version 3` run there wrote
 * tests/core/scoring/fixtures/v3-shipped-hits.json (default.scorecard.golden.test.ts).
 * Version 4 shipped at commit cb89e51: `--version 4` run there, before any version 5 change, wrote
 * tests/core/scoring/fixtures/v4-shipped-hits.json.
 * Version 5 shipped with merge 57e0e26 (unchanged at 0a643e6): `--version 5` run at 0a643e6, before any
 * version 6 change, wrote tests/core/scoring/fixtures/v5-shipped-hits.json.
 * Version 6 shipped at commit 73747ef: `--version 6` over the same code, before any version 7 change,
 * wrote tests/core/scoring/fixtures/v6-shipped-hits.json (with the retired frozen halves in the tuning half).
 * Version 7 shipped at commit 1fe908a: `--version 7 --corpus` today's corpus run there (after test4-test6
 * retired into the tuning half) wrote tests/core/scoring/fixtures/v7-shipped-hits.json.
 * Version 8 shipped at commit 69c897b: `--version 8` over the same code (its red-line model file only
 * renamed, after test7-test9 retired into the tuning half) wrote tests/core/scoring/fixtures/v8-shipped-hits.json.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { compileScorecard, scoreConversation, type Scorecard } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V2 } from '../../cloudfunctions/core/scoring/default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from '../../cloudfunctions/core/scoring/default.scorecard.v3';
import { DEFAULT_SCORECARD_V4 } from '../../cloudfunctions/core/scoring/default.scorecard.v4';
import { DEFAULT_SCORECARD_V5 } from '../../cloudfunctions/core/scoring/default.scorecard.v5';
import { DEFAULT_SCORECARD_V6 } from '../../cloudfunctions/core/scoring/default.scorecard.v6';
import { DEFAULT_SCORECARD_V7 } from '../../cloudfunctions/core/scoring/default.scorecard.v7';
import { DEFAULT_SCORECARD_V8 } from '../../cloudfunctions/core/scoring/default.scorecard.v8';
import { DEFAULT_SCORECARD_V9 } from '../../cloudfunctions/core/scoring/default.scorecard.v9';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';
import { judgeRedLines } from '../../cloudfunctions/core/text/red-line.model';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';

/** The splits dumped: the frozen test half is never read. */
export const DUMPED_SPLITS = ['tune', 'train'] as const;

export interface DumpedConversation {
  /** `split/file#id` */
  key: string;
  total: number;
  passed: boolean;
  /** Rule id → its hits in order, each `message:start-end:points` (message -1 = the whole session). */
  hits: Record<string, string[]>;
}

export function dumpRuleHits(corpus: string, scorecard: Scorecard = DEFAULT_SCORECARD_V2): DumpedConversation[] {
  const compiled = compileScorecard(scorecard);
  const facts = { text: { sentiment: analyzeSentiment, acts: classifyActs, redLines: judgeRedLines } };
  const out: DumpedConversation[] = [];
  for (const split of DUMPED_SPLITS) {
    const folder = join(corpus, split);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const id = (JSON.parse(line) as { id?: string }).id ?? '';
        const parsed = conversationFromJsonl(line);
        if (!parsed.ok) throw new Error(`${split}/${file} ${id}: ${parsed.error.message}`);
        const result = scoreConversation(compiled, parsed.conversation, facts);
        const hits: Record<string, string[]> = {};
        for (const h of result.hits)
          (hits[h.ruleId] ??= []).push(`${h.messageIndex ?? -1}:${h.span ? h.span.join('-') : ''}:${h.points}`);
        out.push({ key: `${split}/${file}#${id}`, total: result.total, passed: result.passed, hits });
      }
    }
  }
  return out;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: join(__dirname, 'corpus') },
      out: { type: 'string' },
      version: { type: 'string', default: '2' },
    },
  });
  const versions: Record<string, Scorecard> = {
    '2': DEFAULT_SCORECARD_V2,
    '3': DEFAULT_SCORECARD_V3,
    '4': DEFAULT_SCORECARD_V4,
    '5': DEFAULT_SCORECARD_V5,
    '6': DEFAULT_SCORECARD_V6,
    '7': DEFAULT_SCORECARD_V7,
    '8': DEFAULT_SCORECARD_V8,
    '9': DEFAULT_SCORECARD_V9,
  };
  const scorecard = versions[values.version!];
  if (!scorecard) throw new Error('--version must be 2, 3, 4, 5, 6, 7, 8 or 9');
  const dump = dumpRuleHits(values.corpus!, scorecard);
  const text = `${JSON.stringify(dump, null, 0).replace(/\},\{"key"/g, '},\n{"key"')}\n`;
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  process.stderr.write(
    `${dump.length} conversations, ${dump.reduce((n, d) => n + Object.keys(d.hits).length, 0)} hits\n`,
  );
}
