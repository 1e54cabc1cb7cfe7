/**
 * The store's update shortcut (update.simple.ts) against mingo, its reference: random documents
 * and random $set/$inc/$unset modifiers (plain, nested, overlapping, onto arrays, nulls, strings,
 * digits in paths); whenever the shortcut takes a case, its document must equal mingo's, and
 * when it declines, the document must be untouched.
 */
import { update as mingoUpdate } from 'mingo';
import { applySimpleUpdate } from '../../devcloud/store/update.simple';

type Doc = Record<string, unknown>;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function mingoApply(doc: Doc, modifier: Doc): { doc?: Doc; error?: string } {
  const copy = clone(doc);
  try {
    mingoUpdate(copy, modifier as never, undefined, undefined, { cloneMode: 'deep' });
    return { doc: copy };
  } catch (e) {
    return { error: String(e) };
  }
}

describe('applySimpleUpdate', () => {
  it('sets, counts and removes plain and nested fields', () => {
    const doc: Doc = { _id: 'a', n: 1, o: { x: 1 } };
    expect(applySimpleUpdate(doc, { $set: { s: 'v', 'o.y': 2, 'p.q': 3 }, $inc: { n: 2, m: 5 } })).toBe(true);
    expect(doc).toEqual({ _id: 'a', n: 3, o: { x: 1, y: 2 }, s: 'v', p: { q: 3 }, m: 5 });
    expect(applySimpleUpdate(doc, { $unset: { 'o.x': '', 'z.w': '' } })).toBe(true);
    expect(doc).toEqual({ _id: 'a', n: 3, o: { y: 2 }, s: 'v', p: { q: 3 }, m: 5 });
  });

  it('declines arrays, positional paths, type clashes, overlaps and prototype names', () => {
    const base: Doc = { _id: 'a', arr: [{ x: 1 }], s: 'text', nul: null, o: { n: 1 } };
    for (const modifier of [
      { $set: { 'arr.0.x': 2 } },
      { $set: { 'arr.x': 2 } },
      { $inc: { s: 1 } },
      { $inc: { n: '1' } },
      { $set: { 'nul.x': 1 } },
      { $set: { o: {} }, $inc: { 'o.n': 1 } },
      { $push: { arr: 1 } },
      { $set: { '__proto__.polluted': true } },
      { $set: { 'a.$.b': 1 } },
    ]) {
      const doc = clone(base);
      expect(applySimpleUpdate(doc, modifier)).toBe(false);
      expect(doc).toEqual(base);
    }
  });

  it('agrees with mingo on 5,000 random documents and modifiers', () => {
    const rnd = prng(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const fields = ['a', 'b', 'c', 'a.b', 'a.c', 'b.x', 'c.0', 'd.e.f', 'arr', 'arr.1', 'n', 'o.n'];
    const values = [1, -2.5, 0, 'x', '', null, true, { k: 1 }, [1, 2], { n: 3 }];
    const randomDoc = (): Doc => {
      const doc: Doc = { _id: 'd' };
      if (rnd() < 0.5) doc.a = pick([{ b: 1 }, 1, 'a', null, { c: { z: 1 } }, [1]]);
      if (rnd() < 0.5) doc.b = pick([{ x: 2 }, 2, [3]]);
      if (rnd() < 0.5) doc.n = pick([1, 'n', null]);
      if (rnd() < 0.5) doc.o = pick([{ n: 1 }, { m: 2 }, null]);
      if (rnd() < 0.3) doc.arr = [0, 1, 2];
      return doc;
    };
    let taken = 0;
    for (let i = 0; i < 5000; i++) {
      const doc = randomDoc();
      const modifier: Doc = {};
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
        const op = pick(['$set', '$inc', '$unset']);
        const ops = (modifier[op] ??= {}) as Doc;
        ops[pick(fields)] = op === '$inc' ? pick([1, 2, -1, 0.5, 'x']) : pick(values);
      }
      const reference = mingoApply(doc, modifier);
      const mine = clone(doc);
      if (!applySimpleUpdate(mine, modifier)) {
        expect(mine).toEqual(doc);
        continue;
      }
      taken += 1;
      expect(reference.error).toBeUndefined();
      expect(mine).toEqual(reference.doc);
    }
    // The shortcut must take the common cases, or the store gains nothing from it.
    expect(taken).toBeGreaterThan(1000);
  });
});
