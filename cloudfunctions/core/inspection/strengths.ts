/**
 * An agent's strengths over a window (issue 16: "strengths as well as faults"): reviewers'
 * praise (notes with tone `praise` in submitted reviews) and bonus hits (rules with positive
 * points: the machine's, unless the reviewer rejected them, and those a reviewer added). Pure:
 * common/strengths.service.ts reads the reviews and scores and hands them here.
 *
 * Calibration reviews are exercises among inspectors and never reach the agent, so they are
 * left out, as their notices are. Praise never changes a score (review.model.ts).
 */
import type { ScoreHit } from '../model';
import { hitKey, isPraise, type PraiseLabel, type StoredReview } from './review.model';

export type StrengthKind = 'praise' | 'bonus';

export interface StrengthItem {
  kind: StrengthKind;
  sessionId: string;
  /** The message to open the session at; null for a rule about the whole session. */
  messageIndex: number | null;
  span: [number, number] | null;
  /** When it was given: the review's submit, or the score's time. */
  at: number;
  /** Praise: its label (or 表扬); bonus: the rule's name. */
  title: string;
  /** Praise: the reviewer's words (masked when saved); bonus: the evidence excerpt. */
  text: string;
  label?: PraiseLabel;
  ruleId?: string;
  points?: number;
  reviewId?: string;
  /** A bonus hit a reviewer added (not the machine's). */
  byReviewer?: boolean;
}

export interface StrengthCount {
  key: string;
  name: string;
  count: number;
}

export interface Strengths {
  days: number;
  since: number;
  /** Newest first, at most `limit`. */
  items: StrengthItem[];
  /** Over the whole window, not only the listed items. */
  counts: { praise: number; bonus: number; sessions: number };
  /** Praise by label (free-text praise under 其他表扬), bonus hits by rule; most first. */
  byLabel: StrengthCount[];
  byRule: StrengthCount[];
}

/** What a score contributes: its session, time and hits (scores.repository's outcome fields). */
export interface ScoreLike {
  sessionId: string;
  scoredAt: number;
  hits?: ScoreHit[];
}

/** A rule's name and points at one scorecard version, or undefined when unknown. */
export type RuleLookup = (
  scorecardId: string,
  version: number,
  ruleId: string,
) => { name: string; points: number } | undefined;

const OTHER_PRAISE = '其他表扬';

function tally(map: Map<string, StrengthCount>, key: string, name: string): void {
  const c = map.get(key) ?? { key, name, count: 0 };
  c.count += 1;
  map.set(key, c);
}

const sorted = (m: Map<string, StrengthCount>) =>
  [...m.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

export function gatherStrengths(args: {
  reviews: readonly StoredReview[];
  scores: readonly ScoreLike[];
  ruleOf: RuleLookup;
  days: number;
  since: number;
  limit: number;
}): Strengths {
  const items: StrengthItem[] = [];
  const rejected = new Set<string>();
  const reviews = args.reviews.filter(
    (r) => r.status === 'submitted' && !r.calibrationRoundId && (r.submittedAt ?? 0) >= args.since,
  );
  for (const r of reviews) {
    const at = r.submittedAt ?? r.updatedAt;
    for (const v of r.verdicts) if (v.verdict === 'rejected') rejected.add(`${r.sessionId}|${v.key}`);
    for (const n of r.annotations.filter(isPraise)) {
      items.push({
        kind: 'praise',
        sessionId: r.sessionId,
        messageIndex: n.messageIndex,
        span: n.span,
        at,
        title: n.label ?? '表扬',
        text: n.note,
        ...(n.label ? { label: n.label } : {}),
        reviewId: r._id,
      });
    }
    for (const a of r.added) {
      const rule = args.ruleOf(r.scorecardId, r.scorecardVersion, a.ruleId);
      if (!rule || rule.points <= 0) continue;
      items.push({
        kind: 'bonus',
        sessionId: r.sessionId,
        messageIndex: a.messageIndex,
        span: a.span,
        at,
        title: rule.name,
        text: a.note || a.excerpt,
        ruleId: a.ruleId,
        points: rule.points,
        reviewId: r._id,
        byReviewer: true,
      });
    }
  }
  // One score per session (its latest): re-scoring must not count a bonus twice.
  const latest = new Map<string, ScoreLike>();
  for (const s of args.scores) {
    if (s.scoredAt >= args.since && (latest.get(s.sessionId)?.scoredAt ?? -Infinity) < s.scoredAt)
      latest.set(s.sessionId, s);
  }
  for (const s of latest.values()) {
    for (const h of s.hits ?? []) {
      if (h.points <= 0 || rejected.has(`${s.sessionId}|${hitKey(h)}`)) continue;
      items.push({
        kind: 'bonus',
        sessionId: s.sessionId,
        messageIndex: h.messageIndex,
        span: h.span,
        at: s.scoredAt,
        title: h.ruleName ?? h.ruleId,
        text: h.excerpt,
        ruleId: h.ruleId,
        points: h.points,
      });
    }
  }
  const byLabel = new Map<string, StrengthCount>();
  const byRule = new Map<string, StrengthCount>();
  for (const i of items) {
    if (i.kind === 'praise') tally(byLabel, i.label ?? OTHER_PRAISE, i.label ?? OTHER_PRAISE);
    else tally(byRule, i.ruleId ?? '-', i.title);
  }
  items.sort((a, b) => b.at - a.at || a.sessionId.localeCompare(b.sessionId));
  return {
    days: args.days,
    since: args.since,
    items: items.slice(0, args.limit),
    counts: {
      praise: items.filter((i) => i.kind === 'praise').length,
      bonus: items.filter((i) => i.kind === 'bonus').length,
      sessions: new Set(items.map((i) => i.sessionId)).size,
    },
    byLabel: sorted(byLabel),
    byRule: sorted(byRule),
  };
}
