import type { SessionListFilters } from '@core/api.contract';
import type { Channel } from '@core/model';

const DAY = 86_400_000;

export type TimeRange = 'today' | '7d' | '30d';
export type ScoreBand = 'low' | 'mid' | 'high';
export type Outcome = 'passed' | 'failed';

/** What the filter sheet chose; null everywhere means 「全部」. */
export interface SessionFilterChoice {
  agentId: string | null;
  time: TimeRange | null;
  channel: Channel | null;
  issueType: string | null;
  score: ScoreBand | null;
  outcome: Outcome | null;
  alerted: boolean;
}

export const NO_FILTER: SessionFilterChoice = {
  agentId: null,
  time: null,
  channel: null,
  issueType: null,
  score: null,
  outcome: null,
  alerted: false,
};

const SCORE_BANDS: Record<ScoreBand, { scoreMin?: number; scoreMax?: number }> = {
  low: { scoreMax: 59.99 },
  mid: { scoreMin: 60, scoreMax: 79.99 },
  high: { scoreMin: 80 },
};

/** Local midnight of `now`'s day: 「今天」 is the calendar day on the phone. */
function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The `sessions/list` parameters a choice stands for (time ranges on `startedAt`). */
export function filterParams(choice: SessionFilterChoice, now: number): SessionListFilters {
  const p: SessionListFilters = {};
  if (choice.agentId) p.agentId = choice.agentId;
  if (choice.time === 'today') p.from = startOfDay(now);
  else if (choice.time === '7d') p.from = now - 7 * DAY;
  else if (choice.time === '30d') p.from = now - 30 * DAY;
  if (choice.channel) p.channel = choice.channel;
  if (choice.issueType) p.issueType = choice.issueType;
  if (choice.score) Object.assign(p, SCORE_BANDS[choice.score]);
  if (choice.outcome) p.passed = choice.outcome === 'passed';
  if (choice.alerted) p.alerted = true;
  return p;
}

/** How many filters are set (shown on the 筛选 button). */
export function filterCount(choice: SessionFilterChoice): number {
  return (Object.keys(choice) as Array<keyof SessionFilterChoice>).filter((k) => choice[k] !== NO_FILTER[k]).length;
}
