/**
 * Research aid: trains a red-line model by `--recipe` on all the training data (no leave-one-out)
 * and writes it to OUT (never a shipped file): `npx tsx notes/rude/train-only.ts OUT [JSON]`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  redLineTrainingCases,
  trainedOnLabel,
  trainRedLineModel,
  type RedLineRecipe,
} from '../../scripts/text/red-lines.training';
import { REPO_ROOT } from '../../scripts/text/paths';

const [out, json] = process.argv.slice(2);
const recipe = (json ? JSON.parse(json) : {}) as RedLineRecipe;
const corpus = join(REPO_ROOT, 'scripts', 'eval', 'corpus');
const file = trainRedLineModel(redLineTrainingCases(corpus, recipe), recipe, trainedOnLabel(corpus));
writeFileSync(out, `${JSON.stringify(file)}\n`);
console.log(
  `${out}: ${file.features.split('\u0001').length} features, ${Buffer.byteLength(JSON.stringify(file)) + 1} bytes`,
);
