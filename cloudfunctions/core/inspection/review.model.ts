/**
 * A manual review: one inspector's reading of one session. Per automatic hit a verdict
 * (真命中 confirmed / 误命中 rejected), hits the machine missed, notes on messages; a draft until
 * submitted, then final. Every change is a pure function returning a new review, so the cloud
 * action can store the result and write the before/after to the audit log.
 *
 * Verdicts are data for the engine's precision (rule-precision.ts), so each one carries the
 * rule id and version it judged, not only a pointer into a score that may be recomputed.
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { Conversation, ScoreHit, ScoreResult } from '../model';
import type { Rule, Scorecard } from '../scoring/scorecard.schema';
import { excerptOf } from '../scoring/score.hits';
import { PRAISE_LABELS, type PraiseLabel } from './praise.labels';

export type Verdict = 'confirmed' | 'rejected';

export interface HitVerdict {
  /** `hitKey` of the automatic hit. */
  key: string;
  ruleId: string;
  ruleVersion: number;
  verdict: Verdict;
  reason?: string;
}

/** A hit the inspector found and the machine did not. */
export interface AddedHit {
  /** `added:<n>`, unique within the review. */
  key: string;
  ruleId: string;
  ruleVersion: number;
  /** null for a rule about the whole session (e.g. no closing). */
  messageIndex: number | null;
  span: [number, number] | null;
  /** Cut from the masked text when the hit was added. */
  excerpt: string;
  note: string;
}

/**
 * What a note says about the message: a fault (the default, and every note stored before tones
 * existed) or praise (issue 16: the agent's strengths). Praise never moves the score: points
 * come only from rules, and a reviewer who wants to reward with points adds a hit of a bonus
 * rule (a rule with positive points) instead.
 */
export type AnnotationTone = 'fault' | 'praise';

/** The short labels a praise note can carry (besides free text): praise.labels.ts. */
export { PRAISE_LABELS, type PraiseLabel };

export interface Annotation {
  /** `note:<n>`, unique within the review. */
  key: string;
  messageIndex: number;
  span: [number, number] | null;
  note: string;
  problemType?: string;
  /** Absent: a fault (notes stored before tones existed). */
  tone?: AnnotationTone;
  /** Praise only: one of PRAISE_LABELS. */
  label?: PraiseLabel;
}

/** Whether a note is praise (absent tone: a fault). */
export function isPraise(a: Pick<Annotation, 'tone'>): boolean {
  return a.tone === 'praise';
}

export type ReviewStatus = 'draft' | 'submitted';

export interface Review {
  sessionId: string;
  inspectorId: string;
  /** The session's agent and team: who may appeal, who arbitrates. */
  agentId?: string;
  team?: string;
  scorecardId: string;
  scorecardVersion: number;
  /** Set when the review belongs to a calibration round. */
  calibrationRoundId?: string;
  status: ReviewStatus;
  verdicts: HitVerdict[];
  added: AddedHit[];
  annotations: Annotation[];
  createdAt: number;
  updatedAt: number;
  submittedAt?: number;
}

/** The score an appeal's decisions leave (appeals.service.ts), kept beside the appeal and on the review. */
export interface FinalScore {
  total: number;
  passed: boolean;
  at: number;
}

/**
 * A review as stored (`reviews`, id `rv_<session>_<inspector>[_<round>]`). `manual` is the
 * manual score at submit (kept so statistics need not recompute it); `finalScore` the score an
 * appeal decision left. The inspected score of a session is `finalScore ?? manual`.
 */
export type StoredReview = Review & {
  _id: string;
  manual?: { total: number; passed: boolean };
  finalScore?: FinalScore;
};

/** What edits are checked against: the scorecard, the automatic score and the masked session. */
export interface ReviewContext {
  scorecard: Scorecard;
  automatic: ScoreResult;
  conversation: Conversation;
}

/**
 * A stable name for an automatic hit within its score: rule, message, span. The engine lists a
 * finding once per rule (overlapping evidence is merged) and a per-session rule once, so the
 * name is unique; re-scoring the same session with the same scorecard gives the same names.
 */
export function hitKey(hit: Pick<ScoreHit, 'ruleId' | 'messageIndex' | 'span'>): string {
  return `${hit.ruleId}@${hit.messageIndex ?? '-'}:${hit.span ? hit.span.join('-') : '-'}`;
}

