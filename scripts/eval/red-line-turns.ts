/**
 * `npx tsx scripts/eval/red-line-turns.ts [--set a|b] [--model FILE] [--scorecard 6|7]`
 *
 * The red lines judged turn by turn on the labelled agent turns of scripts/eval/red-line-turns/
 * (`a.jsonl` to choose by, `b.jsonl` frozen): each turn is scored alone, as the pre-send check
 * scores a draft (core/desk/draft.check.ts), by scorecard v6 (the word lists) and v7 (the lists or
 * the red-line model, the shipped one or `--model FILE`), and compared with its labels. Prints per
 * red line precision and recall with Wilson 95 % intervals, and how many turns that are no red line
 * at all each fails (the informal, curt and spoken agents the model must not take for rude). Last
 * line: one JSON object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDraft } from '../../cloudfunctions/core/desk/draft.check';
import { DEFAULT_SCORECARD_V6 } from '../../cloudfunctions/core/scoring/default.scorecard.v6';
import { DEFAULT_SCORECARD_V7 } from '../../cloudfunctions/core/scoring/default.scorecard.v7';
import { wilsonInterval as wilson } from '../../cloudfunctions/core/stats/proportion';
import {
  createRedLineClassifier,
  judgeRedLines,
  redLineJudge,
  type RedLineModelFile,
} from '../../cloudfunctions/core/text/red-line.model';
import { RULE_OF_HEAD } from '../text/red-lines.training';

export interface LabelledTurnLine {
  id: string;
  text: string;
  labels: string[];
}

export function loadRedLineTurns(file: string): LabelledTurnLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledTurnLine);
}

const HEADS = Object.keys(RULE_OF_HEAD) as (keyof typeof RULE_OF_HEAD)[];

export function evaluateTurns(turns: readonly LabelledTurnLine[], judge: (text: string) => Set<string>) {
  const perHead: Record<string, { expected: number; predicted: number; tp: number }> = {};
  let clean = 0;
  let cleanFailed = 0;
  const falseIds: string[] = [];
  for (const t of turns) {
    const found = judge(t.text);
    if (t.labels.length === 0) {
      clean++;
      if (found.size > 0) {
        cleanFailed++;
        falseIds.push(t.id);
      }
    }
    for (const head of HEADS) {
      const c = (perHead[head] ??= { expected: 0, predicted: 0, tp: 0 });
      const gold = t.labels.includes(head);
      const said = found.has(RULE_OF_HEAD[head]);
      if (gold) c.expected++;
      if (said) c.predicted++;
      if (gold && said) c.tp++;
    }
  }
  return { perHead, clean, cleanFailed, falseIds };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'a' },
      model: { type: 'string' },
      scorecard: { type: 'string', default: '7' },
    },
  });
  const turns = loadRedLineTurns(join(__dirname, 'red-line-turns', `${values.set}.jsonl`));
  const card = values.scorecard === '6' ? DEFAULT_SCORECARD_V6 : DEFAULT_SCORECARD_V7;
  const redLines = values.model
    ? redLineJudge(() => createRedLineClassifier(JSON.parse(readFileSync(values.model!, 'utf8')) as RedLineModelFile))
    : judgeRedLines;
  const models = { sentiment: () => ({ label: 'neutral' as const, pPositive: 0.5 }), redLines };
  const judge = (text: string) => new Set(checkDraft(card, text, models).map((f) => f.ruleId));
  const r = evaluateTurns(turns, judge);
  const pct = (x: number) => (x * 100).toFixed(1);
  console.log(
    `${values.set}.jsonl, scorecard v${card.version}${values.model ? `, model ${values.model}` : ''}: ${turns.length} turns`,
  );
  for (const [head, c] of Object.entries(r.perHead)) {
    const p = wilson(c.tp, c.predicted);
    const rec = wilson(c.tp, c.expected);
    console.log(
      `${head.padEnd(14)} expected ${c.expected} found ${c.predicted} right ${c.tp}  precision ${pct(p.estimate)} [${pct(p.low)}-${pct(p.high)}]  recall ${pct(rec.estimate)} [${pct(rec.low)}-${pct(rec.high)}]`,
    );
  }
  console.log(`turns that are no red line, failed: ${r.cleanFailed} of ${r.clean} ${r.falseIds.join(' ')}`);
  console.log(JSON.stringify({ redLineTurns: { set: values.set, scorecard: card.version, ...r } }));
}
