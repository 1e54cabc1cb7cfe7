/**
 * Declared field shapes: what a collection promises about a few of its fields, so that the store
 * may answer filters, sorts and counts on them in SQL exactly (sql.filter.ts) instead of decoding
 * every candidate for mingo.
 *
 * A declaration is a promise the store checks, never one it trusts blindly: every document
 * written is checked in JS (`shapeViolation`), and the stored documents are checked in SQL when
 * the store opens (`shapeViolationSql`). A collection with one document that breaks its
 * declaration is answered by mingo alone from then on (for the life of the store object), so a
 * result never depends on the declaration being true.
 *
 * Kinds. `string`, `number`, `boolean`: the field is missing, null, or a value of that type.
 * `strings`: missing, null, a string, or an array of strings. For every kind, no part of the path
 * above the field is an array (`score.total` needs `score` to be an object, a scalar or missing):
 * MongoDB walks into arrays along a path, and `json_extract` does not.
 */

export type FieldShape = 'string' | 'number' | 'boolean' | 'strings';
/** `{ sessions: { team: 'string', 'score.total': 'number' } }` */
export type ShapeDeclarations = Record<string, Record<string, FieldShape>>;

const SCALAR_TYPES: Record<Exclude<FieldShape, 'strings'>, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
};

function fits(shape: FieldShape, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (shape === 'strings') {
    return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  }
  // NaN and ±Infinity are stored as null (JSON has no such numbers), which the kinds allow.
  return typeof value === SCALAR_TYPES[shape];
}

/** The first declared path `doc` breaks (for the message), or null when it keeps every promise. */
export function shapeViolation(doc: Record<string, unknown>, fields: Record<string, FieldShape>): string | null {
  for (const [path, shape] of Object.entries(fields)) {
    let value: unknown = doc;
    for (const key of path.split('.')) {
      if (Array.isArray(value)) return path;
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined) break;
    }
    if (!fits(shape, value)) return path;
  }
  return null;
}

/** The JSON path of a dotted field, for SQLite's json functions (paths are checked by the caller). */
export function jsonPath(field: string): string {
  return `'$.${field}'`;
}

const ALLOWED_JSON_TYPES: Record<FieldShape, string> = {
  string: "'text','null'",
  number: "'integer','real','null'",
  boolean: "'true','false','null'",
  strings: "'text','null','array'",
};

/**
 * A WHERE clause true for the stored documents that break `fields` (the open-time check): an
 * array above a field, a value of another JSON type, or an array element that is not a string.
 */
export function shapeViolationSql(fields: Record<string, FieldShape>): string {
  const checks: string[] = [];
  const prefixes = new Set<string>();
  for (const [path, shape] of Object.entries(fields)) {
    const keys = path.split('.');
    for (let i = 1; i < keys.length; i += 1) prefixes.add(keys.slice(0, i).join('.'));
    checks.push(`json_type(doc, ${jsonPath(path)}) NOT IN (${ALLOWED_JSON_TYPES[shape]})`);
    if (shape === 'strings') {
      checks.push(
        `(json_type(doc, ${jsonPath(path)}) = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, ${jsonPath(path)}) WHERE type <> 'text'))`,
      );
    }
  }
  for (const prefix of prefixes) checks.push(`json_type(doc, ${jsonPath(prefix)}) = 'array'`);
  return checks.join(' OR ');
}
