/**
 * Report rollups (`reportRollups`): one document per China day × team scope × dimension × value
 * holding counters (core/reports/report.contribution.ts), plus week and month documents built
 * from the days by the nightly job. Nothing here scans sessions to answer a screen.
 *
 * Exactly once. Each session's applied contribution is kept in `reportContribs` (`_id` = the
 * session). Recording a session computes its contribution from the raw data and, in one
 * transaction, applies `new − old` to every slot either names and stores the new one: a retried
 * close, a re-scoring or a late rating replaces the session's share instead of adding it again,
 * and recording twice changes nothing. A recorded day already folded into a week or month
 * marks itself dirty (`reportMeta`), so the nightly job rebuilds those periods.
 *
 * Nightly (`nightlyReports`, from the sweep timer once per China day): recomputes the last two
 * days' documents from the raw sessions (replacing them and the contributions), then rebuilds
 * the weeks and months holding those days and any dirty day, and notes each period's
 * `throughDay`. Readers add the day documents after `throughDay` (report.reader.ts), so figures
 * are exact whether or not the job has run.
 *
 * Facts known later (core/reports/report.later.ts) record a session again: the same customer's
 * next contact (`recordEarlierContacts`, from the close), a closed FCR window
 * (`settleRepeatContacts`, every sweep run), an alert marked a false alarm, a review submitted or
 * an appeal decided (`rerecordSession`). Before erasure or retention deletes messages,
 * `keepReportFigures` stores on the session what the contribution reads from them.
 */
import type { Alert, Message, Session, StoredScore } from '../core/model';
import type { StoredAppeal } from '../core/inspection/appeal.model';
import type { StoredReview } from '../core/inspection/review.model';
import type { Increments } from '../core/rollups/rollup.counters';
import { dayKey, incrementsDelta } from '../core/rollups/rollup.counters';
import {
  addStats,
  contributionSlots,
  sessionContribution,
  slotId,
  slotKey,
  statsOf,
  type RollupSlot,
  type SessionFacts,
} from '../core/reports/report.contribution';
import { addDays, daysBetween, periodOf, type Period } from '../core/reports/report.periods';
import {
  FCR_HOURS_DEFAULT,
  FCR_HOURS_MAX,
  FCR_HOURS_MIN,
  fcrWindowEnd,
  repeatContact,
  reviewFactsOf,
  timelineOf,
  type MessageTimeline,
} from '../core/reports/report.later';
import { byId, COLLECTIONS, database, now, readInTransaction, rows, type Transaction } from './cloud';
import { instanceCache } from './instance.cache';
import { logFailure } from './log';
import { listMessages } from './messages.repository';
import { getScore } from './scores.repository';
import { getSession } from './sessions.repository';
import { serialQueue } from './serial.queue';
import { transactionInRounds } from './transaction.rounds';

export interface StoredContribution {
  _id: string;
  day: string;
  slots: string[];
  stats: Increments;
  recordedAt: number;
  /** While the session's repeat-contact window is open: when it closes (the sweep records it again then). */
  pendingUntil?: number;
}

/** A rollup document: its slot fields beside the counters (`statsOf` separates them). */
export type RollupDoc = RollupSlot & { _id: string; slot: string; [counter: string]: unknown };

function incOps(inc: Increments): Record<string, unknown> {
  const _ = database().command;
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(inc)) out[field] = typeof v === 'number' ? _.inc(v) : incOps(v);
  return out;
}

function slotFromId(id: string): RollupSlot {
  const [head, inTeam, dim, ...rest] = id.split('|');
  return {
    level: head[0] as RollupSlot['level'],
    period: head.slice(2),
    in: inTeam,
    dim: dim as RollupSlot['dim'],
    value: rest.join('|'),
  };
}

function docOf(slot: RollupSlot, stats: Increments): Record<string, unknown> {
  return { ...slot, slot: slotKey(slot), ...stats };
}

async function applyDelta(t: Transaction, id: string, delta: Increments): Promise<void> {
  const existing = await readInTransaction(t, COLLECTIONS.reportRollups, id);
  const doc = t.collection(COLLECTIONS.reportRollups).doc(id);
  if (existing) await doc.update({ data: incOps(delta) });
  else await doc.set({ data: docOf(slotFromId(id), delta) });
}

/**
 * The FCR window in hours (`settings/reports` `fcrHours`, default 24, 1–168). Every close reads
 * it (twice: its own report and the customer's earlier contacts), so an instance keeps it for
 * 30 s (instance.cache.ts); the instance that changes it forgets it at once (settings.service.ts),
 * and a close another instance records within those 30 s with the old window is recomputed by
 * the nightly job.
 */
