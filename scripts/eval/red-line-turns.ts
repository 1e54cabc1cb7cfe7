/**
 * `npx tsx scripts/eval/red-line-turns.ts [--set a|b|…] [--model FILE] [--scorecard 6|7|8|9]`
 * `npx tsx scripts/eval/red-line-turns.ts --cv [--recipe JSON] [--bar 0.9[,0.95…]]`
 *
 * The red lines judged turn by turn on the labelled agent turns of scripts/eval/red-line-turns/
 * (the sets in FROZEN_TURN_SETS frozen, today `g`, `h` and `i`; the others train): each turn is scored
 * alone, as the pre-send check scores a draft (core/desk/draft.check.ts), by scorecard v6 (the word
 * lists), v7 (the lists or red-line model l1), v8 (the lists or model l2) or v9, the default (the
 * lists or model l3; or `--model FILE`), and
 * compared with its labels. Prints per
 * red line precision and recall with Wilson 95 % intervals, and how many turns that are no red line
 * at all each fails (the informal, curt and spoken agents the model must not take for rude). Last
 * line: one JSON object.
 *
 * `--cv` is how the model's recipe and bar were chosen without the frozen set: 5-fold over the turns
 * of the sets that train (every set but the frozen ones), each fold judged by v9 with its model bar
 * at each of `--bar` and a model trained by `--recipe` without that fold (the tuning half and the
 * act-training corpus always train).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDraft } from '../../cloudfunctions/core/desk/draft.check';
import { parseScorecard, type Scorecard } from '../../cloudfunctions/core/scoring';
import { DEFAULT_SCORECARD_V6 } from '../../cloudfunctions/core/scoring/default.scorecard.v6';
import { DEFAULT_SCORECARD_V7 } from '../../cloudfunctions/core/scoring/default.scorecard.v7';
import { DEFAULT_SCORECARD_V8 } from '../../cloudfunctions/core/scoring/default.scorecard.v8';
import {
  DEFAULT_SCORECARD_V9,
  DEFAULT_SCORECARD_V9_INPUT,
} from '../../cloudfunctions/core/scoring/default.scorecard.v9';
import type { TextAnalyzers } from '../../cloudfunctions/core/scoring/scoring.types';
import { wilsonInterval as wilson } from '../../cloudfunctions/core/stats/proportion';
import {
  createRedLineClassifier,
  judgeRedLines,
  RED_LINE_HEADS,
  redLineJudge,
  type RedLineModelFile,
} from '../../cloudfunctions/core/text/red-line.model';
import {
  crossFittedRedLines,
  LATEST_RED_LINE_RECIPE,
  fromTurnSet,
  loadRedLineTurns,
  redLineTrainingCases,
  RULE_OF_HEAD,
  trainingTurnFiles,
  type LabelledRedLineTurn,
  type RedLineRecipe,
} from '../text/red-lines.training';

export function evaluateTurns(
  turns: readonly LabelledRedLineTurn[],
  judge: (turn: LabelledRedLineTurn) => Set<string>,
) {
  const perHead: Record<string, { expected: number; predicted: number; tp: number }> = {};
  let clean = 0;
  let cleanFailed = 0;
  const falseIds: string[] = [];
  for (const t of turns) {
    const found = judge(t);
    if (t.labels.length === 0) {
      clean++;
      if (found.size > 0) {
        cleanFailed++;
        falseIds.push(t.id);
      }
    }
    for (const head of RED_LINE_HEADS) {
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

type Evaluation = ReturnType<typeof evaluateTurns>;

/** The rule ids `card` finds in a turn alone, as the pre-send check judges a draft, with `redLines` as its model. */
function draftJudge(card: Scorecard, redLines: Required<TextAnalyzers>['redLines']) {
  const models = { sentiment: () => ({ label: 'neutral' as const, pPositive: 0.5 }), redLines };
  return (turn: LabelledRedLineTurn) => new Set(checkDraft(card, turn.text, models).map((f) => f.ruleId));
}

