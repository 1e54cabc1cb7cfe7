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
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from '../cli/command';
import { MODELS_DIR } from './paths';
import { getDefaultSegmenter } from '../../cloudfunctions/core/text/segmenter';
import { lexiconEvidence, NEGATION_WORDS } from '../../cloudfunctions/core/text/review-sentiment.features';
import { ReviewSentimentModel } from '../../cloudfunctions/core/text/review-sentiment.nblr';
import { normalizeText } from '../../cloudfunctions/core/text/text.normalize';
import { GRAM_SEPARATOR } from '../../cloudfunctions/core/text/sentiment.logreg';
import { calibrateBand, CHAT_WEIGHT, chatTrainingExamples, readChatLines, splitChat } from './sentiment.training';
import {
  buildReviewModelFile,
  categoriesOf,
  DEFAULT_V2_OPTIONS,
  encodeReviewExamples,
  featureCounts,
  isV2Protected,
  readCategorizedReviews,
  readLexicon,
  trainCategoryBag,
  trainNbLogistic,
  V2_FEATURES,
  V4_RECIPE,
  withLexiconScorer,
} from './review-sentiment.training';
import { fitLexiconScorer, readDegreeAdverbs } from './review-sentiment.domain';

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const out = typeof flags.out === 'string' ? flags.out : join(MODELS_DIR, 'review-sentiment.v4.json');
  const t0 = performance.now();
  const reviews = readCategorizedReviews();
  const chat = chatTrainingExamples();
  const lexicon = readLexicon(V4_RECIPE.lexiconEdition);
  const segmenter = getDefaultSegmenter();
  const negationWords = new Set(NEGATION_WORDS);
  const { space, examples } = encodeReviewExamples(reviews, chat, segmenter, {
    ...V2_FEATURES,
    negationWords,
    lexicon,
  });
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
  const isToken = (term: string): boolean => segmenter.has(term) || segmenter.cut(term).length === 1;
  // The lexicon scorer, fitted on the reviews' evidence, then averaged with the n-gram log-odds.
  const degrees = readDegreeAdverbs();
  const evidence = reviews.map((r) =>
    lexiconEvidence(segmenter.cut(normalizeText(r.text)), lexicon, negationWords, V2_FEATURES.negationScope, degrees),
  );
  const scorer = fitLexiconScorer(
    evidence,
    reviews.map((r) => ({ label: r.label, group: r.category })),
  );
  const file = withLexiconScorer(
    buildReviewModelFile(fit, space, { ...V2_FEATURES, negationWords: NEGATION_WORDS, lexicon }, isToken),
    scorer,
    degrees,
    isToken,
  );
  const blend = file.lexiconScorer!;

  const { calibration } = splitChat(readChatLines());
  const model = new ReviewSentimentModel(file, segmenter);
  const band = calibrateBand(calibration.map((l) => ({ p: model.probability(l.text), label: l.label })));
  file.band = { low: band.low, high: band.high };
  file.trainedOn =
    `Mean log-odds of (1) the mean of ${categories.length} fits, each leaving one review category out (top ${V4_RECIPE.maxFeatures} mean weights by |w|·frequency kept), of NB-scaled logistic regression (NBSVM-style, alpha ${o.nbAlpha}), char ${V2_FEATURES.charOrders.join('+')}-grams + ` +
    `segmenter words with negation scope ${V2_FEATURES.negationScope} + lexicon priors (HowNet, NTUSD, Tsinghua, DUTIR; ` +
    `edition ${V4_RECIPE.lexiconEdition}: DUTIR praise read as positive); ` +
    `min count ${o.minCount}, top ${o.maxFeatures} by |w·r|·frequency then refit, ${o.epochs} AdaGrad epochs, ` +
    `feature dropout ${o.dropout} (lexicon counts and lexicon words kept), balance ${o.balance}, L2 ${o.l2}, seed ${o.seed}; ` +
    `and (2) a lexicon scorer (terms with negation and HowNet degree adverbs) fitted as sigmoid(a + b·score), categories balanced; ` +
    `${reviews.length} reviews in ${categories.length} categories of waimai_10k + online_shopping_7_cats (SophonPlus/ChineseNlpCorpus) ` +
    `+ ${chat.length / CHAT_WEIGHT} chat lines x${CHAT_WEIGHT} (neutral as 0.5); neutral band from ${calibration.length} chat lines (calibration half)`;
  const json = JSON.stringify(file) + '\n';
  writeFileSync(out, json);
  process.stdout.write(
    `${file.weights.length} features, lexicon ${file.lexicon.positive.split(GRAM_SEPARATOR).length}+${file.lexicon.negative.split(GRAM_SEPARATOR).length} terms, ` +
      `${blend.levels.length} degree adverbs, blend ${JSON.stringify({ bias: blend.bias, ngram: blend.ngram, lexicon: blend.lexicon })}, ` +
      `band [${band.low}, ${band.high}], ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB -> ${out} ` +
      `(${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
  );
}

main();
