import type { Alert, AlertSeverity, AlertStatus } from '../core/model';
/**
 * Alerts (`alerts`): raised by alerts/alert.raiser.ts (after scoring, on ingest, by the timer),
 * listed and changed by the api's alert routes. An alert's `_id` is decided by storm control
 * (core/alerts/alert.storm.ts) and deterministic, so two raisers of the same alert store one.
 */
import { byId, COLLECTIONS, countOf, database, isDuplicateKeyError, rows } from './cloud';

export interface AlertFilter {
  routedTo?: string;
  status?: AlertStatus;
  severity?: AlertSeverity;
  team?: string;
}

function whereOf(f: AlertFilter) {
  const q: Record<string, unknown> = {};
  if (f.routedTo) q.routedTo = f.routedTo;
  if (f.status) q.status = f.status;
  if (f.severity) q.severity = f.severity;
  if (f.team) q.team = f.team;
  return q;
}

export async function listAlerts(f: AlertFilter, limit: number, skip: number) {
  const coll = database().collection(COLLECTIONS.alerts);
  const [items, total, unread] = await Promise.all([
    // `_id` breaks ties (alerts of one millisecond) and lets the store walk its `createdAt,_id` index.
    rows<Alert>(coll.where(whereOf(f)).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(skip).limit(limit)),
    countOf(coll.where(whereOf(f))),
    countOf(coll.where(whereOf({ ...f, status: 'new' }))),
  ]);
  return { items, total, unread };
}

export async function getAlert(id: string): Promise<Alert | null> {
  return byId<Alert>(COLLECTIONS.alerts, id);
}

/** Every alert of a session raised by `policy` (storm control decides from these). */
export async function alertsOfPair(sessionId: string, policy: string): Promise<Alert[]> {
  return rows<Alert>(database().collection(COLLECTIONS.alerts).where({ sessionId, policy }).limit(100));
}

/** Stores a new alert; false when a concurrent raiser stored the same alert (same `_id`) first. */
export async function insertAlert(alert: Alert): Promise<boolean> {
  try {
    await database().collection(COLLECTIONS.alerts).add({ data: alert });
    return true;
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    return false;
  }
}

/**
 * Takes the delivery of an alert stored with `notifyPending`: true for exactly one caller (the
 * instance that raised it, or the sweep's backstop), false for every other and for an alert
 * stored without it.
 */
export async function claimPendingDelivery(id: string): Promise<boolean> {
  const answer = (await database()
    .collection(COLLECTIONS.alerts)
    .where({ _id: id, notifyPending: true })
    .update({ data: { notifyPending: false } })) as { stats?: { updated?: number } };
  return (answer.stats?.updated ?? 0) > 0;
}

/** Alerts raised before `before` whose notifications are still pending, oldest first. */
export async function strandedDeliveries(before: number, limit: number): Promise<Alert[]> {
  const _ = database().command;
  return rows<Alert>(
    database()
      .collection(COLLECTIONS.alerts)
      .where({ notifyPending: true, createdAt: _.lt(before) })
      .orderBy('createdAt', 'asc')
      .limit(limit),
  );
}

export async function updateAlert(id: string, patch: Partial<Alert>): Promise<void> {
  await database().collection(COLLECTIONS.alerts).doc(id).update({ data: patch });
}
