/**
 * Hostile and broken values for the fuzzer, and mutations of valid inputs built from them. Pure
 * and seeded (mulberry32): the same seed gives the same inputs, so a crash found once is found
 * again with `--seed`.
 */
import { createRng, type Rng } from '../../devcloud/demo/prng';

export { createRng, type Rng };

const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\ufeff';

/** Strings that have broken parsers, stores and renderers somewhere. */
export function hostileString(rng: Rng): string {
  switch (rng.int(0, 15)) {
    case 0:
      return '';
    case 1:
      return 'x'.repeat(rng.pick([10_001, 65_536, 200_000]));
    case 2:
      return `你${ZERO_WIDTH}好${ZERO_WIDTH}`.repeat(rng.int(1, 50));
    case 3:
      return rng.pick(['\ud800', '\udfff', 'a\ud83dz', '\udc00\ud800']); // lone surrogates
    case 4:
      return Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]).toString('latin1');
    case 5:
      return rng.pick(["' OR '1'='1", '"; DROP TABLE sessions; --', '<script>alert(1)</script>', '${7*7}', '{{7*7}}']);
    case 6:
      return rng.pick(['$where', '$gt', '__proto__', 'constructor', 'prototype', '$regex', '.*']);
    case 7:
      return '\u0000\u0001\u0007\u001b[2J\r\n\t';
    case 8:
      return '🙂'.repeat(rng.int(1, 3000));
    case 9:
      return rng.pick(['13812345678', '手机 138-1234-5678 身份证 11010519491231002X', '卡号 6222021234567890128']);
    case 10:
      return rng.pick(['NaN', 'Infinity', '-1', '1e308', '0x10', '９９９']);
    case 11:
      return rng.pick(['../../etc/passwd', 'C:\\Windows\\win.ini', 'file:///etc/passwd', 'http://169.254.169.254/']);
    case 12:
      return '\u202e' + 'gnp.exe'; // right-to-left override
    case 13:
      return '　'.repeat(rng.int(1, 100)); // full-width spaces only
    case 14:
      return String(rng.int(-1e9, 1e9));
    default:
      return '你好，我的订单怎么还没到';
  }
}

/** MongoDB operator objects where an id or a string belongs. */
export function operatorObject(rng: Rng): Record<string, unknown> {
  return rng.pick<Record<string, unknown>>([
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(1000) || true' },
    { $regex: '.*' },
    { $in: [] },
    { $exists: true },
    { $expr: { $eq: [1, 1] } },
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
  ]);
}

function deepNest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Any hostile value: wrong types, extremes, huge and deep structures. */
export function hostileValue(rng: Rng): unknown {
  switch (rng.int(0, 13)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return rng.pick([true, false]);
    case 3:
      return rng.pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -0]);
    case 4:
      return rng.pick([NaN, Infinity, -Infinity]);
    case 5:
      // Timestamps far in the past and future, in seconds and milliseconds.
      return rng.pick([0, -62_135_596_800_000, 253_402_300_799_999, 9e15, 1, 32_503_680_000, 4_102_444_800_000]);
    case 6:
      return operatorObject(rng);
    case 7:
      return Array.from({ length: rng.pick([0, 1, 10_001]) }, () => 'x');
    case 8:
      return deepNest(rng.pick([50, 1_000, 5_000]));
    case 9:
      return {};
    case 10:
      return [hostileString(rng), hostileString(rng)];
    case 11:
      return { toString: 'x', valueOf: 1, length: -1 };
    default:
      return hostileString(rng);
  }
}

/** A copy of `valid` with a few fields replaced, dropped, added, retyped or nested wrongly. */
export function mutate(valid: unknown, rng: Rng, budget = rng.int(1, 3)): unknown {
  if (budget <= 0) return valid;
  if (valid === null || typeof valid !== 'object') return rng.chance(0.7) ? hostileValue(rng) : valid;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(valid) ? [...valid] : { ...(valid as object) };
  const keys = Object.keys(copy);
  for (let i = 0; i < budget; i++) {
    const key = keys.length ? rng.pick(keys) : undefined;
    const target = copy as Record<string, unknown>;
    switch (rng.int(0, 5)) {
      case 0:
        if (key !== undefined) target[key] = hostileValue(rng);
        break;
      case 1:
        if (key !== undefined) delete target[key];
        break;
      case 2:
        target[rng.pick(['$set', '_id', '__proto__', 'extra', hostileString(rng).slice(0, 40)])] = hostileValue(rng);
        break;
      case 3:
        if (key !== undefined) target[key] = mutate(target[key], rng, 1);
        break;
      case 4:
        if (key !== undefined) target[key] = [target[key]];
        break;
      default:
        if (key !== undefined && typeof target[key] === 'string') target[key] = hostileString(rng);
    }
  }
  return copy;
}
