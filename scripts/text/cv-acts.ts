/**
 * `npx tsx scripts/text/cv-acts.ts [--recipe r3|r4|x1 ...] [--recipe-json JSON|FILE ...] [--with-w4] [--no-folds] [--errors FILE] [--speed]`
 *
 * Cross-validation of an act-model recipe, as the act rules read it: a customer turn as complaint
 * or anger (either) and an agent turn as apology-empathy, against the labels; and the main act.
 * Two ways: 5-fold by conversation over the tuning half, and leave one writer out (a model trained
 * on the other writers and the act-training corpus judges every turn of the writer left out;
 * writers by file: `w4-*` writer 4, `fresh-*` writer 2, the rest writer 1). Without --with-w4,
 * writer 4's files are left out of everything (how r4's recipe was developed without looking at
 * them); with it, they are one more writer and part of the 5-fold figures.
 *
 * Several recipes (--recipe and --recipe-json repeated) make a sweep: each is reported the same
 * way, with the writers' means and, against the first, on how many writers customer-unhappy F1
 * rose. --no-folds skips the 5-fold figures (a third of the time). Recipes that differ only in
 * `thresholds` share their trained models. --speed adds the full model's turns a second (the same
 * process, one recipe after another: a comparison, not the engine's benchmark). --errors FILE
 * writes the first recipe's wrong customer turns, writer by writer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ActClassifier, ActModelFile } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import { createActClassifier } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import {
  crossFitted,
  evaluateActs,
  EXPERIMENTAL_RECIPES,
  extraTurns,
  loadTurns,
  RECIPE_OF,
  trainActModel,
  withClauseHead,
  withUnhappyHeadModel,
  asUnhappyTurn,
  unhappyHeadRecipe,
  writerOfFile,
  type LabelledTurn,
  type TrainOptions,
} from './acts.training';
import { REPO_ROOT } from './paths';
import { LATEST_ACT_MODEL } from '../../cloudfunctions/core/text/dialogue-act.model';

const CORPUS = join(REPO_ROOT, 'scripts', 'eval', 'corpus');

const writerOf = (t: LabelledTurn) => writerOfFile(t.file ?? '');

/** The tuning half's turns, writer 4's files left out unless `withW4`. */
function tuneTurns(withW4: boolean): LabelledTurn[] {
  const all = loadTurns(join(CORPUS, 'tune'));
  return withW4 ? all : all.filter((t) => writerOf(t) !== 'w4');
}

interface Figures {
  turns: number;
  mainAct: number;
  unhappy: { p: number; r: number; f1: number };
  empathy: { p: number; r: number; f1: number };
}

const unhappy = (acts: readonly string[]) => acts.includes('complaint') || acts.includes('anger');
const prf = (tp: number, fp: number, fn: number) => {
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  return { p: round(p), r: round(r), f1: round((2 * p * r) / (p + r)) };
};
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The figures of `turns` judged by `clf(t)`. */
export function figures(turns: readonly LabelledTurn[], clf: (t: LabelledTurn) => ActClassifier): Figures {
  const u = { tp: 0, fp: 0, fn: 0 };
  const e = { tp: 0, fp: 0, fn: 0 };
  const predictions = new Map<LabelledTurn, string[]>();
  const acts = evaluateActs(turns, (t) => {
    const p = clf(t).classify(t.text, t);
    predictions.set(t, p.acts);
    return p;
  });
  for (const t of turns) {
    const predicted = predictions.get(t)!;
    const [counts, gold, pred] =
      t.role === 'customer'
        ? [u, unhappy(t.acts), unhappy(predicted)]
        : [e, t.acts.includes('apology-empathy'), predicted.includes('apology-empathy')];
    if (gold && pred) counts.tp++;
    else if (pred) counts.fp++;
    else if (gold) counts.fn++;
  }
  return {
    turns: turns.length,
    mainAct: round(acts.primaryAccuracy),
    unhappy: prf(u.tp, u.fp, u.fn),
    empathy: prf(e.tp, e.fp, e.fn),
  };
}

/**
 * Models trained for a writer left out, by the recipe without its thresholds: recipes that differ
 * only in thresholds (a calibration, written into the file after training) share one training.
 */
const trained = new Map<string, ActModelFile>();
const turnsCache = new Map<string, { tune: LabelledTurn[]; extra: LabelledTurn[] }>();

