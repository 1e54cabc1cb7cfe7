import { USAGE_ERROR, type CliCommand, type CliIo } from './command';

/* eslint-disable @typescript-eslint/no-require-imports */
// Commands load lazily so `kefu-qa sentiment` does not pay for the local cloud's start-up.
// (`require`, not `import()`: the bin runs through tsx's CommonJS hook.)
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  serve: async () => require('./serve.command').command,
  import: async () => require('./import.command').command,
  sentiment: async () => require('./sentiment.command').command,
  score: async () => require('./score.command').command,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const HELP = new Set(['--help', '-h', 'help']);

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    const asked = !name || HELP.has(name);
    const lines = [
      ...(asked ? [] : [`kefu-qa: unknown command ${name}`]),
      'usage: kefu-qa <command> [options]',
      '',
      'commands:',
    ];
    for (const key of Object.keys(COMMANDS)) {
      const cmd = await COMMANDS[key]();
      lines.push(`  ${cmd.usage}`, `      ${cmd.summary}`);
    }
    lines.push('', 'kefu-qa <command> --help 查看该命令的全部选项');
    (asked ? io.stdout : io.stderr).write(lines.join('\n') + '\n');
    return asked ? 0 : USAGE_ERROR;
  }
  const cmd = await load();
  return cmd.run(rest, io);
}
