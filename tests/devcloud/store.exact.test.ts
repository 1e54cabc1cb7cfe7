/**
 * The exact SQL path (sql.filter.ts) against mingo, its reference: the same documents in a store
 * with declared shapes and in one without, then random filters, sorts and pages; every answer
 * (documents in order, and the count) must be identical. Then the promises: a document that
 * breaks a declared shape, written or already stored at open, sends the collection back to
 * mingo, and the answers stay right.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore, KEFU_SHAPES } from '../../devcloud/store/document.store';
import type { Doc, Filter, FindOptions, SortSpec } from '../../devcloud/store/document.store';
import type { ShapeDeclarations } from '../../devcloud/store/field.shapes';
import { exactQuery } from '../../devcloud/store/sql.filter';

const SHAPES: ShapeDeclarations = {
  items: {
    s: 'string',
    n: 'number',
    b: 'boolean',
    tags: 'strings',
    'o.n': 'number',
    'o.s': 'string',
    'o.tags': 'strings',
  },
};

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Strings in and around the ranges that order alike in UTF-8 and UTF-16 (see sql.filter.ts).
const WORDS = ['', 'a', 'b', 'ab', 'B', '售后', '售前', '物流', '退款', 'a b', '10', '9'];
const NUMBERS = [-1, 0, 0.5, 1, 2, 3, 10, 59.5, 60, 100, 1e12];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

/** A value for a field of `shape`: sometimes missing (undefined) or null, as real documents are. */
function valueOf(r: () => number, shape: string): unknown {
  const roll = r();
  if (roll < 0.12) return undefined;
  if (roll < 0.2) return null;
  if (shape === 'string') return pick(r, WORDS);
  if (shape === 'number') return pick(r, NUMBERS);
  if (shape === 'boolean') return r() < 0.5;
  if (r() < 0.3) return pick(r, WORDS);
  return Array.from({ length: Math.floor(r() * 4) }, () => pick(r, WORDS));
}

function makeDoc(r: () => number, i: number): Doc {
  // Ids of both types, out of insertion order, so `_id` order and ties by insertion differ.
  const doc: Doc = { _id: r() < 0.2 ? Math.floor(r() * 10_000) * 1000 + i : `d${Math.floor(r() * 1000)}-${i}` };
  for (const [path, shape] of Object.entries(SHAPES.items)) {
    const value = valueOf(r, shape);
    if (value === undefined) continue;
    const [head, tail] = path.split('.');
    if (tail === undefined) doc[head] = value;
    else {
      if (doc.o === undefined) doc.o = r() < 0.1 ? pick(r, [null, 5, 'x']) : {};
      if (doc.o && typeof doc.o === 'object') (doc.o as Doc)[tail] = value;
    }
  }
  // Undeclared fields ride along untouched.
  if (r() < 0.3) doc.extra = { deep: [1, 2, { x: pick(r, WORDS) }] };
  return doc;
}

function literal(r: () => number, shape: string): unknown {
  const roll = r();
  if (roll < 0.08) return null;
  if (roll < 0.14) return pick(r, [true, false, 1, 0, '1', 'true']); // a type the field may not hold
  if (shape === 'number') return pick(r, NUMBERS);
  if (shape === 'boolean') return r() < 0.5;
  return pick(r, WORDS);
}

function condition(r: () => number, path: string, shape: string): unknown {
  const roll = r();
  if (roll < 0.35) return literal(r, shape);
  if (roll < 0.45) return { $eq: literal(r, shape) };
  if (roll < 0.58) return { $ne: literal(r, shape) };
  if (roll < 0.7) return { $in: Array.from({ length: 1 + Math.floor(r() * 3) }, () => literal(r, shape)) };
  if (roll < 0.78) return { $exists: r() < 0.5 };
  if (shape === 'number') {
    const ops = ['$gt', '$gte', '$lt', '$lte'];
    const range: Record<string, number> = { [pick(r, ops)]: pick(r, NUMBERS) };
    if (r() < 0.5) range[pick(r, ops)] = pick(r, NUMBERS);
    return range;
  }
  if (path === '_id') return { $in: [`d${Math.floor(r() * 1000)}-${Math.floor(r() * 300)}`, 7] };
  return literal(r, shape);
}

function filterOf(r: () => number, depth = 0): Filter {
  const filter: Filter = {};
  const fields = [...Object.entries(SHAPES.items), ['_id', 'id']] as Array<[string, string]>;
  const count = Math.floor(r() * 3);
  for (let i = 0; i < count; i += 1) {
    const [path, shape] = pick(r, fields);
    filter[path] = condition(r, path, shape);
  }
  if (depth < 2 && r() < 0.25) filter.$or = [filterOf(r, depth + 1), filterOf(r, depth + 1)];
  if (depth < 2 && r() < 0.15) filter.$and = [filterOf(r, depth + 1), filterOf(r, depth + 1)];
  return filter;
}

