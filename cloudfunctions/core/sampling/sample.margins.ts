/**
 * What a plan's sample says about each agent: the margin of error at 95% confidence of the
 * agent's inspected pass rate (Wilson) and mean score (t), both with the finite-population
 * correction for the agent's sessions in the period; and the sample size per agent that reaches
 * a target margin. Before inspection the margins are previews: they use the automatic scores'
 * pass rate and spread as the best guess of what inspectors will find.
 */
import { meanInterval, passRateInterval, sampleSizeForMeanScore, sampleSizeForPassRate } from '../stats/sampling';

export interface AgentStratum {
  agentId: string;
  /** The agent's sessions in the period (the finite population). */
  population: number;
  /** Sessions of this agent in the sample. */
  sampled: number;
  /** Expected pass rate (automatic, or inspected so far); 0.5 when unknown, the widest case. */
  passRate?: number;
  /** Expected standard deviation of scores; 10 points when unknown. */
  scoreSd?: number;
}

export interface AgentMargin {
  agentId: string;
  population: number;
  sampled: number;
  /** ± proportion (0.05 = ±5 points of pass rate). */
  passRateMargin: number;
  /** ± score points. */
  meanScoreMargin: number;
}

const DEFAULT_SD = 10;

export function agentMargins(strata: readonly AgentStratum[]): AgentMargin[] {
  return strata.map((s) => {
    const p = s.passRate ?? 0.5;
    const n = Math.min(s.sampled, s.population);
    const k = Math.round(p * n);
    return {
      agentId: s.agentId,
      population: s.population,
      sampled: n,
      passRateMargin: n === 0 ? 0.5 : passRateInterval(k, n, s.population).margin,
      meanScoreMargin: meanInterval({ n, mean: 0, sd: s.scoreSd ?? DEFAULT_SD }, s.population).margin,
    };
  });
}

/** Per agent, how many sessions reach the target margins (the larger of the two demands). */
export function sizeForTarget(
  strata: readonly Omit<AgentStratum, 'sampled'>[],
  target: { meanScorePoints?: number; passRatePoints?: number },
): { agentId: string; population: number; needed: number }[] {
  return strata.map((s) => {
    const forMean =
      target.meanScorePoints === undefined
        ? 0
        : sampleSizeForMeanScore({
            margin: target.meanScorePoints,
            sd: s.scoreSd ?? DEFAULT_SD,
            populationSize: s.population,
          });
    const forRate =
      target.passRatePoints === undefined
        ? 0
        : sampleSizeForPassRate({
            margin: target.passRatePoints / 100,
            p: s.passRate ?? 0.5,
            populationSize: s.population,
          });
    return { agentId: s.agentId, population: s.population, needed: Math.min(s.population, Math.max(forMean, forRate)) };
  });
}

/** What the inspected sessions of one agent say so far (the scores inspectors gave). */
export interface InspectedFigures {
  /** Sessions inspected (reviews submitted) of the agent's `population`. */
  n: number;
  passRate: number;
  passRateLow: number;
  passRateHigh: number;
  mean: number;
  /** The t-interval needs two scores: null below that. */
  meanLow: number | null;
  meanHigh: number | null;
}

/**
 * The agent's inspected pass rate (Wilson) and mean score (t) with their 95% intervals, each
 * with the finite-population correction for the agent's `population` sessions in the period;
 * null before any session is inspected. Scores are the inspectors' (after appeals, if decided).
 */
export function inspectedFigures(
  population: number,
  scores: readonly { total: number; passed: boolean }[],
): InspectedFigures | null {
  const n = scores.length;
  if (n === 0) return null;
  const k = scores.filter((s) => s.passed).length;
  const rate = passRateInterval(k, n, Math.max(population, n));
  const mean = scores.reduce((a, s) => a + s.total, 0) / n;
  const sd = n > 1 ? Math.sqrt(scores.reduce((a, s) => a + (s.total - mean) ** 2, 0) / (n - 1)) : 0;
  const t = meanInterval({ n, mean, sd }, Math.max(population, n));
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    n,
    passRate: rate.estimate,
    passRateLow: rate.low,
    passRateHigh: rate.high,
    mean,
    meanLow: finite(t.low),
    meanHigh: finite(t.high),
  };
}
