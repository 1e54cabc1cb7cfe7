/**
 * An agent's appeal against a submitted review, item by item, and a supervisor's arbitration.
 *
 *   item:   pending ──▶ upheld      维持：the inspector's finding stands
 *                   ├─▶ overturned  撤销：the finding no longer counts
 *                   ├─▶ partly      部分调整：it counts with points the arbiter set
 *                   └─▶ expired     nobody decided in time: the finding stands
 *   appeal: open (some item pending) ──▶ decided (every item decided) | expired (some item expired)
 *
 * Two clocks, both configurable: items may be filed until `windowMs` after the review was
 * submitted (default 7 days); each item must be decided within `decideWithinMs` of its filing
 * (default 7 days), so an item filed on the window's last day still gets its full arbitration
 * time. Decisions are final. The items name hits by the keys of the manual score (review.score.ts).
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { Role, ScoreResult } from '../model';
import type { Scorecard } from '../scoring/scorecard.schema';
import { ruleOf, type FinalScore, type Review } from './review.model';
import { manualScore, type HitOverride, type ManualScore } from './review.score';

const DAY = 86_400_000;

export interface AppealPolicy {
  /** How long after a review's submission its agent may appeal. */
  windowMs: number;
  /** How long after an item's filing the arbiter may decide it. */
  decideWithinMs: number;
}

export const DEFAULT_APPEAL_POLICY: AppealPolicy = Object.freeze({ windowMs: 7 * DAY, decideWithinMs: 7 * DAY });

export type AppealOutcome = 'upheld' | 'overturned' | 'partly';
export type AppealItemStatus = 'pending' | AppealOutcome | 'expired';
export type AppealStatus = 'open' | 'decided' | 'expired';

export interface AppealDecision {
  outcome: AppealOutcome;
  /** For `partly`: the points the hit now moves (same sign as the rule, smaller in size). */
  points?: number;
  note?: string;
  by: string;
  at: number;
}

export interface AppealItem {
  /** The manual score's hit key (automatic `rule@message:span` or `added:<n>`). */
  key: string;
  ruleId: string;
  /** The points the hit moved when the item was filed. */
  points: number;
  reason: string;
  filedAt: number;
  decideBy: number;
  status: AppealItemStatus;
  decision?: AppealDecision;
}

export interface Appeal {
  sessionId: string;
  inspectorId: string;
  agentId: string;
  team?: string;
  status: AppealStatus;
  items: AppealItem[];
  openedAt: number;
  closedAt?: number;
}

/** An appeal as stored (`appeals`, id `ap_<reviewId>`): one per review. */
export interface StoredAppeal extends Appeal {
  _id: string;
  reviewId: string;
  /** The manual score after the decisions so far (set by each decision). */
  finalScore?: FinalScore;
}

/** What an appeal is checked against: the review and the scores it is about. */
export interface AppealContext {
  scorecard: Scorecard;
  automatic: ScoreResult;
  review: Review;
}

export interface Arbiter {
  id: string;
  role: Role;
  team?: string;
}

const NEXT: Record<AppealItemStatus, readonly AppealItemStatus[]> = {
  pending: ['upheld', 'overturned', 'partly', 'expired'],
  upheld: [],
  overturned: [],
  partly: [],
  expired: [],
};

function assertItemTransition(item: AppealItem, to: AppealItemStatus): void {
  if (NEXT[item.status].includes(to)) return;
  if (item.status === 'expired') {
    throw new DomainError(ERROR_CODES.APPEAL_WINDOW_CLOSED, `申诉项「${item.key}」已过裁决期限`);
  }
  throw new DomainError(ERROR_CODES.APPEAL_ALREADY_DECIDED, `申诉项「${item.key}」已裁决，裁决为终局`);
}

/** The appeal's status from its items. */
function statusOf(items: readonly AppealItem[]): AppealStatus {
  if (items.some((i) => i.status === 'pending')) return 'open';
  return items.some((i) => i.status === 'expired') ? 'expired' : 'decided';
}

function closed(appeal: Appeal, items: AppealItem[], now: number): Appeal {
  const status = statusOf(items);
  const next: Appeal = { ...appeal, items, status };
  if (status !== 'open') next.closedAt = now;
  return next;
}

export interface AppealRequest {
  agentId: string;
  items: { key: string; reason: string }[];
}

/**
 * Files items against a submitted review: a new appeal, or more items on the agent's open one.
 * Each item names a hit that counts in the manual score and carries the agent's reason.
 */
