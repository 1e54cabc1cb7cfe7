import type { MessageRole } from '@core/model';

/**
 * For each message, how long the customer had been waiting when it was sent: set on agent
 * messages that answer at least one customer message (measured from the earliest unanswered
 * one), null everywhere else. Messages are taken in the order given, which is the order the
 * scoring engine indexes them in.
 */
export function replyWaits(messages: ReadonlyArray<{ role: MessageRole; at: number }>): Array<number | null> {
  let waitingSince: number | null = null;
  return messages.map((m) => {
    if (m.role === 'customer') {
      if (waitingSince === null) waitingSince = m.at;
      return null;
    }
    if (m.role === 'agent' && waitingSince !== null) {
      const wait = Math.max(0, m.at - waitingSince);
      waitingSince = null;
      return wait;
    }
    return null;
  });
}
