/**
 * The local cloud's database: an embedded, durable document store with MongoDB semantics.
 *
 * Storage. SQLite through `libsql` (better-sqlite3 API). One table per collection,
 * `"coll_<name>"(seq INTEGER PRIMARY KEY, id UNIQUE, doc TEXT)`: `seq` gives a stable natural
 * order (insertion order, like MongoDB without a sort) and cheap paging of full scans; `id` is the
 * document's `_id` stored with its own type (no column affinity), so `'5'` and `5` stay distinct;
 * `doc` is the document as relaxed Extended JSON (see json.codec.ts). Two catalog tables,
 * `_collections` and `_indexes`, remember which collections and indexes exist.
 *
 * Durability. WAL journal with `synchronous=NORMAL` by default. In WAL mode a commit is a write()
 * of the WAL frames into the OS before the call returns; NORMAL only skips the fsync, so a killed
 * process (SIGKILL, crash) loses nothing that was acknowledged; only an OS crash or power loss
 * could lose the last transactions. The local cloud's promise is "survive being killed", which
 * tests/devcloud/store.durability.test.ts checks by SIGKILLing a writer; pass
 * `synchronous: 'FULL'` to also survive power loss at the cost of an fsync per write.
 *
 * Semantics. `mingo` evaluates query filters, update operators, projections, sorts and
 * aggregation pipelines on decoded documents. Two exceptions where SQLite answers alone: reads
 * and counts on fields whose shapes the collection declares (`StoreOptions.shapes`, see
 * field.shapes.ts and sql.filter.ts: the promise is checked on every write and at open, and the
 * SQL answers equal mingo's), and the primary key. Otherwise SQLite only narrows the candidates: a filter on
 * `_id` (equality or `$in`) is a primary-key lookup, and a top-level equality/`$in` on a field
 * with an index (`ensureIndex`) is an index lookup on `json_extract(doc, '$.<field>')`; every
 * candidate is still tested by mingo, so results never depend on whether an index exists —
 * with one caveat: an indexed field must hold scalars (an array value that *contains* the wanted
 * scalar is matched by MongoDB but not found through the index).
 *
 * Deviations from the WeChat cloud database (documented choices):
 * - Collections are created on first write (the cloud wants them created beforehand). Reads of a
 *   missing collection answer empty by default, because a fresh local store has no collections
 *   yet and the functions read before they write; `strictCollections: true` makes reads, updates
 *   and removes on a missing collection fail with COLLECTION_NOT_EXIST like the cloud
 *   (`DATABASE_COLLECTION_NOT_EXIST`, errCode -502005).
 * - An update reports a document as updated only when its stored content changes (MongoDB's
 *   nModified, which is what the cloud reports too).
 * - A batch insert is all-or-nothing (MongoDB's ordered insertMany keeps the prefix).
 * - Transactions are optimistic: reads and writes go to a private overlay; commit checks that no
 *   document the transaction touched changed since it first looked at it (else
 *   TRANSACTION_CONFLICT, which the SDK's runTransaction retries) and applies the writes in one
 *   SQLite transaction; a document it adds that another transaction stored meanwhile fails the
 *   commit with DUPLICATE_KEY instead (what the add answers once the other is stored; a retry
 *   could only fail the same way). Like the cloud, a transaction accepts single-document
 *   operations only.
 * - Geo queries and `$text` are not supported.
 * Cloud limits (100/1000 rows, 20 aggregate rows, 1 MB results) are applied by the SDK binding
 * (devcloud/sdk/db.requester.ts), not here: the store itself is unlimited.
 */
import { randomBytes } from 'node:crypto';
import Database from 'libsql';
import { Query, aggregate as mingoAggregate, find as mingoFind, update as mingoUpdate } from 'mingo';
import type { AnyObject } from 'mingo/types';
import { shapeViolation, shapeViolationSql, type ShapeDeclarations } from './field.shapes';
import { decodeDocument, encodeDocument } from './json.codec';
import { exactQuery, jsonPathExpr } from './sql.filter';
import { applySimpleUpdate } from './update.simple';

/** Indexes for the project's hot query paths; pass as `StoreOptions.indexes` when opening. */
export const KEFU_INDEXES: Record<string, string[]> = {
  // Scalar fields only: an index on an array field (alerts.routedTo, sessions.agentIds) would
  // hide the documents whose array merely contains the wanted value.
  messages: ['sessionId', 'at'],
  sessions: [
    'status',
    'customerId',
    'agentId',
    'team',
    'channel',
    'issueType',
    'businessLine',
    'alerted',
    'score.passed',
    'score.total',
    'startedAt',
    'lastAt,_id',
    // Ingest's open-session lookup (channel + customer + status): without it SQLite narrows by
    // one of the three single-field indexes (`channel`: every session of the channel) and each
    // push scans all of them; with it the lookup reads the customer's few sessions.
    'customerId,status,channel',
  ],
  // The alert list pages newest first along `createdAt,_id` (sql.filter.ts exactQuery).
  // The sweep's backstop looks for push-raised alerts whose notifications are still pending.
  alerts: ['status', 'sessionId', 'createdAt', 'createdAt,_id', 'notifyPending,createdAt'],
  // Training (issue 16, kb) reads an agent's or a team's scores of a window: agentId, team, scoredAt.
  scores: ['sessionId', 'agentId', 'team', 'scoredAt'],
  users: ['role'],
  outbox: ['api'],
  reviews: ['sessionId', 'inspectorId', 'agentId', 'calibrationRoundId'],
  reviewTasks: ['inspectorId', 'planId', 'sessionId'],
  appeals: ['sessionId', 'agentId', 'status'],
  cases: ['kind'],
  backtests: ['scorecardId', 'status'],
  // Reports (issue 15): a screen reads one slot's documents; the nightly job reads a day's.
  reportRollups: ['slot', 'period'],
  reportContribs: ['day', 'pendingUntil'],
  trainingAssignments: ['agentId'],
  reportInsights: ['kind', 'day'],
};

