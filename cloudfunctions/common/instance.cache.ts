/**
 * Per-instance caches of what the database holds and rarely changes. One policy for each:
 * - what: one value per cache, in the memory of one function instance (published scorecards,
 *   the published alert policies, the classifier built from admins' examples);
 * - how long: until `ttlMs` after it was loaded (each cache states its own); a change made
 *   through another instance is therefore seen within that time;
 * - invalidated: at once by `forget()` in the instance that makes a change (after its write),
 *   and by `forgetInstanceCaches()` in tests that reset the store. A failed load is not kept.
 * `load` is given the value it replaces, so a loader can keep what did not change (the
 * classifier is rebuilt only when its examples did).
 */

export interface InstanceCache<T> {
  /** The cached value, loaded again when `ttlMs` passed since it was (at `now`). */
  get(now?: number): Promise<T>;
  forget(): void;
}

const every: InstanceCache<unknown>[] = [];

export function instanceCache<T>(ttlMs: number, load: (previous: T | undefined) => Promise<T>): InstanceCache<T> {
  let entry: { value: T; at: number } | null = null;
  const cache: InstanceCache<T> = {
    async get(now = Date.now()) {
      if (entry && now - entry.at < ttlMs) return entry.value;
      const value = await load(entry?.value);
      entry = { value, at: now };
      return value;
    },
    forget() {
      entry = null;
    },
  };
  every.push(cache);
  return cache;
}

const memories: Array<() => void> = [];

/**
 * Registers another per-instance memory of stored data (recently stored message ids, open
 * sessions' message lists) to be dropped with the caches when a test resets the database.
 */
export function onForgetInstanceCaches(forget: () => void): void {
  memories.push(forget);
}

/** Drops every cache of this instance (tests that reset the database between cases). */
export function forgetInstanceCaches(): void {
  for (const cache of every) cache.forget();
  for (const forget of memories) forget();
}