export async function fcrHours(): Promise<number> {
  return fcrHoursCache.get();
}

const fcrHoursCache = instanceCache(30_000, async () => {
  const doc = await byId<{ fcrHours?: unknown }>(COLLECTIONS.settings, 'reports');
  const h = Number(doc?.fcrHours);
  return Number.isInteger(h) && h >= FCR_HOURS_MIN && h <= FCR_HOURS_MAX ? h : FCR_HOURS_DEFAULT;
});

/** After `settings/reports` changed on this instance. */
export function forgetFcrHours(): void {
  fcrHoursCache.forget();
}

type AlertFact = Pick<Alert, 'sessionId' | 'policy' | 'status'>;
type ReviewRow = StoredReview;
type AppealRow = Pick<StoredAppeal, 'sessionId' | 'reviewId' | 'items'>;

/** What the facts of one session are made of, read one at a time or in batches (the same result). */
interface RawParts {
  messages: readonly { role: string; at: number }[];
  score: StoredScore;
  alerts: readonly AlertFact[];
  reviews: readonly ReviewRow[];
  appeals: readonly AppealRow[];
  /** Start times of the same customer's sessions that started after this one (within the window). */
  laterStarts: readonly number[];
}

function factsOf(s: Session, raw: RawParts, hours: number, at: number): SessionFacts {
  const erased = s.erasedAt !== undefined;
  const repeat = erased ? s.reportKept?.repeatContact : repeatContact(s, raw.laterStarts, hours, at);
  const falseAlarms = raw.alerts.filter((a) => a.status === 'false-alarm').map((a) => a.policy);
  const review = reviewFactsOf(raw.reviews, raw.appeals);
  return {
    sessionId: s._id,
    channel: s.channel,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    agentId: s.agentId,
    team: s.team,
    issueType: s.issueType,
    businessLine: s.businessLine,
    rating: s.rating,
    messages: s.reportKept ? [] : raw.messages,
    score: raw.score,
    alertPolicies: raw.alerts.map((a) => a.policy),
    ...(falseAlarms.length ? { falseAlarmPolicies: falseAlarms } : {}),
    ...(s.reportKept ? { kept: keptTimeline(s.reportKept) } : {}),
    ...(repeat === null || repeat === undefined ? {} : { repeatContact: repeat }),
    ...(repeat === null ? { fcrPendingUntil: fcrWindowEnd(s, hours) } : {}),
    ...(review ? { review } : {}),
  };
}

const keptTimeline = (k: MessageTimeline): MessageTimeline => ({
  count: k.count,
  replyMs: k.replyMs,
  customerSpoke: k.customerSpoke,
});

/** The raw facts of a closed, scored session; null for one that is not (yet) counted. */
export async function sessionFacts(
  session: Session,
  at: number = now(),
  knownMessages?: Message[],
): Promise<SessionFacts | null> {
  if (session.status !== 'closed' || !session.score) return null;
  const _ = database().command;
  const where = { sessionId: session._id };
  const hours = await fcrHours();
  const erased = session.erasedAt !== undefined;
  const [messages, score, alerts, reviews, appeals, later] = await Promise.all([
    session.reportKept ? Promise.resolve([]) : (knownMessages ?? listMessages(session._id)),
    getScore(session._id),
    rows<AlertFact>(
      database()
        .collection(COLLECTIONS.alerts)
        .where(where)
        .field({ sessionId: true, policy: true, status: true })
        .orderBy('_id', 'asc')
        .limit(100),
    ),
    rows<ReviewRow>(database().collection(COLLECTIONS.reviews).where(where).limit(100)),
    rows<AppealRow>(
      database()
        .collection(COLLECTIONS.appeals)
        .where(where)
        .field({ sessionId: true, reviewId: true, items: true })
        .limit(100),
    ),
    erased
      ? Promise.resolve([])
      : rows<{ startedAt: number }>(
          database()
            .collection(COLLECTIONS.sessions)
            .where({
              customerId: session.customerId,
              startedAt: _.gt(session.startedAt).and(_.lte(fcrWindowEnd(session, hours))),
            })
            .field({ startedAt: true })
            .limit(1),
        ),
  ]);
  if (!score) return null;
  const laterStarts = later.map((x) => x.startedAt);
  const timeline = messages.map((m) => ({ role: m.role, at: m.at }));
  return factsOf(session, { messages: timeline, score, alerts, reviews, appeals, laterStarts }, hours, at);
}

