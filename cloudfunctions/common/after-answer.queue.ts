/**
 * Work a push found due but nobody waits on, run after the push has answered: closing the idle
 * session a returning customer left (close.queue.ts), delivering the notifications of an alert a
 * push raised (alerts/alert.raiser.ts).
 *
 * Every queue's tasks run in one lane, one task at a time, taking the queues in turn:
 * - each when no push of this instance is being stored and the event loop is not behind (or
 *   after waiting `MAX_DEFER_MS` for such a moment), so a push waits at most for the one task
 *   running when it arrives;
 * - paced to `BACKGROUND_SHARE` of the instance's time, all queues together (after a task that
 *   took d ms, the next waits d × (1/share − 1)): where the database answers in-process (the
 *   local host) no push is ever "being stored" between turns of the event loop, so without
 *   pacing 400 closes due at once took the whole thread for seconds while pushes queued in the
 *   socket buffers unseen. One lane, not one per queue: a wave of returning customers fills
 *   the close queue and the alert deliveries at once, and two lanes paced apart took twice the
 *   share just when the pushes needed the thread most.
 *
 * Nothing may depend on a queue for correctness: an instance can be frozen or recycled right
 * after answering, a queue can be full, a task can fail. Each user names the timer's backstop
 * (the sweep) that finishes what its queue never got to.
 */
import { ForegroundGate } from './foreground.gate';
import { onForgetInstanceCaches } from './instance.cache';
import { logFailure } from './log';

/** A task waits at most this long for a moment without pushes: a busy instance still advances. */
export const MAX_DEFER_MS = 1_000;

/** A turn of the event loop longer than this means requests are waiting to be handled. */
export const BUSY_TURN_MS = 20;

/** The share of the instance's time all queued tasks together may take when they pile up. */
export const BACKGROUND_SHARE = 1 / 4;

const pushes = new ForegroundGate(MAX_DEFER_MS, BUSY_TURN_MS);

/** Counts `work` (one push's store) as foreground: queued tasks wait for it. */
export function asForeground<T>(work: Promise<T>): Promise<T> {
  return pushes.track(work);
}

const queues: AfterAnswerQueue<unknown>[] = [];

export class AfterAnswerQueue<T> {
  private readonly pending = new Map<string, T>();

  /**
   * `name` and `keyField` label failures in the log (`[name] keyField=key`); beyond
   * `maxPending` waiting tasks `soon` refuses (the backstop takes the rest, and the instance
   * keeps its memory).
   */
  constructor(
    private readonly run: (key: string, value: T) => Promise<void>,
    private readonly opts: { name: string; keyField: string; maxPending: number },
  ) {
    queues.push(this as AfterAnswerQueue<unknown>);
    onForgetInstanceCaches(() => this.pending.clear());
  }

  /** Runs `run(key, value)` after the current work of this instance, once per key; never throws. */
  soon(key: string, value: T): boolean {
    if (this.pending.has(key)) return true;
    if (this.pending.size >= this.opts.maxPending) return false;
    this.pending.set(key, value);
    startLane();
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Runs the oldest waiting task (the lane calls this); a failure is logged for the backstop. */
  async runOldest(): Promise<void> {
    const first = this.pending.entries().next();
    if (first.done) return;
    const [key, value] = first.value;
    try {
      await this.run(key, value);
    } catch (e) {
      logFailure(this.opts.name, e, { [this.opts.keyField]: key }); // the backstop retries it
    }
    this.pending.delete(key);
  }
}

let lane: Promise<void> | null = null;

function startLane(): void {
  if (lane) return;
  lane = drainLane().finally(() => {
    lane = null;
    if (queues.some((q) => q.size > 0)) startLane(); // asked for between the last task and here
  });
}

async function drainLane(): Promise<void> {
  for (let turn = 0; ; turn++) {
    const ready = queues.filter((q) => q.size > 0);
    if (ready.length === 0) return;
    await pushes.idle();
    const started = performance.now();
    await ready[turn % ready.length].runOldest();
    const pause = (performance.now() - started) * (1 / BACKGROUND_SHARE - 1);
    if (queues.some((q) => q.size > 0)) await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Resolves when every queue is empty (tests, a host shutting down, benchmarks). */
export async function afterAnswerSettled(): Promise<void> {
  while (lane) await lane;
}
