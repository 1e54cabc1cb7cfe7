/** The store on its own: indexes, persistence, atomicity and id typing. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore } from '../../devcloud/store/document.store';
import type { Doc } from '../../devcloud/store/document.store';

function messages(count: number): Doc[] {
  return Array.from({ length: count }, (_, n) => ({
    _id: `m${n}`,
    sessionId: `s${n % 7}`,
    at: n,
    tags: n % 5 === 0 ? ['vip'] : [],
  }));
}

describe('DocumentStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-docstore-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same through an index as through a scan', () => {
    const plain = DocumentStore.open(':memory:');
    const indexed = DocumentStore.open(':memory:', { indexes: { messages: ['sessionId'] } });
    plain.insert('messages', messages(100));
    indexed.insert('messages', messages(100));
    const queries = [
      { sessionId: 's3' },
      { sessionId: { $in: ['s1', 's4'] }, at: { $gte: 50 } },
      { sessionId: 's2', tags: 'vip' },
    ];
    for (const filter of queries) {
      const options = { sort: { at: -1 as const }, limit: 10 };
      expect(indexed.find('messages', filter, options)).toEqual(plain.find('messages', filter, options));
    }
  });

  it('keeps collections, indexes and documents across reopening the file', () => {
    const file = join(dir, 'a.db');
    const first = DocumentStore.open(file);
    first.ensureIndex('sessions', 'status');
    first.insert('sessions', [{ _id: 's1', status: 'open', at: new Date('2024-05-01T08:00:00Z') }]);
    first.close();
    const second = DocumentStore.open(file);
    expect(second.listCollections()).toEqual(['sessions']);
    expect(second.listIndexes('sessions')).toEqual(['status']);
    expect(second.find('sessions', { status: 'open' })).toEqual([
      { _id: 's1', status: 'open', at: new Date('2024-05-01T08:00:00Z') },
    ]);
    second.close();
  });

  it('inserts a batch all or nothing, and forgets a collection whose creation rolled back', () => {
    const store = DocumentStore.open(':memory:');
    expect(() => store.insert('fresh', [{ _id: 'a' }, { _id: 'a' }])).toThrow(/duplicate key/);
    expect(store.hasCollection('fresh')).toBe(false);
    store.insert('fresh', [{ _id: 'b' }]);
    expect(store.find('fresh')).toEqual([{ _id: 'b' }]);
  });

  it('keeps string and number ids distinct', () => {
    const store = DocumentStore.open(':memory:');
    store.insert('items', [
      { _id: '5', kind: 'string' },
      { _id: 5, kind: 'number' },
    ]);
    expect(store.findById('items', 5)?.kind).toBe('number');
    expect(store.findById('items', '5')?.kind).toBe('string');
  });

  it('reports an update as modified only when the stored document changes', () => {
    const store = DocumentStore.open(':memory:');
    store.insert('items', [{ _id: 'a', status: 'open' }]);
    expect(store.update('items', { _id: 'a' }, { $set: { status: 'open' } })).toEqual({ matched: 1, modified: 0 });
    expect(store.update('items', { _id: 'a' }, { $set: { status: 'closed' } })).toEqual({ matched: 1, modified: 1 });
  });

  it('refuses to change a document id', () => {
    const store = DocumentStore.open(':memory:');
    store.insert('items', [{ _id: 'a' }]);
    expect(() => store.update('items', { _id: 'a' }, { $set: { _id: 'b' } })).toThrow(/_id/);
  });

  it('pages a full scan larger than one SQLite page in natural order', () => {
    const store = DocumentStore.open(':memory:');
    store.insert('messages', messages(2500));
    const page = store.find('messages', { at: { $gte: 990 } }, { skip: 5, limit: 20 });
    expect(page.map((doc) => doc.at)).toEqual(Array.from({ length: 20 }, (_, n) => 995 + n));
    expect(store.count('messages', { tags: 'vip' })).toBe(500);
  });

  it('resolves $lookup against other collections', () => {
    const store = DocumentStore.open(':memory:');
    store.insert('sessions', [{ _id: 's1', agentId: 'a1' }]);
    store.insert('agents', [{ _id: 'a1', name: '王' }]);
    const [row] = store.aggregate('sessions', [
      { $lookup: { from: 'agents', localField: 'agentId', foreignField: '_id', as: 'agent' } },
    ]);
    expect(row.agent).toEqual([{ _id: 'a1', name: '王' }]);
  });
});

describe('change feed (the local stand-in for watch())', () => {
  it('reports committed writes and nothing for a rolled-back transaction', () => {
    const store = DocumentStore.open(':memory:');
    const seen: string[] = [];
    store.onChange((c) => seen.push(`${c.kind} ${c.coll}/${c.id}`));
    store.insert('alerts', [{ _id: 'a1', status: 'new' }]);
    store.update('alerts', { _id: 'a1' }, { $set: { status: 'acknowledged' } });
    const tx = store.beginTransaction();
    store.insert('alerts', [{ _id: 'a2' }], tx);
    store.abortTransaction(tx);
    expect(() => store.insert('alerts', [{ _id: 'a1' }])).toThrow();
    store.remove('alerts', { _id: 'a1' });
    expect(seen).toEqual(['insert alerts/a1', 'update alerts/a1', 'remove alerts/a1']);
    store.close();
  });
});
