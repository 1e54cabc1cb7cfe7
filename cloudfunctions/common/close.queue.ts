/**
 * Closes that a push found due, run after the push has answered (after-answer.queue.ts).
 *
 * A returning customer's first message finds their last session idle past the timeout. The
 * push only opens the new session; closing and scoring the old one (scoring, the close
 * transaction, counters, alerts, reports: about 15 ms of the instance's one thread) would
 * otherwise run inside the push, and a wave of returning customers (a campaign, the morning)
 * held every push of the instance behind hundreds of closes. Here they run one at a time,
 * between pushes, in the lane every after-answer queue shares (paced to its share of the
 * instance's time).
 *
 * Backstop: a session this queue never gets to (the instance is frozen or recycled after
 * answering, the queue is full, the close fails) stays open and idle, and the sweep timer
 * closes it within its next runs. A close racing the sweep is settled by the close
 * transaction, which does nothing on a closed session (session.closer.ts).
 */
import { closeAndScore } from './session.closer';
import { AfterAnswerQueue } from './after-answer.queue';

/** Beyond this many waiting closes the sweep takes the rest (the instance keeps its memory). */
export const MAX_PENDING_CLOSES = 5_000;

const closes = new AfterAnswerQueue<null>((sessionId) => closeAndScore(sessionId).then(() => undefined), {
  name: 'close/queued',
  keyField: 'session',
  maxPending: MAX_PENDING_CLOSES,
});

/** Closes `sessionId` soon, after the current work of this instance; never throws. */
export function closeSoon(sessionId: string): void {
  closes.soon(sessionId, null);
}
