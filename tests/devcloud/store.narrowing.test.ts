/**
 * Index narrowing beyond equality: booleans, numeric ranges, dotted paths, conditions inside a
 * top-level `$and`, several indexes at once, and the SQL count of an empty filter. Every answer
 * must equal the scan's (the index only chooses candidates; mingo still decides).
 */
import { DocumentStore } from '../../devcloud/store/document.store';
import type { Doc, Filter, FindOptions } from '../../devcloud/store/document.store';

/** Awkward values on purpose: missing fields, 1/0 next to true/false, strings where numbers are. */
function sessions(count: number): Doc[] {
  return Array.from({ length: count }, (_, n) => {
    const doc: Doc = { _id: `s${n}`, startedAt: n * 10, channel: ['mp-kf', 'call', 'api'][n % 3] };
    if (n % 4 !== 0) doc.score = { total: (n * 37) % 101, passed: n % 3 === 0 };
    if (n % 11 === 0) doc.score = { total: String(n), passed: 1 };
    if (n % 13 === 0) doc.score = { total: n % 100, passed: 0 };
    if (n % 5 === 0) doc.alerted = true;
    if (n % 17 === 0) doc.alerted = 1;
    if (n % 19 === 0) doc.startedAt = `t${n}`;
    return doc;
  });
}

const FIELDS = ['startedAt', 'channel', 'score.passed', 'score.total', 'alerted'];

const CASES: Array<[Filter, FindOptions]> = [
  [{ 'score.passed': true }, {}],
  [{ 'score.passed': false }, {}],
  [{ 'score.passed': { $eq: true } }, {}],
  [{ alerted: true }, {}],
  [{ alerted: 1 }, {}],
  [{ alerted: { $ne: true } }, {}],
  [{ startedAt: { $gte: 200 } }, {}],
  [{ startedAt: { $lt: 200 } }, {}],
  [{ startedAt: { $gt: 100, $lte: 900 } }, {}],
  [{ $and: [{ startedAt: { $gte: 100 } }, { startedAt: { $lt: 700 } }] }, {}],
  [{ 'score.total': { $gte: 40, $lte: 80 } }, {}],
  [{ 'score.total': { $lte: 30 } }, {}],
  [
    { channel: 'call', 'score.passed': false, startedAt: { $gte: 300 } },
    { sort: { startedAt: -1 }, skip: 3, limit: 7 },
  ],
  [{ channel: { $in: ['api', 'call'] }, alerted: true }, {}],
  [{ 'score.total': { $gte: 50 }, $or: [{ channel: 'api' }, { alerted: true }] }, {}],
  [{}, { sort: { startedAt: 1 }, limit: 5 }],
];

describe('index narrowing', () => {
  const plain = DocumentStore.open(':memory:');
  const indexed = DocumentStore.open(':memory:', { indexes: { sessions: FIELDS } });
  plain.insert('sessions', sessions(120));
  indexed.insert('sessions', sessions(120));

  it.each(CASES)('answers %j the same with and without indexes', (filter: Filter, options: FindOptions) => {
    const want = plain.find('sessions', filter, options);
    expect(indexed.find('sessions', filter, options)).toEqual(want);
    expect(indexed.count('sessions', filter)).toBe(plain.count('sessions', filter));
  });

  it('finds what the filters describe (not only the same as the scan)', () => {
    expect(indexed.count('sessions', { 'score.passed': true })).toBe(
      sessions(120).filter((d) => (d.score as { passed?: unknown } | undefined)?.passed === true).length,
    );
    expect(indexed.count('sessions', { startedAt: { $gte: 1000 } })).toBe(
      sessions(120).filter((d) => typeof d.startedAt === 'number' && d.startedAt >= 1000).length,
    );
  });

  it('counts an empty filter exactly, after inserts and removes', () => {
    expect(indexed.count('sessions', {})).toBe(120);
    indexed.remove('sessions', { _id: 's3' });
    expect(indexed.count('sessions', {})).toBe(119);
    indexed.insert('sessions', [{ _id: 's3' }]);
    expect(indexed.count('sessions', {})).toBe(120);
    expect(indexed.count('nothing-here', {})).toBe(0);
  });
});