/** The tuning half and the training corpus, loaded once per (withW4, extra weight) for a sweep. */
function corpusTurns(recipe: TrainOptions, withW4: boolean): { tune: LabelledTurn[]; extra: LabelledTurn[] } {
  const key = `${withW4}|${recipe.extraWeight}`;
  let turns = turnsCache.get(key);
  if (!turns)
    turnsCache.set(key, (turns = { tune: tuneTurns(withW4), extra: extraTurns(join(CORPUS, 'train'), recipe) }));
  return turns;
}

function leaveOneOutModel(recipe: TrainOptions, writer: string, train: () => LabelledTurn[]): ActModelFile {
  // Neither is training: recipes that differ only in them share the trained model.
  const { thresholds, clauseHead: _clause, unhappyHead: _head, ...rest } = recipe;
  const key = `${writer}|${JSON.stringify(rest)}`;
  let model = trained.get(key);
  if (!model) trained.set(key, (model = trainActModel(train(), rest)));
  return { ...model, thresholds: model.acts.map((a) => thresholds?.[a] ?? 0.5) };
}

/**
 * The recipe's model file for the turns of `key` (a writer left out), as trainRecipeModel makes it:
 * the main model and, when the recipe has one, the unhappy head in the same file (each trained once
 * per writer left out and shared by the recipes that differ only in what is not training).
 */
function recipeModel(recipe: TrainOptions, key: string, train: () => LabelledTurn[]): ActModelFile {
  const main = leaveOneOutModel(recipe, key, train);
  if (recipe.unhappyHead === undefined) return main;
  return withUnhappyHeadModel(main, unhappyHeadModel(recipe, key, train), recipe.unhappyHead);
}

/** How a recipe reads the turns of `key` (a writer left out): its model file, and the clause head. */
function judge(recipe: TrainOptions, key: string, train: () => LabelledTurn[]): ActClassifier {
  if (recipe.clauseHead !== undefined && recipe.unhappyHead !== undefined)
    throw new Error('a recipe has a clause head or an unhappy head, not both (never measured together)');
  return withClauseHead(createActClassifier(recipeModel(recipe, key, train)), recipe.clauseHead);
}

/** The unhappy head's model (TrainOptions.unhappyHead), once per writer left out. */
function unhappyHeadModel(recipe: TrainOptions, key: string, train: () => LabelledTurn[]): ActModelFile {
  return leaveOneOutModel(unhappyHeadRecipe(recipe), key, () => train().map(asUnhappyTurn));
}

export function crossValidate(recipe: TrainOptions, withW4: boolean, withFolds = true): Record<string, Figures> {
  const { tune, extra } = corpusTurns(recipe, withW4);
  const out: Record<string, Figures> = {};
  if (withFolds) {
    // crossFitted's models are the recipe's, heads included.
    const folds = crossFitted(tune, extra, recipe);
    out['5-fold'] = figures(tune, (t) => folds.classifierFor(t.conversationId));
  }
  for (const writer of [...new Set(tune.map(writerOf))].sort()) {
    const model = judge(recipe, writer, () => [...extra, ...tune.filter((t) => writerOf(t) !== writer)]);
    out[`${writer} left out`] = figures(
      tune.filter((t) => writerOf(t) === writer),
      () => model,
    );
  }
  return out;
}

/**
 * The customer turns each writer's left-out model reads wrongly as to complaint or anger, one line
 * each (writer, missed or false, P(complaint), P(anger), gold acts, text): what a recipe still misses.
 */
export function unhappyErrors(recipe: TrainOptions, withW4: boolean): string[] {
  const { tune, extra } = corpusTurns(recipe, withW4);
  const lines: string[] = [];
  for (const writer of [...new Set(tune.map(writerOf))].sort()) {
    const model = judge(recipe, writer, () => [...extra, ...tune.filter((t) => writerOf(t) !== writer)]);
    for (const t of tune) {
      if (t.role !== 'customer' || writerOf(t) !== writer) continue;
      const p = model.classify(t.text, t);
      const [gold, predicted] = [unhappy(t.acts), unhappy(p.acts)];
      if (gold === predicted) continue;
      const pr = (x: number) => x.toFixed(2);
      lines.push(
        [
          writer,
          gold ? 'missed' : 'false',
          pr(p.probabilities.complaint),
          pr(p.probabilities.anger),
          t.acts.join('+'),
          t.text.replace(/\s+/g, ' '),
        ].join('\t'),
      );
    }
  }
  return lines;
}

/** The size of the model file the recipe writes from the same turns (the bundles carry it). */
export function modelBytes(recipe: TrainOptions, withW4: boolean): number {
  const { tune, extra } = corpusTurns(recipe, withW4);
  return JSON.stringify(recipeModel(recipe, `none|${withW4}`, () => [...extra, ...tune])).length;
}