export function newReview(
  input: Pick<Review, 'sessionId' | 'inspectorId' | 'agentId' | 'team' | 'calibrationRoundId'>,
  automatic: ScoreResult,
  now: number,
): Review {
  const review: Review = {
    sessionId: input.sessionId,
    inspectorId: input.inspectorId,
    scorecardId: automatic.scorecardId,
    scorecardVersion: automatic.scorecardVersion,
    status: 'draft',
    verdicts: [],
    added: [],
    annotations: [],
    createdAt: now,
    updatedAt: now,
  };
  if (input.agentId !== undefined) review.agentId = input.agentId;
  if (input.team !== undefined) review.team = input.team;
  if (input.calibrationRoundId !== undefined) review.calibrationRoundId = input.calibrationRoundId;
  return review;
}

/** The enabled rule with this id, or REVIEW.UNKNOWN_RULE. */
export function ruleOf(scorecard: Scorecard, ruleId: string): Rule {
  for (const section of scorecard.sections) {
    for (const rule of section.rules) if (rule.id === ruleId && rule.enabled) return rule;
  }
  throw new DomainError(
    ERROR_CODES.REVIEW_UNKNOWN_RULE,
    `评分卡 ${scorecard.id} v${scorecard.version} 没有规则「${ruleId}」`,
  );
}

function assertDraft(review: Review): void {
  if (review.status !== 'draft') {
    throw new DomainError(ERROR_CODES.REVIEW_SUBMITTED, '质检结果已提交，不能再修改');
  }
}

function assertSameScorecard(review: Review, ctx: ReviewContext): void {
  const { scorecard, automatic } = ctx;
  if (
    scorecard.id !== review.scorecardId ||
    scorecard.version !== review.scorecardVersion ||
    automatic.scorecardId !== review.scorecardId ||
    automatic.scorecardVersion !== review.scorecardVersion
  ) {
    throw new DomainError(
      ERROR_CODES.REVIEW_SCORECARD_MISMATCH,
      `质检按评分卡 ${review.scorecardId} v${review.scorecardVersion}，收到的是 ${scorecard.id} v${scorecard.version}`,
    );
  }
}

/** Checks that a message index and span point into the session's masked text. */
function checkPlace(ctx: ReviewContext, messageIndex: number | null, span: [number, number] | null): void {
  const messages = ctx.conversation.messages;
  if (messageIndex === null) {
    if (span !== null) throw new DomainError(ERROR_CODES.REVIEW_BAD_SPAN, '没有指定消息时不能选择文字范围');
    return;
  }
  if (!Number.isInteger(messageIndex) || messageIndex < 0 || messageIndex >= messages.length) {
    throw new DomainError(
      ERROR_CODES.REVIEW_BAD_MESSAGE,
      `消息序号 ${messageIndex} 超出范围（本会话共 ${messages.length} 条消息）`,
    );
  }
  if (span === null) return;
  const length = messages[messageIndex].text.length;
  const [start, end] = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
    throw new DomainError(
      ERROR_CODES.REVIEW_BAD_SPAN,
      `文字范围 [${start}, ${end}) 不在第 ${messageIndex} 条消息内（长度 ${length}）`,
    );
  }
}

function nextKey(prefix: string, keys: readonly { key: string }[]): string {
  let n = 0;
  for (const { key } of keys) n = Math.max(n, Number(key.slice(prefix.length + 1)) || 0);
  return `${prefix}:${n + 1}`;
}

const trimmed = (s: string | undefined): string | undefined => (s?.trim() ? s.trim() : undefined);

/** Sets (or replaces) the verdict on one automatic hit. */
export function setVerdict(
  review: Review,
  ctx: ReviewContext,
  key: string,
  verdict: Verdict,
  reason: string | undefined,
  now: number,
): Review {
  assertDraft(review);
  assertSameScorecard(review, ctx);
  const hit = ctx.automatic.hits.find((h) => hitKey(h) === key);
  if (!hit) throw new DomainError(ERROR_CODES.REVIEW_UNKNOWN_HIT, `自动评分中没有命中「${key}」`);
  const entry: HitVerdict = { key, ruleId: hit.ruleId, ruleVersion: hit.ruleVersion, verdict };
  const why = trimmed(reason);
  if (why) entry.reason = why;
  return {
    ...review,
    verdicts: [...review.verdicts.filter((v) => v.key !== key), entry],
    updatedAt: now,
  };
}

