/**
 * How `all`, `any` and `not` combine their parts' outcomes. The parts' outcomes wait on a stack
 * that belongs to the scoring context, not on an array per evaluation: conditions nest, and
 * every rule of every conversation combines.
 */
import { NOT_HELD } from './operators/operator.types';
import type { EvalContext, Evidence, Outcome } from './scoring.types';

/**
 * The outcomes of the `all` and `any` conditions being evaluated, each at its part's written
 * position, until the condition answers: `items[base .. base + n)` for a condition whose parts
 * start at `base`. Nested conditions use the slots above their parent's.
 */
export class OutcomeStack {
  readonly items: Outcome[] = [];
  top = 0;
}

/** What a compiled condition runs against: the operators' context and the combining stack. */
export interface CombineContext extends EvalContext {
  readonly pending: OutcomeStack;
}

export type CompiledCondition = (ctx: CombineContext) => Outcome;

/** "Holds", with nothing to point at (a `not` that holds). Shared and frozen, like NOT_HELD. */
export const HELD_WITHOUT_EVIDENCE: Outcome = Object.freeze({ held: true, evidence: Object.freeze([]) });

/**
 * `all`: every part holds. Parts run cheapest first and the first that does not hold settles it
 * (most conjunctions fail), whatever the parts before it answered. Otherwise see `settle`.
 * `positions[k]` is the written position of `byCost[k]`.
 */
export function combineAll(byCost: readonly CompiledCondition[], positions: Int32Array, ctx: CombineContext): Outcome {
  const stack = ctx.pending;
  const n = byCost.length;
  const base = stack.top;
  stack.top += n;
  for (let k = 0; k < n; k++) {
    const o = byCost[k](ctx);
    if (o.held === false) {
      stack.top = base;
      return NOT_HELD;
    }
    stack.items[base + positions[k]] = o;
  }
  stack.top = base;
  return settle(stack.items, base, n, true);
}

/** `any`: some part holds. Every part runs, so a hit lists all of its evidence. */
export function combineAny(parts: readonly CompiledCondition[], ctx: CombineContext): Outcome {
  const stack = ctx.pending;
  const n = parts.length;
  const base = stack.top;
  stack.top += n;
  for (let i = 0; i < n; i++) stack.items[base + i] = parts[i](ctx);
  stack.top = base;
  return settle(stack.items, base, n, false);
}

/**
 * `any` under `not`: only whether some part holds matters, so the first that holds settles it.
 * If none does, the answer is `settle`'s: the unknown part written first, or "does not hold".
 */
export function firstHeld(byCost: readonly CompiledCondition[], positions: Int32Array, ctx: CombineContext): Outcome {
  let missing: Outcome | null = null;
  let missingAt = Infinity;
  for (let k = 0; k < byCost.length; k++) {
    const o = byCost[k](ctx);
    if (o.held === true) return o;
    if (o.held === null && positions[k] < missingAt) {
      missing = o;
      missingAt = positions[k];
    }
  }
  return missing ?? NOT_HELD;
}

/** `not`: unknown stays unknown (for the same reason); its evidence is never kept. */
export function negate(o: Outcome): Outcome {
  return o.held === null ? o : o.held ? NOT_HELD : HELD_WITHOUT_EVIDENCE;
}

/**
 * The answer of `all` (with no part that does not hold) or `any` from its parts' outcomes in
 * written order, `items[base .. base + n)`. A single part that holds is answered as it is; the
 * evidence of several is joined in order into a fresh array (operators' arrays may be shared).
 * An unknown part makes `all` unknown, and `any` unknown unless another part holds, for the first
 * unknown part's reason (its outcome, as is).
 */
function settle(items: readonly Outcome[], base: number, n: number, all: boolean): Outcome {
  let held = 0;
  let first: Outcome | null = null;
  let missing: Outcome | null = null;
  let size = 0;
  for (let i = base; i < base + n; i++) {
    const o = items[i];
    if (o.held === true) {
      if (held++ === 0) first = o;
      size += o.evidence.length;
    } else if (o.held === null) missing ??= o;
  }
  if (all && missing !== null) return missing;
  if (held > 1) {
    const evidence = new Array<Evidence>(size);
    let w = 0;
    for (let i = base; i < base + n; i++) {
      const o = items[i];
      if (o.held !== true) continue;
      const part = o.evidence;
      for (let k = 0; k < part.length; k++) evidence[w++] = part[k];
    }
    return { held: true, evidence };
  }
  return first ?? missing ?? (all ? HELD_WITHOUT_EVIDENCE : NOT_HELD);
}
