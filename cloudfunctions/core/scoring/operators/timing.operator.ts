import { z } from 'zod';
import { patternParam } from './pattern.param';
import type { Evidence, EvalContext, Outcome } from '../scoring.types';
import { defineOperator, memoKey, NOT_HELD } from './operator.types';

/**
 * A conversation's waits: wait k runs from message `pairs[2k]` (the first unanswered customer
 * message) to the agent's reply `pairs[2k + 1]`, or -1 when none came; `length` numbers are in
 * use. Flat numbers rather than an object per wait: every conversation computes them, for several
 * rules. Kept in the context's scratch (OperatorScratch.waits): valid while its conversation is
 * being scored.
 */
export interface Waits {
  readonly pairs: Int32Array;
  readonly length: number;
}

/** All waits of a conversation, computed once and shared by the timing operators. */
export function waitsOf(ctx: EvalContext): Waits {
  return ctx.memo(WAITS);
}

const WAITS = memoKey((ctx): Waits => {
  const ms = ctx.messages;
  const waits = ctx.scratch.waits;
  // At most one wait per customer message, two numbers each.
  const pairs = ctx.scratch.waitPairs(2 * ms.length);
  let w = 0;
  let waiting = -1;
  for (let i = 0; i < ms.length; i++) {
    const role = ms[i].role;
    if (role === 'customer') {
      if (waiting < 0) waiting = i;
    } else if (role === 'agent' && waiting >= 0) {
      pairs[w++] = waiting;
      pairs[w++] = i;
      waiting = -1;
    }
  }
  if (waiting >= 0) {
    pairs[w++] = waiting;
    pairs[w++] = -1;
  }
  waits.length = w;
  return waits;
});

const seconds = (ms: number): number => Math.round(ms / 1000);

/** A time limit and the two ends of the note a late wait gets: `回复 245 秒，超过 180 秒`. */
interface Limit {
  ms: number;
  /** `回复 ` */
  what: string;
  /** ` 秒，超过 180 秒` */
  over: string;
}

function limit(overSeconds: number, what: string): Limit {
  const ms = overSeconds * 1000;
  return { ms, what: `${what} `, over: ` 秒，超过 ${seconds(ms)} 秒` };
}

/**
 * Judges one wait against a limit. An unanswered message is late unless the caller says the
 * session is still live (`facts.now`) and the limit has not yet passed.
 */
function lateWait(ctx: EvalContext, from: number, reply: number, limit: Limit): Evidence | null {
  if (reply >= 0) {
    const waited = ctx.messages[reply].at - ctx.messages[from].at;
    if (waited <= limit.ms) return null;
    return { messageIndex: reply, span: null, note: limit.what + seconds(waited) + limit.over };
  }
  const now = ctx.facts.now;
  if (now !== undefined && now - ctx.messages[from].at <= limit.ms) return null;
  return { messageIndex: from, span: null, note: '客户消息未获回复' };
}

const overSeconds = z.number().positive('时限必须大于 0');

export const firstResponseOperator = defineOperator({
  name: 'firstResponse',
  label: '首次响应时长',
  cost: 2,
  params: z
    .object({
      overSeconds,
      /** Hold only when the customer never got an answer at all (a slow answer does not count). */
      unansweredOnly: z.boolean().default(false),
    })
    .strict(),
  prepare: (p) => ({ limit: limit(p.overSeconds, '首次响应'), unansweredOnly: p.unansweredOnly ?? false }),
  evaluate(ctx, p): Outcome {
    const waits = waitsOf(ctx);
    if (waits.length === 0) return NOT_HELD;
    const { pairs } = waits;
    if (p.unansweredOnly && pairs[1] >= 0) return NOT_HELD;
    const late = lateWait(ctx, pairs[0], pairs[1], p.limit);
    return late ? { held: true, evidence: [late] } : NOT_HELD;
  },
});

export const replyDelayParams = z
  .object({
    overSeconds,
    /** Leave the first response to its own rule so one slow start is not counted twice. */
    skipFirst: z.boolean().default(false),
    /**
     * A final customer message that only acknowledges (「好的谢谢」) expects no answer: if every
     * trailing unanswered customer message matches this pattern, it is not a wait.
     */
    ignoreTrailing: patternParam('u').optional(),
  })
  .strict();

export const replyDelayOperator = defineOperator({
  name: 'replyDelay',
  label: '每次回复时长',
  cost: 3,
  params: replyDelayParams,
  prepare: (p) => ({
    limit: limit(p.overSeconds, '回复'),
    skipFirst: p.skipFirst,
    ack: p.ignoreTrailing ? new RegExp(p.ignoreTrailing, 'u') : null,
  }),
  evaluate(ctx, p): Outcome {
    let evidence: Evidence[] | null = null;
    const { pairs, length } = waitsOf(ctx);
    for (let k = p.skipFirst ? 2 : 0; k < length; k += 2) {
      const from = pairs[k];
      const reply = pairs[k + 1];
      // A fragment ends in the middle: nobody knows whether the last messages were answered.
      if (reply < 0 && (ctx.conversation.partial || (p.ack && onlyAcknowledges(ctx, from, p.ack)))) continue;
      const late = lateWait(ctx, from, reply, p.limit);
      if (late) (evidence ??= []).push(late);
    }
    return evidence === null ? NOT_HELD : { held: true, evidence };
  },
});

function onlyAcknowledges(ctx: EvalContext, from: number, ack: RegExp): boolean {
  for (let i = from; i < ctx.messages.length; i++) {
    const m = ctx.messages[i];
    if (m.role === 'customer' && !ack.test(m.text.trim())) return false;
  }
  return true;
}

export const longestSilenceOperator = defineOperator({
  name: 'longestSilence',
  label: '最长静默',
  cost: 2,
  params: z.object({ overSeconds }).strict(),
  prepare: (p) => ({ limitMs: p.overSeconds * 1000 }),
  evaluate(ctx, p): Outcome {
    const ms = ctx.messages;
    let best = -1;
    let gap = 0;
    for (let i = 1; i < ms.length; i++) {
      const g = ms[i].at - ms[i - 1].at;
      if (g > gap) {
        gap = g;
        best = i;
      }
    }
    if (best < 0 || gap <= p.limitMs) return NOT_HELD;
    return {
      held: true,
      evidence: [{ messageIndex: best, span: null, note: `静默 ${seconds(gap)} 秒，超过 ${seconds(p.limitMs)} 秒` }],
    };
  },
});

export const sessionLengthOperator = defineOperator({
  name: 'sessionLength',
  label: '会话时长',
  cost: 1,
  params: z
    .object({ overSeconds: overSeconds.optional(), underSeconds: overSeconds.optional() })
    .strict()
    .refine((p) => p.overSeconds !== undefined || p.underSeconds !== undefined, '需要 overSeconds 或 underSeconds'),
  prepare: (p) => p,
  evaluate(ctx, p): Outcome {
    const ms = ctx.messages;
    if (ms.length === 0) return NOT_HELD;
    const len = ms[ms.length - 1].at - (ctx.conversation.startedAt ?? ms[0].at);
    const over = p.overSeconds !== undefined && len > p.overSeconds * 1000;
    const under = p.underSeconds !== undefined && len < p.underSeconds * 1000;
    if (!over && !under) return NOT_HELD;
    return { held: true, evidence: [{ messageIndex: null, span: null, note: `会话时长 ${seconds(len)} 秒` }] };
  },
});
