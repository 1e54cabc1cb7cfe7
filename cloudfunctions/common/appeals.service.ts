/**
 * Appeals in the cloud (`appeals`, core/inspection/appeal.model.ts): an agent appeals items of a
 * submitted review of their own session within the window; a supervisor of the agent's team
 * decides each item, finally; items nobody decided in time expire (the sweep timer). One appeal
 * per review (`ap_<reviewId>`): items filed later join it while it is open.
 *
 * "The score follows": every decision stores the manual score after the appeal
 * (scoreAfterAppeal) on the appeal and on the review as `finalScore`; the review's verdicts and
 * the automatic score are never changed. Rollups count automatic scores only (core/rollups),
 * which no appeal changes, so no counter moves; appeal figures come from this collection.
 */
import { randomUUID } from 'crypto';
import {
  DEFAULT_APPEAL_POLICY,
  decideItem,
  expireAppeal,
  fileAppeal,
  scoreAfterAppeal,
  type Appeal,
  type AppealContext,
  type AppealPolicy,
  type DecisionInput,
  type StoredAppeal,
} from '../core/inspection/appeal.model';
import type { FinalScore } from '../core/inspection/review.model';
import type { ManualScore } from '../core/inspection/review.score';
import { DomainError, ERROR_CODES } from '../core/errors';
import { isActiveUser, type Notice, type User } from '../core/model';
import { audit } from './audit.log';
import { byId, COLLECTIONS, countOf, database, rows } from './cloud';
import { rerecordSession } from './report.rollups';
import { getReview, putReview, type StoredReview } from './reviews.repository';
import { scorecardOf } from './scoring.service';
import { getScore } from './scores.repository';
import { maskTypedText } from './typed-text';
import { rectifyUpheldAppeal } from './rectification/rectifications.service';
import { findAgent } from './users.repository';

const DAY = 24 * 3600_000;

export type { StoredAppeal };
type ReviewWithFinal = StoredReview;

export function appealIdOf(reviewId: string): string {
  return `ap_${reviewId}`;
}

/** The appeal window: `settings/appeals` ({ windowDays, decideWithinDays }), else 7 and 7 days. */
export async function appealPolicy(): Promise<AppealPolicy> {
  const doc = await byId<{ windowDays?: unknown; decideWithinDays?: unknown }>(COLLECTIONS.settings, 'appeals');
  const days = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 90 ? v * DAY : fallback;
  return {
    windowMs: days(doc?.windowDays, DEFAULT_APPEAL_POLICY.windowMs),
    decideWithinMs: days(doc?.decideWithinDays, DEFAULT_APPEAL_POLICY.decideWithinMs),
  };
}

export async function getAppeal(id: string): Promise<StoredAppeal | null> {
  return byId<StoredAppeal>(COLLECTIONS.appeals, id);
}

async function putAppeal(appeal: StoredAppeal): Promise<void> {
  const { _id, ...fields } = appeal;
  await database().collection(COLLECTIONS.appeals).doc(_id).set({ data: fields });
}

/** A submitted review, or REVIEW.NOT_FOUND (a draft is nobody's business but its inspector's). */
export async function submittedReview(reviewId: string): Promise<ReviewWithFinal> {
  const review = (await getReview(reviewId)) as ReviewWithFinal | null;
  if (!review || review.status !== 'submitted') {
    throw new DomainError(ERROR_CODES.REVIEW_NOT_FOUND, `没有已提交的质检结果: ${reviewId}`);
  }
  return review;
}

/** Who may read a submitted review and its appeal: the agent, the team's supervisor, inspectors, admins. */
export function assertCanReadReview(user: User, review: Pick<StoredReview, 'agentId' | 'team'>): void {
  const allowed =
    user.role === 'admin' ||
    user.role === 'inspector' ||
    (user.role === 'supervisor' && !!review.team && review.team === user.team) ||
    (user.role === 'agent' && !!user.agentId && review.agentId === user.agentId);
  if (!allowed) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该质检结果');
}

