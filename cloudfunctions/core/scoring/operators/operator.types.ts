import type { z } from 'zod';
import type { CompileEnv, EvalContext, MemoKey, Outcome } from '../scoring.types';

/**
 * One operator: a validated parameter shape, an optional compile step (register keywords, build
 * regexes and vectors once per scorecard version) and the evaluation itself.
 */
export interface OperatorDefinition<P = unknown, C = P> {
  name: string;
  /** Chinese, for the admins' rule editor. */
  label: string;
  params: z.ZodType<P, z.ZodTypeDef, unknown>;
  /**
   * What one evaluation costs, roughly, on a scale where reading a field is 1, a pass over the
   * keyword table is 3 and running a text model over the messages is 50. `all` evaluates its
   * parts cheapest first: its answer does not depend on the order, and most conjunctions are
   * settled by one part that does not hold.
   */
  cost: number;
  prepare(params: P, env: CompileEnv): C;
  /**
   * `heldOnly` is set where the evidence will be thrown away (under `not`): an operator may then
   * stop at its first finding and skip building evidence.
   */
  evaluate(ctx: EvalContext, prepared: C, heldOnly?: boolean): Outcome;
}

/** Helper that keeps each operator file's generic types inferred from its zod schema. */
export function defineOperator<S extends z.ZodTypeAny, C>(def: {
  name: string;
  label: string;
  params: S;
  cost: number;
  prepare(params: z.output<S>, env: CompileEnv): C;
  evaluate(ctx: EvalContext, prepared: C, heldOnly?: boolean): Outcome;
}): OperatorDefinition<z.output<S>, C> {
  return def as OperatorDefinition<z.output<S>, C>;
}

/**
 * The answer "does not hold", shared: most conditions do not hold for most conversations, and
 * a fresh object and array for each would be garbage on the hot path. Never mutated.
 */
export const NOT_HELD: Outcome = Object.freeze({ held: false, evidence: Object.freeze([]) });

let memoSlots = 0;

/**
 * Declares per-conversation derived data. A numbered slot rather than a Map keyed by name: the
 * lookup happens several times per scored conversation and a context's table is a plain array.
 */
export function memoKey<T>(compute: (ctx: EvalContext) => T): MemoKey<T> {
  return Object.freeze({ slot: memoSlots++, compute });
}

const UNKNOWN = new Map<string, Outcome>();

/**
 * The answer "cannot tell", one shared frozen object per reason: without a sentiment model the
 * sentiment rules answer it for every conversation, and the reasons are a handful of constants.
 */
export function unknown(missing: string): Outcome {
  let o = UNKNOWN.get(missing);
  if (o === undefined) {
    o = Object.freeze({ held: null, evidence: Object.freeze([]), missing });
    UNKNOWN.set(missing, o);
  }
  return o;
}
