/**
 * Hot topics and drivers as the nightly job stores them (`reportInsights`), pure: one document
 * per China day and scope (everyone `*`, or a team) holding that day's problem-session term
 * counts and rated-session driver patterns, and the results built from those days: topics for
 * the last 7 and 30 days against the 7 and 30 before, drivers over the last 90 days.
 *
 * Day documents are small sums (term counts, pattern counts, a few session ids each), so a
 * result is built from at most 90 documents per scope, never from the sessions again.
 */
import type { Rating } from '../model';
import { replyTimesMs } from './report.contribution';
import { addDays, daysBetween } from './report.periods';
import {
  addPatterns,
  analyseDrivers,
  BEHAVIOUR_LABELS,
  FEATURE_IDS,
  FEATURE_IDS_PER_DAY,
  patternOf,
  type DriverOutcome,
  type DriverPattern,
} from './report.drivers';
import {
  countTerms,
  hotTopics,
  problemReasons,
  sumTerms,
  topicTerms,
  type TermCount,
  type TermRise,
} from './report.topics';

/** The scope of everyone's sessions (a team's documents use the team's name). */
export const EVERYONE = '*';
/** Drivers look back this many days (through yesterday). */
export const DRIVER_DAYS = 90;
/** Topic windows: the last N days against the N days before. */
export const TOPIC_WINDOWS = { week: 7, month: 30 } as const;
export type TopicWindow = keyof typeof TOPIC_WINDOWS;

/** What a day's document is computed from: one closed, scored session with its messages. */
export interface InsightSession {
  id: string;
  team?: string;
  agentIds: readonly string[];
  startedAt: number;
  endedAt?: number;
  passed: boolean;
  rating?: Rating;
  hits: readonly { ruleId: string; ruleName?: string; points: number; redLine?: boolean }[];
  messages: readonly { role: string; at: number; text: string }[];
}

export interface FeatureSample {
  f: string;
  ids: string[];
}

export interface InsightDay {
  _id: string;
  kind: 'day';
  day: string;
  scope: string;
  computedAt: number;
  /** Closed, scored sessions of the day, and the problem sessions among them. */
  sessions: number;
  problem: number;
  terms: TermCount[];
  /** Rated sessions (a CSAT) and their driver patterns. */
  rated: number;
  patterns: DriverPattern[];
  /** A few sessions per feature that had it and a bad outcome (low CSAT or unresolved). */
  samples: FeatureSample[];
  ruleNames: { id: string; name: string }[];
}

export const dayDocId = (day: string, scope: string) => `day:${day}|${scope}`;
export const topicsDocId = (scope: string, window: TopicWindow) => `topics:${scope}:${window}`;
export const driversDocId = (scope: string) => `drivers:${scope}`;

const failed = (h: InsightSession['hits'][number]) => h.points < 0 || h.redLine === true;