/** The scorecard and automatic score the review judged: the context of every appeal step. */
export async function appealContext(review: StoredReview): Promise<AppealContext> {
  const [scorecard, automatic] = await Promise.all([
    scorecardOf(review.scorecardId, review.scorecardVersion),
    getScore(review.sessionId),
  ]);
  if (!scorecard || !automatic) {
    throw new DomainError(ERROR_CODES.REVIEW_SCORECARD_MISMATCH, '找不到该质检所依据的评分卡或自动评分');
  }
  return { scorecard, automatic, review };
}

export interface ReviewForAppeal {
  review: ReviewWithFinal;
  appeal: StoredAppeal | null;
  manual: ManualScore;
  /** Filing closes at this time. */
  appealBy: number;
}

export async function reviewForAppeal(user: User, reviewId: string): Promise<ReviewForAppeal> {
  const review = await submittedReview(reviewId);
  assertCanReadReview(user, review);
  const [ctx, appeal, policy] = await Promise.all([
    appealContext(review),
    getAppeal(appealIdOf(reviewId)),
    appealPolicy(),
  ]);
  return {
    review,
    appeal,
    manual: scoreAfterAppeal(ctx.scorecard, ctx.automatic, review, appeal ?? undefined),
    appealBy: (review.submittedAt ?? review.updatedAt) + policy.windowMs,
  };
}

function auditState(appeal: StoredAppeal | null) {
  return appeal
    ? {
        status: appeal.status,
        items: appeal.items.map((i) => ({ key: i.key, status: i.status })),
        finalScore: appeal.finalScore ?? null,
      }
    : null;
}

export async function fileAppealFor(
  user: User,
  reviewId: string,
  items: { key: string; reason: string }[],
  now: number,
): Promise<StoredAppeal> {
  const review = await submittedReview(reviewId);
  if (user.role !== 'agent' || !user.agentId || review.agentId !== user.agentId) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只有被质检的客服本人可以申诉');
  }
  const id = appealIdOf(reviewId);
  const [ctx, before, policy] = await Promise.all([appealContext(review), getAppeal(id), appealPolicy()]);
  // Reasons are typed by the agent: masked like anything else they write.
  const masked = items.map((i) => ({ key: i.key, reason: maskTypedText(i.reason, 'agent') }));
  const next = fileAppeal(before ?? undefined, ctx, { agentId: user.agentId, items: masked }, now, policy);
  const appeal: StoredAppeal = { ...next, _id: id, reviewId };
  await putAppeal(appeal);
  await audit({
    at: now,
    by: user._id,
    entity: 'appeal',
    entityId: id,
    action: 'file',
    before: auditState(before),
    after: auditState(appeal),
    refs: { reviewId, sessionId: review.sessionId },
  });
  return appeal;
}

export async function decideAppealItem(
  user: User,
  appealId: string,
  key: string,
  input: DecisionInput,
  now: number,
): Promise<StoredAppeal> {
  const before = await getAppeal(appealId);
  if (!before) throw new DomainError(ERROR_CODES.APPEAL_NOT_FOUND, `申诉不存在: ${appealId}`);
  if (user.role !== 'supervisor' || !before.team || before.team !== user.team) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只有该客服所在班组的主管可以裁决申诉');
  }
  const review = await submittedReview(before.reviewId);
  const ctx = await appealContext(review);
  const note = input.note === undefined ? undefined : maskTypedText(input.note, user.role);
  const decided = decideItem(
    before,
    ctx,
    key,
    { ...input, note },
    { id: user._id, role: user.role, team: user.team },
    now,
  );
  const manual = scoreAfterAppeal(ctx.scorecard, ctx.automatic, review, decided);
  const finalScore: FinalScore = { total: manual.total, passed: manual.passed, at: now };
  const appeal: StoredAppeal = { ...decided, _id: before._id, reviewId: before.reviewId, finalScore };
  await putAppeal(appeal);
  await putReview({ ...review, finalScore } as ReviewWithFinal);
  await audit({
    at: now,
    by: user._id,
    entity: 'appeal',
    entityId: appeal._id,
    action: 'decide',
    before: auditState(before),
    after: auditState(appeal),
    refs: { reviewId: review._id, sessionId: review.sessionId, item: key },
  });
  await noticeOfDecision(appeal, key, user, now);
  await rerecordSession(appeal.sessionId, 'appeal');
  // Issue 16 (agent-notices): a finding upheld against the agent becomes a rectification notice.
  const upheld = appeal.items.find((i) => i.key === key && i.status === 'upheld');
  const hit = upheld && manual.hits.find((h) => h.key === key);
  if (upheld) {
    await rectifyUpheldAppeal(
      appeal,
      { ruleId: upheld.ruleId, ruleName: hit?.ruleName, messageIndex: hit?.messageIndex, excerpt: hit?.excerpt },
      user,
      now,
    );
  }
  return appeal;
}

