/**
 * Closes that a push found due, run after the push has answered.
 *
 * A returning customer's first message finds their last session idle past the timeout. The
 * push only opens the new session; closing and scoring the old one (scoring, the close
 * transaction, counters, alerts, reports: tens of milliseconds) would otherwise run inside the
 * push, and a wave of returning customers (a campaign, the morning) held every push of the
 * instance behind hundreds of closes. Here they run one at a time, each in its own turn of the
 * event loop, so a push waits at most for the close running when it arrives.
 *
 * Nothing depends on this queue for correctness: a session it never gets to (the instance is
 * frozen or recycled after answering, the queue is full, the close fails) stays open and idle,
 * and the sweep timer closes it within its next runs. A close racing the sweep is settled by
 * the close transaction, which does nothing on a closed session (session.closer.ts).
 */
import { closeAndScore } from './session.closer';
import { onForgetInstanceCaches } from './instance.cache';
import { logFailure } from './log';

/** Beyond this many waiting closes the sweep takes the rest (the instance keeps its memory). */
export const MAX_PENDING_CLOSES = 5_000;

const pending = new Set<string>();
let draining: Promise<void> | null = null;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function drain(): Promise<void> {
  for (const sessionId of pending) {
    await nextTurn(); // pushes that arrived meanwhile go first
    try {
      await closeAndScore(sessionId);
    } catch (e) {
      logFailure('close/queued', e, { session: sessionId }); // still open: the sweep retries it
    }
    pending.delete(sessionId);
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
