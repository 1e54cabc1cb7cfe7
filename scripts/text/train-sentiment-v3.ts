/**
 * Trains the review sentiment model v3 (cloudfunctions/core/text/models/review-sentiment.v3.json):
 * v2's NB-scaled logistic regression (same features, options and data) over lexicon edition 2
 * (DUTIR's praise class read as positive, which v2's edition 1 missed),
 * plus a lexicon-only scorer (lexicon terms with negation and degree adverbs), the two averaged
 * in log-odds. The scorer's two parameters (bias, weight of positive − negative evidence) are
 * fitted on the reviews, every category weighing the same. Neutral band as v2's: on the
 * calibration half of the chat lines. Seeded: re-running gives the same file byte for byte.
 *
 *   npx tsx scripts/text/train-sentiment-v3.ts [--out file]
 *
 * The recipe is the one eval-sentiment-loco.ts reports as `v3` (chosen there on the worst and
 * mean accuracy over the eight leave-one-category-out folds; see core/text/README.md).
 */
import { join } from 'node:path';
import { parseFlags } from '../cli/command';
import { MODELS_DIR } from './paths';
import { DEFAULT_V2_OPTIONS, isV2Protected, trainNbLogistic, V3_RECIPE } from './review-sentiment.training';
import { reviewTrainingData, writeReviewModel } from './review-sentiment.ship';

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const out = typeof flags.out === 'string' ? flags.out : join(MODELS_DIR, 'review-sentiment.v3.json');
  const t0 = performance.now();
  const data = reviewTrainingData(V3_RECIPE.lexiconEdition);
  const { space, examples, lexicon } = data;
  const fit = trainNbLogistic(examples, space.names.length, DEFAULT_V2_OPTIONS, undefined, (id) =>
    isV2Protected(space.names[id], lexicon),
  );
  writeReviewModel(data, fit, '', out, t0);
}

main();
