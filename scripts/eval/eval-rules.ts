/**
 * `npm run eval:rules [-- --split tune|test7|test8|…|all] [--version 1|…|8 | --scorecard v1|…|v8|file.json] [--explain]`
 *
 * Scores the labelled chat corpus (scripts/eval/corpus/<split>/*.jsonl, format and rules
 * in scripts/eval/LABELLING.md) exactly as `kefu-qa score` does (parse, mask, the default
 * scorecard in force (the latest shipped version, 8) unless --version/--scorecard, the shipped sentiment, dialogue-act and red-line models) and
 * compares each rule's verdicts with the inspector's labels, and the act classifier's main act
 * of every turn with the labelled one. A split is any folder of the corpus but `train` (the act
 * model's training corpus); `all` is every one of them. Every folder whose name starts with `test`
 * is a frozen half: nobody tunes against it, so --explain (which lists the conversations behind
 * each miss) is refused there. `--hold-out PREFIX` (tuning half only) keeps the files named so out
 * of every cross-fitted act model's training: a writer judged by models that never saw them
 * (`--hold-out w4- --group w4-`: scorecard v6's held-out-writer figures). The red-line model
 * (scorecard v7 on) is cross-fitted on the tuning half the same way. Last line: one JSON object.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { SHIPPED_DEFAULT_SCORECARDS } from '../../cloudfunctions/core/scoring/default.scorecard.v9';
import { classifyActs, type ActModelName } from '../../cloudfunctions/core/text/dialogue-act.model';
import { judgeRedLines, redLineJudge } from '../../cloudfunctions/core/text/red-line.model';
import {
  crossFittedRedLines,
  fromTuningHalf,
  RED_LINE_RECIPE_OF,
  redLineTrainingCases,
} from '../text/red-lines.training';
import { LATEST_RED_LINE_MODEL, type RedLineModelName } from '../../cloudfunctions/core/text/red-line.heads';
import {
  crossFitted,
  evaluateActs,
  extraTurns,
  loadTurns,
  RECIPE_OF,
  type ActFigures,
  type LabelledTurn,
} from '../text/acts.training';
import type { ActPrediction } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import type { TurnContext } from '../../cloudfunctions/core/text/dialogue-act.features';
import { parseScorecard } from '../../cloudfunctions/core/scoring/scorecard.schema';
import { compileScorecard, scoreConversation } from '../../cloudfunctions/core/scoring';
import type { Scorecard } from '../../cloudfunctions/core/scoring/scorecard.schema';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import type { Interval } from '../../cloudfunctions/core/stats/proportion';
import { evaluateRules, type LabelledCase, type RulesReport, type Verdict } from './rules.evaluation';
import { evaluationSplits, isFrozenSplit, TRAINING_SPLIT } from './corpus.splits';

const CORPUS_DIR = join(__dirname, 'corpus');
/** A folder of the corpus: `tune`, or a frozen half (`test`, `test2`…). */
type Split = string;

interface CorpusCase extends LabelledCase {
  line: string;
  file: string;
}

/**
 * Whether the labelled hits alone leave a conversation passing under the scorecard: no red line
 * or zeroed section, and the deductions (each labelled rule once) within the pass mark.
 */
export function passesWithLabels(scorecard: Scorecard, expect: readonly string[]): boolean {
  let total = scorecard.baseScore;
  for (const section of scorecard.sections) {
    for (const rule of section.rules) {
      if (!expect.includes(rule.id)) continue;
      if (rule.critical) return false;
      total += rule.points;
    }
  }
  return total >= scorecard.passThreshold;
}

export function loadSplit(split: Split, dir = CORPUS_DIR): CorpusCase[] {
  const folder = join(dir, split);
  if (!existsSync(folder)) return [];
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    readFileSync(join(folder, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        let rec: { id?: unknown; expect?: unknown; calm?: unknown };
        try {
          rec = JSON.parse(line) as typeof rec;
        } catch (e) {
          throw new Error(`${split}/${file}:${i + 1}: not JSON (${(e as Error).message})`);
        }
        if (typeof rec.id !== 'string' || !Array.isArray(rec.expect) || typeof rec.calm !== 'boolean') {
          throw new Error(`${split}/${file}:${i + 1}: a labelled case needs id, expect[] and calm`);
        }
        cases.push({ id: rec.id, expect: rec.expect as string[], calm: rec.calm, line, file });
      });
  }
  return cases;
}

