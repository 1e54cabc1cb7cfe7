/**
 * A multikey membership (`routedTo` holds me) sorted along a declared compound index ending in
 * `_id`: SQLite walks the index and stops at the page instead of fetching every member and
 * sorting them all (the alert list grew linearly with the alerts). The answer stays mingo's.
 */
import { DocumentStore, KEFU_INDEXES, KEFU_SHAPES } from '../../devcloud/store/document.store';
import type { Doc } from '../../devcloud/store/document.store';

type Db = { prepare: (sql: string) => { all: (...params: unknown[]) => unknown[] } };

function alerts(count: number): Doc[] {
  return Array.from({ length: count }, (_, n) => ({
    _id: `a${String(n).padStart(5, '0')}`,
    routedTo: n % 7 === 0 ? ['rare'] : ['sup', `s${n % 3}`],
    status: n % 2 ? 'new' : 'read',
    // Ties on purpose: _id decides among alerts of the same millisecond.
    createdAt: 1_700_000_000_000 + Math.floor(n / 3),
  }));
}

function reference(docs: Doc[], who: string, skip: number, limit: number): string[] {
  return docs
    .filter((d) => (d.routedTo as string[]).includes(who))
    .sort((a, b) => (b.createdAt as number) - (a.createdAt as number) || (String(a._id) < String(b._id) ? 1 : -1))
    .slice(skip, skip + limit)
    .map((d) => d._id as string);
}

describe('a page of a multikey membership along a compound index', () => {
  const store = DocumentStore.open(':memory:', { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES });
  const docs = alerts(3000);
  store.insert('alerts', docs);

  it.each([
    ['sup', 0, 20],
    ['sup', 40, 20],
    ['rare', 0, 20],
    ['rare', 400, 50],
    ['nobody', 0, 20],
  ])('%s, skip %i, limit %i: the same page as mingo would give', (who, skip, limit) => {
    const page = store.find('alerts', { routedTo: who }, { sort: { createdAt: -1, _id: -1 }, skip, limit });
    expect(page.map((d) => d._id)).toEqual(reference(docs, who, skip, limit));
    const status = store.find('alerts', { routedTo: who, status: 'new' }, { sort: { createdAt: -1, _id: -1 }, limit });
    expect(status.map((d) => d._id)).toEqual(
      reference(
        docs.filter((d) => d.status === 'new'),
        who,
        0,
        limit,
      ),
    );
  });

  it('walks the index: no sort of all the members', () => {
    const fresh = DocumentStore.open(':memory:', { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES });
    fresh.insert('alerts', docs);
    const db = (fresh as unknown as { db: Db }).db;
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    fresh.find('alerts', { routedTo: 'sup' }, { sort: { createdAt: -1, _id: -1 }, limit: 20 });
    db.prepare = prepare;
    const [sql] = prepared.filter((s) => s.includes('ORDER BY'));
    const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all('sup', 20, 0)
      .map((row) => (row as { detail: string }).detail)
      .join(' | ');
    expect(plan).toContain('USING INDEX ix_alerts__createdAt__and___id');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
