/**
 * The one place cloud functions touch `wx-server-sdk`'s set-up. `cloud.init` runs once at
 * module load with the dynamic current environment: no environment id lives in code.
 */
import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };

export function database() {
  return cloud.database();
}

export const COLLECTIONS = {
  users: 'users',
  sessions: 'sessions',
  messages: 'messages',
  scores: 'scores',
  alerts: 'alerts',
  deadLetters: 'deadLetters',
  auditLog: 'auditLog',
  outbox: 'outbox',
  rollups: 'rollups',
  scorecards: 'scorecards',
} as const;

/** The SDK's "document already exists" failure: add() of an `_id` that is stored. */
export function isDuplicateKeyError(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
  return /duplicate|already exist|E11000/i.test(msg);
}

export function now(): number {
  return Date.now();
}

/*
 * wx-server-sdk's typings declare `get()`/`count()` as returning `Promise<...> | void | string`
 * (callback styles); these two narrow the promise forms the functions use.
 */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  return ((await query.get()) as { data: T[] }).data;
}

export async function countOf(query: { count(): unknown }): Promise<number> {
  return ((await query.count()) as { total: number }).total;
}

/** What a transaction offers (the SDK types it as `any`): single-document operations only. */
export interface Transaction {
  collection(name: string): {
    add(o: { data: unknown }): Promise<unknown>;
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(o: { data: unknown }): Promise<unknown>;
      update(o: { data: unknown }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
  };
}