type Classify = (text: string, turn: TurnContext) => ActPrediction;

type JudgeRedLines = typeof judgeRedLines;

function scorerFor(
  scorecard: Scorecard,
  actsFor: (c: CorpusCase) => Classify,
  redLinesFor: (c: CorpusCase) => JudgeRedLines,
): (c: CorpusCase) => Verdict {
  const compiled = compileScorecard(scorecard);
  return (c) => {
    const parsed = conversationFromJsonl(c.line);
    if (!parsed.ok) throw new Error(`${c.file} ${c.id}: ${parsed.error.message}`);
    const facts = { text: { sentiment: analyzeSentiment, acts: actsFor(c), redLines: redLinesFor(c) } };
    const result = scoreConversation(compiled, parsed.conversation, facts);
    return { hits: new Set(result.hits.map((h) => h.ruleId)), passed: result.passed };
  };
}

/**
 * The shipped act model was trained on the tuning half (and the training corpus), so judging the tuning half with it would
 * flatter every act-based rule. There each conversation is judged by a model trained without its
 * fold (5-fold, by conversation) by the recipe of the scorecard's model, as the test half is
 * judged by a model that never saw it.
 */
function crossFittedActs(
  split: Split,
  corpus: string,
  model: ActModelName,
  holdOut?: string,
): { forCase: (c: CorpusCase) => Classify; forTurn: (t: LabelledTurn) => Classify } {
  // A frozen half: the shipped model the scorecard names (the act table too, not only the rules).
  const shipped: Classify = (text, turn) => classifyActs(text, { ...turn, model });
  if (isFrozenSplit(split)) return { forCase: () => shipped, forTurn: () => shipped };
  const recipe = RECIPE_OF[model];
  const extra = extraTurns(join(corpus, 'train'), recipe);
  // --hold-out PREFIX: the files named so train no fold's model (a writer judged by models that never saw them).
  const heldOut = (t: LabelledTurn) => holdOut !== undefined && (t.file ?? '').startsWith(holdOut);
  const folds = crossFitted(loadTurns(join(corpus, split)), extra, recipe, heldOut);
  const of = (id: string): Classify => {
    const clf = folds.classifierFor(id);
    return (text, turn) => clf.classify(text, turn);
  };
  return { forCase: (c) => of(c.id), forTurn: (t) => of(t.conversationId) };
}

/**
 * The red-line model was trained on the tuning half (and the training corpus) too: there each
 * conversation is judged by a model trained without its fold (the act models' folds), and without
 * the `--hold-out` files; a frozen half is judged by the shipped model. Only scorecards that read
 * the model (v7 on) pay for the training.
 */
function crossFittedRedLineJudges(
  split: Split,
  corpus: string,
  scorecard: Scorecard,
  holdOut?: string,
): (c: CorpusCase) => JudgeRedLines {
  if (isFrozenSplit(split) || !JSON.stringify(scorecard.sections).includes('"redLineModel"'))
    return () => judgeRedLines;
  if (split !== 'tune') throw new Error(`the red-line model is cross-fitted on the tuning half only, not ${split}`);
  // The act-training corpus and the labelled turns train every fold, as they train the shipped model.
  const trainable = redLineTrainingCases(corpus).filter((c) => holdOut === undefined || !c.file.startsWith(holdOut));
  // Cross-fitted by the recipe of the model the scorecard names (l1 and l2 by l1's, l3 by its own).
  const named = /"model":"(l\d+)"/.exec(JSON.stringify(scorecard.sections))?.[1] as RedLineModelName | undefined;
  const folds = crossFittedRedLines(trainable, fromTuningHalf, RED_LINE_RECIPE_OF[named ?? LATEST_RED_LINE_MODEL]);
  return (c) => redLineJudge(() => folds.classifierFor(c.id));
}