/** The default in force, version 9, with the model's bar at `bar` in its three red-line rules. */
function latestWithBar(bar: number): Scorecard {
  const card = JSON.parse(JSON.stringify(DEFAULT_SCORECARD_V9_INPUT)) as typeof DEFAULT_SCORECARD_V9_INPUT;
  for (const section of card.sections)
    for (const rule of section.rules) {
      const parts = 'any' in rule.when ? rule.when.any : [];
      for (const part of parts)
        if ('op' in part && part.op === 'redLineModel') part.params = { ...part.params, minConfidence: bar };
    }
  return parseScorecard({ ...card, status: 'published' });
}

/**
 * 5-fold over the training turn sets (see the header): each turn judged by a model that never saw
 * it, at each bar (the folds are trained once).
 */
export function crossValidateTurns(recipe: RedLineRecipe, bars: readonly number[]): Evaluation[] {
  const corpus = join(__dirname, 'corpus');
  const folds = crossFittedRedLines(redLineTrainingCases(corpus, recipe), fromTurnSet, recipe);
  const turns = trainingTurnFiles(corpus).flatMap(loadRedLineTurns);
  return bars.map((bar) => {
    const card = latestWithBar(bar);
    return evaluateTurns(turns, (turn) =>
      draftJudge(
        card,
        redLineJudge(() => folds.classifierFor(turn.id)),
      )(turn),
    );
  });
}

/** The scorecards a set can be judged by (`--scorecard`): the lists alone, with model l1, l2 or l3. */
const SCORECARDS: Readonly<Record<string, Scorecard>> = {
  '6': DEFAULT_SCORECARD_V6,
  '7': DEFAULT_SCORECARD_V7,
  '8': DEFAULT_SCORECARD_V8,
  '9': DEFAULT_SCORECARD_V9,
};

function print(title: string, r: Evaluation): void {
  const pct = (x: number) => (x * 100).toFixed(1);
  console.log(title);
  for (const [head, c] of Object.entries(r.perHead)) {
    const p = wilson(c.tp, c.predicted);
    const rec = wilson(c.tp, c.expected);
    console.log(
      `${head.padEnd(14)} expected ${c.expected} found ${c.predicted} right ${c.tp}  precision ${pct(p.estimate)} [${pct(p.low)}-${pct(p.high)}]  recall ${pct(rec.estimate)} [${pct(rec.low)}-${pct(rec.high)}]`,
    );
  }
  console.log(`turns that are no red line, failed: ${r.cleanFailed} of ${r.clean} ${r.falseIds.join(' ')}`);
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'a' },
      model: { type: 'string' },
      scorecard: { type: 'string', default: '9' },
      cv: { type: 'boolean', default: false },
      recipe: { type: 'string' },
      bar: { type: 'string', default: '0.9' },
    },
  });
  if (values.cv) {
    const recipe = (values.recipe ? JSON.parse(values.recipe) : LATEST_RED_LINE_RECIPE) as RedLineRecipe;
    const bars = values.bar.split(',').map(Number);
    if (bars.some((b) => !(b > 0 && b < 1))) throw new Error(`--bar: numbers between 0 and 1, not ${values.bar}`);
    const sets = trainingTurnFiles(join(__dirname, 'corpus')).length;
    const results = crossValidateTurns(recipe, bars);
    bars.forEach((bar, k) =>
      print(`5-fold over ${sets} training turn sets, bar ${bar}, recipe ${JSON.stringify(recipe)}`, results[k]),
    );
    console.log(JSON.stringify({ redLineTurnsCv: { recipe, bars: bars.map((bar, k) => ({ bar, ...results[k] })) } }));
  } else {
    const turns = loadRedLineTurns(join(__dirname, 'red-line-turns', `${values.set}.jsonl`));
    const card = SCORECARDS[values.scorecard];
    if (!card) throw new Error(`--scorecard: 6, 7 or 8, not ${values.scorecard}`);
    const model = values.model
      ? createRedLineClassifier(JSON.parse(readFileSync(values.model, 'utf8')) as RedLineModelFile)
      : undefined;
    const r = evaluateTurns(turns, draftJudge(card, model ? redLineJudge(() => model) : judgeRedLines));
    print(
      `${values.set}.jsonl, scorecard v${card.version}${values.model ? `, model ${values.model}` : ''}: ${turns.length} turns`,
      r,
    );
    console.log(JSON.stringify({ redLineTurns: { set: values.set, scorecard: card.version, ...r } }));
  }
}