export function contributionOf(f: SessionFacts, at: number): StoredContribution {
  return {
    _id: f.sessionId,
    day: dayKey(f.startedAt),
    slots: contributionSlots(f).map(slotId),
    stats: sessionContribution(f),
    recordedAt: at,
    ...(f.fcrPendingUntil !== undefined ? { pendingUntil: f.fcrPendingUntil } : {}),
  };
}

/** The last day the nightly job has folded into weeks and months: yesterday, China time. */
function foldedThrough(at: number): string {
  return addDays(dayKey(at), -1);
}

/**
 * Brings a session's share of the rollups in line with its raw data now (see the header). Safe
 * to call any number of times, concurrently too (the transaction retries on a conflict).
 */
/** This instance's report recordings, one at a time (serial.queue.ts: they share hot slots). */
const recordings = serialQueue();

/**
 * `known`: what the caller has just read or committed (a close: the session it closed and the
 * messages it scored), sparing a second read; the session is closed, so no message joins it later.
 */
export async function recordSessionReport(
  sessionId: string,
  at: number = now(),
  known: { messages?: Message[]; session?: Session } = {},
): Promise<boolean> {
  const session = known.session ?? (await getSession(sessionId));
  if (!session) return false;
  const facts = await sessionFacts(session, at, known.messages);
  const next = facts ? contributionOf(facts, at) : null;
  return recordings.run(() =>
    transactionInRounds(async (t: Transaction) => {
      const old = await readInTransaction<StoredContribution>(t, COLLECTIONS.reportContribs, sessionId);
      if (!old && !next) return false;
      const ids = new Set([...(old?.slots ?? []), ...(next?.slots ?? [])]);
      for (const id of ids) {
        const before = old?.slots.includes(id) ? old.stats : {};
        const after = next?.slots.includes(id) ? next.stats : {};
        const delta = incrementsDelta(before, after);
        if (Object.keys(delta).length > 0) await applyDelta(t, id, delta);
      }
      const contribs = t.collection(COLLECTIONS.reportContribs).doc(sessionId);
      if (next) {
        const { _id, ...fields } = next;
        await contribs.set({ data: fields });
      } else await contribs.remove();
      const day = next?.day ?? old?.day;
      if (day && day <= foldedThrough(at))
        await t
          .collection(COLLECTIONS.reportMeta)
          .doc(`dirty:${day}`)
          .set({ data: { kind: 'dirty', day, at } });
      return true;
    }),
  );
}

/**
 * A session closed: the same customer's earlier sessions whose repeat-contact window it falls
 * in are recorded again (they are repeat contacts now, not pending or "no repeat" any more).
 */
export async function recordEarlierContacts(
  sessionId: string,
  at: number = now(),
  known: { session?: Session } = {},
): Promise<number> {
  const session = known.session ?? (await getSession(sessionId));
  if (!session || session.erasedAt !== undefined) return 0;
  const hours = await fcrHours();
  const _ = database().command;
  const earlier = await rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where({
        customerId: session.customerId,
        status: 'closed',
        startedAt: _.lt(session.startedAt).and(_.gte(session.startedAt - hours * 3600_000 - 7 * 86_400_000)),
      })
      .orderBy('startedAt', 'desc')
      .limit(20),
  );
  const inWindow = earlier.filter((e) => fcrWindowEnd(e, hours) >= session.startedAt);
  // One counted as a repeat contact already stays one (a later start only adds to its window's
  // starts): recording it again would change nothing. A customer who keeps coming back made
  // every close re-record all their sessions of the last day, a cost growing with each visit.
  const repeats = new Set(
    inWindow.length === 0
      ? []
      : (
          await rows<Pick<StoredContribution, '_id' | 'stats'>>(
            database()
              .collection(COLLECTIONS.reportContribs)
              .where({ _id: _.in(inWindow.map((e) => e._id)) })
              .field({ stats: true })
              .limit(inWindow.length),
          )
        )
          .filter((c) => (c.stats as { repeat?: { yes?: number } }).repeat?.yes === 1)
          .map((c) => c._id),
  );
  let n = 0;
  for (const e of inWindow) {
    if (repeats.has(e._id)) continue;
    await recordSessionReport(e._id, at);
    n++;
  }
  return n;
}