function redLineRules(scorecard: Scorecard): string[] {
  return scorecard.sections.flatMap((s) => s.rules.filter((r) => r.critical === 'fail-session').map((r) => r.id));
}

const pct = (x: number) => (Number.isNaN(x) ? '  -  ' : (x * 100).toFixed(1).padStart(5));
const ci = (i: Interval) => `${pct(i.estimate)} [${pct(i.low)}-${pct(i.high)}]`;

function printReport(split: Split, report: RulesReport, explain: boolean, out: (s: string) => void): void {
  out(
    `\n== ${isFrozenSplit(split) ? `${split} half (frozen)` : split === 'tune' ? 'tuning half' : split}: ${report.conversations} conversations`,
  );
  out(
    `${'rule'.padEnd(26)} ${'exp'.padStart(4)} ${'hit'.padStart(4)} ${'TP'.padStart(4)}  precision %  [95% CI]   recall %     [95% CI]`,
  );
  for (const r of report.rules) {
    out(
      `${r.ruleId.padEnd(26)} ${String(r.expected).padStart(4)} ${String(r.predicted).padStart(4)} ${String(r.truePositives).padStart(4)}  ${ci(r.precision)}  ${ci(r.recall)}`,
    );
    if (explain) {
      if (r.falsePositives.length) out(`    false hits: ${r.falsePositives.join(' ')}`);
      if (r.falseNegatives.length) out(`    missed:     ${r.falseNegatives.join(' ')}`);
    }
  }
  out(
    `calm conversations failing: ${report.calm.failed}/${report.calm.total} = ${ci(report.calm.share)} (any reason, red lines included)`,
  );
  out(
    `calm conversations that should pass, failing: ${report.calmPassing.failed}/${report.calmPassing.total} = ${ci(report.calmPassing.share)}`,
  );
  if (explain && report.calmPassing.failedIds.length) out(`    ${report.calmPassing.failedIds.join(' ')}`);
  out(`red-line recall: ${report.redLines.caught}/${report.redLines.expected} = ${ci(report.redLines.recall)}`);
  out(
    `rules held to the bar (>= 10 labelled hits): meeting ${report.goals.rulesMeetingBar.join(', ') || '-'}; below ${report.goals.rulesBelowBar.join(', ') || '-'}`,
  );
}

function printActs(acts: ActFigures, out: (s: string) => void): void {
  const names = Object.keys(acts.confusion);
  out(
    `dialogue acts: ${acts.turns} turns, main act right ${(acts.primaryAccuracy * 100).toFixed(1)}% (rows: labelled main act; columns: predicted)`,
  );
  out(`${''.padEnd(16)}${names.map((n) => n.slice(0, 6).padStart(7)).join('')}   P%    R% (any act)`);
  for (const gold of names) {
    const r = acts.perAct[gold];
    out(
      `${gold.padEnd(16)}${names.map((p) => String(acts.confusion[gold][p]).padStart(7)).join('')}  ${pct(r.precision)} ${pct(r.recall)}`,
    );
  }
}

function summary(report: RulesReport) {
  const round = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 1000) / 1000);
  return {
    conversations: report.conversations,
    rules: Object.fromEntries(
      report.rules.map((r) => [
        r.ruleId,
        {
          expected: r.expected,
          predicted: r.predicted,
          precision: round(r.precision.estimate),
          recall: round(r.recall.estimate),
        },
      ]),
    ),
    calmFailShare: round(report.calm.share.estimate),
    calmShouldPassFailShare: round(report.calmPassing.share.estimate),
    redLineRecall: round(report.redLines.recall.estimate),
    goals: report.goals,
  };
}

/**
 * The splits `--split` names: one folder of the corpus (any name but `train`), or `all` of them.
 * A string is the reason it names none.
 */
export function chooseSplits(split: string, corpus: string): Split[] | string {
  const present = evaluationSplits(corpus);
  if (split === 'all') return present;
  if (split === TRAINING_SPLIT)
    return `--split ${TRAINING_SPLIT}: that folder trains the act model; it is no evaluation half`;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(split))
    return `--split must name a folder of the corpus (${present.join(', ')}) or all`;
  return [split];
}

