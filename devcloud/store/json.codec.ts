/**
 * Storage codec: documents are kept as JSON text in SQLite. Plain JSON loses Dates, so Dates are
 * written in MongoDB Extended JSON (relaxed) form, `{"$date":"<ISO>"}`, and RegExps as
 * `{"$regularExpression":{pattern,options}}`. The stored text is therefore valid relaxed EJSON,
 * which lets the SDK binding hand it to `@cloudbase/database` (which parses with bson's EJSON)
 * without a decode/encode round trip. JSON.stringify/parse with a replacer/reviver is several
 * times faster than bson's EJSON walk, which matters on the scan paths.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // Date.prototype.toJSON has already turned the value into a string: look at the holder.
  const original = this[key];
  if (original instanceof Date) {
    const time = original.getTime();
    return Number.isNaN(time) ? null : { $date: original.toISOString() };
  }
  if (original instanceof RegExp) {
    return { $regularExpression: { pattern: original.source, options: original.flags } };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if ('$date' in record && Object.keys(record).length === 1) {
      const raw = record.$date;
      if (typeof raw === 'string' || typeof raw === 'number') return new Date(raw);
      if (raw && typeof raw === 'object' && '$numberLong' in raw) {
        return new Date(Number((raw as { $numberLong: string }).$numberLong));
      }
    }
    if ('$regularExpression' in record && Object.keys(record).length === 1) {
      const spec = record.$regularExpression as { pattern: string; options?: string };
      return new RegExp(spec.pattern, jsRegExpFlags(spec.options ?? ''));
    }
  }
  return value;
}

/** BSON regex options include flags JavaScript does not know (x, l); keep those it does. */
export function jsRegExpFlags(options: string): string {
  return [...new Set(options.split(''))].filter((flag) => 'imsu'.includes(flag)).join('');
}

export function encodeDocument(doc: unknown): string {
  return JSON.stringify(doc, replacer);
}

export function decodeDocument<T = Record<string, unknown>>(text: string): T {
  // The reviver costs a call per value; text without either marker has nothing to revive.
  if (!text.includes('"$date"') && !text.includes('"$regularExpression"')) return JSON.parse(text) as T;
  return JSON.parse(text, reviver) as T;
}
