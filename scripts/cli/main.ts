import type { CliCommand, CliIo } from './command';

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

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    const lines = ['usage: kefu-qa <command> [options]', '', 'commands:'];
    for (const key of Object.keys(COMMANDS)) {
      const cmd = await COMMANDS[key]();
      lines.push(`  ${cmd.usage}`, `      ${cmd.summary}`);
    }
    (name ? io.stderr : io.stdout).write(lines.join('\n') + '\n');
    return name ? 2 : 0;
  }
  const cmd = await load();
  return cmd.run(rest, io);
}
