/**
 * The repeat-contact check (a customer back within the policy's hours), run once per session
 * a push opened, after the push that brought its first customer message has answered.
 *
 * Inside the push it was the dearest live check: the customer's earlier sessions, the issue
 * type, the storm check, the supervisors, the alert and the session's flag (six database calls
 * on top of a push's eleven), and a wave of returning customers (a campaign, the morning) is
 * exactly when every push pays them. Nobody needs a repeat contact within the push's
 * milliseconds; a supervisor sees it on the open alerts page a moment later.
 *
 * Once: a session a push opens carries `repeatCheck: 'pending'` (message.store.ts) and whoever
 * removes it runs the check (`claimRepeatCheck`). Backstop: an instance frozen or recycled
 * after answering, a full queue or a failed check leaves the flag, and the session's close
 * runs the check then (session.closer.ts), later but not lost.
 */
import { evaluateRepeatContact, type RepeatContactFacts } from '../../core/alerts/alert.live';
import { enabledPolicy } from '../../core/alerts/alert.policy-set';
import type { Message, Session } from '../../core/model';
import { conversationOf } from '../../core/sessions/session.lifecycle';
import { AfterAnswerQueue } from '../after-answer.queue';
import { now as clock } from '../cloud';
import { currentIssueClassifier } from '../issue-types.repository';
import { issueTypeOf } from '../scoring.service';
import { claimRepeatCheck, earlierContacts } from '../sessions.repository';
import { cachedPublishedPolicies } from './alert-policies.repository';
import { raiseAlerts } from './alert.raiser';
import { logFailure } from '../log';

/** Beyond this many waiting checks the sessions' closes run the rest. */
export const MAX_PENDING_CHECKS = 5_000;

interface PendingCheck {
  session: Session;
  /** The session's messages as the push left them (a copy: the live list grows with later pushes). */
  messages: Message[];
}

const checks = new AfterAnswerQueue<PendingCheck>(
  async (_sessionId, { session, messages }) => {
    if (await claimRepeatCheck(session._id)) await check(session, messages, clock());
  },
  { name: 'alerts/repeat-contact', keyField: 'session', maxPending: MAX_PENDING_CHECKS },
);

/**
 * After the push has answered: the repeat-contact check of `session` (its state after storing
 * `message`; `messages` its messages then, in time order). Nothing unless `message` is the
 * session's first customer message and the session carries a pending check.
 */
export function checkRepeatContactSoon(session: Session, messages: readonly Message[], message: Message): void {
  if (session.repeatCheck !== 'pending') return;
  if (messages.find((m) => m.role === 'customer')?._id !== message._id) return;
  checks.soon(session._id, { session, messages: messages.slice() });
}

/**
 * The close's backstop: the check a push queued but its instance never ran (frozen or recycled
 * after answering, the queue full, the check failed), claimed and run now. Never throws.
 */
export async function runStrandedRepeatCheck(session: Session, messages: Message[], now: number): Promise<void> {
  if (session.repeatCheck !== 'pending') return;
  try {
    // Claimed even when no customer ever wrote (a session an agent opened): the flag leaves with the session.
    if (await claimRepeatCheck(session._id)) await check(session, messages, now);
  } catch (e) {
    logFailure('alerts/repeat-contact', e, { session: session._id });
  }
}

/**
 * The check itself, by the caller that claimed it: the customer's earlier sessions in the
 * window (and, when the policy asks for the same issue, the issue type of this one), then the
 * alert, delivered at once (nobody waits on the caller). `messages`: the session's messages in
 * time order; the first customer one is the evidence.
 */
async function check(session: Session, messages: Message[], now: number): Promise<void> {
  const first = messages.find((m) => m.role === 'customer');
  const set = await cachedPublishedPolicies();
  const policy = enabledPolicy(set, 'repeat-contact');
  if (!policy || !first) return;
  const history = await earlierContacts(session, policy.withinHours * 3600_000);
  if (history.previousContacts.length === 0) return;
  const facts: RepeatContactFacts = { history };
  if (policy.sameIssueType) {
    const { classifier } = await currentIssueClassifier();
    facts.issueType = issueTypeOf(session, conversationOf(session, messages), classifier);
  }
  const draft = evaluateRepeatContact(session, messages, first, set, facts);
  if (draft) await raiseAlerts(session, [draft], set, now);
}
