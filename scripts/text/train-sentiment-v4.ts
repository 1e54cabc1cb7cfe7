/**
 * Trains the review sentiment model v4 (cloudfunctions/core/text/models/review-sentiment.v4.json):
 * v3's recipe (v2's NB-scaled logistic regression over lexicon edition 2, averaged in log-odds
 * with a lexicon scorer) with the n-gram part **bagged by category**: one fit per review
 * category, each on the seven others (and the chat lines), and their mean weights stored, which
 * is the mean of their log-odds. No fit leans on a category's private cues with all the
 * weight; what every subset agrees on keeps it. The 30,000 largest mean weights (by |w| ×
 * frequency) are kept, so the file stays under 1 MB. The scorer's two parameters are fitted on all
 * reviews, every category weighing the same, as v3's. Neutral band as v3's: on the calibration
 * half of the chat lines. Seeded: re-running gives the same file byte for byte.
 *
 *   npx tsx scripts/text/train-sentiment-v4.ts [--out file]
 *
 * The recipe is the one eval-sentiment-loco.ts reports as `v3-bag` (chosen there on the worst
 * and mean accuracy over the eight leave-one-category-out folds; see core/text/README.md).
 */
import { join } from 'node:path';
import { parseFlags } from '../cli/command';
import { MODELS_DIR } from './paths';
import {
  categoriesOf,
  DEFAULT_V2_OPTIONS,
  featureCounts,
  isV2Protected,
  trainCategoryBag,
  trainNbLogistic,
  V4_RECIPE,
} from './review-sentiment.training';
import { reviewTrainingData, writeReviewModel } from './review-sentiment.ship';

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const out = typeof flags.out === 'string' ? flags.out : join(MODELS_DIR, 'review-sentiment.v4.json');
  const t0 = performance.now();
  const data = reviewTrainingData(V4_RECIPE.lexiconEdition);
  const { reviews, space, examples, lexicon } = data;
  const o = DEFAULT_V2_OPTIONS;
  const categories = categoriesOf(reviews);
  const counts = featureCounts(examples, space.names.length);
  const fit = trainCategoryBag(
    categories,
    (left) => {
      process.stderr.write(`fit without ${left} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
      return trainNbLogistic(
        examples.filter((e) => e.group !== left),
        space.names.length,
        o,
        undefined,
        (id) => isV2Protected(space.names[id], lexicon),
      );
    },
    { maxFeatures: V4_RECIPE.maxFeatures, count: (id) => counts[id] },
  );
  const fitWhat = `the mean of ${categories.length} fits, each leaving one review category out (top ${V4_RECIPE.maxFeatures} mean weights by |w|·frequency kept), of `;
  writeReviewModel(data, fit, fitWhat, out, t0);
}

main();
