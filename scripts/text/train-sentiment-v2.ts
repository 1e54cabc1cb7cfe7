/**
 * Trains the review sentiment model v2 (cloudfunctions/core/text/models/review-sentiment.v2.json)
 * on all reviews of waimai_10k and online_shopping_7_cats plus the chat training lines, with the
 * lexicons of ../shared/data/lexicons, then sets its neutral band on the calibration half of
 * scripts/text/data/chat-sentiment.labelled.tsv (the half eval-sentiment.ts calibrates on, so
 * its test half stays unseen). Seeded: re-running gives the same file byte for byte.
 *
 *   npx tsx scripts/text/train-sentiment-v2.ts [--out file]
 *
 * The recipe (features and options) is the one eval-sentiment-loco.ts reports as `v2`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from '../cli/command';
import { MODELS_DIR } from './paths';
import { getDefaultSegmenter } from '../../cloudfunctions/core/text/segmenter';
import { NEGATION_WORDS } from '../../cloudfunctions/core/text/review-sentiment.features';
import { ReviewSentimentModel } from '../../cloudfunctions/core/text/review-sentiment.nblr';
import { calibrateBand, CHAT_WEIGHT, chatTrainingExamples, readChatLines, splitChat } from './sentiment.training';
import {
  buildReviewModelFile,
  DEFAULT_V2_OPTIONS,
  encodeReviewExamples,
  isV2Protected,
  readCategorizedReviews,
  readLexicon,
  trainNbLogistic,
  V2_FEATURES,
} from './review-sentiment.training';

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const out = typeof flags.out === 'string' ? flags.out : join(MODELS_DIR, 'review-sentiment.v2.json');
  const t0 = performance.now();
  const reviews = readCategorizedReviews();
  const chat = chatTrainingExamples();
  const lexicon = readLexicon();
  const segmenter = getDefaultSegmenter();
  const featureOptions = { ...V2_FEATURES, negationWords: new Set(NEGATION_WORDS), lexicon };
  const { space, examples } = encodeReviewExamples(reviews, chat, segmenter, featureOptions);
  const o = DEFAULT_V2_OPTIONS;
  const fit = trainNbLogistic(examples, space.names.length, o, undefined, (id) =>
    isV2Protected(space.names[id], lexicon),
  );
  const file = buildReviewModelFile(
    fit,
    space,
    { ...V2_FEATURES, negationWords: NEGATION_WORDS, lexicon },
    (term) => segmenter.has(term) || segmenter.cut(term).length === 1,
  );
  const { calibration } = splitChat(readChatLines());
  const model = new ReviewSentimentModel(file, segmenter);
  const band = calibrateBand(calibration.map((l) => ({ p: model.probability(l.text), label: l.label })));
  file.band = { low: band.low, high: band.high };
  const categories = [...new Set(reviews.map((r) => r.category))].length;
  file.trainedOn =
    `NB-scaled logistic regression (NBSVM-style, alpha ${o.nbAlpha}), char ${V2_FEATURES.charOrders.join('+')}-grams + ` +
    `segmenter words with negation scope ${V2_FEATURES.negationScope} + lexicon priors (HowNet, NTUSD, Tsinghua, DUTIR); ` +
    `min count ${o.minCount}, top ${o.maxFeatures} by |w·r|·frequency then refit, ${o.epochs} AdaGrad epochs, ` +
    `feature dropout ${o.dropout} (lexicon counts and lexicon words kept), balance ${o.balance}, L2 ${o.l2}, seed ${o.seed}; ` +
    `${reviews.length} reviews in ${categories} categories of waimai_10k + online_shopping_7_cats (SophonPlus/ChineseNlpCorpus) ` +
    `+ ${chat.length / CHAT_WEIGHT} chat lines x${CHAT_WEIGHT} (neutral as 0.5); neutral band from ${calibration.length} chat lines (calibration half)`;
  const json = JSON.stringify(file) + '\n';
  writeFileSync(out, json);
  process.stdout.write(
    `${file.weights.length} features, lexicon ${file.lexicon.positive.split('\u0001').length}+${file.lexicon.negative.split('\u0001').length} terms, ` +
      `band [${band.low}, ${band.high}], ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB -> ${out} ` +
      `(${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
  );
}

main();
