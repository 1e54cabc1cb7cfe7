/**
 * Loads the demo into an empty store through the system's own paths: users straight into
 * `users`, every conversation through the `ingest` function's import path (masked, stored,
 * closed, scored, alerts raised), exactly as an imported history would be.
 */
import type { FunctionsRuntime } from '../functions.runtime';
import { runWithContext, type CloudBinding } from '../sdk/cloud.binding';
import { generateDemo } from './demo.generator';

export async function seedDemo(
  runtime: FunctionsRuntime,
  binding: CloudBinding,
  now: number,
  log: (line: string) => void,
): Promise<{ users: number; conversations: number }> {
  const started = Date.now();
  const { users, conversations } = generateDemo({ seed: 20261123, now });
  await runWithContext({ SOURCE: 'local-seed' }, async () => {
    for (const { _id, ...rest } of users) {
      await binding.db().collection('users').doc(_id).set({ data: rest });
    }
  });
  for (const conversation of conversations) {
    await runtime.invoke('ingest', { kind: 'import-conversation', conversation }, { SOURCE: 'local-seed' });
  }
  log(`demo: ${users.length} users, ${conversations.length} conversations seeded in ${Date.now() - started} ms`);
  return { users: users.length, conversations: conversations.length };
}
