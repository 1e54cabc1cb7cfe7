/**
 * Raising alerts: storm control against what is stored, routing, the insert, then delivery.
 * Used after scoring, on every stored message and by the timer.
 *
 * Delivery (subscription messages, the team's robot, their records: two transactions and two
 * writes per supervisor) is most of an alert's cost. An alert raised by a push is stored inside
 * the push (the supervisor's stream shows it within the second), and its delivery runs after
 * the push has answered (after-answer.queue.ts), claimed through `notifyPending` so that the
 * sweep's backstop (`deliverStranded`) sends what an instance frozen after answering never did,
 * and nothing twice.
 */
import { evaluateAfterScore, materializeAlert, routeTo, type AlertDraft } from '../../core/alerts/alert.policy';
import { evaluateWaiting } from '../../core/alerts/alert.live';
import { enabledPolicy, stormOf } from '../../core/alerts/alert.policy-set';
import { decideRaise } from '../../core/alerts/alert.storm';
import type { Alert, AlertPolicySet, ScoreResult, Session, User } from '../../core/model';
import { alertsOfPair, claimPendingDelivery, insertAlert, strandedDeliveries, updateAlert } from '../alerts.repository';
import { AfterAnswerQueue } from '../after-answer.queue';
import { now as clock } from '../cloud';
import { sessionsWaitingSince, updateSession } from '../sessions.repository';
import { listSupervisors } from '../users.repository';
import { deliverAlert } from './alert.delivery';
import { cachedPublishedPolicies, publishedPolicies } from './alert-policies.repository';

/**
 * A red line found by scoring when the live check already raised one: the open alert gains the
 * score and the full evidence instead of a second alert about the same words.
 */
async function enrich(existing: Alert, draft: AlertDraft, now: number): Promise<void> {
  if (draft.score === undefined || existing.score !== undefined) return;
  await updateAlert(existing._id, { score: draft.score, title: draft.title, evidence: draft.evidence, updatedAt: now });
}

/**
 * Delivers a push's alert once claimed (true); a claim lost to another instance, the sweep or an
 * earlier run sends nothing (false).
 */
async function deliverClaimed(alert: Alert, now: number = clock()): Promise<boolean> {
  if (!(await claimPendingDelivery(alert._id))) return false;
  await deliverAlert(alert, await cachedPublishedPolicies(), now);
  return true;
}

/** A push's alert waits this long for its instance to deliver it before the sweep does. */
export const STRANDED_AFTER_MS = 60_000;

const deliveries = new AfterAnswerQueue<Alert>(
  async (_id, alert) => {
    await deliverClaimed(alert);
  },
  {
    name: 'alerts/deliver-queued',
    keyField: 'alert',
    maxPending: 5_000,
  },
);

/**
 * `delivery`: `now` sends the notifications before returning (the timer, a close); `after-answer`
 * (a push) stores the alert with `notifyPending` and sends them once the push has answered.
 */
export type Delivery = 'now' | 'after-answer';

/** `supervisors`: the list a caller raising for many sessions has read once (else read here when routing). */
export async function raiseAlerts(
  session: Session,
  drafts: readonly AlertDraft[],
  set: AlertPolicySet,
  now: number,
  { supervisors, delivery = 'now' }: { supervisors?: User[]; delivery?: Delivery } = {},
): Promise<Alert[]> {
  if (drafts.length === 0) return [];
  const storm = stormOf(set);
  let routed: string[] | null = null;
  const created: Alert[] = [];
  for (const draft of drafts) {
    const decision = decideRaise(draft.policy, session._id, await alertsOfPair(session._id, draft.policy), now, storm);
    if (!decision.raise) {
      if (decision.reason === 'open') await enrich(decision.existing, draft, now);
      continue;
    }
    routed ??= routeTo(session, supervisors ?? (await listSupervisors()));
    const alert = materializeAlert(draft, session, decision.id, routed, set.version, now);
    const later = delivery === 'after-answer' && (alert.routedTo.length > 0 || alert.team !== undefined);
    if (await insertAlert(later ? { ...alert, notifyPending: true } : alert)) created.push(alert); // else a concurrent raiser stored the same alert
  }
  // The session remembers it was alerted on (the 「有告警」 filter): one field, never unset.
  if (created.length > 0 && !session.alerted) await updateSession(session._id, { alerted: true });
  for (const alert of created) {
    if (delivery === 'now') await deliverAlert(alert, set, now);
    else deliveries.soon(alert._id, alert); // a full queue leaves it to the sweep
  }
  return created;
}

/** The sweep's backstop: delivers push-raised alerts whose instance never did (bounded per run). */
export async function deliverStranded(now: number): Promise<number> {
  let sent = 0;
  for (const alert of await strandedDeliveries(now - STRANDED_AFTER_MS, 50)) {
    if (await deliverClaimed(alert, now)) sent++;
  }
  return sent;
}

export async function raiseAfterScore(session: Session, score: ScoreResult, now: number): Promise<Alert[]> {
  // The instance's cached set, as the live checks use (a change made here is seen at once).
  const set = await cachedPublishedPolicies();
  return raiseAlerts(session, evaluateAfterScore(score, set), set, now);
}

/** Bounded per run so one timer invocation stays inside the function timeout. */
const MAX_WAITING_PER_RUN = 200;

/** The timer's waiting check over open sessions. */
export async function checkWaitingSessions(now: number): Promise<Alert[]> {
  const set = await publishedPolicies();
  const policy = enabledPolicy(set, 'customer-waiting');
  if (!policy) return [];
  const waiting = await sessionsWaitingSince(now - policy.waitSeconds * 1000, MAX_WAITING_PER_RUN);
  if (waiting.length === 0) return [];
  const supervisors = await listSupervisors();
  const created: Alert[] = [];
  for (const { session, draft } of evaluateWaiting(waiting, now, set)) {
    created.push(...(await raiseAlerts(session, [draft], set, now, { supervisors })));
  }
  return created;
}
