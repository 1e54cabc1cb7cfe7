/**
 * The audit log as the admins' screen reads it (issue 14): filtered by who (`by`, an openid),
 * what (`entity`, `action`) and when (`from` inclusive, `to` exclusive, epoch ms), newest first,
 * paged. The log itself is written only by common/audit.log.ts and never changed.
 */
import type { AuditRow } from '../../core/api.contract';
import { COLLECTIONS, countOf, database, rows } from '../cloud';

export interface AuditFilter {
  by?: string;
  entity?: string;
  action?: string;
  from?: number;
  to?: number;
}

export async function listAudit(
  f: AuditFilter,
  limit: number,
  skip: number,
): Promise<{ items: AuditRow[]; total: number }> {
  const _ = database().command;
  const where: Record<string, unknown> = {};
  if (f.by) where.by = f.by;
  if (f.entity) where.entity = f.entity;
  if (f.action) where.action = f.action;
  if (f.from !== undefined && f.to !== undefined) where.at = _.gte(f.from).and(_.lt(f.to));
  else if (f.from !== undefined) where.at = _.gte(f.from);
  else if (f.to !== undefined) where.at = _.lt(f.to);
  const log = () => database().collection(COLLECTIONS.auditLog).where(where);
  const [items, total] = await Promise.all([
    rows<AuditRow>(log().orderBy('at', 'desc').skip(skip).limit(limit)),
    countOf(log()),
  ]);
  return { items, total };
}
