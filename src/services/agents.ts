import { call } from './api';

let names: Promise<Record<string, string>> | null = null;

/**
 * agentId → display name, fetched once per app launch (the directory changes rarely). A
 * failure is not cached, and lists fall back to showing the id. Sign-out keeps it: every role
 * that may read the directory reads all of it (`agents/list` is scope `all`), so nothing in it
 * belongs to one identity.
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