/**
 * The shapes of the session fields that `sessions/list` filters and sorts on: with these the
 * filtered, sorted, counted page is one SQL query (see sql.filter.ts).
 */
export const KEFU_SHAPES: ShapeDeclarations = {
  // The supervisor's alert list (routed to me, by status/severity/team, newest first, counted
  // twice) on every open of the alerts page: without shapes each read decoded every alert for
  // mingo, three times, and under ingest load the growing scan held the host's only thread.
  alerts: {
    routedTo: 'strings',
    status: 'string',
    severity: 'string',
    team: 'string',
    sessionId: 'string',
    policy: 'string',
    createdAt: 'number',
    notifyPending: 'boolean',
  },
  sessions: {
    status: 'string',
    customerId: 'string',
    agentId: 'string',
    agentIds: 'strings',
    team: 'string',
    channel: 'string',
    issueType: 'string',
    businessLine: 'string',
    alerted: 'boolean',
    startedAt: 'number',
    lastAt: 'number',
    'score.total': 'number',
    'score.passed': 'boolean',
    'score.ruleIds': 'strings',
  },
};

export type DocId = string | number;
export type ChangeKind = 'insert' | 'update' | 'remove';
export interface StoreChange {
  coll: string;
  id: DocId;
  kind: ChangeKind;
}
export type Doc = Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;
export type Projection = Record<string, unknown>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  upsertedId?: DocId;
}

export interface StoreOptions {
  /** `NORMAL` (default) survives process kills; `FULL` also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Reads, updates and removes on a missing collection fail like the cloud (default false). */
  strictCollections?: boolean;
  /** Indexes to ensure at open: `{ sessions: ['status', 'customerId'] }`. */
  indexes?: Record<string, string[]>;
  /** Generator for `_id`s of documents added without one. */
  newId?: () => string;
  /**
   * Field shapes collections keep (field.shapes.ts): filters, sorts and counts on them are
   * answered in SQL exactly as mingo would; checked on every write and at open.
   */
  shapes?: ShapeDeclarations;
}

export type StoreErrorCode =
  | 'DUPLICATE_KEY'
  | 'COLLECTION_NOT_EXIST'
  | 'COLLECTION_EXISTS'
  | 'TRANSACTION_CONFLICT'
  | 'TRANSACTION_NOT_FOUND'
  | 'INVALID_ARGUMENT';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

interface Row {
  seq: number;
  doc: string;
}

interface Loaded {
  doc: Doc;
  raw: string;
}

interface TxEntry {
  coll: string;
  id: DocId;
  /** Stored text when the transaction first touched the document; null when absent. */
  base: string | null;
  current: Doc | null;
  dirty: boolean;
  /** Created by an add (insert), not by a set: at commit a stored twin is a duplicate key. */
  added?: boolean;
}

interface Tx {
  id: string;
  startedAt: number;
  entries: Map<string, TxEntry>;
}

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
/** An index on one field, or a compound one for a sort: `'lastAt,_id'`. */
const INDEX_FIELDS = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*(,[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*)*$/;
const SCAN_PAGE = 1000;
/** Abandoned transactions (a function that crashed between start and commit) expire. */
const TX_TTL_MS = 10 * 60 * 1000;
const MINGO_OPTIONS = { idKey: '_id' };

/** 32 hex digits, time first so ids sort roughly by creation like the cloud's. */
export function defaultNewId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(12).toString('hex');
}

function tableName(coll: string): string {
  return `"coll_${coll}"`;
}

function indexName(coll: string, field: string): string {
  return `"ix_${coll}__${field.replace(/\./g, '__').replace(/,/g, '__and__')}"`;
}

/** The indexed expressions of an index entry: `_id` is the `id` column. */
function indexExpressions(field: string): string {
  return field
    .split(',')
    .map((f) => (f === '_id' ? 'id' : jsonPathExpr(f)))
    .join(', ');
}

/** The side table listing, per document (`seq`), the strings a `strings` field holds. */
function multikeyTable(coll: string, field: string): string {
  return `"mk_${coll}__${field.replace(/\./g, '__')}"`;
}

function isScalarKey(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function txKey(coll: string, id: DocId): string {
  return `${coll}\u0000${typeof id}:${id}`;
}

/** Values a top-level filter entry pins a field to, when it is a plain equality or `$in`. */
function pinnedValues(condition: unknown): Array<string | number> | null {
  if (isScalarKey(condition)) return [condition];
  if (
    condition &&
    typeof condition === 'object' &&
    !Array.isArray(condition) &&
    !(condition instanceof RegExp) &&
    !(condition instanceof Date)
  ) {
    const ops = condition as Record<string, unknown>;
    const keys = Object.keys(ops);
    if (keys.length === 1 && keys[0] === '$eq' && isScalarKey(ops.$eq)) return [ops.$eq];
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(ops.$in) && ops.$in.every(isScalarKey)) {
      return ops.$in as Array<string | number>;
    }
  }
  return null;
}

