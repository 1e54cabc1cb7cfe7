/**
 * `npx tsx scripts/text/train-red-lines.ts [--out FILE] [--check] [--threshold 0.9] [--recipe JSON]`
 *
 * Trains the red-line model (cloudfunctions/core/text/red-line.model.ts, scripts/text/red-lines.training.ts)
 * on the agent turns of the TUNING half and the act-training corpus of scripts/eval/corpus (never a
 * frozen test… half) and the labelled agent turns of scripts/eval/red-line-turns/ (never a frozen
 * set: FROZEN_TURN_SETS), and writes cloudfunctions/core/text/models/red-lines.json (model l3, read by
 * scorecard v9, trained by LATEST_RED_LINE_RECIPE; l2, read by v8, is kept as red-lines.l2.json and l1,
 * read by v7, as red-lines.l1.json). Seeded: the same data give the same file.
 *
 * First it reports leave-one-writer-out: for each writer of the tuning half, a model trained
 * without that writer (the act-training corpus and the labelled turns always train) judges that writer's conversations, by conversation (a red line is found
 * when any agent turn reaches `--threshold`), against the word lists of scorecard v6 alone and
 * the lists or the model (what scorecard v7 does). The word lists were written with writers 1,
 * 2 and 4 in view; writers x1-x12 (the retired frozen halves and the tuning half's own later writers) are the fair column for them.
 * `--check` reports without writing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createRedLineClassifier,
  RED_LINE_HEADS,
  type RedLineHead,
} from '../../cloudfunctions/core/text/red-line.model';
import {
  fromTuningHalf,
  LATEST_RED_LINE_RECIPE,
  redLineTrainingCases,
  trainedOnLabel,
  trainRedLineModel,
  type RedLineCase,
  type RedLineRecipe,
} from './red-lines.training';
import { MODELS_DIR, REPO_ROOT } from './paths';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(MODELS_DIR, 'red-lines.json') },
    check: { type: 'boolean', default: false },
    threshold: { type: 'string', default: '0.9' },
    recipe: { type: 'string' },
  },
  strict: true,
});
const CORPUS = join(REPO_ROOT, 'scripts', 'eval', 'corpus');

const recipe = (values.recipe ? JSON.parse(values.recipe) : LATEST_RED_LINE_RECIPE) as RedLineRecipe;
const threshold = Number(values.threshold);

const cases = redLineTrainingCases(CORPUS, recipe);
// Writers of the tuning half; the act-training corpus and the labelled turns always train.
const writers = [...new Set(cases.filter(fromTuningHalf).map((c) => c.writer))].sort();

interface Tally {
  expected: number;
  others: number;
  listsFound: number;
  listsFalse: number;
  bothFound: number;
  bothFalse: number;
}
const tally = (): Tally => ({ expected: 0, others: 0, listsFound: 0, listsFalse: 0, bothFound: 0, bothFalse: 0 });
const totals = new Map<string, Tally>();
console.log(
  `leave one writer out, threshold ${threshold}: found / expected, false / others (lists = scorecard v6's word lists)`,
);
for (const writer of writers) {
  const model = createRedLineClassifier(
    trainRedLineModel(
      cases.filter((c) => c.writer !== writer),
      recipe,
    ),
  );
  const held = cases.filter((c) => c.writer === writer);
  const cells: string[] = [];
  for (const head of RED_LINE_HEADS) {
    const t = tally();
    for (const c of held) add(t, c, head, model);
    for (const key of [head, `${head} ${writer.startsWith('x') ? 'x1-x12' : 'w1,w2,w4'}`]) {
      const sum = totals.get(key) ?? tally();
      (Object.keys(t) as (keyof Tally)[]).forEach((k) => (sum[k] += t[k]));
      totals.set(key, sum);
    }
    cells.push(
      `${head} lists ${t.listsFound}/${t.expected} ${t.listsFalse}/${t.others} · +model ${t.bothFound}/${t.expected} ${t.bothFalse}/${t.others}`,
    );
  }
  console.log(`${writer.padEnd(4)} ${cells.join(' | ')}`);
}
console.log('totals:');
for (const [key, t] of [...totals].sort())
  console.log(
    `  ${key.padEnd(28)} lists ${t.listsFound}/${t.expected} false ${t.listsFalse}/${t.others} · lists or model ${t.bothFound}/${t.expected} false ${t.bothFalse}/${t.others}`,
  );

function add(t: Tally, c: RedLineCase, head: RedLineHead, model: ReturnType<typeof createRedLineClassifier>): void {
  const lists = c.agentTurns.some((x) => x.listed.has(head));
  // The classifier's own featurisation is redLineFeatures: score the case's features directly.
  const learned = c.agentTurns.some((x) => model.scoreFeatures(x.features)[head] >= threshold);
  if (c.expected.has(head)) {
    t.expected++;
    if (lists) t.listsFound++;
    if (lists || learned) t.bothFound++;
  } else {
    t.others++;
    if (lists) t.listsFalse++;
    if (lists || learned) t.bothFalse++;
  }
}

if (!values.check) {
  const file = trainRedLineModel(cases, recipe, trainedOnLabel(CORPUS));
  writeFileSync(values.out, `${JSON.stringify(file)}\n`);
  console.log(
    `wrote ${values.out}: ${file.features.split('\u0001').length} features, ${Buffer.byteLength(JSON.stringify(file))} bytes`,
  );
}