export function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      split: { type: 'string', default: 'all' },
      scorecard: { type: 'string', default: `v${SHIPPED_DEFAULT_SCORECARDS.at(-1)!.version}` },
      version: { type: 'string' },
      corpus: { type: 'string', default: CORPUS_DIR },
      explain: { type: 'boolean', default: false },
      group: { type: 'string' },
      'hold-out': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npm run eval:rules -- [--split tune|test10|…|test13|all] [--version 1|…|9 | --scorecard v1|…|v9|file.json] [--corpus DIR] [--explain] [--group FILE_PREFIX] [--hold-out FILE_PREFIX]',
    );
    return 0;
  }
  const splits = chooseSplits(values.split!, values.corpus!);
  if (typeof splits === 'string') {
    console.error(splits);
    return 2;
  }
  if ((values.explain || values.group !== undefined) && splits.some(isFrozenSplit)) {
    console.error(
      `--explain and --group look inside a half: not for ${splits.filter(isFrozenSplit).join(', ')} (every test… half is frozen)`,
    );
    return 2;
  }
  // --version N is the default scorecard's version N (the tuning half's act models are cross-fitted
  // by the recipe of the model the version names; a frozen half uses that model itself).
  const named = values.version !== undefined ? `v${values.version}` : values.scorecard;
  const shipped: Record<string, Scorecard> = Object.fromEntries(
    SHIPPED_DEFAULT_SCORECARDS.map((card) => [`v${card.version}`, card]),
  );
  if (values.version !== undefined && !(named in shipped))
    throw new Error(`--version must be one of ${SHIPPED_DEFAULT_SCORECARDS.map((c) => c.version).join(', ')}`);
  const scorecard = shipped[named] ?? parseScorecard(readFileSync(named, 'utf8'));
  const redLines = redLineRules(scorecard);
  console.log(`scorecard ${scorecard.id} v${scorecard.version}; red lines: ${redLines.join(', ')}`);
  const json: Record<string, unknown> = { scorecard: { id: scorecard.id, version: scorecard.version } };
  for (const split of splits) {
    const cases = loadSplit(split, values.corpus).map((c) => ({
      ...c,
      shouldPass: passesWithLabels(scorecard, c.expect),
    }));
    if (cases.length === 0) {
      console.log(`\n== ${split}: no corpus files in ${join(values.corpus, split)}`);
      continue;
    }
    const acts = crossFittedActs(split, values.corpus, scorecard.text?.acts ?? 'r1', values['hold-out']);
    const redLinesFor = crossFittedRedLineJudges(split, values.corpus, scorecard, values['hold-out']);
    const verdictOf = scorerFor(scorecard, acts.forCase, redLinesFor);
    const report = evaluateRules(cases, verdictOf as (c: LabelledCase) => Verdict, { redLineRules: redLines });
    printReport(split, report, values.explain, (s) => console.log(s));
    const groups: Record<string, unknown> = {};
    if (values.group !== undefined) {
      // The same verdicts (same cross-fitted models), counted apart for the files named with the prefix and the rest.
      const prefix = values.group;
      for (const [name, inGroup] of [
        [`${prefix}*`, true],
        [`not ${prefix}*`, false],
      ] as const) {
        const part = cases.filter((c) => c.file.startsWith(prefix) === inGroup);
        if (part.length === 0) continue;
        const partReport = evaluateRules(part, verdictOf as (c: LabelledCase) => Verdict, { redLineRules: redLines });
        printReport(`${split}, files ${name}`, partReport, values.explain, (s) => console.log(s));
        groups[name] = summary(partReport);
      }
    }
    const actFigures = evaluateActs(loadTurns(join(values.corpus, split)), (t) => acts.forTurn(t)(t.text, t));
    if (split === 'tune')
      console.log('(tuning half: acts, act-based rules and the red-line model judged by 5-fold cross-fitted models)');
    printActs(actFigures, (s) => console.log(s));
    json[split] = {
      ...summary(report),
      actsPrimaryAccuracy: Math.round(actFigures.primaryAccuracy * 1000) / 1000,
      ...(values.group !== undefined ? { groups } : {}),
    };
  }
  console.log(JSON.stringify({ evalRules: json }));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
