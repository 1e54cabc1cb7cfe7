import { createInterface } from 'node:readline';
import { parseCommandArgs, type CliCommand } from './command';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';

/**
 * `kefu-qa sentiment`: one text per line on stdin, `label<TAB>p` per line on stdout, where p
 * is the probability that the text is positive (3 decimals). Output lines match input lines
 * one for one, so an empty or punctuation-only line prints `neutral\t0.500` rather than being
 * skipped.
 */
export const command: CliCommand = {
  name: 'sentiment',
  summary: 'one text per line on stdin → label<TAB>p(positive) per line',
  details: '每行一条文本；输出 label<TAB>p，label 为 negative | neutral | positive，p 为正面概率（三位小数）。',
  usage: 'sentiment < texts.txt',
  options: {},
  async run(args, io) {
    const parsed = parseCommandArgs(this, args, io);
    if ('exit' in parsed) return parsed.exit;
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const { label, pPositive } = analyzeSentiment(line);
      io.stdout.write(`${label}\t${pPositive.toFixed(3)}\n`);
    }
    return 0;
  },
};
