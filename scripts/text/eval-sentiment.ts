/**
 * Held-out evaluation of the sentiment model on splits this script makes itself:
 *  1. reviews: a seeded 80/20 split per corpus and label; a model is trained on the 80 % with
 *     the shipped recipe and binary accuracy is printed for each corpus's 20 %;
 *  2. chat: the labelled chat lines are split in half per label; the neutral band is chosen on
 *     the calibration half and 3-class accuracy and a confusion matrix are printed for the
 *     test half.
 * Both are reported for the review-split model and for the shipped model file; the chat report
 * also for the shipped review sentiment models v2 and v3 (models/review-sentiment.v2.json, .v3.json).
 *
 *   npx tsx scripts/text/eval-sentiment.ts [--max-features N] [--orders 1,2,3]
 */
import { parseFlags } from '../cli/command';
import { createSentimentAnalyzer } from '../../cloudfunctions/core/text/sentiment.model';
import {
  createReviewSentimentAnalyzer,
  REVIEW_SENTIMENT_MODELS,
} from '../../cloudfunctions/core/text/review-sentiment.model';
import type {
  NeutralBand,
  SentimentAnalyzer,
  SentimentLabel,
  SentimentModelFile,
} from '../../cloudfunctions/core/text/sentiment.logreg';
import {
  calibrateBand,
  chatTrainingExamples,
  DEFAULT_TRAIN_OPTIONS,
  readChatLines,
  readReviews,
  REVIEW_CORPORA,
  splitChat,
  splitReviews,
  trainLogisticRegression,
  type ChatLine,
  type TrainOptions,
} from './sentiment.training';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

function pct(x: number): string {
  return (x * 100).toFixed(1) + '%';
}

/** What the chat report needs of a model: v1 (sentiment.logreg.ts) and v2 (review-sentiment.nblr.ts) both fit. */
interface BandedModel {
  probability(text: string): number;
  withBand(band: NeutralBand): SentimentAnalyzer;
}

function chatReport(name: string, model: BandedModel, calibration: ChatLine[], test: ChatLine[]): string[] {
  const band = calibrateBand(calibration.map((l) => ({ p: model.probability(l.text), label: l.label })));
  const banded = model.withBand(band);
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  let correct = 0;
  for (const l of test) {
    const got = banded.sentiment(l.text).label;
    confusion[LABELS.indexOf(l.label)][LABELS.indexOf(got)]++;
    if (got === l.label) correct++;
  }
  const lines = [
    `${name}: band chosen on calibration half [${band.low.toFixed(2)}, ${band.high.toFixed(2)}] (calibration accuracy ${pct(band.accuracy)})`,
    `${name}: chat test half 3-class accuracy ${pct(correct / test.length)} (${correct}/${test.length})`,
    `  gold \\ predicted   ${LABELS.map((l) => l.padStart(9)).join('')}`,
  ];
  LABELS.forEach((gold, i) =>
    lines.push(`  ${gold.padEnd(18)}${confusion[i].map((n) => String(n).padStart(9)).join('')}`),
  );
  return lines;
}

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const options: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(typeof flags['max-features'] === 'string' ? { maxFeatures: Number(flags['max-features']) } : {}),
    ...(typeof flags.orders === 'string' ? { orders: flags.orders.split(',').map(Number) } : {}),
  };
  const reviews = readReviews();
  const { train, test } = splitReviews(reviews);
  const chat = readChatLines();
  const { calibration, test: chatTest } = splitChat(chat);
  const out: string[] = [
    `reviews: ${train.length} train / ${test.length} held out (seeded 80/20 per corpus and label); chat: ${calibration.length} calibration / ${chatTest.length} test`,
  ];

  const t0 = performance.now();
  const file: SentimentModelFile = trainLogisticRegression([...train, ...chatTrainingExamples()], options);
  out.push(
    `trained on the 80 % in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${file.weights.length} features kept`,
  );
  const model = createSentimentAnalyzer(file);
  for (const corpus of REVIEW_CORPORA.map((c) => c.replace(/\.csv$/, ''))) {
    const held = test.filter((r) => r.corpus === corpus);
    const correct = held.filter((r) => (model.probability(r.text) >= 0.5 ? 1 : 0) === r.label).length;
    out.push(`held-out ${corpus}: binary accuracy ${pct(correct / held.length)} (${correct}/${held.length})`);
  }
  const correctAll = test.filter((r) => (model.probability(r.text) >= 0.5 ? 1 : 0) === r.label).length;
  out.push(`held-out all reviews: binary accuracy ${pct(correctAll / test.length)}`);
  out.push(...chatReport('review-split model', model, calibration, chatTest));
  out.push(...chatReport('shipped model', createSentimentAnalyzer(), calibration, chatTest));
  // v2, v3 and v4 (models/review-sentiment.v2.json, .v3.json, .v4.json, not yet used by any scorecard): trained
  // on all reviews, none of the labelled chat lines, so the test half is as unseen as for v1.
  for (const name of REVIEW_SENTIMENT_MODELS) {
    out.push(
      ...chatReport(
        `shipped ${name} model (review-sentiment.${name}.json)`,
        createReviewSentimentAnalyzer(name),
        calibration,
        chatTest,
      ),
    );
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
