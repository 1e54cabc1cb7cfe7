/**
 * A sampling plan (`samplingPlans`): what to draw (kind, filters, size or target margin), from
 * which period, for which inspectors, and how often. One-off plans draw once when created;
 * recurring plans draw again once per period from the `sweep` timer (`lastRunKey` makes a
 * second firing in the same period a no-op). Pure: the period arithmetic lives here.
 */
import type { AssignMode } from './sample.assign';
import type { RiskWeights } from './sample.select';

export type PlanKind = 'random' | 'targeted' | 'stratified' | 'risk';
export type Recurrence = 'none' | 'daily' | 'weekly' | 'monthly';

export interface PlanFilters {
  agentId?: string;
  team?: string;
  channel?: string;
  issueType?: string;
  businessLine?: string;
  scoreMin?: number;
  scoreMax?: number;
  passed?: boolean;
  ruleHit?: string;
  hasAlert?: boolean;
}

export interface PlanSize {
  /** Share of the candidates (random, risk) or of each agent's sessions (stratified), 0..1. */
  share?: number;
  /** Count for the whole draw (random, risk) or per agent (stratified). */
  count?: number;
  /**
   * Target margins (± points at 95%): of each agent's mean score and/or pass rate. When set, the
   * draw is sized per agent to reach them (share and count are then ignored).
   */
  target?: { meanScorePoints?: number; passRatePoints?: number };
}

export interface SamplingPlan {
  _id: string;
  name: string;
  kind: PlanKind;
  filters: PlanFilters;
  size: PlanSize;
  riskWeights?: RiskWeights;
  /** Risk plans: a score below this counts as `lowScore`. */
  lowScoreBelow?: number;
  /** The first (or one-off) period, epoch ms [from, to). */
  period: { from: number; to: number };
  recurrence: Recurrence;
  inspectorIds: string[];
  assignMode: AssignMode;
  /** Per inspector for `weighted`; teams per inspector for `by-team`. */
  inspectorWeights?: Record<string, number>;
  inspectorTeams?: Record<string, string[]>;
  /** Most tasks one draw creates. */
  cap?: number;
  /** Most open tasks one inspector may hold (all plans). */
  inspectorCap?: number;
  dueDays: number;
  seed: string;
  /** The team the plan draws from (a supervisor's plans: their team). */
  team?: string;
  createdBy: string;
  createdAt: number;
  /** Period key of the latest draw (recurring plans). */
  lastRunKey?: string;
  runs: number;
  drawn: number;
  unassigned: number;
}

const CN_OFFSET = 8 * 3600_000;
const DAY = 86400_000;

/** Midnight (China time) of the day holding `t`. */
export function dayStart(t: number): number {
  return Math.floor((t + CN_OFFSET) / DAY) * DAY - CN_OFFSET;
}

/** The period key of `now` for a recurrence: a day, a week (its Monday) or a month. */
export function runKeyOf(recurrence: Recurrence, now: number): string {
  const d = new Date(dayStart(now) + CN_OFFSET);
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  switch (recurrence) {
    case 'daily':
      return iso(d);
    case 'weekly': {
      const back = (d.getUTCDay() + 6) % 7;
      return `W${iso(new Date(d.getTime() - back * DAY))}`;
    }
    case 'monthly':
      return iso(d).slice(0, 7);
    default:
      return 'once';
  }
}

/** The period a recurring run at `now` draws from: the whole previous day, week or month. */
export function previousPeriod(recurrence: Recurrence, now: number): { from: number; to: number } {
  const today = dayStart(now);
  switch (recurrence) {
    case 'weekly': {
      const back = (new Date(today + CN_OFFSET).getUTCDay() + 6) % 7;
      const monday = today - back * DAY;
      return { from: monday - 7 * DAY, to: monday };
    }
    case 'monthly': {
      const d = new Date(today + CN_OFFSET);
      const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - CN_OFFSET;
      const prev = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) - CN_OFFSET;
      return { from: prev, to: first };
    }
    default:
      return { from: today - DAY, to: today };
  }
}
