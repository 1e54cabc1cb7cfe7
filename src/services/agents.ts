import { call } from './api';

let names: Promise<Record<string, string>> | null = null;

/**
 * agentId → display name, fetched once per app launch (the directory changes rarely). A
 * failure is not cached, and lists fall back to showing the id.
 */
export function agentNames(): Promise<Record<string, string>> {
  names ??= call('agents/list', {}).then(
    ({ items }) => Object.fromEntries(items.map((a) => [a.agentId, a.name])),
    (e: unknown) => {
      names = null;
      throw e;
    },
  );
  return names;
}

/** For tests and sign-out: the next call fetches again. */
export function forgetAgentNames(): void {
  names = null;
}