/**
 * Turns a second the recipe's full model classifies (every tuning-half turn, `passes` times, after
 * one pass to warm up), as the engine would call it, clause head included: to compare recipes run
 * in one process, not as an absolute figure (scripts/bench.ts is the engine's benchmark).
 */
export function turnsPerSecond(recipe: TrainOptions, withW4: boolean, passes = 5): number {
  const { tune } = corpusTurns(recipe, withW4);
  const { tune: all, extra } = corpusTurns(recipe, withW4);
  const model = judge(recipe, `none|${withW4}`, () => [...extra, ...all]);
  const ctx = tune.map((t) => ({ role: t.role, firstOfRole: t.firstOfRole, last: t.last }));
  const run = () => tune.forEach((t, i) => model.classify(t.text, ctx[i]));
  run();
  const start = process.hrtime.bigint();
  for (let k = 0; k < passes; k++) run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round((tune.length * passes) / seconds);
}

/** A recipe by name (RECIPE_OF, EXPERIMENTAL_RECIPES), or JSON of TrainOptions, or a file holding that JSON. */
export function recipeOf(spec: string): TrainOptions {
  const named = (RECIPE_OF as Record<string, TrainOptions>)[spec] ?? EXPERIMENTAL_RECIPES[spec];
  if (named) return named;
  const text = spec.trim().startsWith('{') ? spec : readFileSync(spec, 'utf8');
  return JSON.parse(text) as TrainOptions;
}

const line = (name: string, f: Figures) =>
  `${name.padEnd(14)} turns ${String(f.turns).padStart(5)}  main act ${f.mainAct}  customer unhappy P ${f.unhappy.p} R ${f.unhappy.r} F1 ${f.unhappy.f1}  agent empathy P ${f.empathy.p} R ${f.empathy.r} F1 ${f.empathy.f1}`;

const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length);

/** Means over the writers left out, and against `base` on how many writers unhappy F1 rose or fell. */
export function summary(result: Record<string, Figures>, base?: Record<string, Figures>): string {
  const writers = Object.keys(result).filter((k) => k.endsWith(' left out'));
  const avg = (get: (f: Figures) => number) => mean(writers.map((w) => get(result[w])));
  let text = `writers' mean  main act ${avg((f) => f.mainAct)}  unhappy P ${avg((f) => f.unhappy.p)} R ${avg((f) => f.unhappy.r)} F1 ${avg((f) => f.unhappy.f1)}  empathy F1 ${avg((f) => f.empathy.f1)}`;
  if (base) {
    const up = writers.filter((w) => result[w].unhappy.f1 > base[w].unhappy.f1).length;
    const down = writers.filter((w) => result[w].unhappy.f1 < base[w].unhappy.f1).length;
    text += `  (unhappy F1 vs the first recipe: up on ${up}, down on ${down} of ${writers.length} writers)`;
  }
  return text;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      recipe: { type: 'string', multiple: true },
      'recipe-json': { type: 'string', multiple: true },
      json: { type: 'string' },
      'with-w4': { type: 'boolean', default: false },
      'no-folds': { type: 'boolean', default: false },
      errors: { type: 'string' },
      speed: { type: 'boolean', default: false },
    },
  });
  // Several recipes make a sweep: each judged the same way, the first the baseline of the comparison.
  const specs = [...(values.recipe ?? []), ...(values['recipe-json'] ?? []), ...(values.json ? [values.json] : [])];
  if (specs.length === 0) specs.push(LATEST_ACT_MODEL);
  let base: Record<string, Figures> | undefined;
  for (const spec of specs) {
    const recipe = recipeOf(spec);
    const result = crossValidate(recipe, values['with-w4']!, !values['no-folds']);
    console.log(`recipe ${JSON.stringify(recipe)}`);
    for (const [name, f] of Object.entries(result)) console.log(line(name, f));
    console.log(summary(result, base));
    base ??= result;
    const bytes = modelBytes(recipe, values['with-w4']!);
    console.log(`model file ${bytes} bytes${recipe.unhappyHead === undefined ? '' : ' (the unhappy head in it)'}`);
    if (values.speed) console.log(`classifies ${turnsPerSecond(recipe, values['with-w4']!)} turns/s`);
    console.log(JSON.stringify({ cvActs: { recipe, withW4: values['with-w4'], result, bytes } }));
  }
  // --errors FILE: the first recipe's wrong customer turns (tuning half only), to read for ideas.
  if (values.errors)
    writeFileSync(values.errors, unhappyErrors(recipeOf(specs[0]), values['with-w4']!).join('\n') + '\n');
}