/** Takes a verdict back: the hit is unjudged again (and counts, as the machine scored it). */
export function clearVerdict(review: Review, key: string, now: number): Review {
  assertDraft(review);
  if (!review.verdicts.some((v) => v.key === key)) {
    throw new DomainError(ERROR_CODES.REVIEW_UNKNOWN_HIT, `没有对「${key}」的判定`);
  }
  return { ...review, verdicts: review.verdicts.filter((v) => v.key !== key), updatedAt: now };
}

export interface AddHitInput {
  ruleId: string;
  messageIndex: number | null;
  span?: [number, number] | null;
  note?: string;
}

export function addHit(review: Review, ctx: ReviewContext, input: AddHitInput, now: number): Review {
  assertDraft(review);
  assertSameScorecard(review, ctx);
  const rule = ruleOf(ctx.scorecard, input.ruleId);
  const span = input.span ?? null;
  checkPlace(ctx, input.messageIndex, span);
  const added: AddedHit = {
    key: nextKey('added', review.added),
    ruleId: rule.id,
    ruleVersion: rule.version,
    messageIndex: input.messageIndex,
    span,
    excerpt: excerptOf(ctx.conversation, { messageIndex: input.messageIndex, span }),
    note: trimmed(input.note) ?? '',
  };
  return { ...review, added: [...review.added, added], updatedAt: now };
}

export function removeAddedHit(review: Review, key: string, now: number): Review {
  assertDraft(review);
  if (!review.added.some((a) => a.key === key)) {
    throw new DomainError(ERROR_CODES.REVIEW_UNKNOWN_HIT, `没有人工补充的命中「${key}」`);
  }
  return { ...review, added: review.added.filter((a) => a.key !== key), updatedAt: now };
}

export interface AnnotateInput {
  messageIndex: number;
  span?: [number, number] | null;
  note: string;
  problemType?: string;
  tone?: AnnotationTone;
  label?: PraiseLabel;
}

export function annotate(review: Review, ctx: ReviewContext, input: AnnotateInput, now: number): Review {
  assertDraft(review);
  const span = input.span ?? null;
  checkPlace(ctx, input.messageIndex, span);
  const note = trimmed(input.note);
  const problemType = trimmed(input.problemType);
  const praise = input.tone === 'praise';
  if (praise && problemType) throw new DomainError(ERROR_CODES.INPUT_INVALID, '表扬不能带问题类型');
  if (!praise && input.label) throw new DomainError(ERROR_CODES.INPUT_INVALID, '只有表扬可以选表扬标签');
  if (input.label && !(PRAISE_LABELS as readonly string[]).includes(input.label)) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, `没有表扬标签「${input.label}」`);
  }
  if (praise ? !note && !input.label : !note && !problemType) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, praise ? '表扬需要标签或说明' : '标注需要备注或问题类型');
  }
  const annotation: Annotation = {
    key: nextKey('note', review.annotations),
    messageIndex: input.messageIndex,
    span,
    note: note ?? '',
  };
  if (problemType) annotation.problemType = problemType;
  if (praise) annotation.tone = 'praise';
  if (input.label) annotation.label = input.label;
  return { ...review, annotations: [...review.annotations, annotation], updatedAt: now };
}

export function removeAnnotation(review: Review, key: string, now: number): Review {
  assertDraft(review);
  if (!review.annotations.some((a) => a.key === key)) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, `没有标注「${key}」`);
  }
  return { ...review, annotations: review.annotations.filter((a) => a.key !== key), updatedAt: now };
}

/**
 * Submits the review: final from now on (appeals change its outcome, never the review). Checked
 * once more against the context, since a draft may have been saved under an older scorecard.
 */
export function submitReview(review: Review, ctx: ReviewContext, now: number): Review {
  assertDraft(review);
  assertSameScorecard(review, ctx);
  const keys = new Set(ctx.automatic.hits.map(hitKey));
  const stale = review.verdicts.find((v) => !keys.has(v.key));
  if (stale) throw new DomainError(ERROR_CODES.REVIEW_UNKNOWN_HIT, `自动评分中没有命中「${stale.key}」`);
  return { ...review, status: 'submitted', submittedAt: now, updatedAt: now };
}
