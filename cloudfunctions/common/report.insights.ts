/**
 * The insights job (issue 15): hot topics and drivers, computed from raw data by the sweep
 * timer and stored in `reportInsights` (pure parts: core/reports/report.insights.ts).
 *
 * Once per China day after 02:00 (like the rollups' nightly job) the job brings the day
 * documents of the last 90 days up to date: a day never computed, and the last two days again
 * (sessions started late close after midnight; ratings come late); its mark (`job`) notes when
 * each day was computed. The work is bounded per timer run (SESSION_BUDGET sessions, whole
 * days): a fresh store or a large backlog is caught up over several runs, newest day first; a
 * stretch of days without a closed session costs one count. Days with sessions get documents. When every day is there, each scope's topics (7 and
 * 30 days) and drivers (90 days) are built from the day documents and the day is marked done.
 * Running it again, or two runs at once, writes the same documents (each is set by its id).
 *
 * Not seen: a rating or re-scoring that arrives more than two days after the session started
 * (its day document is not recomputed). Days older than the window are removed.
 */
import { dayKey } from '../core/rollups/rollup.counters';
import { addDays } from '../core/reports/report.periods';
import {
  driversOf,
  EVERYONE,
  insightDays,
  insightWindow,
  topicsOf,
  TOPIC_WINDOWS,
  type InsightDay,
  type InsightSession,
  type TopicWindow,
} from '../core/reports/report.insights';
import { COLLECTIONS, database, now, rows, byId } from './cloud';
import { listMessagesOf } from './messages.repository';
import { latestScoresOf } from './scores.repository';
import { closedSessionsAfter, countClosedSessions } from './sessions.repository';

/** Sessions read per timer run at most (whole days: a day is finished once started). */
export const SESSION_BUDGET = 2000;
/** An empty day still costs a query: counted as this many sessions. */
const DAY_COST = 20;
const PAGE = 200;
/** From this hour (China time) on, as the rollups' nightly job. */
export const INSIGHTS_FROM_HOUR = 2;

const collection = () => database().collection(COLLECTIONS.reportInsights);

const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** Reads one day's closed sessions with their messages and latest scores, and stores its documents. */
export async function computeInsightDay(day: string, at: number = now()): Promise<number> {
  const from = dayStart(day);
  const to = dayStart(addDays(day, 1));
  const sessions: InsightSession[] = [];
  let cursor: { startedAt: number; sessionId: string } | null = null;
  for (;;) {
    const page = await closedSessionsAfter(from, to, cursor, PAGE);
    if (page.length === 0) break;
    const scored = page.filter((s) => s.score);
    const ids = scored.map((s) => s._id);
    const [messages, scores] = await Promise.all([listMessagesOf(ids), latestScoresOf(ids)]);
    for (const s of scored) {
      const score = scores.get(s._id);
      if (!score) continue;
      sessions.push({
        id: s._id,
        team: s.team,
        agentIds: s.agentIds,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        passed: score.passed,
        rating: s.rating,
        hits: score.hits,
        messages: (messages.get(s._id) ?? []).map((m) => ({ role: m.role, at: m.at, text: m.text ?? '' })),
      });
    }
    const last = page[page.length - 1];
    cursor = { startedAt: last.startedAt, sessionId: last._id };
    if (page.length < PAGE) break;
  }
  await collection().where({ kind: 'day', day }).remove();
  for (const doc of insightDays(day, sessions, at)) {
    const { _id, ...fields } = doc;
    await collection().doc(_id).set({ data: fields });
  }
  return sessions.length;
}

async function dayDocs(first: string): Promise<InsightDay[]> {
  const _ = database().command;
  const out: InsightDay[] = [];
  for (;;) {
    const page = await rows<InsightDay>(
      collection()
        .where({ kind: 'day', day: _.gte(first) })
        .orderBy('_id', 'asc')
        .skip(out.length)
        .limit(100),
    );
    out.push(...page);
    if (page.length < 100) return out;
  }
}

export interface InsightsRun {
  ran: boolean;
  /** Days computed this run. */
  days: string[];
  /** Whether the results were built (every day of the window is up to date). */
  built: boolean;
}

/** The job's mark: the day it last ran for, whether it finished, and when each day was computed. */
interface JobMark {
  kind: 'job';
  forDay: string;
  done: boolean;
  at: number;
  computed: Record<string, number>;
}

/** One timer run of the job (see the header). `force` ignores the hour and the done mark. */
export async function runInsights(
  at: number = now(),
  opts: { force?: boolean; budget?: number } = {},
): Promise<InsightsRun> {
  const today = dayKey(at);
  const idle = { ran: false, days: [], built: false };
  const mark = await byId<JobMark>(COLLECTIONS.reportInsights, 'job');
  if (!opts.force) {
    if (new Date(at + 8 * 3600_000).getUTCHours() < INSIGHTS_FROM_HOUR) return idle;
    if (mark?.forDay === today && mark.done) return idle;
  }
  const yesterday = addDays(today, -1);
  const window = insightWindow(yesterday);
  const computed: Record<string, number> = Object.fromEntries(
    Object.entries(mark?.computed ?? {}).filter(([d]) => d >= window[0]),
  );
  const recent = addDays(today, -2);
  const todo = window
    .filter((d) => computed[d] === undefined || (d >= recent && computed[d] < dayStart(today)))
    .sort((a, b) => b.localeCompare(a));
  const _ = database().command;
  const days: string[] = [];
  if (
    todo.length > 0 &&
    (await countClosedSessions(dayStart(todo[todo.length - 1]), dayStart(addDays(todo[0], 1)))) === 0
  ) {
    // Nothing closed in the days to do (a new store, a quiet spell): one count instead of a walk.
    await collection()
      .where({ kind: 'day', day: _.in(todo) })
      .remove();
    for (const d of todo) computed[d] = at;
  } else {
    const budget = opts.budget ?? SESSION_BUDGET;
    let spent = 0;
    for (const day of todo) {
      if (spent >= budget) break;
      spent += DAY_COST + (await computeInsightDay(day, at));
      computed[day] = at;
      days.push(day);
    }
  }
  const done = todo.every((d) => computed[d] === at);
  const markDoc = collection().doc('job');
  const save = (finished: boolean) =>
    markDoc.set({ data: { kind: 'job', forDay: today, done: finished, at, computed } satisfies JobMark });
  if (!done) {
    await save(false);
    return { ran: true, days, built: false };
  }
  const all = await dayDocs(window[0]);
  const scopes = [...new Set([EVERYONE, ...all.map((d) => d.scope)])];
  for (const scope of scopes) {
    const results = [
      ...(Object.keys(TOPIC_WINDOWS) as TopicWindow[]).map((w) => topicsOf(scope, w, yesterday, all, at)),
      driversOf(scope, yesterday, all, at),
    ];
    for (const { _id, ...fields } of results) await collection().doc(_id).set({ data: fields });
  }
  await collection()
    .where({ kind: 'day', day: _.lt(window[0]) })
    .remove();
  await save(true);
  return { ran: true, days, built: true };
}

/** A stored result (`topics:<scope>:<window>`, `drivers:<scope>`), or null before the job built it. */
export async function readInsight<T>(id: string): Promise<T | null> {
  return byId<T>(COLLECTIONS.reportInsights, id);
}
