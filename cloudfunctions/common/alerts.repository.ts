import type { Alert, AlertSeverity, AlertStatus } from '../core/model';
import { byId, COLLECTIONS, countOf, database, rows } from './cloud';

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
    rows<Alert>(coll.where(whereOf(f)).orderBy('createdAt', 'desc').skip(skip).limit(limit)),
    countOf(coll.where(whereOf(f))),
    countOf(coll.where(whereOf({ ...f, status: 'new' }))),
  ]);
  return { items, total, unread };
}

export async function getAlert(id: string): Promise<Alert | null> {
  return byId<Alert>(COLLECTIONS.alerts, id);
}

export async function updateAlert(id: string, patch: Partial<Alert>): Promise<void> {
  await database().collection(COLLECTIONS.alerts).doc(id).update({ data: patch });
}