function sortOf(r: () => number): SortSpec | undefined {
  if (r() < 0.2) return undefined;
  const keys = ['s', 'n', 'b', 'o.n', 'o.s', '_id'];
  const sort: SortSpec = {};
  for (let i = 0; i < 1 + Math.floor(r() * 2); i += 1) sort[pick(r, keys)] = r() < 0.5 ? 1 : -1;
  return sort;
}

function ids(docs: Doc[]): unknown[] {
  return docs.map((d) => d._id);
}

describe('exact SQL path = mingo', () => {
  const r = prng(20261206);
  const docs = Array.from({ length: 400 }, (_, i) => makeDoc(r, i));
  const reference = DocumentStore.open(':memory:');
  const exact = DocumentStore.open(':memory:', { shapes: SHAPES, indexes: { items: ['s', 'n', 'o.n'] } });
  reference.insert('items', docs);
  exact.insert('items', docs);

  it('answers 800 random filters, sorts and pages exactly as mingo (documents, order, count)', () => {
    let translated = 0;
    for (let i = 0; i < 800; i += 1) {
      const filter = filterOf(r);
      const sort = sortOf(r);
      const options: FindOptions = { sort, skip: r() < 0.3 ? Math.floor(r() * 20) : 0 };
      if (r() < 0.6) options.limit = 1 + Math.floor(r() * 30);
      if (exactQuery(filter, sort, SHAPES.items)) translated += 1;
      const want = reference.find('items', filter, options);
      const got = exact.find('items', filter, options);
      if (JSON.stringify(ids(got)) !== JSON.stringify(ids(want))) {
        throw new Error(`differs on ${JSON.stringify(filter)} ${JSON.stringify(options)}`);
      }
      expect(got).toEqual(want);
      expect(exact.count('items', filter)).toBe(reference.count('items', filter));
    }
    // The comparison means something only if most cases took the SQL path.
    expect(translated).toBeGreaterThan(640);
  });

  it('translates what sessions/list sends, and leaves the rest to mingo', () => {
    const fields = KEFU_SHAPES.sessions;
    const sort = { lastAt: -1, _id: -1 } as const;
    for (const filter of [
      {},
      { agentIds: 'kf042' },
      { $or: [{ team: { $eq: '售后一组' } }, { team: { $exists: false } }] },
      { $and: [{ startedAt: { $gte: 1 } }, { startedAt: { $lt: 5 } }] },
      { $and: [{ 'score.total': { $gte: 60 } }, { 'score.total': { $lte: 80 } }] },
      { 'score.passed': false, status: 'closed', channel: 'wecom-kf', issueType: '物流', businessLine: '家电' },
      { 'score.ruleIds': 'rude-language' },
      { alerted: { $ne: true } },
    ]) {
      expect(exactQuery(filter, sort, fields)).not.toBeNull();
    }
    for (const filter of [
      { text: 'x' }, // not declared
      { team: /售后/ }, // a regular expression
      { team: { $regex: '售' } },
      { startedAt: { $gte: '2026' } }, // a string range
      { startedAt: { $gte: new Date(0) } },
      { $nor: [{ team: 'a' }] },
      { agentIds: ['kf042'] }, // an array literal
      { agentIds: { $gt: 'a' } },
    ]) {
      expect(exactQuery(filter as Filter, sort, fields)).toBeNull();
    }
    expect(exactQuery({}, { agentIds: 1 }, fields)).toBeNull(); // arrays sort by their extremes
  });

  it('a written document that breaks a declared shape sends the collection to mingo, answers unchanged', () => {
    const a = DocumentStore.open(':memory:');
    const b = DocumentStore.open(':memory:', { shapes: SHAPES });
    const seed = [
      { _id: 1, n: 5, tags: ['a'] },
      { _id: 2, n: 7, tags: 'a' },
    ];
    a.insert('items', seed);
    b.insert('items', seed);
    // An array where a number was promised, and an array above a declared path: mingo matches
    // both through the array; the SQL path would not.
    for (const store of [a, b]) {
      store.insert('items', [{ _id: 3, n: [5, 9] }]);
      store.insert('items', [{ _id: 4, o: [{ n: 5 }] }]);
    }
    for (const filter of [{ n: 5 }, { n: { $gt: 8 } }, { 'o.n': 5 }, { tags: 'a' }]) {
      expect(ids(b.find('items', filter))).toEqual(ids(a.find('items', filter)));
      expect(b.count('items', filter)).toBe(a.count('items', filter));
    }
    expect(ids(b.find('items', { n: 5 }))).toEqual([1, 3]);
  });

  it('an update or a transaction that breaks a shape is noticed too', () => {
    const b = DocumentStore.open(':memory:', { shapes: SHAPES });
    b.insert('items', [
      { _id: 1, s: 'x' },
      { _id: 2, s: 'y' },
    ]);
    b.update('items', { _id: 2 }, { $set: { s: ['x'] } });
    expect(ids(b.find('items', { s: 'x' }))).toEqual([1, 2]);
    const c = DocumentStore.open(':memory:', { shapes: SHAPES });
    c.insert('items', [{ _id: 1, n: 1 }]);
    const tx = c.beginTransaction();
    c.replace('items', 2, { n: { $date: 'not a number' } }, { upsert: true }, tx);
    c.commitTransaction(tx);
    expect(c.count('items', { n: { $gt: 0 } })).toBe(1); // SQL would count the object: text > 0
  });

  it('a store opened on a file that already breaks a shape answers through mingo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-exact-'));
    try {
      const file = join(dir, 'store.db');
      const before = DocumentStore.open(file);
      before.insert('items', [
        { _id: 1, tags: ['a', 'b'] },
        { _id: 2, tags: ['a', 3] }, // an element that is no string
      ]);
      before.close();
      const after = DocumentStore.open(file, { shapes: SHAPES });
      expect(ids(after.find('items', { tags: 3 }))).toEqual([2]); // only mingo finds the number
      after.close();
      const clean = DocumentStore.open(join(dir, 'clean.db'));
      clean.insert('items', [{ _id: 1, tags: ['a'] }]);
      clean.close();
      const trusted = DocumentStore.open(join(dir, 'clean.db'), { shapes: SHAPES });
      expect(ids(trusted.find('items', { tags: 'a' }))).toEqual([1]);
      trusted.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the multikey side table of a strings field', () => {
  it('follows inserts, updates, replaces, removes, transactions and rollbacks', () => {
    const r = prng(7);
    const reference = DocumentStore.open(':memory:');
    const exact = DocumentStore.open(':memory:', { shapes: SHAPES });
    const both = (fn: (s: DocumentStore) => void) => {
      for (const s of [reference, exact]) fn(s);
    };
    const tags = () => Array.from({ length: Math.floor(r() * 3) }, () => pick(r, WORDS));
    const first = Array.from({ length: 60 }, (_, i) => ({ _id: i, tags: tags() }));
    both((s) => s.insert('items', first));
    for (let step = 0; step < 300; step += 1) {
      const id = Math.floor(r() * 80);
      const roll = r();
      const value = r() < 0.2 ? pick(r, WORDS) : tags();
      const other = pick(r, WORDS); // drawn once: both stores must get the same write
      if (roll < 0.1)
        both((s) => s.update('items', { _id: id }, { $set: { n: step } })); // tags untouched
      else if (roll < 0.3) both((s) => s.update('items', { _id: id }, { $set: { tags: value } }));
      else if (roll < 0.45) both((s) => s.update('items', { _id: id }, { $push: { tags: other } }));
      else if (roll < 0.6) both((s) => s.replace('items', id, { tags: value }, { upsert: true }));
      else if (roll < 0.7) both((s) => s.remove('items', { _id: id }));
      else if (roll < 0.8) {
        both((s) => {
          const tx = s.beginTransaction();
          s.replace('items', id, { tags: value }, { upsert: true }, tx);
          s.commitTransaction(tx);
        });
      } else if (roll < 0.9) {
        // A batch that fails on a duplicate id is rolled back whole, side table included.
        both((s) =>
          expect(() => s.insert('items', [{ _id: 1000 + step, tags: value }, { _id: 1000 + step }])).toThrow(),
        );
      } else {
        both((s) => s.update('items', { tags: other }, { $set: { tags: value } }, { multi: true }));
      }
      const word = pick(r, WORDS);
      for (const filter of [{ tags: word }, { tags: { $in: [word, pick(r, WORDS)] } }, { tags: { $ne: word } }]) {
        expect(ids(exact.find('items', filter, { sort: { _id: 1 } }))).toEqual(
          ids(reference.find('items', filter, { sort: { _id: 1 } })),
        );
      }
    }
    expect(exact.count('items', { tags: 'a' })).toBeGreaterThan(0);
  });

  it('is dropped with its collection and rebuilt from the documents', () => {
    const exact = DocumentStore.open(':memory:', { shapes: SHAPES });
    exact.insert('items', [{ _id: 1, tags: ['a'] }]);
    exact.dropCollection('items');
    exact.insert('items', [{ _id: 2, tags: 'b' }]);
    expect(ids(exact.find('items', { tags: 'a' }))).toEqual([]);
    expect(ids(exact.find('items', { tags: 'b' }))).toEqual([2]);
  });
});
