/**
 * What a dead letter keeps of the input that could not be ingested: a JSON text of it, cut to a
 * size a document (and the admins' list) can hold, with personal data masked. Making it must
 * never fail, whatever arrived: a 200,000-deep nested push overflows the stack of
 * `JSON.stringify`, so objects are written by a serialiser with a depth limit and a size budget.
 */
import { maskPii } from '../privacy/pii.mask';

/** Dead letters keep at most this many characters of a raw body (a document is capped at 16 MB). */
export const DEAD_LETTER_RAW_LIMIT = 256 * 1024;
/** And at most this much of a reason (reasons may quote the input). */
export const DEAD_LETTER_REASON_LIMIT = 2_000;
/** Deeper nesting is written as "[…]": no real input nests this deep. */
export const DEAD_LETTER_MAX_DEPTH = 64;

/**
 * JSON text of `value`, at most `limit` characters (then `truncated`), nesting cut at
 * `maxDepth`, cycles written as "[circular]". Never throws. Cut output is not valid JSON.
 */
export function boundedJson(
  value: unknown,
  limit = DEAD_LETTER_RAW_LIMIT,
  maxDepth = DEAD_LETTER_MAX_DEPTH,
): { text: string; truncated: boolean } {
  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  const full = () => length >= limit;
  const put = (s: string) => {
    if (full()) {
      truncated = true;
      return;
    }
    parts.push(s);
    length += s.length;
  };
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): void => {
    if (full()) {
      truncated = true;
      return;
    }
    if (v === null || typeof v === 'boolean') return put(String(v));
    if (typeof v === 'number') return put(Number.isFinite(v) ? String(v) : 'null');
    if (typeof v === 'string') {
      if (v.length > limit) truncated = true;
      return put(JSON.stringify(v.length > limit ? v.slice(0, limit) : v));
    }
    if (typeof v !== 'object') return put('null'); // undefined, bigint, symbol, function
    if (depth >= maxDepth) {
      truncated = true;
      return put('"[…]"');
    }
    if (seen.has(v)) return put('"[circular]"');
    seen.add(v);
    if (Array.isArray(v)) {
      put('[');
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) put(',');
        walk(v[i], depth + 1);
      }
      put(']');
    } else {
      put('{');
      let first = true;
      for (const key of Object.keys(v)) {
        if (full()) break;
        const x = (v as Record<string, unknown>)[key];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        if (!first) put(',');
        first = false;
        put(JSON.stringify(key.length > limit ? key.slice(0, limit) : key));
        put(':');
        walk(x, depth + 1);
      }
      put('}');
    }
    seen.delete(v);
  };
  walk(value, 0);
  let text = parts.join('');
  if (text.length > limit) {
    text = text.slice(0, limit);
    truncated = true;
  }
  return { text, truncated };
}

/**
 * What a dead letter keeps of a raw body: a string as it came (a body that is not JSON stays
 * readable), anything else as bounded JSON; cut to DEAD_LETTER_RAW_LIMIT and masked.
 */
export function deadLetterRaw(raw: unknown): { raw: string; truncated: boolean } {
  const { text, truncated } =
    typeof raw === 'string'
      ? {
          text: raw.length > DEAD_LETTER_RAW_LIMIT ? raw.slice(0, DEAD_LETTER_RAW_LIMIT) : raw,
          truncated: raw.length > DEAD_LETTER_RAW_LIMIT,
        }
      : boundedJson(raw);
  return { raw: maskPii(text, 'customer').text, truncated };
}

/** A reason as kept: masked (reasons quote input) and short. */
export function deadLetterReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason : String(reason);
  const cut = text.length > DEAD_LETTER_REASON_LIMIT ? `${text.slice(0, DEAD_LETTER_REASON_LIMIT)}…` : text;
  return maskPii(cut, 'customer').text;
}

/**
 * A sent value quoted in a reason (`at="yesterday" 不是有效时间`): short, and total where
 * `JSON.stringify` is not (a 10,000-deep object overflows its stack).
 */
export function quoteValue(v: unknown, limit = 80): string {
  const { text, truncated } = boundedJson(v, limit, 8);
  return truncated ? `${text}…` : text;
}