/** `true`/`false` (or `$eq` of one) as SQLite's json_extract answers them: 1/0. A stored 1/0 also
 * passes, which only widens the candidates (mingo tells them apart). */
function pinnedBooleans(condition: unknown): number[] | null {
  const value =
    condition && typeof condition === 'object' && !Array.isArray(condition) && Object.keys(condition).length === 1
      ? (condition as Record<string, unknown>).$eq
      : condition;
  return typeof value === 'boolean' ? [value ? 1 : 0] : null;
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** `{ $gte: 1, $lt: 5 }` with finite numbers only, as SQL comparisons; null for anything else. */
function numericRange(condition: unknown): Array<[string, number]> | null {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition) || condition instanceof Date) return null;
  const entries = Object.entries(condition as Record<string, unknown>);
  if (entries.length === 0) return null;
  const out: Array<[string, number]> = [];
  for (const [op, value] of entries) {
    if (!(op in RANGE_SQL) || typeof value !== 'number' || !Number.isFinite(value)) return null;
    out.push([RANGE_SQL[op], value]);
  }
  return out;
}

/** The `_id` a filter designates when it is exactly `{ _id: <scalar> }` (or `$eq`). */
export function singleIdOf(filter: Filter | undefined): DocId | null {
  if (!filter) return null;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return null;
  const condition = filter._id;
  if (isScalarKey(condition)) return condition;
  if (condition && typeof condition === 'object' && Object.keys(condition).length === 1) {
    const eq = (condition as { $eq?: unknown }).$eq;
    if (isScalarKey(eq)) return eq;
  }
  return null;
}

