/**
 * Prints demo conversations as JSONL (the import format), for benchmarks and imports:
 *   npx tsx scripts/demo-jsonl.ts --count 1000 --seed 7 [--now 2025-03-01T00:00:00Z] > out.jsonl
 * Without --now the current time is used, so pass it when the output must be reproducible.
 */
import { generateDemo, toJsonlLine } from '../devcloud/demo';
import { parseFlags } from './cli/command';

const USAGE = 'usage: demo-jsonl [--count N] [--seed N] [--now ISO-8601|epoch-ms]';

function intFlag(value: string | true | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer`);
  return n;
}

function nowFlag(value: string | true | undefined): number {
  if (value === undefined) return Date.now();
  const n = value === true ? NaN : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(n)) throw new Error('--now expects an ISO-8601 date or epoch milliseconds');
  return n;
}

function main(argv: string[]): number {
  const { flags } = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const count = intFlag(flags.count, 300, 'count');
    const seed = intFlag(flags.seed, 1, 'seed');
    const now = nowFlag(flags.now);
    const { conversations } = generateDemo({ seed, now, conversations: count });
    // Chunked writes keep memory flat for large counts without one giant string.
    const CHUNK = 500;
    for (let i = 0; i < conversations.length; i += CHUNK) {
      process.stdout.write(
        conversations
          .slice(i, i + CHUNK)
          .map((c) => `${toJsonlLine(c)}\n`)
          .join(''),
      );
    }
    return 0;
  } catch (e) {
    process.stderr.write(`demo-jsonl: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
}

// A closed pipe (`| head`) is a normal way for the reader to stop.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = main(process.argv.slice(2));