/** Contributions still waiting on a repeat-contact window recorded again once it has closed, a batch a run. */
export async function settleRepeatContacts(at: number = now(), limit = 200): Promise<number> {
  const _ = database().command;
  const due = await rows<{ _id: string }>(
    database()
      .collection(COLLECTIONS.reportContribs)
      .where({ pendingUntil: _.lte(at) })
      .field({ _id: true })
      .limit(limit),
  );
  for (const c of due) await recordSessionReport(c._id, at);
  return due.length;
}

/**
 * Before a session's messages are deleted (erasure, retention): keep on the session what its
 * report contribution reads from them, so recording or recomputing it later gives the same
 * figures. `repeatContact` is frozen too when the customer id is about to go (erasure): a
 * window still open counts as no repeat contact. Does nothing when already kept.
 */
export async function keepReportFigures(sessionId: string, opts: { freezeRepeat?: boolean; at?: number } = {}) {
  const session = await getSession(sessionId);
  if (!session || session.reportKept) return;
  const timeline = timelineOf(await listMessages(sessionId));
  let repeat: boolean | undefined;
  if (opts.freezeRepeat && session.status === 'closed') {
    const facts = await sessionFacts(session, opts.at ?? now());
    repeat = facts?.repeatContact ?? false;
  }
  await database()
    .collection(COLLECTIONS.sessions)
    .doc(sessionId)
    .update({ data: { reportKept: { ...timeline, ...(repeat !== undefined ? { repeatContact: repeat } : {}) } } });
}

/**
 * Records a session again after something its figures depend on changed later (an alert marked
 * a false alarm, a review submitted, an appeal decided). Never fails the change itself: a
 * failure is logged and the nightly recomputation or the next change mends it.
 */
export async function rerecordSession(sessionId: string, stage: string): Promise<void> {
  await recordSessionReport(sessionId).catch((e: unknown) => logFailure(`reports/${stage}`, e, { session: sessionId }));
}

// ——— reading ———

