/**
 * Trains the shipped sentiment model (cloudfunctions/core/text/models/sentiment.json) on all
 * reviews of waimai_10k and online_shopping_7_cats plus the chat training lines, then sets its neutral band on the
 * calibration half of scripts/text/data/chat-sentiment.labelled.tsv (the same seeded half
 * eval-sentiment.ts uses, so its test half stays unseen). Re-running gives the same file.
 *
 *   npx tsx scripts/text/train-sentiment.ts [--out file]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from '../cli/command';
import { MODELS_DIR } from './paths';
import { createSentimentAnalyzer } from '../../cloudfunctions/core/text/sentiment.logreg';
import {
  calibrateBand,
  CHAT_WEIGHT,
  chatTrainingExamples,
  DEFAULT_TRAIN_OPTIONS,
  readChatLines,
  readReviews,
  serializeModel,
  splitChat,
  trainLogisticRegression,
} from './sentiment.training';

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const out = typeof flags.out === 'string' ? flags.out : join(MODELS_DIR, 'sentiment.json');
  const reviews = readReviews();
  const chatTraining = chatTrainingExamples();
  const file = trainLogisticRegression([...reviews, ...chatTraining], DEFAULT_TRAIN_OPTIONS);
  const { calibration } = splitChat(readChatLines());
  const model = createSentimentAnalyzer(file);
  const band = calibrateBand(calibration.map((l) => ({ p: model.probability(l.text), label: l.label })));
  file.band = { low: band.low, high: band.high };
  const o = DEFAULT_TRAIN_OPTIONS;
  file.trainedOn =
    `logistic regression, char ${o.orders.join('+')}-grams (min count ${o.minCount}, top ${o.maxFeatures} by |w|), ` +
    `${o.epochs} AdaGrad epochs, seed ${o.seed}; ${reviews.length} reviews from waimai_10k + online_shopping_7_cats ` +
    `(SophonPlus/ChineseNlpCorpus) + ${chatTraining.length / CHAT_WEIGHT} chat lines x${CHAT_WEIGHT} (neutral as 0.5); neutral band from ${calibration.length} chat lines (calibration half)`;
  const json = serializeModel(file);
  writeFileSync(out, json);
  process.stdout.write(
    `${file.weights.length} features, band [${band.low}, ${band.high}], ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB -> ${out}\n`,
  );
}

main();
