/**
 * Which sessions a sampling plan puts in front of inspectors. Pure and deterministic: the same
 * plan seed over the same candidates always draws the same sample, so a draw can be re-run after
 * an interruption, audited and explained. The caller queries the candidates (the plan's filters:
 * agent, team, time window, channel, issue type, score range, ...) and passes the sessions the
 * plan already holds, which are never drawn again.
 *
 * Kinds:
 * - `random`: a share (or a count) of the candidates, uniformly;
 * - `targeted`: every candidate the filters let through, up to the cap (the filters do the work);
 * - `stratified`: N or a share per agent, spread over the period (each agent's sessions in time
 *   order are cut into equal slices and one is drawn from each slice);
 * - `risk`: weighted sampling without replacement (Efraimidis-Spirakis keys u^(1/w)), where a
 *   session's weight is 1 plus the weights of the risk signals it shows; the weights are returned
 *   with the sample so the screen can show why a session was picked.
 */

export interface SampleCandidate {
  sessionId: string;
  agentId?: string;
  team?: string;
  /** Epoch ms the session closed (or started): orders the stratified slices. */
  at: number;
  score?: number;
  passed?: boolean;
  redLine?: boolean;
  customerNegative?: boolean;
  unresolved?: boolean;
  alerted?: boolean;
}

export const RISK_SIGNALS = ['lowScore', 'redLine', 'customerNegative', 'unresolved', 'alerted'] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

/** Extra weight per signal; a session with none weighs 1. */
export type RiskWeights = Partial<Record<RiskSignal, number>>;

export const DEFAULT_RISK_WEIGHTS: Readonly<Required<RiskWeights>> = Object.freeze({
  lowScore: 3,
  redLine: 5,
  customerNegative: 2,
  unresolved: 2,
  alerted: 2,
});

export type SampleSpec =
  | { kind: 'random'; share?: number; count?: number }
  | { kind: 'targeted' }
  | { kind: 'stratified'; perAgent: { count?: number; share?: number } }
  | { kind: 'risk'; share?: number; count?: number; weights?: RiskWeights; lowScoreBelow?: number };

export interface SampleOptions {
  /** Makes the draw reproducible; a plan keeps its seed. */
  seed: string;
  /** At most this many sessions for the whole draw. */
  cap?: number;
  /** Sessions the plan already holds: never drawn twice. */
  exclude?: ReadonlySet<string>;
}

export interface SampledSession {
  sessionId: string;
  agentId?: string;
  team?: string;
  /** The risk weight (risk plans) and the signals behind it. */
  weight?: number;
  signals?: RiskSignal[];
}

/** A uniform number in (0, 1) from the seed and an id: FNV-1a, then murmur3's finaliser. */
export function uniformFor(seed: string, id: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}\u0000${id}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) + 0.5) / 4294967296;
}

function sizeOf(total: number, spec: { share?: number; count?: number }): number {
  if (spec.count !== undefined) return Math.min(total, Math.max(0, Math.floor(spec.count)));
  if (spec.share !== undefined) return Math.min(total, Math.ceil(total * Math.min(1, Math.max(0, spec.share))));
  return total;
}

export function riskOf(
  c: SampleCandidate,
  weights: RiskWeights,
  lowScoreBelow: number,
): { weight: number; signals: RiskSignal[] } {
  const signals: RiskSignal[] = [];
  if (c.score !== undefined && c.score < lowScoreBelow) signals.push('lowScore');
  if (c.redLine) signals.push('redLine');
  if (c.customerNegative) signals.push('customerNegative');
  if (c.unresolved) signals.push('unresolved');
  if (c.alerted) signals.push('alerted');
  const w = { ...DEFAULT_RISK_WEIGHTS, ...weights };
  return { weight: 1 + signals.reduce((s, k) => s + Math.max(0, w[k]), 0), signals };
}

const byKey =
  <T>(key: (x: T) => number) =>
  (a: T, b: T) =>
    key(a) - key(b);

export function selectSample(
  candidates: readonly SampleCandidate[],
  spec: SampleSpec,
  opts: SampleOptions,
): SampledSession[] {
  const seen = new Set(opts.exclude ?? []);
  const pool = candidates.filter((c) => {
    if (seen.has(c.sessionId)) return false;
    seen.add(c.sessionId); // a candidate listed twice is still one session
    return true;
  });
  const u = (c: SampleCandidate) => uniformFor(opts.seed, c.sessionId);
  const plain = (c: SampleCandidate): SampledSession => ({ sessionId: c.sessionId, agentId: c.agentId, team: c.team });
  let picked: SampledSession[];

  switch (spec.kind) {
    case 'random':
      picked = [...pool].sort(byKey(u)).slice(0, sizeOf(pool.length, spec)).map(plain);
      break;
    case 'targeted':
      picked = [...pool].sort((a, b) => a.at - b.at).map(plain);
      break;
    case 'stratified': {
      const byAgent = new Map<string, SampleCandidate[]>();
      for (const c of pool) {
        const k = c.agentId ?? '';
        byAgent.set(k, [...(byAgent.get(k) ?? []), c]);
      }
      // Each agent's draw in time order, then interleaved across agents so a cap trims every
      // agent a little rather than the agents whose ids sort last.
      const perAgent = [...byAgent.keys()].sort().map((agent) => {
        const sessions = byAgent.get(agent)!.sort((a, b) => a.at - b.at || a.sessionId.localeCompare(b.sessionId));
        const n = sizeOf(sessions.length, spec.perAgent);
        return Array.from({ length: n }, (_, slice) => {
          const inSlice = sessions.slice(
            Math.floor((slice * sessions.length) / n),
            Math.floor(((slice + 1) * sessions.length) / n),
          );
          return plain(inSlice.reduce((best, c) => (u(c) < u(best) ? c : best)));
        });
      });
      picked = [];
      for (let i = 0; perAgent.some((list) => i < list.length); i++) {
        for (const list of perAgent) if (i < list.length) picked.push(list[i]);
      }
      break;
    }
    case 'risk': {
      const lowScoreBelow = spec.lowScoreBelow ?? 80;
      const scored = pool.map((c) => {
        const { weight, signals } = riskOf(c, spec.weights ?? {}, lowScoreBelow);
        // Efraimidis-Spirakis: the n largest u^(1/w) are a weighted sample without replacement.
        return { c, weight, signals, key: Math.log(u(c)) / weight };
      });
      picked = scored
        .sort((a, b) => b.key - a.key)
        .slice(0, sizeOf(pool.length, spec))
        .map(({ c, weight, signals }) => ({ ...plain(c), weight, signals }));
      break;
    }
  }
  return opts.cap === undefined ? picked : picked.slice(0, Math.max(0, opts.cap));
}
