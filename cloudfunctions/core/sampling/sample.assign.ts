/**
 * Splitting a drawn sample among inspectors: evenly, in proportion to weights (part-timers,
 * seniors), or by team (each inspector covers some teams). Quotas use the largest-remainder
 * method so they add up exactly; caps (per inspector, counting the tasks they already hold) are
 * never exceeded, and what no one can take is returned as unassigned rather than forced on
 * someone. Sessions of one agent are dealt round-robin, so no inspector sees only one agent.
 */
import type { SampledSession } from './sample.select';

export interface InspectorSlot {
  id: string;
  /** Relative share for `weighted` (default 1). */
  weight?: number;
  /** Teams this inspector covers, for `by-team`. */
  teams?: readonly string[];
  /** Most open tasks this inspector may hold. */
  cap?: number;
  /** Open tasks already held (counts against the cap). */
  load?: number;
}

export type AssignMode = 'even' | 'weighted' | 'by-team';

export interface Assignment {
  sessionId: string;
  inspectorId: string;
}

/** Largest remainder: integer quotas proportional to `weights` that sum to `total`. */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * Math.max(0, w)) / sum);
  const quotas = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; k < total - quotas.reduce((s, q) => s + q, 0); k++) quotas[order[k].i]++;
  return quotas;
}

function deal(
  sessions: readonly SampledSession[],
  inspectors: readonly InspectorSlot[],
  weights: number[],
): { assigned: Assignment[]; left: SampledSession[] } {
  const room = inspectors.map((i) => (i.cap === undefined ? Infinity : Math.max(0, i.cap - (i.load ?? 0))));
  // Quotas first, then capped; what a full inspector cannot take flows to those with room.
  let quotas = largestRemainder(sessions.length, weights).map((q, k) => Math.min(q, room[k]));
  let spare = sessions.length - quotas.reduce((s, q) => s + q, 0);
  while (spare > 0) {
    const open = inspectors.map((_, k) => (quotas[k] < room[k] ? weights[k] : 0));
    if (open.every((w) => w === 0)) break;
    const extra = largestRemainder(spare, open);
    quotas = quotas.map((q, k) => Math.min(room[k], q + extra[k]));
    const next = sessions.length - quotas.reduce((s, q) => s + q, 0);
    if (next === spare) break;
    spare = next;
  }
  // Round-robin over sessions grouped by agent: inspectors get a mix of agents.
  const ordered = [...sessions].sort((a, b) => (a.agentId ?? '').localeCompare(b.agentId ?? ''));
  const assigned: Assignment[] = [];
  const left: SampledSession[] = [];
  const taken = quotas.map(() => 0);
  let k = 0;
  for (const s of ordered) {
    let tries = 0;
    while (tries < inspectors.length && taken[k] >= quotas[k]) {
      k = (k + 1) % inspectors.length;
      tries++;
    }
    if (tries === inspectors.length) {
      left.push(s);
      continue;
    }
    assigned.push({ sessionId: s.sessionId, inspectorId: inspectors[k].id });
    taken[k]++;
    k = (k + 1) % inspectors.length;
  }
  return { assigned, left };
}

export function assignSample(
  sample: readonly SampledSession[],
  inspectors: readonly InspectorSlot[],
  mode: AssignMode,
): { assignments: Assignment[]; unassigned: string[] } {
  if (inspectors.length === 0) return { assignments: [], unassigned: sample.map((s) => s.sessionId) };
  if (mode !== 'by-team') {
    const weights = inspectors.map((i) => (mode === 'weighted' ? (i.weight ?? 1) : 1));
    const { assigned, left } = deal(sample, inspectors, weights);
    return { assignments: assigned, unassigned: left.map((s) => s.sessionId) };
  }
  const assignments: Assignment[] = [];
  const unassigned: string[] = [];
  const load = new Map(inspectors.map((i) => [i.id, i.load ?? 0]));
  const teams = [...new Set(sample.map((s) => s.team ?? ''))].sort();
  for (const team of teams) {
    const covering = inspectors.filter((i) => team !== '' && (i.teams ?? []).includes(team));
    const sessions = sample.filter((s) => (s.team ?? '') === team);
    if (covering.length === 0) {
      unassigned.push(...sessions.map((s) => s.sessionId));
      continue;
    }
    const withLoad = covering.map((i) => ({ ...i, load: load.get(i.id) }));
    const { assigned, left } = deal(
      sessions,
      withLoad,
      covering.map(() => 1),
    );
    for (const a of assigned) load.set(a.inspectorId, (load.get(a.inspectorId) ?? 0) + 1);
    assignments.push(...assigned);
    unassigned.push(...left.map((s) => s.sessionId));
  }
  return { assignments, unassigned };
}
