/**
 * The server side of the cloud database protocol, answered by the local store.
 *
 * `@cloudbase/database` sends every call as `new Db.reqClass(config).send(action, params)`;
 * this module answers those calls the way the TCB server does, with the response shapes the SDK
 * reads (see node_modules/@cloudbase/database/dist/commonjs/{query,document,collection,
 * aggregate,transaction/index}.js). Queries, updates and documents arrive as canonical
 * Extended JSON strings produced by bson 4; they are decoded with bson's EJSON and normalised
 * to what mingo understands (JS RegExp, Date, plain numbers), and `db.serverDate()` placeholders
 * (`{ $tcb_server_date: { offset } }`) are replaced by the store's clock.
 *
 * Failures are answered like the server: `{ code: '<TCB code>', message }`, which the SDK maps
 * to its numeric errCode (DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST →
 * -502005, INVALID_PARAM → -501007). A result over 1 MB rejects with errCode -602001
 * (`WX_DATABASE_QUERY_SIZE_EXCEED_LIMIT`, "database query result size exceed limit (1MB)" in
 * the SDK's own error table): a `{ code }` answer could only surface as -501001 because the
 * SDK's TCB code table has no entry for it, while a rejection carrying `errCode` reaches the
 * caller as `collection.get:fail -602001 database query result size exceed limit (1MB). …`.
 */
import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import type { AnyObject } from 'mingo/types';
import { DocumentStore, StoreError, singleIdOf } from '../store/document.store';
import type { Doc, DocId, Filter, SortSpec } from '../store/document.store';
import { encodeDocument, jsRegExpFlags } from '../store/json.codec';

export interface CloudLimits {
  /** Rows `get()` returns when no limit is given (server side; the SDK sends 100 too). */
  defaultGetLimit: number;
  /** Largest page `get()` returns. */
  maxGetLimit: number;
  /** Rows an aggregation returns when its pipeline has no top-level `$limit`. */
  defaultAggregateLimit: number;
  /** Largest result, in bytes of the encoded documents. */
  maxResultBytes: number;
}

export const CLOUD_LIMITS: CloudLimits = {
  defaultGetLimit: 100,
  maxGetLimit: 1000,
  defaultAggregateLimit: 20,
  maxResultBytes: 1024 * 1024,
};

/** What the requester answers with when the server would report a failure. */
export interface TcbFailure {
  code: string;
  message: string;
  requestId: string;
}

/** The rejection for results over the size limit (see the module comment). */
export interface ResultTooLarge {
  errCode: number;
  errMsg: string;
}

export const RESULT_TOO_LARGE_ERRCODE = -602001;

type Params = Record<string, unknown>;

interface BsonLike {
  _bsontype?: string;
  pattern?: string;
  options?: string;
  toHexString?: () => string;
  toString(): string;
  valueOf(): unknown;
}

/**
 * Request ids: a random prefix per process and a counter (unique, like the cloud's, without
 * asking the OS for entropy on every database call: that was 3 % of the host under load).
 */
const REQUEST_PREFIX = randomBytes(4).toString('hex');
let requestCounter = 0;
function requestId(): string {
  requestCounter = (requestCounter + 1) % 0x100000000;
  return REQUEST_PREFIX + requestCounter.toString(16).padStart(8, '0');
}

/** Turns decoded EJSON into plain values mingo evaluates, resolving server dates on the way. */
export function normalizeValue(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || value instanceof RegExp) return value;
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item, now));
  const bson = value as BsonLike;
  switch (bson._bsontype) {
    case 'BSONRegExp':
      return new RegExp(bson.pattern ?? '', jsRegExpFlags(bson.options ?? ''));
    case 'ObjectId':
    case 'ObjectID':
      return bson.toHexString ? bson.toHexString() : bson.toString();
    case 'Decimal128':
    case 'Long':
    case 'Int32':
    case 'Double':
      return Number(bson.toString());
    default:
      break;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((record.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0);
    return new Date(now + (Number.isFinite(offset) ? offset : 0));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normalizeValue(record[key], now);
  return out;
}

function decode(value: unknown, now: number): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' ? EJSON.parse(value, { relaxed: true }) : value;
  return normalizeValue(parsed, now);
}

function decodeObject(value: unknown, now: number): Record<string, unknown> {
  const decoded = decode(value, now);
  return decoded && typeof decoded === 'object' && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : {};
}

function asString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new StoreError('INVALID_ARGUMENT', `${name} is required`);
  return value;
}

function txIdOf(params: Params): string | undefined {
  return typeof params.transactionId === 'string' && params.transactionId ? params.transactionId : undefined;
}

function byteSize(list: string[]): number {
  let total = 0;
  for (const item of list) total += Buffer.byteLength(item, 'utf8');
  return total;
}

export class DbRequestHandler {
  private readonly store: DocumentStore;
  private readonly limits: CloudLimits;
  private readonly clock: () => number;

  constructor(store: DocumentStore, limits: Partial<CloudLimits> = {}, clock: () => number = Date.now) {
    this.store = store;
    this.limits = { ...CLOUD_LIMITS, ...limits };
    this.clock = clock;
  }

  /** Answers one SDK database call; never throws except for the over-size rejection. */
  async send(action: string, params: Params = {}): Promise<unknown> {
    try {
      return this.dispatch(action, params);
    } catch (error) {
      if (isResultTooLarge(error)) throw error;
      return toTcbFailure(error);
    }
  }

