/**
 * Prints a curl command that posts a batch file to the generic ingest API, signed:
 *   npx tsx scripts/sign-ingest.ts --source crm --body batch.json [--url URL] [--secret S]
 * The secret comes from --secret or, to keep it out of shell history, from
 * KEFU_INGEST_SECRETS (`source:secret,...`, the same variable the local cloud reads).
 * The signature covers the file's exact bytes, hence curl's --data-binary; it is valid for 300 s.
 */
import { readFileSync } from 'fs';
import { parseSecretsList } from '../cloudfunctions/core/ingest/events.signature';
import { signIngestRequest } from '../cloudfunctions/common/events/signature';
import { parseFlags } from './cli/command';

const USAGE = 'usage: sign-ingest --source SOURCE --body FILE [--secret SECRET] [--url URL] [--headers-only]';
const DEFAULT_URL = 'http://localhost:8787/ingest/events';

/** Single-quoted for a POSIX shell. */
function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function signedCurl(opts: {
  source: string;
  secret: string;
  bodyFile: string;
  rawBody: string;
  url: string;
  nowMs?: number;
}): string {
  const headers = signIngestRequest(opts.source, opts.secret, opts.rawBody, opts.nowMs);
  const flags = Object.entries(headers).map(([k, v]) => `-H ${quote(`${k}: ${v}`)}`);
  return [
    'curl -sS -X POST',
    quote(opts.url),
    "-H 'Content-Type: application/json'",
    ...flags,
    `--data-binary @${quote(opts.bodyFile)}`,
  ].join(' \\\n  ');
}

function main(argv: string[]): number {
  const { flags } = parseFlags(argv);
  if (flags.help || typeof flags.source !== 'string' || typeof flags.body !== 'string') {
    process.stderr.write(`${USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  const secret =
    typeof flags.secret === 'string'
      ? flags.secret
      : parseSecretsList(process.env.KEFU_INGEST_SECRETS).get(flags.source);
  if (!secret) {
    process.stderr.write(`no secret for source ${flags.source}: pass --secret or set KEFU_INGEST_SECRETS\n`);
    return 2;
  }
  const rawBody = readFileSync(flags.body, 'utf8');
  if (flags['headers-only']) {
    for (const [k, v] of Object.entries(signIngestRequest(flags.source, secret, rawBody)))
      process.stdout.write(`${k}: ${v}\n`);
    return 0;
  }
  const url = typeof flags.url === 'string' ? flags.url : DEFAULT_URL;
  process.stdout.write(`${signedCurl({ source: flags.source, secret, bodyFile: flags.body, rawBody, url })}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
