/**
 * `sweep`: the timer function (one trigger, every minute). Closes sessions idle past the
 * timeout and scores them. A timer's return value goes nowhere in the cloud; it is returned
 * anyway for the local host's log and the tests.
 */
import { now } from '../common/cloud';
import { idleTimeoutMs } from '../common/message.store';
import { closeAndScore } from '../common/session.closer';
import { listIdleSessions } from '../common/sessions.repository';
import { checkWaitingSessions } from '../common/alerts/alert.raiser';
import { sendDigests } from '../common/alerts/alert.delivery';

/** Bounded per run so one invocation stays inside the cloud's function timeout. */
const MAX_PER_RUN = 50;

export async function main(): Promise<{ closed: number }> {
  const idle = await listIdleSessions(now() - idleTimeoutMs(), MAX_PER_RUN);
  for (const s of idle) await closeAndScore(s._id);
  // After closing, so a session closed for idleness is scored rather than reported as waiting.
  await checkWaitingSessions(now());
  await sendDigests(now());
  return { closed: idle.length };
}
