/**
 * Collections of the alert feature (in addition to `alerts`, `auditLog` and `users` in
 * cloud.ts). All admin-only except `alerts`, which supervisors `watch()` under the security
 * rule in database-rules/alerts.rules.json.
 */
import type { Transaction } from '../cloud';

export const ALERT_COLLECTIONS = {
  /** Published policy sets as `v<version>` (immutable) and the one editable `draft`. */
  alertPolicies: 'alertPolicies',
  /** Per openid: subscription-message consents banked (`banked`), decremented per send. */
  subscriptions: 'subscriptions',
  /** Agents' inbox. */
  notices: 'notices',
  /** Per team (`_id` = team name): `robotWebhook`, the WeCom group robot's URL. */
  teams: 'teams',
  /** Per recipient and minute: notifications counted for digests and rate limits. */
  notifyWindows: 'notifyWindows',
  /** Every notification attempt: sent, failed, skipped for want of consent, or folded into a digest. */
  notifications: 'notifications',
} as const;

/** A transaction's read of a document that may not exist. */
export async function readInTransaction<T>(t: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await t.collection(collection).doc(id).get();
    return (data as T) ?? null;
  } catch (e) {
    if (/not exist|cannot find|not found/i.test(String((e as Error)?.message ?? e))) return null;
    throw e;
  }
}
