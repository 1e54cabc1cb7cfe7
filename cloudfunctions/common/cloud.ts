/**
 * The one place cloud functions touch `wx-server-sdk`'s set-up. `cloud.init` runs once at
 * module load with the dynamic current environment: no environment id lives in code.
 */
import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export { cloud };

let db: ReturnType<typeof cloud.database> | undefined;

/**
 * The database handle, made once per instance (WeChat's own samples keep `cloud.database()` in
 * a module constant): the SDK builds a new Database class on every call, which cost 2 % of the
 * local host under ingest load.
 */
export function database() {
  return (db ??= cloud.database());
}

/**
 * Every collection the functions use. All are admin-only (cloud functions are not bound by
 * security rules) except `alerts`, which supervisors `watch()` under
 * database-rules/alerts.rules.json. The README's deployment list is checked against this.
 */
export const COLLECTIONS = {
  users: 'users',
  sessions: 'sessions',
  messages: 'messages',
  scores: 'scores',
  alerts: 'alerts',
  deadLetters: 'deadLetters',
  auditLog: 'auditLog',
  outbox: 'outbox',
  rollups: 'rollups',
  scorecards: 'scorecards',
  /** One record per rating, agent-op and call event: `ev_<source>_<id>`, the replay guard. */
  events: 'events',
  /** Signed ingest API sources: `{ _id: source, secret, enabled }`. */
  ingestSources: 'ingestSources',
  /** WeCom access token cache. */
  secrets: 'secrets',
  /** WeCom kf/sync_msg cursors, one per open_kfid. */
  cursors: 'cursors',
  /** Published alert policy sets as `v<version>` (immutable) and the one editable `draft`. */
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
  /** Admins' labelled examples for the issue-type classifier (`ex_<hash of the text>`). */
  issueTypeExamples: 'issueTypeExamples',
  /** Manual inspection (issue 13). Reviews: one per inspector, session and calibration round (`reviews.repository.ts`). */
  reviews: 'reviews',
  /** Sampling plans (one-off or recurring) and their draws. */
  samplingPlans: 'samplingPlans',
  /** Review tasks: one sampled session assigned to one inspector, with a due date. */
  reviewTasks: 'reviewTasks',
  /** Agents' appeals against submitted reviews, item by item. */
  appeals: 'appeals',
  /** Calibration rounds: the same sessions to several inspectors, blind. */
  calibrationRounds: 'calibrationRounds',
  /** The case library: exemplary and cautionary sessions, masked. */
  cases: 'cases',
  /** Settings admins change without a deploy, one document each (`appeals`: the appeal window). */
  settings: 'settings',
  /** Back-tests of scorecard drafts (issue 14): one job record each, cursor and partial result inside. */
  backtests: 'backtests',
  /** One-time invite codes (issue 14, admin): `inv_<hash of the code>`, never the code itself. */
  invites: 'invites',
  // Reports (issue 15): counters per China day × scope × dimension value, and week/month sums;
  // each session's applied share (the exactly-once ledger); build marks and dirty days.
  reportRollups: 'reportRollups',
  reportContribs: 'reportContribs',
  reportMeta: 'reportMeta',
  /** Report exports (issue 15, rep-export): one record per file in cloud storage, with its expiry. */
  reportExports: 'reportExports',
  /** Periodic review reports: one per recipient and closed month, quarter or half-year (`pr_<kind>_<key>_<openid>`). */
  periodicReports: 'periodicReports',
  /** Hot topics and drivers (issue 15): per-day term and pattern counts per scope, the results, the job mark. */
  reportInsights: 'reportInsights',
  /** The agent's workspace (issue 16): supervisors' whispers to agents, and quick-reply templates. */
  whispers: 'whispers',
  replyTemplates: 'replyTemplates',
  /** Rectification notices (issue 16, agent-notices): one tracked task each; `rect_<session>_<rule>` when automatic. */
  rectifications: 'rectifications',
  /** Department feedback runs, one per ISO week (`dept_<week>`): the timer's once-a-week mark. */
  feedbackRuns: 'feedbackRuns',
  /** Knowledge base and training (issue 16, kb): articles, the training catalogue, training given to agents. */
  kbArticles: 'kbArticles',
  trainingItems: 'trainingItems',
  trainingAssignments: 'trainingAssignments',
} as const;

/** The SDK's "document already exists" failure: add() of an `_id` that is stored. */
export function isDuplicateKeyError(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
  return /duplicate|already exist|E11000/i.test(msg);
}

export function now(): number {
  return Date.now();
}

/*
 * wx-server-sdk's typings declare `get()`/`count()` as returning `Promise<...> | void | string`
 * (callback styles); these two narrow the promise forms the functions use.
 */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  return ((await query.get()) as { data: T[] }).data;
}

/**
 * One document by id, or null. A `where` on `_id` rather than `doc(id).get()`: the SDK rejects
 * the latter when the document does not exist, and "not there" is an answer here, not a failure.
 */
export async function byId<T>(
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  id: string,
): Promise<T | null> {
  const [doc] = await rows<T>(database().collection(collection).where({ _id: id }).limit(1));
  return doc ?? null;
}

export async function countOf(query: { count(): unknown }): Promise<number> {
  return ((await query.count()) as { total: number }).total;
}

/** What a transaction offers (the SDK types it as `any`): single-document operations only. */
export interface Transaction {
  collection(name: string): {
    add(o: { data: unknown }): Promise<unknown>;
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(o: { data: unknown }): Promise<unknown>;
      update(o: { data: unknown }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
  };
}

/** A transaction's read of a document that may not exist (the SDK throws for a missing one). */
export async function readInTransaction<T>(t: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await t.collection(collection).doc(id).get();
    return (data as T) ?? null;
  } catch (e) {
    if (/not exist|cannot find|not found/i.test(String((e as Error)?.message ?? e))) return null;
    throw e;
  }
}
