/**
 * The write half of a small collection an editor keeps record by record (knowledge articles,
 * training items, quick replies): find a record or fail with the collection's own error code,
 * save it, remove it. Written once so each write is followed by its audit entry (the record's
 * fields before and after, `null` for none) and no route can store a record unaudited. Who may
 * write, what is masked and how a record is built stay in the routes.
 */
import type { DomainError } from '../../core/errors';
import { audit, type AuditEntity, type AuditState } from '../../common/audit.log';
import type { RouteContext } from '../router';

export interface AuditedRecordsSpec<T extends { _id: string }> {
  entity: AuditEntity;
  /** The fields the audit entry holds; `null` for no record. */
  fields: (record: T | null) => AuditState;
  get: (id: string) => Promise<T | null>;
  /** The error for an id with no record (e.g. `KB.NOT_FOUND`). */
  notFound: (id: string) => DomainError;
  put: (record: T) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

export interface AuditedRecords<T extends { _id: string }> {
  /** The record, or the collection's not-found error. */
  find(id: string): Promise<T>;
  /** Stores `after` and audits `action` (`save` unless named) from `before` (`null`: created). */
  save(ctx: RouteContext, before: T | null, after: T, action?: string): Promise<void>;
  /** Removes `before` and audits `remove`. */
  remove(ctx: RouteContext, before: T): Promise<void>;
}

export function auditedRecords<T extends { _id: string }>(spec: AuditedRecordsSpec<T>): AuditedRecords<T> {
  const record = async (
    { user, now }: RouteContext,
    action: string,
    entityId: string,
    before: T | null,
    after: T | null,
  ) =>
    audit({
      at: now,
      by: user._id,
      entity: spec.entity,
      entityId,
      action,
      before: spec.fields(before),
      after: spec.fields(after),
    });
  return {
    async find(id) {
      const found = await spec.get(id);
      if (!found) throw spec.notFound(id);
      return found;
    },
    async save(ctx, before, after, action = 'save') {
      await spec.put(after);
      await record(ctx, action, after._id, before, after);
    },
    async remove(ctx, before) {
      await spec.remove(before._id);
      await record(ctx, 'remove', before._id, before, null);
    },
  };
}
