import { createInterface } from 'node:readline';
import { parseCommandArgs, usageError, type CliCommand } from './command';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import {
  createReviewSentimentAnalyzer,
  REVIEW_SENTIMENT_MODELS,
  type ReviewSentimentModelName,
} from '../../cloudfunctions/core/text/review-sentiment.model';
import type { SentimentResult } from '../../cloudfunctions/core/text/sentiment.logreg';

/** The models `--model` may name: v1 (the default, scorecard version 1's) and the review models. */
const MODELS = ['v1', ...REVIEW_SENTIMENT_MODELS] as const;

function analyzerOf(name: string): ((text: string) => SentimentResult) | undefined {
  if (name === 'v1') return analyzeSentiment;
  if (!(REVIEW_SENTIMENT_MODELS as readonly string[]).includes(name)) return undefined;
  const model = createReviewSentimentAnalyzer(name as ReviewSentimentModelName);
  return (text) => model.sentiment(text);
}

/**
 * `kefu-qa sentiment`: one text per line on stdin, `label<TAB>p` per line on stdout, where p
 * is the probability that the text is positive (3 decimals). Output lines match input lines
 * one for one, so an empty or punctuation-only line prints `neutral\t0.500` rather than being
 * skipped. `--model` picks the model (default v1, what scorecard version 1 reads).
 */
export const command: CliCommand = {
  name: 'sentiment',
  summary: 'one text per line on stdin → label<TAB>p(positive) per line',
  details: '每行一条文本；输出 label<TAB>p，label 为 negative | neutral | positive，p 为正面概率（三位小数）。',
  usage: 'sentiment [--model v1|v2|v3|v4] < texts.txt',
  options: {
    model: { type: 'string', value: MODELS.join('|'), description: '情感模型（默认 v1；v2、v3、v4 为评论情感模型）' },
  },
  async run(args, io) {
    const parsed = parseCommandArgs(this, args, io);
    if ('exit' in parsed) return parsed.exit;
    const name = (parsed.values.model as string | undefined) ?? 'v1';
    const analyze = analyzerOf(name);
    if (!analyze) return usageError(this, io, `unknown --model ${name} (${MODELS.join(', ')})`);
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const { label, pPositive } = analyze(line);
      io.stdout.write(`${label}\t${pPositive.toFixed(3)}\n`);
    }
    return 0;
  },
};
