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
