/**
 * Manual reviews in the cloud (core/inspection/review.model.ts): an inspector (or a supervisor,
 * in their team) opens a scored session into a draft, judges each automatic hit, adds what the
 * machine missed, annotates messages, and submits; the submitted review is final and reaches the
 * agent's inbox. Every step is one pure edit of the model, stored whole and audited with the
 * changed part before and after.
 */
import { randomUUID } from 'crypto';
import type { CalibrationRound } from '../core/inspection/calibration.model';
import { visibleTo } from '../core/inspection/calibration.model';
import type { ReviewTask } from '../core/inspection/review-task';
import {
  addHit,
  annotate,
  clearVerdict,
  isPraise,
  newReview,
  removeAddedHit,
  removeAnnotation,
  setVerdict,
  submitReview,
  type AddHitInput,
  type AnnotateInput,
  type Review,
  type ReviewContext,
  type StoredReview,
  type Verdict,
} from '../core/inspection/review.model';
import { manualScore, type ManualScore } from '../core/inspection/review.score';
import { DomainError, ERROR_CODES } from '../core/errors';
import { isActiveUser, type Message, type Notice, type Session, type StoredScore, type User } from '../core/model';
import { conversationOf } from '../core/sessions/session.lifecycle';
import { audit, type AuditState } from './audit.log';
import { byId, COLLECTIONS, database, rows } from './cloud';
import { listMessages } from './messages.repository';
import { rerecordSession } from './report.rollups';
import { getReviewTask, updateReviewTask } from './review-tasks.repository';
import { getReview, listReviews, putReview, reviewIdOf } from './reviews.repository';
import { scorecardOf } from './scoring.service';
import { getScore } from './scores.repository';
import { getSession } from './sessions.repository';
import { maskTypedText } from './typed-text';
import { rectifyFailedReview } from './rectification/rectifications.service';
import { findAgent } from './users.repository';

export interface ReviewMaterial {
  session: Session;
  messages: Message[];
  automatic: StoredScore;
  ctx: ReviewContext;
}