export async function slotDocs(key: string): Promise<RollupDoc[]> {
  const out: RollupDoc[] = [];
  for (;;) {
    const page = await rows<RollupDoc>(
      database().collection(COLLECTIONS.reportRollups).where({ slot: key }).skip(out.length).limit(1000),
    );
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

export async function docsByIds(ids: string[]): Promise<RollupDoc[]> {
  if (ids.length === 0) return [];
  const _ = database().command;
  return rows<RollupDoc>(
    database()
      .collection(COLLECTIONS.reportRollups)
      .where({ _id: _.in(ids) })
      .limit(1000),
  );
}

export interface PeriodBuild {
  _id: string;
  kind: 'build';
  throughDay: string;
  builtAt: number;
}

export async function periodBuilds(ids: string[]): Promise<Map<string, PeriodBuild>> {
  if (ids.length === 0) return new Map();
  const _ = database().command;
  const found = await rows<PeriodBuild>(
    database()
      .collection(COLLECTIONS.reportMeta)
      .where({ _id: _.in(ids) })
      .limit(100),
  );
  return new Map(found.map((b) => [b._id, b]));
}

export const buildId = (level: 'w' | 'm', key: string) => `build:${level}:${key}`;

// ——— nightly ———

const SESSION_PAGE = 1000;

async function closedSessionsOfDay(day: string): Promise<Session[]> {
  const from = Date.parse(`${day}T00:00:00+08:00`);
  const _ = database().command;
  const out: Session[] = [];
  for (;;) {
    const page = await rows<Session>(
      database()
        .collection(COLLECTIONS.sessions)
        .where({ startedAt: _.gte(from).and(_.lt(from + 86_400_000)), status: 'closed' })
        .orderBy('_id', 'asc')
        .skip(out.length)
        .limit(SESSION_PAGE),
    );
    out.push(...page);
    if (page.length < SESSION_PAGE) return out;
  }
}

async function removeWhere(collection: string, where: Record<string, unknown>): Promise<void> {
  await database().collection(collection).where(where).remove();
}

/** Sessions whose raw facts are read together by the nightly job (three queries per batch). */
const FACTS_BATCH = 50;

/** Every document of `collection` whose `sessionId` is one of `ids` (only `field`s when given), in pages. */
async function pagedIn<T>(collection: string, ids: string[], field?: Record<string, boolean>): Promise<T[]> {
  if (ids.length === 0) return [];
  const _ = database().command;
  const out: T[] = [];
  for (;;) {
    const query = database()
      .collection(collection)
      .where({ sessionId: _.in(ids) });
    const page = await rows<T>((field ? query.field(field) : query).orderBy('_id', 'asc').skip(out.length).limit(1000));
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** The start times of later sessions of the batch's customers, by customer (one paged query). */
async function laterStartsOf(batch: readonly Session[], hours: number): Promise<Map<string, number[]>> {
  const open = batch.filter((s) => s.erasedAt === undefined);
  const out = new Map<string, number[]>();
  if (open.length === 0) return out;
  const _ = database().command;
  const from = Math.min(...open.map((s) => s.startedAt));
  const to = Math.max(...open.map((s) => fcrWindowEnd(s, hours)));
  const customers = [...new Set(open.map((s) => s.customerId))];
  for (let skip = 0; ; skip += 1000) {
    const page = await rows<{ _id: string; customerId: string; startedAt: number }>(
      database()
        .collection(COLLECTIONS.sessions)
        .where({ customerId: _.in(customers), startedAt: _.gt(from).and(_.lte(to)) })
        .field({ customerId: true, startedAt: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000),
    );
    for (const x of page) out.set(x.customerId, [...(out.get(x.customerId) ?? []), x.startedAt]);
    if (page.length < 1000) return out;
  }
}

/**
 * The raw facts of many closed sessions at once: their messages, scores, alerts, reviews and
 * appeals read by `sessionId in [...]`, and later contacts by `customerId in [...]`, in batches,
 * so recomputing a day costs a few queries per 50 sessions rather than several per session.
 * The same facts `sessionFacts` reads one session at a time.
 */
export async function sessionFactsMany(sessions: readonly Session[], at: number = now()): Promise<SessionFacts[]> {
  const out: SessionFacts[] = [];
  const hours = await fcrHours();
  const counted = sessions.filter((s) => s.status === 'closed' && s.score);
  for (let i = 0; i < counted.length; i += FACTS_BATCH) {
    const batch = counted.slice(i, i + FACTS_BATCH);
    const ids = batch.map((s) => s._id);
    const [messages, scores, alerts, reviews, appeals, later] = await Promise.all([
      pagedIn<{ sessionId: string; role: string; at: number; _id: string }>(
        COLLECTIONS.messages,
        batch.filter((s) => !s.reportKept).map((s) => s._id),
        { sessionId: true, role: true, at: true },
      ),
      pagedIn<StoredScore>(COLLECTIONS.scores, ids),
      pagedIn<AlertFact & { _id: string }>(COLLECTIONS.alerts, ids, { sessionId: true, policy: true, status: true }),
      pagedIn<ReviewRow>(COLLECTIONS.reviews, ids),
      pagedIn<AppealRow>(COLLECTIONS.appeals, ids, { sessionId: true, reviewId: true, items: true }),
      laterStartsOf(batch, hours),
    ]);
    const group = <T extends { sessionId: string }>(xs: T[]) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(x.sessionId, [...(m.get(x.sessionId) ?? []), x]);
      return m;
    };
    const msgs = group(messages);
    const scoresOf = group(scores);
    const alertsOf = group(alerts);
    const reviewsOf = group(reviews);
    const appealsOf = group(appeals);
    for (const s of batch) {
      // The session's latest score, as getScore reads it.
      const score = (scoresOf.get(s._id) ?? []).sort((a, b) => b.scoredAt - a.scoredAt)[0];
      if (!score) continue;
      const raw: RawParts = {
        messages: (msgs.get(s._id) ?? [])
          .sort((a, b) => a.at - b.at || a._id.localeCompare(b._id))
          .map((m) => ({ role: m.role, at: m.at })),
        score,
        alerts: (alertsOf.get(s._id) ?? []).map((a) => ({
          sessionId: a.sessionId,
          policy: a.policy,
          status: a.status,
        })),
        reviews: reviewsOf.get(s._id) ?? [],
        appeals: appealsOf.get(s._id) ?? [],
        laterStarts: (later.get(s.customerId) ?? []).filter((t) => t > s.startedAt && t <= fcrWindowEnd(s, hours)),
      };
      out.push(factsOf(s, raw, hours, at));
    }
  }
  return out;
}

/**
 * Recomputes one day's documents from the raw sessions: every closed, scored session of the
 * day read again, its contribution stored, the day's documents replaced by the sums.
 */
export async function rebuildDay(day: string, at: number = now()): Promise<number> {
  const sessions = await closedSessionsOfDay(day);
  const sums = new Map<string, Increments>();
  const db = database();
  await removeWhere(COLLECTIONS.reportContribs, { day });
  for (const facts of await sessionFactsMany(sessions, at)) {
    const c = contributionOf(facts, at);
    const { _id, ...fields } = c;
    await db.collection(COLLECTIONS.reportContribs).doc(_id).set({ data: fields });
    for (const id of c.slots) sums.set(id, addStats(sums.get(id) ?? {}, c.stats));
  }
  await removeWhere(COLLECTIONS.reportRollups, { level: 'd', period: day });
  for (const [id, stats] of sums)
    await db
      .collection(COLLECTIONS.reportRollups)
      .doc(id)
      .set({ data: docOf(slotFromId(id), stats) });
  return sessions.length;
}

/**
 * A week's or month's documents as the sum of its day documents up to `throughDay` (the days
 * after it are added by readers). Replaces what was there.
 */
export async function buildPeriod(period: Period, throughDay: string, at: number = now()): Promise<void> {
  const level = period.kind === 'week' ? 'w' : 'm';
  const last = throughDay < period.last ? throughDay : period.last;
  const sums = new Map<string, { slot: RollupSlot; stats: Increments }>();
  const days = last >= period.first ? daysBetween(period.first, last) : [];
  for (const day of days) {
    for (let skip = 0; ; skip += 1000) {
      const page = await rows<RollupDoc>(
        database().collection(COLLECTIONS.reportRollups).where({ level: 'd', period: day }).skip(skip).limit(1000),
      );
      for (const doc of page) {
        const slot: RollupSlot = { level, period: period.key, in: doc.in, dim: doc.dim, value: doc.value };
        const id = slotId(slot);
        const entry = sums.get(id) ?? { slot, stats: {} };
        addStats(entry.stats, statsOf(doc));
        sums.set(id, entry);
      }
      if (page.length < 1000) break;
    }
  }
  const db = database();
  await removeWhere(COLLECTIONS.reportRollups, { level, period: period.key });
  for (const [id, { slot, stats }] of sums)
    await db
      .collection(COLLECTIONS.reportRollups)
      .doc(id)
      .set({ data: docOf(slot, stats) });
  const build: Omit<PeriodBuild, '_id'> = { kind: 'build', throughDay: last, builtAt: at };
  await db.collection(COLLECTIONS.reportMeta).doc(buildId(level, period.key)).set({ data: build });
}

export interface NightlyResult {
  ran: boolean;
  days: string[];
  sessions: number;
  periods: string[];
}

/** The nightly job runs once per China day, from this hour (China time) on. */
export const NIGHTLY_FROM_HOUR = 2;

/**
 * Once per China day after 02:00: recompute yesterday and the day before from raw data, then
 * rebuild the weeks and months holding them and every dirty day. `force` runs it regardless
 * (tests, the command line).
 */
export async function nightlyReports(at: number = now(), opts: { force?: boolean } = {}): Promise<NightlyResult> {
  const today = dayKey(at);
  const hour = new Date(at + 8 * 3600_000).getUTCHours();
  const db = database();
  if (!opts.force) {
    if (hour < NIGHTLY_FROM_HOUR) return { ran: false, days: [], sessions: 0, periods: [] };
    const claimed = await db.runTransaction(async (t: Transaction) => {
      const mark = await readInTransaction<{ lastDay: string }>(t, COLLECTIONS.reportMeta, 'nightly');
      if (mark?.lastDay === today) return false;
      await t
        .collection(COLLECTIONS.reportMeta)
        .doc('nightly')
        .set({ data: { kind: 'nightly', lastDay: today, at } });
      return true;
    });
    if (!claimed) return { ran: false, days: [], sessions: 0, periods: [] };
  }
  const yesterday = addDays(today, -1);
  const days = [addDays(today, -2), yesterday];
  let sessions = 0;
  for (const day of days) sessions += await rebuildDay(day, at);
  const dirty = await rows<{ _id: string; day: string }>(
    db.collection(COLLECTIONS.reportMeta).where({ kind: 'dirty' }).limit(1000),
  );
  const touched = new Set([...days, ...dirty.map((d) => d.day)]);
  const periods = new Map<string, Period>();
  for (const day of touched) {
    for (const kind of ['week', 'month'] as const) {
      const p = periodOf(kind, day);
      periods.set(`${kind}:${p.key}`, p);
    }
  }
  for (const p of periods.values()) await buildPeriod(p, yesterday, at);
  for (const d of dirty) await db.collection(COLLECTIONS.reportMeta).doc(d._id).remove();
  return { ran: true, days, sessions, periods: [...periods.keys()] };
}
