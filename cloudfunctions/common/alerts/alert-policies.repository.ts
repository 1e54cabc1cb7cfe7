/**
 * Alert policy sets in `alertPolicies`: `v<version>` documents are written once (add fails on
 * an existing id, so a published version can never be overwritten) and `draft` is the one
 * document admins edit. With nothing published the core's defaults (version 0) apply.
 */
import type { AlertPolicySet } from '../../core/model';
import { DEFAULT_POLICY_SET, draftPolicySet, publishPolicySet } from '../../core/alerts/alert.policy-set';
import { audit, type AuditState } from '../audit.log';
import { byId, COLLECTIONS, database, rows } from '../cloud';
import { instanceCache } from '../instance.cache';
import { maskTypedText } from '../typed-text';

const DRAFT_ID = 'draft';

function strip<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

export async function publishedPolicies(): Promise<AlertPolicySet> {
  const [latest] = await rows<AlertPolicySet & { _id: string }>(
    database().collection(COLLECTIONS.alertPolicies).where({ status: 'published' }).orderBy('version', 'desc').limit(1),
  );
  return latest ? (strip(latest) as AlertPolicySet) : DEFAULT_POLICY_SET;
}

/**
 * The published set for the ingest hot path: read at most every 30 s per function instance
 * (a publish reaches live checks within that time; the instance that publishes sees it at once).
 */
const CACHE_MS = 30_000;
const publishedCache = instanceCache(CACHE_MS, () => publishedPolicies());

export async function cachedPublishedPolicies(now = Date.now()): Promise<AlertPolicySet> {
  return publishedCache.get(now);
}

/** Drops the cached set (tests that reset the database between cases). */
export function forgetCachedPolicies(): void {
  publishedCache.forget();
}

export async function draftPolicies(): Promise<AlertPolicySet | null> {
  const draft = await byId<AlertPolicySet & { _id: string }>(COLLECTIONS.alertPolicies, DRAFT_ID);
  return draft ? (strip(draft) as AlertPolicySet) : null;
}

/** Word lists are typed by an admin: masked like any free text before they are stored. */
function maskWordLists(set: AlertPolicySet): AlertPolicySet {
  return {
    ...set,
    policies: set.policies.map((p) =>
      p.id === 'customer-angry' ? { ...p, complaintWords: p.complaintWords.map((w) => maskTypedText(w, 'admin')) } : p,
    ),
  };
}

/** The parts of a policy set an audit entry compares (version, policies, storm). */
function auditState(set: AlertPolicySet | null): AuditState {
  return set ? { version: set.version, policies: set.policies, storm: set.storm ?? null } : null;
}

export async function saveDraftPolicies(
  edit: { policies: unknown; storm?: unknown },
  by: string,
  now: number,
): Promise<AlertPolicySet> {
  const before = await draftPolicies();
  const draft = maskWordLists(draftPolicySet(await publishedPolicies(), edit, by));
  await database().collection(COLLECTIONS.alertPolicies).doc(DRAFT_ID).set({ data: draft });
  await audit({
    at: now,
    by,
    entity: 'alertPolicies',
    entityId: DRAFT_ID,
    action: 'saveDraft',
    before: auditState(before),
    after: auditState(draft),
  });
  return draft;
}

export async function publishDraftPolicies(by: string, now: number): Promise<AlertPolicySet> {
  const current = await publishedPolicies();
  const published = publishPolicySet(await draftPolicies(), current.version, now, by);
  const db = database();
  await db.collection(COLLECTIONS.alertPolicies).add({ data: { _id: `v${published.version}`, ...published } });
  await db.collection(COLLECTIONS.alertPolicies).doc(DRAFT_ID).remove();
  publishedCache.forget();
  await audit({
    at: now,
    by,
    entity: 'alertPolicies',
    entityId: `v${published.version}`,
    action: 'publish',
    before: { version: current.version, status: current.version === 0 ? 'default' : 'published' },
    after: auditState(published),
  });
  return published;
}