/** The session, its masked messages, its automatic score and the scorecard it was scored with. */
async function material(sessionId: string): Promise<ReviewMaterial> {
  const session = await getSession(sessionId);
  if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${sessionId}`);
  const [messages, automatic] = await Promise.all([listMessages(sessionId), getScore(sessionId)]);
  if (!automatic) throw new DomainError(ERROR_CODES.REVIEW_NOT_SCORED, '会话尚未评分（未结束），结束后才能质检');
  const scorecard = await scorecardOf(automatic.scorecardId, automatic.scorecardVersion);
  if (!scorecard) throw new DomainError(ERROR_CODES.REVIEW_SCORECARD_MISMATCH, '找不到该会话评分所用的评分卡');
  return {
    session,
    messages,
    automatic,
    ctx: { scorecard, automatic, conversation: conversationOf(session, messages) },
  };
}

async function roundOf(id: string): Promise<CalibrationRound> {
  const round = await byId<CalibrationRound>(COLLECTIONS.calibrationRounds, id);
  if (!round) throw new DomainError(ERROR_CODES.REVIEW_NOT_FOUND, `校准轮次不存在: ${id}`);
  return round;
}

function assertMayReview(user: User, session: Session): void {
  // Supervisors review their team's sessions and those no team took yet (as api/routes/scope.ts lets them see).
  const supervised = user.role === 'supervisor' && (!session.team || session.team === user.team);
  const allowed = user.role === 'admin' || user.role === 'inspector' || supervised;
  if (!allowed) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权质检该会话');
}

/** What an audit entry records of a review: its status and counts, or the one part that changed. */
function state(review: Review | null, part?: Record<string, unknown>): AuditState {
  if (!review) return null;
  return (
    part ?? {
      status: review.status,
      verdicts: review.verdicts.length,
      added: review.added.length,
      notes: review.annotations.length,
    }
  );
}

export interface OpenRequest {
  sessionId: string;
  taskId?: string;
  calibrationRoundId?: string;
}

/** Creates the caller's draft of the session, or resumes it. */
export async function openReview(user: User, req: OpenRequest, now: number): Promise<StoredReview> {
  const { session, automatic } = await material(req.sessionId);
  assertMayReview(user, session);
  let task: ReviewTask | null = null;
  if (req.taskId) {
    task = await getReviewTask(req.taskId);
    if (!task || task.inspectorId !== user._id || task.sessionId !== session._id) {
      throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '该任务不是分配给你的这条会话');
    }
  }
  if (req.calibrationRoundId) {
    const round = await roundOf(req.calibrationRoundId);
    if (!round.inspectorIds.includes(user._id) || !round.sessionIds.includes(session._id)) {
      throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '你不在该校准轮次中，或会话不属于该轮次');
    }
  }
  const _id = reviewIdOf(session._id, user._id, req.calibrationRoundId);
  const existing = await getReview(_id);
  const review: StoredReview = existing ?? {
    ...newReview(
      {
        sessionId: session._id,
        inspectorId: user._id,
        agentId: session.agentId,
        team: session.team,
        calibrationRoundId: req.calibrationRoundId,
      },
      automatic,
      now,
    ),
    _id,
  };
  if (!existing) await putReview(review);
  if (task && task.status === 'todo') {
    await updateReviewTask(task._id, { status: 'in-progress', reviewId: _id, updatedAt: now });
  }
  await audit({
    at: now,
    by: user._id,
    entity: 'review',
    entityId: _id,
    action: 'open',
    before: existing ? state(existing) : null,
    after: state(review),
    refs: { sessionId: session._id, ...(task ? { taskId: task._id } : {}) },
  });
  return review;
}

export interface ReviewView {
  review: StoredReview;
  session: Session;
  messages: Message[];
  automatic: StoredScore;
  manual: ManualScore;
  /** The scorecard's enabled rules, for adding a hit the machine missed. */
  rules: { ruleId: string; name: string; points: number }[];
}

/** Who may read a review: its inspector, admins, the team's supervisor, and once submitted its agent and inspectors (blind inside a calibration round until it is complete). */
async function assertCanRead(user: User, review: StoredReview): Promise<void> {
  if (review.inspectorId === user._id) return;
  if (review.calibrationRoundId && user.role !== 'agent') {
    // Blind for everyone else, admins and supervisors too, until every rater has finished
    // (calibration.model.ts visibleTo: "anyone else sees none"); then every staff reader sees it.
    const round = await roundOf(review.calibrationRoundId);
    const all = await listReviews({ calibrationRoundId: round._id });
    if (visibleTo(user._id, round, all).reviews.some((r) => (r as StoredReview)._id === review._id)) return;
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '校准轮次未结束，看不到其他质检员的结果');
  }
  if (user.role === 'admin') return;
  if (user.role === 'supervisor' && review.team && review.team === user.team) return;
  const submitted = review.status === 'submitted';
  if (
    user.role === 'agent' &&
    submitted &&
    !review.calibrationRoundId &&
    user.agentId &&
    review.agentId === user.agentId
  )
    return;
  if (user.role === 'inspector' && submitted) {
    if (!review.calibrationRoundId) return;
    const round = await roundOf(review.calibrationRoundId);
    const all = await listReviews({ calibrationRoundId: round._id });
    if (visibleTo(user._id, round, all).reviews.some((r) => (r as StoredReview)._id === review._id)) return;
  }
  throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该质检');
}

async function found(reviewId: string): Promise<StoredReview> {
  const review = await getReview(reviewId);
  if (!review) throw new DomainError(ERROR_CODES.REVIEW_NOT_FOUND, `质检不存在: ${reviewId}`);
  return review;
}

export async function reviewView(user: User, reviewId: string): Promise<ReviewView> {
  const review = await found(reviewId);
  await assertCanRead(user, review);
  const m = await material(review.sessionId);
  return {
    review,
    session: m.session,
    messages: m.messages,
    automatic: m.automatic,
    manual: manualScore(m.ctx.scorecard, m.automatic, review),
    rules: m.ctx.scorecard.sections.flatMap((s) =>
      s.rules.filter((r) => r.enabled).map((r) => ({ ruleId: r.id, name: r.name, points: r.points })),
    ),
  };
}

export type ReviewEdit =
  | { kind: 'verdict'; key: string; verdict: Verdict | null; reason?: string }
  | { kind: 'addHit'; input: AddHitInput }
  | { kind: 'removeHit'; key: string }
  | { kind: 'annotate'; input: AnnotateInput }
  | { kind: 'removeAnnotation'; key: string }
  | { kind: 'submit'; rectify?: boolean };

/** One edit of the caller's own review, stored and audited; `submit` also closes the task and tells the agent. */
export async function editReview(user: User, reviewId: string, edit: ReviewEdit, now: number): Promise<StoredReview> {
  const before = await found(reviewId);
  if (before.inspectorId !== user._id)
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只有质检员本人可以修改这份质检');
  const { ctx } = await material(before.sessionId);
  const typed = (s: string | undefined) => (s === undefined ? undefined : maskTypedText(s, user.role));
  let after: Review;
  let part: (r: Review) => Record<string, unknown> | undefined;
  switch (edit.kind) {
    case 'verdict':
      after = edit.verdict
        ? setVerdict(before, ctx, edit.key, edit.verdict, typed(edit.reason), now)
        : clearVerdict(before, edit.key, now);
      part = (r) => ({ verdict: r.verdicts.find((v) => v.key === edit.key) ?? null });
      break;
    case 'addHit':
      after = addHit(before, ctx, { ...edit.input, note: typed(edit.input.note) }, now);
      part = (r) => ({ added: r === before ? null : r.added[r.added.length - 1] });
      break;
    case 'removeHit':
      after = removeAddedHit(before, edit.key, now);
      part = (r) => ({ added: r.added.find((a) => a.key === edit.key) ?? null });
      break;
    case 'annotate':
      after = annotate(before, ctx, { ...edit.input, note: typed(edit.input.note) ?? '' }, now);
      part = (r) => ({ annotation: r === before ? null : r.annotations[r.annotations.length - 1] });
      break;
    case 'removeAnnotation':
      after = removeAnnotation(before, edit.key, now);
      part = (r) => ({ annotation: r.annotations.find((a) => a.key === edit.key) ?? null });
      break;
    case 'submit':
      after = submitReview(before, ctx, now);
      part = (r) => ({ status: r.status, manualTotal: manualScore(ctx.scorecard, ctx.automatic, r).total });
      break;
  }
  const stored: StoredReview = { ...after, _id: before._id };
  if (edit.kind === 'submit') {
    const { total, passed } = manualScore(ctx.scorecard, ctx.automatic, after);
    stored.manual = { total, passed };
  }
  await putReview(stored);
  await audit({
    at: now,
    by: user._id,
    entity: 'review',
    entityId: stored._id,
    action: edit.kind,
    before: part(before) ?? state(before),
    after: part(stored) ?? state(stored),
    refs: { sessionId: stored.sessionId },
  });
  if (edit.kind === 'submit') {
    await afterSubmit(user, stored, ctx, now);
    if (!stored.calibrationRoundId) await rerecordSession(stored.sessionId, 'review');
  }
  // Issue 16 (agent-notices): 「下发整改」 on a failed review issues a notice per costly rule.
  if (edit.kind === 'submit' && edit.rectify && !stored.calibrationRoundId) {
    const manual = manualScore(ctx.scorecard, ctx.automatic, stored);
    if (!manual.passed) await rectifyFailedReview(stored, manual.hits, user, now);
  }
  return stored;
}

/** Issue 16: the praise a review gives, as the notice says it (nothing when there is none). */
function praised(review: Review): string {
  const n = review.annotations.filter(isPraise).length;
  return n > 0 ? `，表扬 ${n} 处` : '';
}

async function afterSubmit(user: User, review: StoredReview, ctx: ReviewContext, now: number): Promise<void> {
  const tasks = await rows<ReviewTask>(
    database()
      .collection(COLLECTIONS.reviewTasks)
      .where({ sessionId: review.sessionId, inspectorId: review.inspectorId })
      .limit(100),
  );
  for (const t of tasks) {
    if (t.status !== 'done')
      await updateReviewTask(t._id, { status: 'done', doneAt: now, reviewId: review._id, updatedAt: now });
  }
  // Calibration reviews are exercises among inspectors: they do not reach the agent.
  if (review.calibrationRoundId || !review.agentId) return;
  const agent = await findAgent(review.agentId);
  // A deactivated agent no longer reads an inbox (issue 14 gap).
  if (!agent || !isActiveUser(agent)) return;
  const manual = manualScore(ctx.scorecard, ctx.automatic, review);
  const notice: Notice = {
    _id: `notice_${randomUUID()}`,
    to: agent._id,
    agentId: review.agentId,
    from: user._id,
    fromName: user.name,
    kind: 'review',
    title: `质检结果：${manual.total} 分${manual.passed ? '（合格）' : '（不合格）'}`,
    text: `质检员复核了你的会话：确认 ${review.verdicts.filter((v) => v.verdict === 'confirmed').length} 项、撤销 ${
      review.verdicts.filter((v) => v.verdict === 'rejected').length
    } 项、补充 ${review.added.length} 项${praised(review)}。可在 7 天内对扣分项申诉。`,
    sessionId: review.sessionId,
    reviewId: review._id,
    createdAt: now,
    readAt: null,
  };
  await database().collection(COLLECTIONS.notices).add({ data: notice });
}
