/**
 * `npx tsx scripts/text/cv-acts.ts [--recipe r3|r4] [--with-w4]`
 *
 * Cross-validation of an act-model recipe, as the act rules read it: a customer turn as complaint
 * or anger (either) and an agent turn as apology-empathy, against the labels; and the main act.
 * Two ways: 5-fold by conversation over the tuning half, and leave one writer out (a model trained
 * on the other writers and the act-training corpus judges every turn of the writer left out;
 * writers by file: `w4-*` writer 4, `fresh-*` writer 2, the rest writer 1). Without --with-w4,
 * writer 4's files are left out of everything (how r4's recipe was developed without looking at
 * them); with it, they are one more writer and part of the 5-fold figures.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ActClassifier } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import { createActClassifier } from '../../cloudfunctions/core/text/dialogue-act.classifier';
import {
  crossFitted,
  evaluateActs,
  extraTurns,
  loadTurns,
  RECIPE_OF,
  trainActModel,
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

export function crossValidate(recipe: TrainOptions, withW4: boolean): Record<string, Figures> {
  const tune = tuneTurns(withW4);
  const extra = extraTurns(join(CORPUS, 'train'), recipe);
  const out: Record<string, Figures> = {};
  const folds = crossFitted(tune, extra, recipe);
  out['5-fold'] = figures(tune, (t) => folds.classifierFor(t.conversationId));
  for (const writer of [...new Set(tune.map(writerOf))].sort()) {
    const model = createActClassifier(trainActModel([...extra, ...tune.filter((t) => writerOf(t) !== writer)], recipe));
    out[`${writer} left out`] = figures(
      tune.filter((t) => writerOf(t) === writer),
      () => model,
    );
  }
  return out;
}

/** The size of the model file the recipe writes from the same turns (the bundles carry it). */
export function modelBytes(recipe: TrainOptions, withW4: boolean): number {
  const tune = tuneTurns(withW4);
  const extra = extraTurns(join(CORPUS, 'train'), recipe);
  return JSON.stringify(trainActModel([...extra, ...tune], recipe)).length;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      recipe: { type: 'string', default: LATEST_ACT_MODEL },
      'with-w4': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const recipe: TrainOptions = values.json
    ? (JSON.parse(values.json) as TrainOptions)
    : RECIPE_OF[values.recipe as keyof typeof RECIPE_OF];
  if (!recipe) throw new Error('--recipe must name a recipe of RECIPE_OF');
  const result = crossValidate(recipe, values['with-w4']!);
  for (const [name, f] of Object.entries(result))
    console.log(
      `${name.padEnd(14)} turns ${String(f.turns).padStart(5)}  main act ${f.mainAct}  customer unhappy P ${f.unhappy.p} R ${f.unhappy.r} F1 ${f.unhappy.f1}  agent empathy P ${f.empathy.p} R ${f.empathy.r} F1 ${f.empathy.f1}`,
    );
  const bytes = modelBytes(recipe, values['with-w4']!);
  console.log(`model file ${bytes} bytes`);
  console.log(JSON.stringify({ cvActs: { recipe, withW4: values['with-w4'], result, bytes } }));
}
