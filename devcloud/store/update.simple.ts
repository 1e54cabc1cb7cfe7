/**
 * The update operators the functions send on every push (`$set`, `$inc`, `$unset` on plain
 * field paths), applied without mingo.
 *
 * Why: mingo's `update` builds a fresh operator context per call (it copies its expression,
 * query and pipeline operator tables), which was 17 % of the in-process push path
 * (`scripts/bench-ingest-path.ts` with `--cpu-prof`) for updates that only set or count a few
 * fields. This module takes exactly the cases whose MongoDB meaning needs no judgement and
 * answers `false` for everything else, so mingo keeps deciding arrays, positional paths,
 * type errors and every other operator (tests/devcloud/update.simple.test.ts runs both on the
 * same inputs).
 *
 * Taken: paths of plain segments (no `$`, no empty or all-digit segment) that do not overlap
 * within one modifier; every value already on the path is a plain object or absent; `$inc`
 * with a finite number onto a number or an absent field. The document is changed only after
 * the whole modifier was found simple, so `false` always leaves it untouched.
 */

type Doc = Record<string, unknown>;

const SIMPLE_OPS = new Set(['$set', '$inc', '$unset']);
const PLAIN_SEGMENT = /^(?!\d+$)[^$.][^.]*$/;
/** Names that reach an object's prototype: left to mingo, which guards them. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

interface Step {
  op: '$set' | '$inc' | '$unset';
  path: string[];
  value: unknown;
}

/** The value at `path` when every value before its last segment is a plain object or absent. */
function walk(doc: Doc, path: readonly string[]): { ok: boolean; value: unknown } {
  let node: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    if (node === undefined) return { ok: true, value: undefined };
    if (!isPlainObject(node)) return { ok: false, value: undefined };
    node = Object.prototype.hasOwnProperty.call(node, path[i]) ? node[path[i]] : undefined;
  }
  return { ok: true, value: node };
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function plan(doc: Doc, modifier: Doc): Step[] | null {
  const steps: Step[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (!SIMPLE_OPS.has(op) || !isPlainObject(fields)) return null;
    for (const [key, value] of Object.entries(fields)) {
      const path = key.split('.');
      if (!path.every((s) => PLAIN_SEGMENT.test(s) && !UNSAFE_SEGMENTS.has(s))) return null;
      const at = walk(doc, path);
      if (!at.ok) return null;
      if (op === '$inc' && !(typeof value === 'number' && Number.isFinite(value))) return null;
      if (op === '$inc' && at.value !== undefined && typeof at.value !== 'number') return null;
      for (const s of steps) if (overlaps(s.path, path)) return null;
      steps.push({ op: op as Step['op'], path, value });
    }
  }
  return steps;
}

/**
 * Applies `modifier` to `doc` in place when it is one of the simple cases above and says whether
 * it did; `false` means nothing was changed and the caller must use the general updater.
 */
export function applySimpleUpdate(doc: Doc, modifier: Doc): boolean {
  const steps = plan(doc, modifier);
  if (!steps) return false;
  for (const { op, path, value } of steps) {
    let parent: Doc = doc;
    const last = path.length - 1;
    let missing = false;
    for (let i = 0; i < last; i++) {
      const next = parent[path[i]];
      if (next === undefined) {
        if (op === '$unset') {
          missing = true;
          break;
        }
        parent = parent[path[i]] = {};
      } else parent = next as Doc;
    }
    if (missing) continue;
    const key = path[last];
    if (op === '$set') parent[key] = value;
    else if (op === '$inc') parent[key] = ((parent[key] as number | undefined) ?? 0) + (value as number);
    else delete parent[key];
  }
  return true;
}
