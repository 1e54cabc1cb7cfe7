/**
 * Closes that a push found due, run after the push has answered.
 *
 * A returning customer's first message finds their last session idle past the timeout. The
 * push only opens the new session; closing and scoring the old one (scoring, the close
 * transaction, counters, alerts, reports: about 15 ms of the instance's one thread) would
 * otherwise run inside the push, and a wave of returning customers (a campaign, the morning)
 * held every push of the instance behind hundreds of closes. Here they run one at a time:
 * - each when no push of this instance is being stored and the event loop is not behind (or
 *   after waiting `MAX_DEFER_MS` for such a moment), so a push waits at most for the one close
 *   running when it arrives;
 * - paced to `CLOSE_SHARE` (a quarter) of the instance's time (after a close that took d ms, the next waits
 *   d × (1/share − 1)): where the database answers in-process (the local host) no push is ever
 *   "being stored" between turns of the event loop, so without pacing 400 closes due at once
 *   took the whole thread for seconds while pushes queued in the socket buffers unseen.
 *
 * Nothing depends on this queue for correctness: a session it never gets to (the instance is
 * frozen or recycled after answering, the queue is full, the close fails) stays open and idle,
 * and the sweep timer closes it within its next runs. A close racing the sweep is settled by
 * the close transaction, which does nothing on a closed session (session.closer.ts).
 */
import { closeAndScore } from './session.closer';
import { onForgetInstanceCaches } from './instance.cache';
import { logFailure } from './log';
import { ForegroundGate } from './foreground.gate';

/** Beyond this many waiting closes the sweep takes the rest (the instance keeps its memory). */
export const MAX_PENDING_CLOSES = 5_000;

const pending = new Set<string>();
let draining: Promise<void> | null = null;

/** A close waits at most this long for a moment without pushes: a busy instance still closes. */
export const MAX_DEFER_MS = 1_000;

/** A turn of the event loop longer than this means requests are waiting to be handled. */
export const BUSY_TURN_MS = 20;

const pushes = new ForegroundGate(MAX_DEFER_MS, BUSY_TURN_MS);

/** Counts `work` (one push's store) as foreground: queued closes wait for it. */
export function asForeground<T>(work: Promise<T>): Promise<T> {
  return pushes.track(work);
}

/** The share of the instance's time queued closes may take when they pile up. */
export const CLOSE_SHARE = 1 / 4;

async function drain(): Promise<void> {
  for (const sessionId of pending) {
    await pushes.idle();
    const started = performance.now();
    try {
      await closeAndScore(sessionId);
    } catch (e) {
      logFailure('close/queued', e, { session: sessionId }); // still open: the sweep retries it
    }
    pending.delete(sessionId);
    const pause = (performance.now() - started) * (1 / CLOSE_SHARE - 1);
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Closes `sessionId` soon, after the current work of this instance; never throws. */
export function closeSoon(sessionId: string): void {
  if (pending.size >= MAX_PENDING_CLOSES) return;
  pending.add(sessionId);
  if (!draining) startDraining();
}

function startDraining(): void {
  draining = drain().finally(() => {
    draining = null;
    if (pending.size > 0) startDraining(); // asked for between the last close and here
  });
}

/** Resolves when every close asked so far has run (tests, a host shutting down). */
export async function closesSettled(): Promise<void> {
  while (draining) await draining;
}

onForgetInstanceCaches(() => pending.clear());
