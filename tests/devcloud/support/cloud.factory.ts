import { DocumentStore } from '../../../devcloud/store/document.store';
import type { StoreOptions } from '../../../devcloud/store/document.store';
import { bindCloud } from '../../../devcloud/sdk/cloud.binding';
import type { BindOptions, CloudBinding } from '../../../devcloud/sdk/cloud.binding';

/**
 * wx-server-sdk's index.d.ts types every call as `string | void | Promise<…>` (its callback-style
 * overloads), which would force a cast on each line of a test; the tests use the promise API only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PromiseDb = any;

export interface TestCloud {
  binding: CloudBinding;
  store: DocumentStore;
  db: PromiseDb;
  _: PromiseDb;
}

/** A fresh in-memory store bound to the real wx-server-sdk. */
export function makeCloud(options: { store?: StoreOptions; bind?: BindOptions } = {}): TestCloud {
  const store = DocumentStore.open(':memory:', options.store);
  const binding = bindCloud(store, options.bind);
  const db = binding.db();
  return { binding, store, db, _: db.command };
}

/** `count` numbered documents `{ _id: 'd0001', n }` written straight into the store. */
export function seed(
  store: DocumentStore,
  coll: string,
  count: number,
  extra: (n: number) => Record<string, unknown> = () => ({}),
): void {
  const docs = Array.from({ length: count }, (_, n) => ({ _id: `d${String(n).padStart(4, '0')}`, n, ...extra(n) }));
  store.insert(coll, docs);
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { errCode?: number; errMsg?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errCode?: number };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