  private dispatch(action: string, params: Params): unknown {
    const now = this.clock();
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(params, now);
      case 'database.calculateDocument': {
        const total = this.store.count(
          asString(params.collectionName, 'collectionName'),
          decodeObject(params.query, now),
        );
        return { requestId: requestId(), data: { total } };
      }
      case 'database.insertDocument': {
        const coll = asString(params.collectionName, 'collectionName');
        const docs = (Array.isArray(params.data) ? params.data : [params.data]).map((item) => decodeObject(item, now));
        const insertedIds = this.store.insert(coll, docs, txIdOf(params));
        return { requestId: requestId(), data: { insertedIds } };
      }
      case 'database.modifyDocument':
        return this.modifyDocument(params, now);
      case 'database.removeDocument': {
        const coll = asString(params.collectionName, 'collectionName');
        const deleted = this.store.remove(
          coll,
          decodeObject(params.query, now),
          { multi: params.multi !== false },
          txIdOf(params),
        );
        return { requestId: requestId(), data: { deleted } };
      }
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(params, now);
      case 'database.startTransaction':
        return { requestId: requestId(), transactionId: this.store.beginTransaction() };
      case 'database.commitTransaction':
        this.store.commitTransaction(asString(params.transactionId, 'transactionId'));
        return { requestId: requestId() };
      case 'database.abortTransaction':
        this.store.abortTransaction(asString(params.transactionId, 'transactionId'));
        return { requestId: requestId() };
      case 'database.addCollection':
        this.store.createCollection(asString(params.collectionName, 'collectionName'));
        return { requestId: requestId() };
      default:
        throw new StoreError('INVALID_ARGUMENT', `devcloud: database action ${action} is not supported locally`);
    }
  }

  private getDocument(params: Params, now: number): unknown {
    const coll = asString(params.collectionName, 'collectionName');
    const filter = decodeObject(params.query, now);
    const txId = txIdOf(params);
    if (txId && singleIdOf(filter) === null) {
      throw new StoreError('INVALID_ARGUMENT', 'transactions accept single-document operations only (doc(id))');
    }
    const requested = typeof params.limit === 'number' && params.limit > 0 ? params.limit : this.limits.defaultGetLimit;
    const limit = Math.min(requested, this.limits.maxGetLimit);
    const offset = typeof params.offset === 'number' && params.offset > 0 ? params.offset : 0;
    const sort = decode(params.order, now) as SortSpec | undefined;
    const projection = decode(params.projection, now) as Record<string, unknown> | undefined;
    const list = this.store.findEncoded(coll, filter, { sort, skip: offset, limit, projection }, txId);
    this.assertSize(list);
    return { requestId: requestId(), data: { list, limit, offset } };
  }

  private modifyDocument(params: Params, now: number): unknown {
    const coll = asString(params.collectionName, 'collectionName');
    const filter: Filter = decodeObject(params.query, now);
    const data = decodeObject(params.data, now);
    const txId = txIdOf(params);
    if (params.merge === false) {
      // doc(id).set(): replace the whole document, creating it when missing.
      const id = singleIdOf(filter);
      if (id === null) throw new StoreError('INVALID_ARGUMENT', 'set() needs a document id');
      const result = this.store.replace(coll, id, data as Doc, { upsert: params.upsert !== false }, txId);
      return { requestId: requestId(), data: { updated: result.modified, upsert_id: result.upsertedId } };
    }
    const result = this.store.update(
      coll,
      filter,
      data as AnyObject,
      { multi: params.multi !== false, upsert: params.upsert === true },
      txId,
    );
    return {
      requestId: requestId(),
      data: { updated: result.modified, upsert_id: result.upsertedId as DocId | undefined },
    };
  }

  private aggregateDocuments(params: Params, now: number): unknown {
    const coll = asString(params.collectionName, 'collectionName');
    const stages = Array.isArray(params.stages)
      ? (params.stages as Array<{ stageKey: string; stageValue: unknown }>)
      : [];
    const pipeline: AnyObject[] = stages.map(({ stageKey, stageValue }) => ({ [stageKey]: decode(stageValue, now) }));
    if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: this.limits.defaultAggregateLimit });
    const list = this.store.aggregate(coll, pipeline).map((doc) => encodeDocument(doc));
    this.assertSize(list);
    return { requestId: requestId(), data: { list } };
  }

  private assertSize(list: string[]): void {
    const size = byteSize(list);
    if (size > this.limits.maxResultBytes) {
      const failure: ResultTooLarge = {
        errCode: RESULT_TOO_LARGE_ERRCODE,
        errMsg: `database query result size exceed limit (1MB): ${size} bytes`,
      };
      throw failure;
    }
  }
}

function isResultTooLarge(error: unknown): error is ResultTooLarge {
  return typeof error === 'object' && error !== null && (error as ResultTooLarge).errCode === RESULT_TOO_LARGE_ERRCODE;
}

function toTcbFailure(error: unknown): TcbFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof StoreError) {
    const code = {
      DUPLICATE_KEY: 'DATABASE_REQUEST_FAILED',
      COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
      COLLECTION_EXISTS: 'DATABASE_COLLECTION_ALREADY_EXIST',
      TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
      TRANSACTION_NOT_FOUND: 'DATABASE_REQUEST_FAILED',
      INVALID_ARGUMENT: 'INVALID_PARAM',
    }[error.code];
    return { code, message, requestId: requestId() };
  }
  return { code: 'DATABASE_REQUEST_FAILED', message, requestId: requestId() };
}
