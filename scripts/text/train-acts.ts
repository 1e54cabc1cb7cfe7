/**
 * `npx tsx scripts/text/train-acts.ts [--corpus DIR ...] [--out FILE] [--check] [--recipe r2 --check]`
 *
 * Trains the dialogue-act classifier on the labelled turns of the TUNING half and the training
 * corpus of scripts/eval/corpus (never the frozen test half), reports 5-fold cross-validation
 * by conversation on the tuning half (the training corpus stays in every fold's training set),
 * and writes cloudfunctions/core/text/models/dialogue-acts.json (model r7: RECIPE_OF.r7 in
 * acts.training.ts, r4's model and the unhappy head in one file). Seeded: the same corpora give the
 * same file. `--check` trains and reports without writing. Earlier models are kept as they shipped
 * (dialogue-acts.r1.json … dialogue-acts.r6.json), never retrained.
 * Leave-one-writer-out figures: scripts/text/cv-acts.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  crossFitted,
  evaluateActs,
  extraTurns,
  loadTurns,
  RECIPE_OF,
  trainedOnLabel,
  trainRecipeModel,
} from './acts.training';
import { MODELS_DIR, REPO_ROOT } from './paths';
import { LATEST_ACT_MODEL } from '../../cloudfunctions/core/text/dialogue-act.model';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(REPO_ROOT, 'scripts', 'eval', 'corpus', 'tune') },
    extra: { type: 'string', default: join(REPO_ROOT, 'scripts', 'eval', 'corpus', 'train') },
    out: { type: 'string', default: join(MODELS_DIR, 'dialogue-acts.json') },
    check: { type: 'boolean', default: false },
    recipe: { type: 'string', default: LATEST_ACT_MODEL },
  },
  strict: true,
});

// --recipe r3 reports (with --check) how r3's recipe does on today's corpus, for comparison.
const recipe = RECIPE_OF[values.recipe as keyof typeof RECIPE_OF];
if (!recipe) throw new Error(`--recipe must be one of ${Object.keys(RECIPE_OF).join(', ')}`);
if (values.recipe !== LATEST_ACT_MODEL && !values.check)
  throw new Error(`only ${LATEST_ACT_MODEL}, the recipe of today, is written; use --check`);
const turns = loadTurns(values.corpus);
const extra = extraTurns(values.extra, recipe);
if (turns.length === 0) {
  console.error(`no labelled turns in ${values.corpus}`);
  process.exit(2);
}
const folds = crossFitted(turns, extra, recipe);
const cv = evaluateActs(turns, (t) => folds.classifierFor(t.conversationId).classify(t.text, t));
console.log(
  `tuning half: ${folds.conversations} conversations, ${turns.length} turns (+ ${extra.length} training-corpus turns in every fold); 5-fold CV main-act accuracy ${(cv.primaryAccuracy * 100).toFixed(1)}%`,
);
// What the act rules read: a customer turn as complaint or anger (either), against the labels.
const unhappy = (acts: readonly string[]) => acts.includes('complaint') || acts.includes('anger');
const customers = turns.filter((t) => t.role === 'customer');
let tp = 0;
let fp = 0;
let fn = 0;
for (const t of customers) {
  const predicted = unhappy(folds.classifierFor(t.conversationId).classify(t.text, t).acts);
  if (predicted && unhappy(t.acts)) tp++;
  else if (predicted) fp++;
  else if (unhappy(t.acts)) fn++;
}
console.log(
  `  customer turns read as complaint or anger: P ${((tp / (tp + fp)) * 100).toFixed(1)}  R ${((tp / (tp + fn)) * 100).toFixed(1)} (${customers.length} turns)`,
);
for (const [act, r] of Object.entries(cv.perAct)) {
  console.log(
    `  ${act.padEnd(16)} gold ${String(r.gold).padStart(4)}  P ${(r.precision * 100).toFixed(1).padStart(5)}  R ${(r.recall * 100).toFixed(1).padStart(5)}`,
  );
}

const model = trainRecipeModel([...extra, ...turns], recipe, trainedOnLabel(turns, extra));
const json = JSON.stringify(model);
const headFeatures = model.unhappyHead?.features ? model.unhappyHead.features.split('\u0001').length : 0;
console.log(
  `model: ${model.features.split('\u0001').length} features${model.unhappyHead ? ` (+ ${headFeatures} of the unhappy head's own)` : ''}, ${json.length} bytes`,
);
if (!values.check) {
  writeFileSync(values.out, json + '\n');
  console.log(`wrote ${values.out}`);
}
console.log(
  JSON.stringify({
    acts: {
      turns: turns.length + extra.length,
      cvPrimaryAccuracy: Math.round(cv.primaryAccuracy * 1000) / 1000,
      bytes: json.length,
    },
  }),
);
