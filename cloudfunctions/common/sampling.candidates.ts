/**
 * The sessions a sampling plan may draw: closed, scored sessions that ended in the period.
 * Team, agent, time, channel and issue type go into the where clause (indexed); business line,
 * score range, pass/fail, rule hit and alert are judged in memory on each page. Each candidate
 * carries the risk signals the risk-weighted kind and the margin preview need.
 */
import type { SampleCandidate } from '../core/sampling/sample.select';
import type { PlanFilters } from '../core/sampling/sampling-plan';
import type { Session, StoredScore } from '../core/model';
import { COLLECTIONS, database, rows } from './cloud';

const PAGE = 100;
/** Bound on one plan's candidates, so a draw stays inside the function timeout. */
export const MAX_CANDIDATES = 5000;

export interface PlanCandidate extends SampleCandidate {
  agentId: string;
  score: number;
  passed: boolean;
}

/** A customer left unhappy: CSAT 1–2 of 5, or NPS 0–6 (a detractor). */
function negative(s: Session): boolean {
  const r = s.rating;
  return !!r && ((r.csat !== undefined && r.csat <= 2) || (r.nps !== undefined && r.nps <= 6));
}

export async function planCandidates(
  filters: PlanFilters,
  period: { from: number; to: number },
): Promise<PlanCandidate[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { status: 'closed', endedAt: _.gte(period.from).and(_.lt(period.to)) };
  if (filters.team) where.team = filters.team;
  if (filters.agentId) where.agentIds = filters.agentId;
  if (filters.channel) where.channel = filters.channel;
  if (filters.issueType) where.issueType = filters.issueType;
  const coll = database().collection(COLLECTIONS.sessions);
  const out: PlanCandidate[] = [];
  for (let skip = 0; skip < MAX_CANDIDATES; skip += PAGE) {
    const page = await rows<Session>(coll.where(where).orderBy('endedAt', 'asc').skip(skip).limit(PAGE));
    const kept = page.filter((s) => {
      const sc = s.score;
      if (!sc || !(s.agentId ?? s.agentIds[0])) return false;
      if (filters.businessLine && s.businessLine !== filters.businessLine) return false;
      if (filters.scoreMin !== undefined && sc.total < filters.scoreMin) return false;
      if (filters.scoreMax !== undefined && sc.total > filters.scoreMax) return false;
      if (filters.passed !== undefined && sc.passed !== filters.passed) return false;
      return true;
    });
    const ids = kept.map((s) => s._id);
    const alerted = new Set<string>();
    const hitBy = new Set<string>();
    if (ids.length > 0) {
      const alerts = await rows<{ sessionId: string }>(
        database()
          .collection(COLLECTIONS.alerts)
          .where({ sessionId: _.in(ids) })
          .field({ sessionId: true })
          .limit(1000),
      );
      for (const a of alerts) alerted.add(a.sessionId);
      if (filters.ruleHit) {
        const scores = await rows<StoredScore>(
          database()
            .collection(COLLECTIONS.scores)
            .where({ sessionId: _.in(ids) })
            .limit(1000),
        );
        for (const sc of scores) if (sc.hits.some((h) => h.ruleId === filters.ruleHit)) hitBy.add(sc.sessionId);
      }
    }
    for (const s of kept) {
      if (filters.hasAlert !== undefined && alerted.has(s._id) !== filters.hasAlert) continue;
      if (filters.ruleHit && !hitBy.has(s._id)) continue;
      out.push({
        sessionId: s._id,
        agentId: (s.agentId ?? s.agentIds[0])!,
        team: s.team,
        at: s.endedAt ?? s.lastAt,
        score: s.score!.total,
        passed: s.score!.passed,
        redLine: s.score!.redLine,
        customerNegative: negative(s),
        unresolved: s.rating?.resolved === false,
        alerted: alerted.has(s._id),
      });
    }
    if (page.length < PAGE) break;
  }
  return out;
}
