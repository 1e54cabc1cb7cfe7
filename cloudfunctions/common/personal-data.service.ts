/**
 * Personal-data duties (PIPL): how long conversations are kept, and a customer's request to see
 * or erase what is held about them.
 *
 * Retention. `settings/retention` ({ messageDays }, default 180, 30..3650) says how long message
 * texts are kept. The `sweep` timer deletes messages older than that, a bounded batch per run
 * (the next run goes on), clears the derived first line (`preview`) of the sessions they belonged
 * to and marks them `purgedAt`; raw dead-letter payloads older than the same limit are deleted
 * too. Sessions, scores (their excerpts are masked), rollups and reviews are kept: statistics and
 * past verdicts stay as they were (the message figures the reports read are kept on the session
 * first, `reportKept`). Each run that deletes something leaves one audit entry.
 *
 * A data-subject request names a customer id (the OPENID or external id a channel gave us).
 * Export returns everything held about that customer, masked as stored, a page of sessions at a
 * time. Erasure deletes the customer's messages and the outbox copies of replies sent to them,
 * deletes the cases made of their sessions, and anonymises what must stay for the statistics to
 * remain true: each session keeps its times, agent, channel, issue type and score totals but
 * loses the customer id and the first line, and the excerpts quoted in scores and alerts are
 * emptied. Report figures stay consistent: before anything is deleted each session keeps the
 * message figures its contribution reads and its repeat-contact answer (`reportKept`), and is
 * recorded again after, so the live rollups and the nightly recomputation agree (only a
 * still-open FCR window settles early, as "no repeat"). The audit log names the customer by a
 * digest, never by the id itself.
 */
import type { CustomerExport, ErasureResult } from '../core/api.contract';
import type { Alert, Message, Session, StoredScore } from '../core/model';
import { DomainError, ERROR_CODES } from '../core/errors';
import { idDigest } from '../core/id.digest';
import { audit } from './audit.log';
import { byId, COLLECTIONS, database, rows } from './cloud';
import { keepReportFigures, recordSessionReport } from './report.rollups';

export const RETENTION_DEFAULT_DAYS = 180;
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
/** Messages deleted per timer run: a bounded run stays well inside the function timeout. */
const PURGE_BATCH = 500;
const DAY_MS = 86_400_000;
/** What an erased session's customer id becomes. */
export const ERASED_CUSTOMER = 'erased';

export interface RetentionSettings {
  messageDays: number;
}

export async function retentionSettings(): Promise<RetentionSettings> {
  const doc = await byId<{ messageDays?: unknown }>(COLLECTIONS.settings, 'retention');
  const days = Number(doc?.messageDays);
  return {
    messageDays:
      Number.isInteger(days) && days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS
        ? days
        : RETENTION_DEFAULT_DAYS,
  };
}

export async function setRetention(by: string, next: RetentionSettings, now: number): Promise<RetentionSettings> {
  const before = await retentionSettings();
  await database()
    .collection(COLLECTIONS.settings)
    .doc('retention')
    .set({ data: { messageDays: next.messageDays, updatedAt: now, updatedBy: by } });
  await audit({
    at: now,
    by,
    entity: 'settings',
    entityId: 'retention',
    action: 'set',
    before: { ...before },
    after: { ...next },
  });
  return next;
}

export interface PurgeResult {
  cutoff: number;
  messages: number;
  sessions: number;
  deadLetters: number;
}

/** One retention run (the timer's): deletes up to a batch of expired messages and dead letters. */
export async function purgeExpired(now: number): Promise<PurgeResult> {
  const { messageDays } = await retentionSettings();
  const cutoff = now - messageDays * DAY_MS;
  const _ = database().command;
  const expired = await rows<Pick<Message, '_id' | 'sessionId'>>(
    database()
      .collection(COLLECTIONS.messages)
      .where({ at: _.lt(cutoff) })
      .field({ _id: true, sessionId: true })
      .limit(PURGE_BATCH),
  );
  const sessionIds = [...new Set(expired.map((m) => m.sessionId))];
  for (const id of sessionIds) await keepReportFigures(id);
  await removeIds(
    COLLECTIONS.messages,
    expired.map((m) => m._id),
  );
  for (const id of sessionIds) {
    await database()
      .collection(COLLECTIONS.sessions)
      .where({ _id: id })
      .update({ data: { preview: _.remove(), purgedAt: now } });
  }
  const letters = await rows<{ _id: string }>(
    database()
      .collection(COLLECTIONS.deadLetters)
      .where({ at: _.lt(cutoff) })
      .field({ _id: true })
      .limit(PURGE_BATCH),
  );
  await removeIds(
    COLLECTIONS.deadLetters,
    letters.map((l) => l._id),
  );
  const result = { cutoff, messages: expired.length, sessions: sessionIds.length, deadLetters: letters.length };
  if (result.messages + result.deadLetters > 0) {
    await audit({
      at: now,
      by: 'system:sweep',
      entity: 'settings',
      entityId: 'retention',
      action: 'purge',
      before: null,
      after: { ...result, messageDays },
    });
  }
  return result;
}

/** The name a customer goes by in the audit log: a digest, so the log itself holds no id. */
export function customerRef(customerId: string): string {
  return `cust_${idDigest('data-subject', customerId)}`;
}

const SESSION_PAGE = 20;