export function fileAppeal(
  existing: Appeal | undefined,
  ctx: AppealContext,
  request: AppealRequest,
  now: number,
  policy: AppealPolicy = DEFAULT_APPEAL_POLICY,
): Appeal {
  const { review } = ctx;
  if (review.status !== 'submitted' || review.submittedAt === undefined) {
    throw new DomainError(ERROR_CODES.APPEAL_BAD_TRANSITION, '质检结果尚未提交，不能申诉');
  }
  if (!review.agentId || request.agentId !== review.agentId) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只有被质检的客服本人可以申诉');
  }
  if (now >= review.submittedAt + policy.windowMs) {
    throw new DomainError(ERROR_CODES.APPEAL_WINDOW_CLOSED, '已超过申诉期限');
  }
  if (existing && existing.status !== 'open') {
    throw new DomainError(ERROR_CODES.APPEAL_BAD_TRANSITION, '该申诉已结束，不能再追加申诉项');
  }
  if (request.items.length === 0) throw new DomainError(ERROR_CODES.INPUT_INVALID, '至少需要一个申诉项');
  const hits = new Map(manualScore(ctx.scorecard, ctx.automatic, review).hits.map((h) => [h.key, h]));
  const taken = new Set(existing?.items.map((i) => i.key));
  const items: AppealItem[] = [];
  for (const { key, reason } of request.items) {
    const hit = hits.get(key);
    if (!hit) throw new DomainError(ERROR_CODES.APPEAL_BAD_ITEM, `「${key}」不是这次质检计分的命中`);
    if (taken.has(key)) throw new DomainError(ERROR_CODES.APPEAL_DUPLICATE_ITEM, `「${hit.ruleName ?? key}」已申诉过`);
    const why = reason?.trim();
    if (!why) throw new DomainError(ERROR_CODES.INPUT_INVALID, `申诉「${hit.ruleName ?? key}」必须填写理由`);
    taken.add(key);
    items.push({
      key,
      ruleId: hit.ruleId,
      points: hit.points,
      reason: why,
      filedAt: now,
      decideBy: now + policy.decideWithinMs,
      status: 'pending',
    });
  }
  if (existing) return { ...existing, items: [...existing.items, ...items] };
  const appeal: Appeal = {
    sessionId: review.sessionId,
    inspectorId: review.inspectorId,
    agentId: review.agentId,
    status: 'open',
    items,
    openedAt: now,
  };
  if (review.team !== undefined) appeal.team = review.team;
  return appeal;
}

export interface DecisionInput {
  outcome: AppealOutcome;
  points?: number;
  note?: string;
}

/** A supervisor of the agent's team decides one item; the decision is final. */
export function decideItem(
  appeal: Appeal,
  ctx: AppealContext,
  key: string,
  input: DecisionInput,
  arbiter: Arbiter,
  now: number,
): Appeal {
  if (arbiter.role !== 'supervisor' || !appeal.team || arbiter.team !== appeal.team) {
    throw new DomainError(ERROR_CODES.APPEAL_NOT_ARBITER, '只有该客服所在班组的主管可以裁决申诉');
  }
  const index = appeal.items.findIndex((i) => i.key === key);
  if (index < 0) throw new DomainError(ERROR_CODES.APPEAL_BAD_ITEM, `申诉中没有「${key}」`);
  const item = appeal.items[index];
  assertItemTransition(item, input.outcome);
  if (now >= item.decideBy) throw new DomainError(ERROR_CODES.APPEAL_WINDOW_CLOSED, `申诉项「${key}」已过裁决期限`);
  const decision: AppealDecision = { outcome: input.outcome, by: arbiter.id, at: now };
  if (input.outcome === 'partly') decision.points = partlyPoints(ctx, item, input.points);
  const note = input.note?.trim();
  if (note) decision.note = note;
  const items = appeal.items.slice();
  items[index] = { ...item, status: input.outcome, decision };
  return closed(appeal, items, now);
}

/** Partly: the hit keeps the rule's direction and moves less than the rule's full points. */
function partlyPoints(ctx: AppealContext, item: AppealItem, points: number | undefined): number {
  const rule = ruleOf(ctx.scorecard, item.ruleId);
  const full = rule.points;
  if (
    typeof points !== 'number' ||
    !Number.isFinite(points) ||
    Math.sign(points) !== Math.sign(full) ||
    Math.abs(points) >= Math.abs(full)
  ) {
    const range = full < 0 ? `${full} 到 0 之间（不含两端）` : `0 到 ${full} 之间（不含两端）`;
    throw new DomainError(ERROR_CODES.APPEAL_BAD_POINTS, `部分调整的分值必须在 ${range}`);
  }
  return points;
}

/**
 * Closes items nobody decided in time (the sweep timer calls this): they become `expired` and
 * the inspector's finding stands. Returns the appeal unchanged when nothing is due.
 */
export function expireAppeal(appeal: Appeal, now: number): Appeal {
  if (!appeal.items.some((i) => i.status === 'pending' && now >= i.decideBy)) return appeal;
  const items = appeal.items.map((i): AppealItem =>
    i.status === 'pending' && now >= i.decideBy ? { ...i, status: 'expired' } : i,
  );
  return closed(appeal, items, now);
}

/** The arbiter's changes as manual-score overrides: overturned drops the hit, partly re-points it. */
export function appealOverrides(appeal: Appeal | undefined): Map<string, HitOverride> {
  const overrides = new Map<string, HitOverride>();
  for (const item of appeal?.items ?? []) {
    if (item.status === 'overturned') overrides.set(item.key, { drop: true });
    else if (item.status === 'partly' && item.decision?.points !== undefined) {
      overrides.set(item.key, { points: item.decision.points });
    }
  }
  return overrides;
}

/** The manual score once the arbiter's decisions are applied (pending and expired items change nothing). */
export function scoreAfterAppeal(
  scorecard: Scorecard,
  automatic: ScoreResult,
  review: Review,
  appeal: Appeal | undefined,
): ManualScore {
  if (appeal && (appeal.sessionId !== review.sessionId || appeal.inspectorId !== review.inspectorId)) {
    throw new DomainError(ERROR_CODES.APPEAL_BAD_ITEM, '申诉与质检结果不属于同一次质检');
  }
  return manualScore(scorecard, automatic, review, appealOverrides(appeal));
}
