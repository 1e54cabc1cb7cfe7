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
 */
import type { Session, StoredScore } from '../core/model';
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
import { COLLECTIONS, database, now, readInTransaction, rows, type Transaction } from './cloud';
import { listMessages } from './messages.repository';
import { getScore } from './scores.repository';
import { getSession } from './sessions.repository';

export interface StoredContribution {
  _id: string;
  day: string;
  slots: string[];
  stats: Increments;
  recordedAt: number;
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

/** The raw facts of a closed, scored session; null for one that is not (yet) counted. */
export async function sessionFacts(session: Session): Promise<SessionFacts | null> {
  if (session.status !== 'closed' || !session.score) return null;
  const [messages, score, alerts] = await Promise.all([
    listMessages(session._id),
    getScore(session._id),
    rows<{ policy: string }>(
      database().collection(COLLECTIONS.alerts).where({ sessionId: session._id }).field({ policy: true }).limit(100),
    ),
  ]);
  if (!score) return null;
  return {
    sessionId: session._id,
    channel: session.channel,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    agentId: session.agentId,
    team: session.team,
    issueType: session.issueType,
    businessLine: session.businessLine,
    rating: session.rating,
    messages: messages.map((m) => ({ role: m.role, at: m.at })),
    score,
    alertPolicies: alerts.map((a) => a.policy),
  };
}

export function contributionOf(f: SessionFacts, at: number): StoredContribution {
  return {
    _id: f.sessionId,
    day: dayKey(f.startedAt),
    slots: contributionSlots(f).map(slotId),
    stats: sessionContribution(f),
    recordedAt: at,
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
export async function recordSessionReport(sessionId: string, at: number = now()): Promise<boolean> {
  const session = await getSession(sessionId);
  if (!session) return false;
  const facts = await sessionFacts(session);
  const next = facts ? contributionOf(facts, at) : null;
  return database().runTransaction(async (t: Transaction) => {
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
  });
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

/**
 * The raw facts of many closed sessions at once: their messages, scores and alerts read by
 * `sessionId in [...]` in batches, so recomputing a day costs a few queries per 50 sessions
 * rather than three per session. The same facts `sessionFacts` reads one session at a time.
 */
export async function sessionFactsMany(sessions: readonly Session[]): Promise<SessionFacts[]> {
  const out: SessionFacts[] = [];
  const counted = sessions.filter((s) => s.status === 'closed' && s.score);
  for (let i = 0; i < counted.length; i += FACTS_BATCH) {
    const batch = counted.slice(i, i + FACTS_BATCH);
    const ids = batch.map((s) => s._id);
    const [messages, scores, alerts] = await Promise.all([
      pagedIn<{ sessionId: string; role: string; at: number; _id: string }>(COLLECTIONS.messages, ids, {
        sessionId: true,
        role: true,
        at: true,
      }),
      pagedIn<StoredScore>(COLLECTIONS.scores, ids),
      pagedIn<{ sessionId: string; policy: string }>(COLLECTIONS.alerts, ids, { sessionId: true, policy: true }),
    ]);
    const group = <T extends { sessionId: string }>(xs: T[]) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(x.sessionId, [...(m.get(x.sessionId) ?? []), x]);
      return m;
    };
    const msgs = group(messages);
    const scoresOf = group(scores);
    const alertsOf = group(alerts);
    for (const s of batch) {
      // The session's latest score, as getScore reads it.
      const score = (scoresOf.get(s._id) ?? []).sort((a, b) => b.scoredAt - a.scoredAt)[0];
      if (!score) continue;
      out.push({
        sessionId: s._id,
        channel: s.channel,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        agentId: s.agentId,
        team: s.team,
        issueType: s.issueType,
        businessLine: s.businessLine,
        rating: s.rating,
        messages: (msgs.get(s._id) ?? [])
          .sort((a, b) => a.at - b.at || a._id.localeCompare(b._id))
          .map((m) => ({ role: m.role, at: m.at })),
        score,
        alertPolicies: (alertsOf.get(s._id) ?? []).map((a) => a.policy),
      });
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
  for (const facts of await sessionFactsMany(sessions)) {
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
