import { parseArgs } from 'node:util';

/** One CLI sub-command: gets its arguments and standard streams, answers an exit code. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One `--flag`: a string takes a value (`--port 8787` or `--port=8787`), a boolean does not. */
export interface CliOption {
  type: 'string' | 'boolean';
  /** What the value is, shown in the help: `--port <N>`. Strings only. */
  value?: string;
  description: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** More about what it does, shown by `--help` under the summary. */
  details?: string;
  /** Every flag the command accepts; anything else is an error (exit code 2 with the usage). */
  options: Record<string, CliOption>;
  /** How many positional arguments it takes, at most (default none). */
  maxPositionals?: number;
  run(args: string[], io: CliIo): Promise<number>;
}

export type ParsedArgs = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

/** The exit code for a command line the command cannot run: a usage error, as getopt tools use. */
export const USAGE_ERROR = 2;

export function helpText(cmd: CliCommand): string {
  const flags = Object.entries(cmd.options).map(([name, o]) => [
    `--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`,
    o.description,
  ]);
  flags.push(['-h, --help', '显示本帮助']);
  const width = Math.max(...flags.map(([f]) => f.length));
  return [
    `usage: kefu-qa ${cmd.usage}`,
    '',
    cmd.summary,
    ...(cmd.details ? [cmd.details] : []),
    '',
    'options:',
    ...flags.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    '',
  ].join('\n');
}

/** A usage error: what was wrong, then the usage, on stderr. Answers the exit code. */
export function usageError(cmd: CliCommand, io: CliIo, message: string): number {
  io.stderr.write(
    `kefu-qa ${cmd.name}: ${message}\nusage: kefu-qa ${cmd.usage}\n(kefu-qa ${cmd.name} --help 查看全部选项)\n`,
  );
  return USAGE_ERROR;
}

/**
 * Parses a command's arguments strictly with `node:util` `parseArgs`: an unknown or mistyped
 * flag, a missing value or a stray argument is a usage error rather than silently ignored (a
 * mistyped `--data-dri` used to import into `./.data`). `--help`/`-h` prints the help on
 * stdout. Either way the command stops with the answered exit code; otherwise it gets the values.
 */
export function parseCommandArgs(cmd: CliCommand, args: string[], io: CliIo): ParsedArgs | { exit: number } {
  const options = {
    ...Object.fromEntries(Object.entries(cmd.options).map(([name, o]) => [name, { type: o.type }])),
    help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    // Node's unknown-option message goes on to explain `--`; the option's name is what helps.
    const { code, message } = e as Error & { code?: string };
    return { exit: usageError(cmd, io, code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? message.split('. ')[0] : message) };
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (help) {
    io.stdout.write(helpText(cmd));
    return { exit: 0 };
  }
  const max = cmd.maxPositionals ?? 0;
  if (parsed.positionals.length > max) {
    return { exit: usageError(cmd, io, `unexpected argument ${parsed.positionals[max]}`) };
  }
  return { values, positionals: parsed.positionals };
}

/**
 * Minimal `--flag value` / `--flag` parser, kept for the one-off scripts under `scripts/text/`
 * and `scripts/sign-ingest.ts`; the `kefu-qa` commands parse strictly with `parseCommandArgs`.
 */
export function parseFlags(args: string[]): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < args.length && !args[i + 1].startsWith('--')) flags[a.slice(2)] = args[++i];
      else flags[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { flags, positional };
}
