/** The audit log: who changed what, and when. One shape for every entity. */
import { COLLECTIONS, database } from './cloud';

export interface AuditEntry {
  at: number;
  /** The openid of who did it. */
  by: string;
  entity: 'alert' | 'alertPolicies' | string;
  entityId: string;
  /** What happened: a status change (`from`/`to`) or a named action. */
  action?: string;
  [detail: string]: unknown;
}

export async function audit(entry: AuditEntry): Promise<void> {
  await database().collection(COLLECTIONS.auditLog).add({ data: entry });
}
