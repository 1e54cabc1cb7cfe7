/**
 * What the review-sentiment trainers v3 and v4 share (train-sentiment-v3.ts, train-sentiment-v4.ts):
 * the data encoded once, and the steps after the n-gram fit — the lexicon scorer fitted on the
 * reviews and averaged with the n-gram log-odds, the neutral band on the chat lines' calibration
 * half, the `trainedOn` line, the file written. v4 differs only in how the n-gram part is fitted.
 */
import { writeFileSync } from 'node:fs';
import { getDefaultSegmenter } from '../../cloudfunctions/core/text/segmenter';
import { lexiconEvidence, NEGATION_WORDS } from '../../cloudfunctions/core/text/review-sentiment.features';
import { ReviewSentimentModel } from '../../cloudfunctions/core/text/review-sentiment.nblr';
import { normalizeText } from '../../cloudfunctions/core/text/text.normalize';
import { GRAM_SEPARATOR } from '../../cloudfunctions/core/text/sentiment.logreg';
import { calibrateBand, CHAT_WEIGHT, chatTrainingExamples, readChatLines, splitChat } from './sentiment.training';
import {
  buildReviewModelFile,
  DEFAULT_V2_OPTIONS,
  encodeReviewExamples,
  readCategorizedReviews,
  readLexicon,
  V2_FEATURES,
  withLexiconScorer,
} from './review-sentiment.training';
import { fitLexiconScorer, readDegreeAdverbs } from './review-sentiment.domain';

/** The reviews and chat lines encoded by v2's features over lexicon `edition`. */
export function reviewTrainingData(edition: Parameters<typeof readLexicon>[0]) {
  const reviews = readCategorizedReviews();
  const chat = chatTrainingExamples();
  const lexicon = readLexicon(edition);
  const segmenter = getDefaultSegmenter();
  const negationWords = new Set(NEGATION_WORDS);
  const { space, examples } = encodeReviewExamples(reviews, chat, segmenter, {
    ...V2_FEATURES,
    negationWords,
    lexicon,
  });
  return { reviews, chat, lexicon, segmenter, negationWords, space, examples, edition };
}
export type ReviewTrainingData = ReturnType<typeof reviewTrainingData>;

/**
 * The n-gram `fit` made a model file with the lexicon scorer beside it and the neutral band, and
 * written to `out`; `fitWhat` says how the n-gram part was fitted, at the start of `trainedOn`.
 */
export function writeReviewModel(
  data: ReviewTrainingData,
  fit: Parameters<typeof buildReviewModelFile>[0],
  fitWhat: string,
  out: string,
  t0: number,
): void {
  const { reviews, chat, lexicon, segmenter, negationWords, space } = data;
  const o = DEFAULT_V2_OPTIONS;
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
  const categories = new Set(reviews.map((r) => r.category)).size;
  file.trainedOn =
    `Mean log-odds of (1) ${fitWhat}NB-scaled logistic regression (NBSVM-style, alpha ${o.nbAlpha}), char ${V2_FEATURES.charOrders.join('+')}-grams + ` +
    `segmenter words with negation scope ${V2_FEATURES.negationScope} + lexicon priors (HowNet, NTUSD, Tsinghua, DUTIR; ` +
    `edition ${data.edition}: DUTIR praise read as positive); ` +
    `min count ${o.minCount}, top ${o.maxFeatures} by |w·r|·frequency then refit, ${o.epochs} AdaGrad epochs, ` +
    `feature dropout ${o.dropout} (lexicon counts and lexicon words kept), balance ${o.balance}, L2 ${o.l2}, seed ${o.seed}; ` +
    `and (2) a lexicon scorer (terms with negation and HowNet degree adverbs) fitted as sigmoid(a + b·score), categories balanced; ` +
    `${reviews.length} reviews in ${categories} categories of waimai_10k + online_shopping_7_cats (SophonPlus/ChineseNlpCorpus) ` +
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
