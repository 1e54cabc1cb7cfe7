import { forgetInstanceCaches, instanceCache } from '../../cloudfunctions/common/instance.cache';

/** A loader that counts its loads and answers the next value it was given. */
function counting<T>(values: T[]) {
  const seen: (T | undefined)[] = [];
  const load = async (previous: T | undefined) => {
    seen.push(previous);
    const next = values.shift();
    if (next === undefined) throw new Error('no value to load');
    return next;
  };
  return { load, seen };
}

describe('the per-instance cache', () => {
  it('loads once and answers from memory until its time is up', async () => {
    const { load, seen } = counting(['a', 'b']);
    const cache = instanceCache(1000, load);
    await expect(cache.get(0)).resolves.toBe('a');
    await expect(cache.get(999)).resolves.toBe('a');
    expect(seen).toHaveLength(1);
    await expect(cache.get(1000)).resolves.toBe('b');
    expect(seen).toEqual([undefined, 'a']);
  });

  it('hands the loader the value it replaces, so an unchanged value can be kept', async () => {
    const kept = { built: 1 };
    const cache = instanceCache(10, async (previous: typeof kept | undefined) => previous ?? kept);
    const first = await cache.get(0);
    await expect(cache.get(50)).resolves.toBe(first);
  });

  it('loads again at once after forget(), and after forgetInstanceCaches()', async () => {
    const { load } = counting([1, 2, 3]);
    const cache = instanceCache(60_000, load);
    await expect(cache.get(0)).resolves.toBe(1);
    cache.forget();
    await expect(cache.get(1)).resolves.toBe(2);
    forgetInstanceCaches();
    await expect(cache.get(2)).resolves.toBe(3);
  });

  it('keeps no failed load: the next call tries again', async () => {
    let fail = true;
    const cache = instanceCache(60_000, async () => {
      if (fail) throw new Error('database unavailable');
      return 'ok';
    });
    await expect(cache.get(0)).rejects.toThrow('database unavailable');
    fail = false;
    await expect(cache.get(1)).resolves.toBe('ok');
  });
});