/** The day's documents: everyone's, and one per team with sessions that day. */
export function insightDays(day: string, sessions: readonly InsightSession[], at: number): InsightDay[] {
  const scopes = new Map<string, InsightSession[]>([[EVERYONE, []]]);
  for (const s of sessions) {
    scopes.get(EVERYONE)!.push(s);
    if (s.team) scopes.set(s.team, [...(scopes.get(s.team) ?? []), s]);
  }
  // Each session's terms and pattern once, shared by its scopes.
  const terms = new Map<string, string[]>();
  const patterns = new Map<string, DriverPattern>();
  const names = new Map<string, string>();
  for (const s of sessions) {
    if (problemReasons({ score: { passed: s.passed }, rating: s.rating }).length > 0)
      terms.set(s.id, topicTerms(s.messages.filter((m) => m.role === 'customer').map((m) => m.text)));
    for (const h of s.hits) if (h.ruleName) names.set(h.ruleId, h.ruleName);
    if (s.rating?.csat === undefined) continue;
    const ordered = [...s.messages].sort((a, b) => a.at - b.at);
    const first = replyTimesMs(ordered)[0];
    patterns.set(
      s.id,
      patternOf({
        csat: s.rating.csat,
        resolved: s.rating.resolved,
        failedRules: s.hits.filter(failed).map((h) => h.ruleId),
        firstResponseS: first === undefined ? undefined : Math.round(first / 1000),
        handleS: s.endedAt === undefined ? undefined : Math.round((s.endedAt - s.startedAt) / 1000),
        transferred: new Set(s.agentIds).size > 1,
      }),
    );
  }
  return [...scopes].map(([scope, members]): InsightDay => {
    const rated = members.filter((s) => patterns.has(s.id));
    const samples = new Map<string, string[]>();
    for (const s of rated) {
      const p = patterns.get(s.id)!;
      if (!p.low && p.res !== 'n') continue;
      for (const f of p.f) {
        const ids = samples.get(f) ?? [];
        if (ids.length < FEATURE_IDS_PER_DAY) samples.set(f, [...ids, s.id]);
      }
    }
    const usedRules = new Set(rated.flatMap((s) => patterns.get(s.id)!.f));
    return {
      _id: dayDocId(day, scope),
      kind: 'day',
      day,
      scope,
      computedAt: at,
      sessions: members.length,
      problem: members.filter((s) => terms.has(s.id)).length,
      terms: countTerms(members.filter((s) => terms.has(s.id)).map((s) => ({ id: s.id, terms: terms.get(s.id)! }))),
      rated: rated.length,
      patterns: [
        ...addPatterns(
          new Map(),
          rated.map((s) => patterns.get(s.id)!),
        ).values(),
      ],
      samples: [...samples].map(([f, ids]) => ({ f, ids })),
      ruleNames: [...names]
        .filter(([id]) => usedRules.has(`rule:${id}`))
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
  });
}

/** A day range, China days inclusive, with its epoch-ms range [from, to) for the drill-down. */
export interface DayRange {
  first: string;
  last: string;
  from: number;
  to: number;
}

export function dayRange(first: string, last: string): DayRange {
  return {
    first,
    last,
    from: Date.parse(`${first}T00:00:00+08:00`),
    to: Date.parse(`${addDays(last, 1)}T00:00:00+08:00`),
  };
}

export type Topic = TermRise & { ids: string[] };

export interface TopicsInsight {
  _id: string;
  kind: 'topics';
  scope: string;
  window: TopicWindow;
  current: DayRange;
  previous: DayRange;
  /** Problem sessions in each window. */
  problem: { current: number; previous: number };
  topics: Topic[];
  computedAt: number;
}

/** Topics of one scope for the window ending `last` (yesterday) against the window before it. */
export function topicsOf(
  scope: string,
  window: TopicWindow,
  last: string,
  days: readonly InsightDay[],
  at: number,
): TopicsInsight {
  const n = TOPIC_WINDOWS[window];
  const current = dayRange(addDays(last, -(n - 1)), last);
  const previous = dayRange(addDays(last, -(2 * n - 1)), addDays(last, -n));
  const within = (r: DayRange) => days.filter((d) => d.scope === scope && d.day >= r.first && d.day <= r.last);
  const cur = sumTerms(within(current).map((d) => d.terms));
  const prev = sumTerms(within(previous).map((d) => d.terms));
  const counts = (m: Map<string, TermCount>) => new Map([...m].map(([t, c]) => [t, c.n]));
  const problem = (r: DayRange) => within(r).reduce((s, d) => s + d.problem, 0);
  return {
    _id: topicsDocId(scope, window),
    kind: 'topics',
    scope,
    window,
    current,
    previous,
    problem: { current: problem(current), previous: problem(previous) },
    topics: hotTopics(counts(cur), counts(prev)).map((r) => ({ ...r, ids: cur.get(r.term)?.ids ?? [] })),
    computedAt: at,
  };
}

export interface DriversInsight {
  _id: string;
  kind: 'drivers';
  scope: string;
  range: DayRange;
  /** Rated sessions in the window (each outcome's model has its own `n`). */
  rated: number;
  outcomes: DriverOutcome[];
  /** Display names of the features shown. */
  labels: { feature: string; label: string }[];
  samples: FeatureSample[];
  computedAt: number;
}

export function featureLabel(feature: string, ruleNames: ReadonlyMap<string, string>): string {
  if (feature.startsWith('rule:')) {
    const id = feature.slice(5);
    return `规则未通过：${ruleNames.get(id) ?? id}`;
  }
  return BEHAVIOUR_LABELS[feature] ?? feature;
}

/** Drivers of one scope over the DRIVER_DAYS days ending `last`. */
export function driversOf(scope: string, last: string, days: readonly InsightDay[], at: number): DriversInsight {
  const range = dayRange(addDays(last, -(DRIVER_DAYS - 1)), last);
  const mine = days.filter((d) => d.scope === scope && d.day >= range.first && d.day <= range.last);
  const patterns = [
    ...addPatterns(
      new Map(),
      mine.flatMap((d) => d.patterns),
    ).values(),
  ];
  const outcomes = [analyseDrivers(patterns, 'lowCsat'), analyseDrivers(patterns, 'unresolved')];
  const names = new Map(mine.flatMap((d) => d.ruleNames.map((r) => [r.id, r.name] as const)));
  const shown = new Set(outcomes.flatMap((o) => o.rows.map((r) => r.feature)));
  const samples = new Map<string, string[]>();
  for (const d of [...mine].sort((a, b) => b.day.localeCompare(a.day)))
    for (const s of d.samples) {
      if (!shown.has(s.f)) continue;
      const ids = samples.get(s.f) ?? [];
      samples.set(s.f, [...ids, ...s.ids.filter((id) => !ids.includes(id))].slice(0, FEATURE_IDS));
    }
  return {
    _id: driversDocId(scope),
    kind: 'drivers',
    scope,
    range,
    rated: mine.reduce((s, d) => s + d.rated, 0),
    outcomes,
    labels: [...shown].sort().map((feature) => ({ feature, label: featureLabel(feature, names) })),
    samples: [...samples].map(([f, ids]) => ({ f, ids })),
    computedAt: at,
  };
}

/** The days the job keeps: the drivers' window, which holds both topic windows (2 × 30 ≤ 90). */
export function insightWindow(last: string): string[] {
  return daysBetween(addDays(last, -(DRIVER_DAYS - 1)), last);
}

/** What `reports/topics` answers: the stored topics without their session ids (`sampled`: how many kept). */
export type TopicsView = Omit<TopicsInsight, '_id' | 'topics'> & {
  topics: (TermRise & { sampled: number })[];
};

/** What `reports/drivers` answers: the stored drivers without session ids, and the threshold. */
export type DriversView = Omit<DriversInsight, '_id' | 'samples'> & { minRated: number };

export function topicsView(doc: TopicsInsight): TopicsView {
  const { _id, topics, ...rest } = doc;
  return { ...rest, topics: topics.map(({ ids, ...t }) => ({ ...t, sampled: ids.length })) };
}

export function driversView(doc: DriversInsight, minRated: number): DriversView {
  const { _id, samples: _samples, ...rest } = doc;
  return { ...rest, minRated };
}