function sessionsOf(customerId: string) {
  return database().collection(COLLECTIONS.sessions).where({ customerId });
}

/** A page of what is held about a customer (masked as stored), session by session. */
export async function exportCustomer(
  by: string,
  customerId: string,
  skip: number,
  now: number,
): Promise<CustomerExport> {
  const total = (await sessionsOf(customerId).count()) as { total: number };
  const sessions = await rows<Session>(
    sessionsOf(customerId).orderBy('startedAt', 'asc').skip(skip).limit(SESSION_PAGE),
  );
  if (sessions.length === 0 && skip === 0) {
    throw new DomainError(ERROR_CODES.CUSTOMER_NOT_FOUND, '没有该客户的会话记录');
  }
  const out: CustomerExport['sessions'] = [];
  for (const session of sessions) {
    const where = { sessionId: session._id };
    const [messages, scores, alerts, reviews, appeals] = await Promise.all([
      rows<Message>(database().collection(COLLECTIONS.messages).where(where).orderBy('at', 'asc').limit(1000)),
      rows<StoredScore>(database().collection(COLLECTIONS.scores).where(where).orderBy('scoredAt', 'desc').limit(1)),
      rows<Alert>(database().collection(COLLECTIONS.alerts).where(where).limit(100)),
      rows<Record<string, unknown>>(database().collection(COLLECTIONS.reviews).where(where).limit(100)),
      rows<Record<string, unknown>>(database().collection(COLLECTIONS.appeals).where(where).limit(100)),
    ]);
    out.push({ session, messages, score: scores[0] ?? null, alerts, reviews, appeals });
  }
  await audit({
    at: now,
    by,
    entity: 'customer',
    entityId: customerRef(customerId),
    action: 'export',
    before: null,
    after: { sessions: sessions.length, skip },
  });
  return { customer: customerRef(customerId), sessions: out, total: total.total, skip };
}

/**
 * Erases a customer: see the header. Idempotent (a second request finds nothing left), and safe
 * to re-run after an interruption: each session is anonymised last, after its messages are gone,
 * so an interrupted erasure is found again by the customer id and finished.
 */
export async function eraseCustomer(by: string, customerId: string, now: number): Promise<ErasureResult> {
  const _ = database().command;
  let sessions = 0;
  let messages = 0;
  let cases = 0;
  // First every session keeps its report figures, while the customer id still links them.
  for (let skip = 0; ; skip += 50) {
    const page = await rows<Pick<Session, '_id'>>(
      sessionsOf(customerId).field({ _id: true }).orderBy('_id', 'asc').skip(skip).limit(50),
    );
    for (const s of page) await keepReportFigures(s._id, { freezeRepeat: true, at: now });
    if (page.length < 50) break;
  }
  for (;;) {
    const page = await rows<Session>(sessionsOf(customerId).limit(50));
    if (page.length === 0) break;
    for (const session of page) {
      const where = { sessionId: session._id };
      messages += await removeAll(COLLECTIONS.messages, where);
      cases += await removeAll(COLLECTIONS.cases, where);
      const scores = await rows<StoredScore>(database().collection(COLLECTIONS.scores).where(where).limit(100));
      for (const s of scores) {
        await database()
          .collection(COLLECTIONS.scores)
          .doc(s._id)
          .update({ data: { hits: s.hits.map((h) => ({ ...h, excerpt: '' })) } });
      }
      const alerts = await rows<Alert>(database().collection(COLLECTIONS.alerts).where(where).limit(1000));
      for (const a of alerts) {
        await database()
          .collection(COLLECTIONS.alerts)
          .doc(a._id)
          .update({ data: { evidence: a.evidence.map((e) => ({ ...e, excerpt: '' })) } });
      }
      // Rectification notices (issue 16) quote the session too: their evidence excerpts go.
      const rects = await rows<{ _id: string; evidence: { excerpt: string }[] }>(
        database().collection(COLLECTIONS.rectifications).where(where).limit(1000),
      );
      for (const r of rects) {
        await database()
          .collection(COLLECTIONS.rectifications)
          .doc(r._id)
          .update({ data: { evidence: r.evidence.map((e) => ({ ...e, excerpt: '' })) } });
      }
      await database()
        .collection(COLLECTIONS.sessions)
        .doc(session._id)
        .update({ data: { customerId: ERASED_CUSTOMER, preview: _.remove(), erasedAt: now } });
      await recordSessionReport(session._id, now);
      sessions++;
    }
  }
  // Replies sent to the customer (the local outbox keeps what would have gone to WeChat).
  const outbox = await removeAll(COLLECTIONS.outbox, { 'data.touser': customerId });
  const result = { customer: customerRef(customerId), sessions, messages, outbox, cases };
  await audit({
    at: now,
    by,
    entity: 'customer',
    entityId: result.customer,
    action: 'erase',
    before: null,
    after: { ...result },
  });
  return result;
}

async function removeAll(collection: string, where: Record<string, unknown>): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await rows<{ _id: string }>(
      database().collection(collection).where(where).field({ _id: true }).limit(100),
    );
    if (page.length === 0) return removed;
    await removeIds(
      collection,
      page.map((d) => d._id),
    );
    removed += page.length;
  }
}

/** One remove per batch of ids (≤ 500), not one call per document. */
async function removeIds(collection: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const _ = database().command;
  await database()
    .collection(collection)
    .where({ _id: _.in(ids) })
    .remove();
}