const OUTCOME_NAMES = { upheld: '维持原判', overturned: '撤销扣分', partly: '部分调整' } as const;

/** The agent learns each decision in their inbox (the notice opens the review's result page). */
async function noticeOfDecision(appeal: StoredAppeal, key: string, from: User, now: number): Promise<void> {
  const agent = await findAgent(appeal.agentId);
  const item = appeal.items.find((i) => i.key === key);
  if (!agent || !item || item.status === 'pending' || item.status === 'expired') return;
  // A deactivated agent no longer reads an inbox (as review notices, issue 14 gap); the decision stands.
  if (!isActiveUser(agent)) return;
  const notice: Notice = {
    _id: `notice_${randomUUID()}`,
    to: agent._id,
    agentId: appeal.agentId,
    from: from._id,
    fromName: from.name,
    kind: 'appeal',
    title: `申诉裁决：${OUTCOME_NAMES[item.status]}`,
    text: `${item.ruleId}：${OUTCOME_NAMES[item.status]}${item.decision?.note ? `（${item.decision.note}）` : ''}${
      appeal.finalScore ? `，复核后得分 ${appeal.finalScore.total}` : ''
    }`,
    sessionId: appeal.sessionId,
    reviewId: appeal.reviewId,
    createdAt: now,
    readAt: null,
  };
  await database().collection(COLLECTIONS.notices).add({ data: notice });
}

export interface AppealFilter {
  status?: Appeal['status'];
  agentId?: string;
  team?: string;
}

export async function listAppeals(f: AppealFilter, limit: number, skip: number) {
  const where: Record<string, unknown> = {};
  if (f.status) where.status = f.status;
  if (f.agentId) where.agentId = f.agentId;
  if (f.team) where.team = f.team;
  const coll = database().collection(COLLECTIONS.appeals);
  const [items, total] = await Promise.all([
    rows<StoredAppeal>(coll.where(where).orderBy('openedAt', 'desc').skip(skip).limit(limit)),
    countOf(coll.where(where)),
  ]);
  return { items, total };
}

/**
 * The timer's part: open appeals with an item past its decide-by close those items as expired
 * (the inspector's finding stands). Idempotent: an expired item is not open any more.
 */
export async function expireDueAppeals(now: number, limit = 100): Promise<number> {
  const open = await rows<StoredAppeal>(
    database().collection(COLLECTIONS.appeals).where({ status: 'open' }).orderBy('openedAt', 'asc').limit(limit),
  );
  let expired = 0;
  for (const before of open) {
    const after = expireAppeal(before, now);
    if (after === before) continue;
    await putAppeal({ ...after, _id: before._id, reviewId: before.reviewId });
    await audit({
      at: now,
      by: 'system:sweep',
      entity: 'appeal',
      entityId: before._id,
      action: 'expire',
      before: auditState(before),
      after: auditState({ ...after, _id: before._id, reviewId: before.reviewId }),
    });
    await rerecordSession(before.sessionId, 'appeal');
    expired++;
  }
  return expired;
}