export class DocumentStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly options: Required<Pick<StoreOptions, 'strictCollections' | 'newId'>>;
  private readonly collections = new Set<string>();
  private readonly indexes = new Map<string, Set<string>>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly transactions = new Map<string, Tx>();
  private readonly shapes: ShapeDeclarations;
  /** Collections holding a document that breaks their declared shapes: mingo answers them. */
  private readonly untrusted = new Set<string>();
  /** Collections created by the running `atomically` call. */
  private created: string[] | null = null;
  private changes: StoreChange[] | null = null;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  private constructor(file: string, options: StoreOptions) {
    this.file = file;
    this.options = {
      strictCollections: options.strictCollections ?? false,
      newId: options.newId ?? defaultNewId,
    };
    this.db = new Database(file);
    if (file !== ':memory:') {
      this.db.exec('PRAGMA journal_mode = WAL');
      this.db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`);
    }
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);' +
        'CREATE TABLE IF NOT EXISTS _indexes (coll TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (coll, field));',
    );
    for (const row of this.db.prepare('SELECT name FROM _collections').all() as Array<{ name: string }>) {
      this.collections.add(row.name);
    }
    for (const row of this.db.prepare('SELECT coll, field FROM _indexes').all() as Array<{
      coll: string;
      field: string;
    }>) {
      this.indexSet(row.coll).add(row.field);
    }
    for (const [coll, fields] of Object.entries(options.indexes ?? {})) {
      for (const field of fields) this.ensureIndex(coll, field);
    }
    this.shapes = options.shapes ?? {};
    for (const [coll, fields] of Object.entries(this.shapes)) {
      if (!this.collections.has(coll)) continue;
      this.db.transaction(() => this.ensureMultikeys(coll))();
      const broken = this.db
        .prepare(`SELECT 1 FROM ${tableName(coll)} WHERE ${shapeViolationSql(fields)} LIMIT 1`)
        .get();
      if (broken) this.untrusted.add(coll);
    }
  }

  /** Opens (creating if needed) a store file, or an in-memory store with `':memory:'`. */
  static open(file: string, options: StoreOptions = {}): DocumentStore {
    return new DocumentStore(file, options);
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  // ---------------------------------------------------------------- collections and indexes

  hasCollection(coll: string): boolean {
    return this.collections.has(coll);
  }

  listCollections(): string[] {
    return [...this.collections].sort();
  }

  /** Creates a collection explicitly; fails if it already exists (like the cloud). */
  createCollection(coll: string): void {
    if (this.collections.has(coll)) throw new StoreError('COLLECTION_EXISTS', `collection ${coll} already exists`);
    this.atomically(() => this.materialize(coll));
  }

  dropCollection(coll: string): boolean {
    if (!this.collections.has(coll)) return false;
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${tableName(coll)}`); // its triggers go with it
      const sideTables = this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?")
        .all(`mk_${coll}__*`) as Array<{ name: string }>;
      for (const { name } of sideTables) this.db.exec(`DROP TABLE IF EXISTS "${name}"`);
      this.db.prepare('DELETE FROM _collections WHERE name = ?').run(coll);
    })();
    this.collections.delete(coll);
    this.untrusted.delete(coll); // a dropped collection breaks no promise any more
    this.forgetStatements(coll);
    return true;
  }

  /**
   * Declares an index on a scalar field path (`'status'`, `'a.b'`). Equality and `$in` filters on
   * that top-level path then read candidates through the index instead of scanning.
   */
  ensureIndex(coll: string, field: string): void {
    this.assertCollectionName(coll);
    if (!INDEX_FIELDS.test(field)) throw new StoreError('INVALID_ARGUMENT', `invalid index field path: ${field}`);
    if (this.indexSet(coll).has(field)) return;
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO _indexes (coll, field) VALUES (?, ?)').run(coll, field);
      if (this.collections.has(coll)) this.createSqlIndex(coll, field);
    })();
    this.indexSet(coll).add(field);
    this.forgetStatements(coll);
  }

  listIndexes(coll: string): string[] {
    return [...(this.indexes.get(coll) ?? [])].sort();
  }

  // ---------------------------------------------------------------- reads

  find(coll: string, filter: Filter = {}, options: FindOptions = {}, txId?: string): Doc[] {
    return this.select(coll, filter, options, txId).map((item) => item.doc);
  }

  /**
   * Like `find`, but each document as relaxed EJSON text. Without a projection the stored text is
   * returned as is, which spares an encode per document on the hot read paths.
   */
  findEncoded(coll: string, filter: Filter = {}, options: FindOptions = {}, txId?: string): string[] {
    return this.select(coll, filter, options, txId).map((item) => item.raw);
  }

  findById(coll: string, id: DocId, txId?: string): Doc | null {
    return this.find(coll, { _id: id }, {}, txId)[0] ?? null;
  }

  count(coll: string, filter: Filter = {}): number {
    if (!this.readableCollection(coll)) return 0;
    if (Object.keys(filter).length === 0 && this.collections.has(coll)) {
      return (this.statement(coll, 'countAll', (t) => `SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
    const exact = this.exact(coll, filter);
    if (exact) {
      const statement = this.statement(
        coll,
        `count:${exact.where}`,
        (t) => `SELECT COUNT(*) AS n FROM ${t} WHERE ${exact.where}`,
      );
      return (statement.get(...exact.params) as { n: number }).n;
    }
    const query = this.predicate(filter);
    let total = 0;
    for (const item of this.candidates(coll, filter)) if (query.test(item.doc)) total += 1;
    return total;
  }

  aggregate(coll: string, pipeline: AnyObject[]): Doc[] {
    if (!this.readableCollection(coll)) return [];
    const first = pipeline[0];
    const prefilter = first && '$match' in first ? (first.$match as Filter) : {};
    const docs = [...this.candidates(coll, prefilter)].map((item) => item.doc);
    return mingoAggregate(docs, pipeline, {
      ...MINGO_OPTIONS,
      collectionResolver: (name: string) => (this.hasCollection(name) ? this.find(name, {}) : []),
    }) as Doc[];
  }

  // ---------------------------------------------------------------- writes

  /** Inserts documents (all or nothing); returns their `_id`s. Duplicate `_id` → DUPLICATE_KEY. */
  insert(coll: string, docs: Doc[], txId?: string): DocId[] {
    this.assertCollectionName(coll);
    const prepared = docs.map((doc) => {
      const id = doc._id === undefined ? this.options.newId() : doc._id;
      if (!isScalarKey(id)) throw new StoreError('INVALID_ARGUMENT', '_id must be a string or a number');
      return { id, doc: { _id: id, ...doc } };
    });
    if (txId) {
      const tx = this.tx(txId);
      for (const { id, doc } of prepared) {
        const entry = this.txEntry(tx, coll, id);
        if (entry.current) throw this.duplicate(coll, id);
        entry.current = doc;
        entry.dirty = true;
        entry.added = true;
      }
      return prepared.map((item) => item.id);
    }
    this.atomically(() => {
      this.materialize(coll);
      const statement = this.statement(coll, 'insert', (t) => `INSERT INTO ${t} (id, doc) VALUES (?, ?)`);
      for (const { id, doc } of prepared) {
        try {
          this.noteShape(coll, doc);
          statement.run(id, encodeDocument(doc));
          this.noteChange(coll, id, 'insert');
        } catch (error) {
          if (/UNIQUE constraint failed/i.test(String((error as Error).message))) throw this.duplicate(coll, id);
          throw error;
        }
      }
    });
    return prepared.map((item) => item.id);
  }

  /** Applies MongoDB update operators to the first (or every, with `multi`) matching document. */
  update(
    coll: string,
    filter: Filter,
    modifier: AnyObject,
    options: { multi?: boolean; upsert?: boolean } = {},
    txId?: string,
  ): UpdateResult {
    if (txId) {
      const id = this.requireSingleId(filter);
      const entry = this.txEntry(this.tx(txId), coll, id);
      if (!entry.current) return { matched: 0, modified: 0 };
      const next = this.applyModifier(entry.current, modifier);
      const modified = encodeDocument(next) !== encodeDocument(entry.current);
      if (modified) {
        entry.current = next;
        entry.dirty = true;
      }
      return { matched: 1, modified: modified ? 1 : 0 };
    }
    if (!this.writableCollection(coll, options.upsert === true)) return { matched: 0, modified: 0 };
    return this.atomically((): UpdateResult => {
      const query = this.predicate(filter);
      let matched = 0;
      let modified = 0;
      for (const item of this.candidates(coll, filter)) {
        if (!query.test(item.doc)) continue;
        matched += 1;
        const next = this.applyModifier(item.doc, modifier);
        const raw = encodeDocument(next);
        if (raw !== item.raw) {
          this.noteShape(coll, next);
          this.writeRow(coll, item.doc._id as DocId, raw);
          modified += 1;
        }
        if (!options.multi) break;
      }
      if (matched === 0 && options.upsert) {
        const id = singleIdOf(filter) ?? this.options.newId();
        const created = this.applyModifier({ _id: id }, modifier);
        this.noteShape(coll, created);
        this.materialize(coll);
        this.statement(coll, 'insert', (t) => `INSERT INTO ${t} (id, doc) VALUES (?, ?)`).run(
          id,
          encodeDocument(created),
        );
        this.noteChange(coll, id, 'insert');
        return { matched: 0, modified: 0, upsertedId: id };
      }
      return { matched, modified };
    });
  }

  /** Replaces the whole document `_id` (`doc(id).set()`); creates it when `upsert`. */
  replace(coll: string, id: DocId, doc: Doc, options: { upsert?: boolean } = {}, txId?: string): UpdateResult {
    this.assertCollectionName(coll);
    const next = { _id: id, ...doc };
    if (txId) {
      const entry = this.txEntry(this.tx(txId), coll, id);
      if (!entry.current && !options.upsert) return { matched: 0, modified: 0 };
      const existed = entry.current !== null;
      const modified = !existed || encodeDocument(entry.current) !== encodeDocument(next);
      entry.current = next;
      entry.dirty = entry.dirty || modified;
      return existed ? { matched: 1, modified: modified ? 1 : 0 } : { matched: 0, modified: 0, upsertedId: id };
    }
    if (!this.writableCollection(coll, options.upsert === true)) return { matched: 0, modified: 0 };
    return this.atomically((): UpdateResult => {
      this.materialize(coll);
      const current = this.loadById(coll, id);
      const raw = encodeDocument(next);
      this.noteShape(coll, next);
      if (current) {
        if (current.raw === raw) return { matched: 1, modified: 0 };
        this.writeRow(coll, id, raw);
        return { matched: 1, modified: 1 };
      }
      if (!options.upsert) return { matched: 0, modified: 0 };
      this.statement(coll, 'insert', (t) => `INSERT INTO ${t} (id, doc) VALUES (?, ?)`).run(id, raw);
      this.noteChange(coll, id, 'insert');
      return { matched: 0, modified: 0, upsertedId: id };
    });
  }

  /** Removes the first (or every, with `multi`) matching document; returns how many. */
  remove(coll: string, filter: Filter, options: { multi?: boolean } = {}, txId?: string): number {
    if (txId) {
      const id = this.requireSingleId(filter);
      const entry = this.txEntry(this.tx(txId), coll, id);
      if (!entry.current) return 0;
      entry.current = null;
      entry.dirty = true;
      return 1;
    }
    if (!this.writableCollection(coll, false)) return 0;
    return this.atomically((): number => {
      const query = this.predicate(filter);
      const doomed: DocId[] = [];
      for (const item of this.candidates(coll, filter)) {
        if (!query.test(item.doc)) continue;
        doomed.push(item.doc._id as DocId);
        if (!options.multi) break;
      }
      const statement = this.statement(coll, 'delete', (t) => `DELETE FROM ${t} WHERE id = ?`);
      for (const id of doomed) {
        statement.run(id);
        this.noteChange(coll, id, 'remove');
      }
      return doomed.length;
    });
  }

  // ---------------------------------------------------------------- transactions

  beginTransaction(): string {
    const now = Date.now();
    for (const [id, tx] of this.transactions) if (now - tx.startedAt > TX_TTL_MS) this.transactions.delete(id);
    const id = randomBytes(12).toString('hex');
    this.transactions.set(id, { id, startedAt: now, entries: new Map() });
    return id;
  }

  /** Applies the transaction's writes atomically, or fails with TRANSACTION_CONFLICT. */
  commitTransaction(txId: string): void {
    const tx = this.tx(txId);
    this.transactions.delete(txId);
    this.atomically(() => {
      const stored = new Map<TxEntry, string | null>();
      for (const entry of tx.entries.values()) {
        const now = this.collections.has(entry.coll) ? (this.loadById(entry.coll, entry.id)?.raw ?? null) : null;
        stored.set(entry, now);
        // A document this transaction adds (add(), not a set() creating it) that another
        // committed meanwhile: the add's own answer is a duplicate key, as it would have been
        // had it come a moment later. A retry would only meet the stored document and fail the
        // same way, so it is not offered. (A set() creating a document stays a conflict: its
        // retry reads the stored document and goes on, as counters do.)
        if (entry.added && entry.base === null && now !== null && entry.current !== null)
          throw this.duplicate(entry.coll, entry.id);
      }
      for (const entry of tx.entries.values()) {
        const now = stored.get(entry) ?? null;
        if (now !== entry.base) {
          throw new StoreError(
            'TRANSACTION_CONFLICT',
            `document ${entry.coll}/${entry.id} changed during the transaction`,
          );
        }
      }
      for (const entry of tx.entries.values()) {
        if (!entry.dirty) continue;
        if (entry.current === null) {
          if (entry.base !== null) {
            this.statement(entry.coll, 'delete', (t) => `DELETE FROM ${t} WHERE id = ?`).run(entry.id);
            this.noteChange(entry.coll, entry.id, 'remove');
          }
          continue;
        }
        this.materialize(entry.coll);
        this.noteShape(entry.coll, entry.current);
        const raw = encodeDocument(entry.current);
        if (entry.base === null) {
          this.statement(entry.coll, 'insert', (t) => `INSERT INTO ${t} (id, doc) VALUES (?, ?)`).run(entry.id, raw);
          this.noteChange(entry.coll, entry.id, 'insert');
        } else {
          this.writeRow(entry.coll, entry.id, raw);
        }
      }
    });
  }

  abortTransaction(txId: string): void {
    this.tx(txId);
    this.transactions.delete(txId);
  }

  // ---------------------------------------------------------------- internals

  private select(coll: string, filter: Filter, options: FindOptions, txId?: string): Loaded[] {
    let items: Loaded[];
    if (txId) {
      const id = this.requireSingleId(filter);
      const current = this.txEntry(this.tx(txId), coll, id).current;
      items = current ? [{ doc: current, raw: encodeDocument(current) }] : [];
    } else {
      if (!this.readableCollection(coll)) return [];
      items = this.matching(coll, filter, options);
    }
    if (options.projection && Object.keys(options.projection).length > 0) {
      return mingoFind(
        items.map((item) => item.doc),
        {},
        options.projection as AnyObject,
        MINGO_OPTIONS,
      )
        .all()
        .map((doc) => ({ doc: doc as Doc, raw: encodeDocument(doc) }));
    }
    return items;
  }

  private matching(coll: string, filter: Filter, options: FindOptions): Loaded[] {
    const exact = this.exact(coll, filter, options.sort);
    if (exact) {
      const skip = Math.max(0, Math.floor(options.skip ?? 0));
      const limit = options.limit === undefined || !Number.isFinite(options.limit) ? -1 : Math.max(0, options.limit);
      const sql = `WHERE ${exact.where} ORDER BY ${exact.orderBy} LIMIT ? OFFSET ?`;
      const rows = this.statement(coll, `exact:${sql}`, (t) => `SELECT doc FROM ${t} ${sql}`).all(
        ...exact.params,
        limit,
        skip,
      ) as Array<{ doc: string }>;
      return rows.map((row) => ({ doc: decodeDocument<Doc>(row.doc), raw: row.doc }));
    }
    const query = this.predicate(filter);
    const skip = Math.max(0, options.skip ?? 0);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const sorted = options.sort && Object.keys(options.sort).length > 0;
    const found: Loaded[] = [];
    for (const item of this.candidates(coll, filter)) {
      if (!query.test(item.doc)) continue;
      found.push(item);
      // Without a sort the natural order is final: stop as soon as the page is full.
      if (!sorted && found.length >= skip + limit) break;
    }
    if (!sorted) return found.slice(skip, skip + limit);
    const rawOf = new Map<Doc, string>(found.map((item) => [item.doc, item.raw]));
    let cursor = mingoFind(
      found.map((item) => item.doc),
      {},
      undefined,
      MINGO_OPTIONS,
    )
      .sort(options.sort as AnyObject)
      .skip(skip);
    if (Number.isFinite(limit)) cursor = cursor.limit(limit);
    return cursor.all().map((doc) => ({ doc: doc as Doc, raw: rawOf.get(doc as Doc) ?? encodeDocument(doc) }));
  }

  /**
   * The test a candidate must pass. A filter on `_id` alone is answered exactly by the primary
   * key, so it skips mingo (whose Query construction copies its operator tables every time and
   * dominated point reads and counter updates).
   */
  private predicate(filter: Filter): { test(doc: Doc): boolean } {
    const keys = Object.keys(filter);
    if (keys.length === 0 || (keys.length === 1 && keys[0] === '_id' && pinnedValues(filter._id)))
      return { test: () => true };
    return new Query(filter as AnyObject, MINGO_OPTIONS);
  }

  /** Documents that may match `filter`: through the primary key or an index when possible. */
  private *candidates(coll: string, filter: Filter): Generator<Loaded> {
    if (!this.collections.has(coll)) return;
    const narrowing = this.narrowing(coll, filter);
    if (narrowing) {
      const sql = `SELECT seq, doc FROM ${tableName(coll)} WHERE ${narrowing.where} ORDER BY seq`;
      // Statements for long `$in` lists are not cached: their SQL text varies with the list size.
      const statement =
        narrowing.params.length <= 8
          ? this.statement(coll, `narrow:${narrowing.where}`, () => sql)
          : this.db.prepare(sql);
      const rows = statement.all(...narrowing.params) as Row[];
      for (const row of rows) yield { doc: decodeDocument<Doc>(row.doc), raw: row.doc };
      return;
    }
    // Full scan in pages: never holds a statement open across yields, so writes made while a
    // caller iterates (update/remove loops) cannot disturb the scan.
    const page = this.statement(
      coll,
      'scan',
      (t) => `SELECT seq, doc FROM ${t} WHERE seq > ? ORDER BY seq LIMIT ${SCAN_PAGE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after) as Row[];
      for (const row of rows) yield { doc: decodeDocument<Doc>(row.doc), raw: row.doc };
      if (rows.length < SCAN_PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /**
   * SQL that selects a superset of the documents `filter` matches (every candidate is still
   * tested by mingo): the primary key, or every indexed condition the filter states at its top
   * level or inside a top-level `$and`, ANDed: equality/`$in` on scalars and booleans, and
   * numeric ranges (`$gt`/`$gte`/`$lt`/`$lte`). Indexed fields hold scalars (see KEFU_INDEXES),
   * so a range never drops a document mingo would match.
   */
  private narrowing(coll: string, filter: Filter): { where: string; params: Array<string | number> } | null {
    const idValues = '_id' in filter ? pinnedValues(filter._id) : null;
    if (idValues) return { where: `id IN (${idValues.map(() => '?').join(',')})`, params: idValues };
    const indexed = this.indexes.get(coll);
    if (!indexed) return null;
    const parts: string[] = [];
    const params: Array<string | number> = [];
    const conditions: Array<[string, unknown]> = Object.entries(filter);
    if (Array.isArray(filter.$and)) {
      for (const clause of filter.$and) {
        if (clause && typeof clause === 'object' && !Array.isArray(clause)) conditions.push(...Object.entries(clause));
      }
    }
    for (const [field, condition] of conditions) {
      if (!indexed.has(field)) continue;
      const values = pinnedValues(condition) ?? pinnedBooleans(condition);
      if (values) {
        parts.push(`${jsonPathExpr(field)} IN (${values.map(() => '?').join(',')})`);
        params.push(...values);
        continue;
      }
      const range = numericRange(condition);
      if (range) {
        for (const [op, value] of range) {
          parts.push(`${jsonPathExpr(field)} ${op} ?`);
          params.push(value);
        }
      }
    }
    return parts.length ? { where: parts.join(' AND '), params } : null;
  }

  private loadById(coll: string, id: DocId): Loaded | null {
    const row = this.statement(coll, 'byId', (t) => `SELECT seq, doc FROM ${t} WHERE id = ?`).get(id) as
      Row | undefined;
    return row ? { doc: decodeDocument<Doc>(row.doc), raw: row.doc } : null;
  }

  /**
   * Checks a document about to be written against its collection's declared shapes; one that
   * breaks them sends every later query of the collection to mingo (a rolled-back write too:
   * erring that way only costs speed).
   */
  private noteShape(coll: string, doc: Doc): void {
    const fields = this.shapes[coll];
    if (fields && !this.untrusted.has(coll) && shapeViolation(doc, fields) !== null) this.untrusted.add(coll);
  }

  /** The exact SQL for a query on a collection that keeps its declared shapes, if there is one. */
  private exact(coll: string, filter: Filter, sort?: SortSpec) {
    const fields = this.shapes[coll];
    if (!fields || this.untrusted.has(coll) || !this.collections.has(coll)) return null;
    return exactQuery(filter, sort, fields, (field) => multikeyTable(coll, field), this.sortIndexed(coll, sort));
  }

  /**
   * Whether a declared compound index walks `sort` exactly: its fields in order, ending with
   * `_id` (no tie-break is added then), all in one direction (the index read forwards or back).
   */
  private sortIndexed(coll: string, sort?: SortSpec): boolean {
    const terms = Object.entries(sort ?? {});
    if (terms.length < 2 || terms[terms.length - 1][0] !== '_id') return false;
    if (new Set(terms.map(([, direction]) => direction)).size !== 1) return false;
    return this.indexes.get(coll)?.has(terms.map(([field]) => field).join(',')) ?? false;
  }

  private writeRow(coll: string, id: DocId, raw: string): void {
    this.statement(coll, 'write', (t) => `UPDATE ${t} SET doc = ? WHERE id = ?`).run(raw, id);
    this.noteChange(coll, id, 'update');
  }

  private noteChange(coll: string, id: DocId, kind: ChangeKind): void {
    if (this.listeners.size > 0) this.changes?.push({ coll, id, kind });
  }

  /**
   * Calls `listener` after each committed write (never for a rolled-back one) with what
   * changed: the local cloud's stand-in for the realtime `watch()` feed.
   */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private applyModifier(doc: Doc, modifier: AnyObject): Doc {
    const next = decodeDocument<Doc>(encodeDocument(doc));
    const hasOperators = Object.keys(modifier).some((key) => key.startsWith('$'));
    const operators = hasOperators ? modifier : { $set: modifier };
    // $set/$inc/$unset on plain paths without mingo's per-call setup (update.simple.ts).
    if (!applySimpleUpdate(next, operators as Doc)) {
      mingoUpdate(next, operators as never, undefined, undefined, { cloneMode: 'deep' });
    }
    if (encodeDocument(next._id) !== encodeDocument(doc._id)) {
      throw new StoreError('INVALID_ARGUMENT', 'the _id of a document cannot be changed');
    }
    return next;
  }

  private tx(txId: string): Tx {
    const tx = this.transactions.get(txId);
    if (!tx) throw new StoreError('TRANSACTION_NOT_FOUND', `transaction ${txId} does not exist or has ended`);
    return tx;
  }

  private txEntry(tx: Tx, coll: string, id: DocId): TxEntry {
    this.assertCollectionName(coll);
    const key = txKey(coll, id);
    let entry = tx.entries.get(key);
    if (!entry) {
      const loaded = this.collections.has(coll) ? this.loadById(coll, id) : null;
      entry = { coll, id, base: loaded?.raw ?? null, current: loaded?.doc ?? null, dirty: false };
      tx.entries.set(key, entry);
    }
    return entry;
  }

  private requireSingleId(filter: Filter): DocId {
    const id = singleIdOf(filter);
    if (id === null) {
      throw new StoreError('INVALID_ARGUMENT', 'transactions accept single-document operations only (doc(id))');
    }
    return id;
  }

  private readableCollection(coll: string): boolean {
    this.assertCollectionName(coll);
    if (this.collections.has(coll)) return true;
    if (this.options.strictCollections) throw this.missing(coll);
    return false;
  }

  private writableCollection(coll: string, creates: boolean): boolean {
    this.assertCollectionName(coll);
    if (this.collections.has(coll) || creates) return true;
    if (this.options.strictCollections) throw this.missing(coll);
    return false;
  }

  /**
   * Runs `fn` in one SQLite transaction. Collections created inside are forgotten again when it
   * rolls back, since their CREATE TABLE is rolled back with it.
   */
  private atomically<T>(fn: () => T): T {
    const created: string[] = [];
    this.created = created;
    const changes: StoreChange[] = [];
    this.changes = changes;
    try {
      const result = this.db.transaction(fn)();
      this.changes = null;
      for (const change of changes) {
        for (const listener of this.listeners) {
          try {
            listener(change);
          } catch {
            /* a listener's failure is its own; the write is committed */
          }
        }
      }
      return result;
    } catch (error) {
      for (const coll of created) {
        this.collections.delete(coll);
        this.forgetStatements(coll);
      }
      throw error;
    } finally {
      this.created = null;
      this.changes = null;
    }
  }

  /** Creates the collection's table and indexes; call inside `atomically`. */
  private materialize(coll: string): void {
    this.assertCollectionName(coll);
    if (this.collections.has(coll)) return;
    this.created?.push(coll);
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${tableName(coll)} (seq INTEGER PRIMARY KEY, id UNIQUE NOT NULL, doc TEXT NOT NULL)`,
    );
    this.db.prepare('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(coll, Date.now());
    for (const field of this.indexes.get(coll) ?? []) this.createSqlIndex(coll, field);
    this.ensureMultikeys(coll);
    this.collections.add(coll);
  }

  /**
   * MongoDB's multikey index for the collection's `strings` fields: a side table of (value, seq)
   * rows that triggers keep equal to the documents on every insert, update and delete, inside the
   * same SQLite transaction (so a rollback rolls it back too). Built from the documents when
   * missing. Call inside a transaction.
   */
  private ensureMultikeys(coll: string): void {
    const table = tableName(coll);
    for (const [field, shape] of Object.entries(this.shapes[coll] ?? {})) {
      if (shape !== 'strings') continue;
      const mk = multikeyTable(coll, field);
      const path = `'$.${field}'`;
      const exists = this.db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(mk.slice(1, -1));
      if (!exists) {
        this.db.exec(
          `CREATE TABLE ${mk} (value TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (value, seq)) WITHOUT ROWID;` +
            `CREATE INDEX ${mk.slice(0, -1)}__seq" ON ${mk} (seq);` +
            `INSERT OR IGNORE INTO ${mk} SELECT j.value, t.seq FROM ${table} AS t, json_each(t.doc, ${path}) AS j WHERE j.type = 'text';`,
        );
      }
      const add = (row: string) =>
        `INSERT OR IGNORE INTO ${mk} SELECT value, ${row}.seq FROM json_each(${row}.doc, ${path}) WHERE type = 'text';`;
      // The update trigger rebuilds the side rows only when the array itself changed: most
      // updates (a session's lastAt, messageCount) leave it alone. Stores made before the WHEN
      // clause have `__upd`; it is replaced by `__updw`.
      this.db.exec(
        `DROP TRIGGER IF EXISTS ${mk.slice(0, -1)}__upd";` +
          `CREATE TRIGGER IF NOT EXISTS ${mk.slice(0, -1)}__ins" AFTER INSERT ON ${table} BEGIN ${add('NEW')} END;` +
          `CREATE TRIGGER IF NOT EXISTS ${mk.slice(0, -1)}__updw" AFTER UPDATE OF doc ON ${table} ` +
          `WHEN json_extract(OLD.doc, ${path}) IS NOT json_extract(NEW.doc, ${path}) BEGIN ` +
          `DELETE FROM ${mk} WHERE seq = OLD.seq; ${add('NEW')} END;` +
          `CREATE TRIGGER IF NOT EXISTS ${mk.slice(0, -1)}__del" AFTER DELETE ON ${table} BEGIN ` +
          `DELETE FROM ${mk} WHERE seq = OLD.seq; END;`,
      );
    }
  }

  private createSqlIndex(coll: string, field: string): void {
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS ${indexName(coll, field)} ON ${tableName(coll)} (${indexExpressions(field)})`,
    );
  }

  private statement(coll: string, name: string, sql: (table: string) => string): Database.Statement {
    const key = `${coll}\u0000${name}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql(tableName(coll)));
      this.statements.set(key, statement);
    }
    return statement;
  }

  private forgetStatements(coll: string): void {
    for (const key of [...this.statements.keys()]) if (key.startsWith(`${coll}\u0000`)) this.statements.delete(key);
  }

  private indexSet(coll: string): Set<string> {
    let set = this.indexes.get(coll);
    if (!set) {
      set = new Set();
      this.indexes.set(coll, set);
    }
    return set;
  }

  private assertCollectionName(coll: string): void {
    if (!COLLECTION_NAME.test(coll)) throw new StoreError('INVALID_ARGUMENT', `invalid collection name: ${coll}`);
  }

  private duplicate(coll: string, id: DocId): StoreError {
    return new StoreError(
      'DUPLICATE_KEY',
      `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
    );
  }

  private missing(coll: string): StoreError {
    return new StoreError('COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${coll}`);
  }
}
