/**
 * `kefu-qa score --input <conversations.jsonl> [--scorecard <file.json>] [--format jsonl|table]`:
 * scores each conversation of a JSONL file (masked first) and prints one result per line.
 * A bad line is reported on stderr as `line N: reason` and skipped; exit code 1 if any was.
 */
import { createReadStream, existsSync, readFileSync } from 'fs';
import { createInterface } from 'readline';
import { conversationFromJsonl } from '../../cloudfunctions/core/conversation';
import { isDomainError } from '../../cloudfunctions/core/errors';
import type { ScoreResult } from '../../cloudfunctions/core/model';
import { DEFAULT_SCORECARD } from '../../cloudfunctions/core/scoring';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';
import { judgeRedLines } from '../../cloudfunctions/core/text/red-line.model';
import { parseScorecard } from '../../cloudfunctions/core/scoring/scorecard.schema';
import {
  compileScorecard,
  scoreConversation,
  type CompiledScorecard,
} from '../../cloudfunctions/core/scoring/scoring.engine';
import type { ScoringFacts } from '../../cloudfunctions/core/scoring/scoring.types';
import { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
import { parseCommandArgs, usageError, type CliCommand, type CliIo } from './command';

const USAGE = 'score --input <conversations.jsonl> [--scorecard <file.json>] [--format jsonl|table]';

function loadScorecard(path: string | undefined): CompiledScorecard {
  if (!path) return compileScorecard(DEFAULT_SCORECARD);
  return compileScorecard(parseScorecard(readFileSync(path, 'utf8')));
}

function tableRow(id: string, r: ScoreResult): string {
  const rules = [...new Set(r.hits.filter((h) => h.points !== 0 || h.redLine).map((h) => h.ruleId))].join(',');
  return [
    id.padEnd(24),
    String(r.total).padStart(6),
    (r.passed ? '合格' : '不合格').padEnd(4),
    r.redLine ? '红线' : '  ',
    rules,
  ].join('  ');
}

async function* lines(io: CliIo, input: string): AsyncGenerator<string> {
  const stream = input === '-' ? io.stdin : createReadStream(input, { encoding: 'utf8' });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

export const command: CliCommand = {
  name: 'score',
  summary: 'mask and score JSONL conversations as the cloud does (default scorecard unless --scorecard)',
  usage: USAGE,
  options: {
    input: { type: 'string', value: 'file.jsonl', description: '每行一个会话的 JSONL 文件；- 为标准输入' },
    scorecard: { type: 'string', value: 'file.json', description: '评分卡 JSON（默认：内置默认评分卡）' },
    format: { type: 'string', value: 'jsonl|table', description: '输出格式（默认 jsonl）' },
  },
  async run(args, io) {
    const parsed = parseCommandArgs(this, args, io);
    if ('exit' in parsed) return parsed.exit;
    const input = parsed.values.input as string | undefined;
    const format = (parsed.values.format as string | undefined) ?? 'jsonl';
    if (!input) return usageError(this, io, 'missing --input');
    if (format !== 'jsonl' && format !== 'table') return usageError(this, io, `unknown --format ${format}`);
    if (input !== '-' && !existsSync(input)) {
      io.stderr.write(`kefu-qa score: 找不到输入文件 ${input}\n`);
      return 2;
    }
    let compiled: CompiledScorecard;
    try {
      compiled = loadScorecard(parsed.values.scorecard as string | undefined);
    } catch (e) {
      io.stderr.write(`kefu-qa score: ${isDomainError(e) ? e.message : (e as Error).message}\n`);
      return 2;
    }
    if (format === 'table') io.stdout.write(`${'id'.padEnd(24)}  ${'score'.padStart(6)}  结果    红线  命中规则\n`);
    // The shipped sentiment and dialogue-act models; no contact history offline, so repeat-contact rules are skipped.
    const facts: ScoringFacts = { text: { sentiment: analyzeSentiment, acts: classifyActs, redLines: judgeRedLines } };
    let n = 0;
    let rejected = 0;
    for await (const line of lines(io, input)) {
      n++;
      if (line.trim() === '') continue;
      const parsed = conversationFromJsonl(line);
      if (!parsed.ok) {
        rejected++;
        io.stderr.write(`line ${n}: ${parsed.error.message}\n`);
        continue;
      }
      const { conversation } = parsed;
      const result = scoreConversation(compiled, conversation, facts);
      if (format === 'table') io.stdout.write(`${tableRow(conversation.id, result)}\n`);
      else {
        io.stdout.write(
          `${JSON.stringify({
            id: conversation.id,
            score: result.total,
            passed: result.passed,
            redLine: result.redLine,
            scorecard: { id: result.scorecardId, version: result.scorecardVersion },
            sections: result.sections,
            hits: result.hits,
            ...(result.skipped ? { skipped: result.skipped } : {}),
          })}\n`,
        );
      }
    }
    return rejected > 0 ? 1 : 0;
  },
};
