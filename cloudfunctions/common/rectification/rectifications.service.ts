/**
 * Rectification notices (issue 16): issuing them from each source, the agent's acknowledgement
 * and answer, a supervisor's confirmation, and reading them. The states and the timer's rules
 * are core/rectification/rectification.model.ts; the timer's run is rectification.sweep.ts.
 *
 * Automatic notices (a red line at scoring, a failed review submitted with 「下发整改」, an
 * appeal decided 维持原判) have one id per session and rule (`automaticId`), so the same
 * finding never gives the agent two notices. Their creation is part of the audited action that
 * caused it (the review's submit, the appeal's decision) or of scoring; a notice written by hand
 * and every later transition get their own audit entry (routes and the sweep).
 */
import { randomUUID } from 'crypto';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { isActiveUser, type Message, type ScoreHit, type Session, type User } from '../../core/model';
import {
  acknowledge,
  automaticId,
  confirmDone,
  deadlineFor,
  type Rectification,
  type RectificationEvidence,
  type RectificationSource,
  type RectificationStatus,
} from '../../core/rectification/rectification.model';
import { byId, COLLECTIONS, countOf, database, isDuplicateKeyError, rows } from '../cloud';
import { listMessages } from '../messages.repository';
import { findAgent } from '../users.repository';
import { postToInbox } from './inbox.post';

export const RECTIFICATION_PAGE = 'packages/agent/rectification/index';

function coll() {
  return database().collection(COLLECTIONS.rectifications);
}

export async function getRectification(id: string): Promise<Rectification> {
  const r = await byId<Rectification>(COLLECTIONS.rectifications, id);
  if (!r) throw new DomainError(ERROR_CODES.RECTIFICATION_NOT_FOUND, `整改通知不存在: ${id}`);
  return r;
}

export async function putRectification(r: Rectification): Promise<void> {
  const { _id, ...rest } = r;
  await coll().doc(_id).set({ data: rest });
}

/** Messages in the order scores index them (session.lifecycle.ts conversationOf). */
function ordered(messages: Message[]): Message[] {
  return [...messages].sort((a, b) => a.at - b.at || (a._id < b._id ? -1 : 1));
}

/** Evidence from hits (or a message index), with the message ids the chat opens at. */
export async function evidenceOf(
  sessionId: string,
  points: { messageIndex: number | null; excerpt?: string }[],
): Promise<RectificationEvidence[]> {
  const messages = points.some((p) => p.messageIndex !== null) ? ordered(await listMessages(sessionId)) : [];
  return points.map((p) => {
    const m = p.messageIndex !== null ? messages[p.messageIndex] : undefined;
    return {
      messageIndex: p.messageIndex,
      ...(m ? { messageId: m._id } : {}),
      excerpt: (p.excerpt || m?.text || '').slice(0, 120),
    };
  });
}

export interface IssueInput {
  _id?: string;
  source: RectificationSource;
  sourceId?: string;
  session: Pick<Session, '_id' | 'agentId' | 'team'>;
  ruleId?: string;
  ruleName?: string;
  problem: string;
  requirement: string;
  evidence: RectificationEvidence[];
  deadlineDays?: number;
  by: Pick<User, '_id' | 'name'>;
}

/** Stores a notice and tells the agent; null when an automatic one for the same finding exists. */
export async function issueRectification(input: IssueInput, now: number): Promise<Rectification | null> {
  const agentId = input.session.agentId;
  if (!agentId) throw new DomainError(ERROR_CODES.RECTIFICATION_NO_AGENT, '该会话没有接待客服，无法下发整改通知');
  const agent = await findAgent(agentId);
  // Issue 14 gap: a deactivated agent cannot acknowledge. By hand: refused, so the sender knows;
  // automatic (red line, review, appeal): skipped like a duplicate, the finding stays on the score.
  if (agent && !isActiveUser(agent)) {
    if (input.source !== 'manual') return null;
    throw new DomainError(ERROR_CODES.AGENT_DEACTIVATED, `客服 ${agentId} 的账号已停用，无法下发整改通知`);
  }
  const r: Rectification = {
    _id: input._id ?? `rect_${randomUUID()}`,
    source: input.source,
    ...(input.sourceId ? { sourceId: input.sourceId } : {}),
    agentId,
    to: agent?._id ?? null,
    ...(input.session.team ? { team: input.session.team } : {}),
    sessionId: input.session._id,
    ...(input.ruleId ? { ruleId: input.ruleId } : {}),
    ...(input.ruleName ? { ruleName: input.ruleName } : {}),
    problem: input.problem,
    evidence: input.evidence,
    requirement: input.requirement,
    deadline: deadlineFor(input.source, now, input.deadlineDays),
    status: 'open',
    createdBy: input.by._id,
    createdByName: input.by.name,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await coll().add({ data: r });
  } catch (e) {
    if (isDuplicateKeyError(e)) return null;
    throw e;
  }
  if (r.to) {
    await postToInbox(
      {
        to: r.to,
        agentId,
        from: input.by._id,
        fromName: input.by.name,
        kind: 'rectification',
        title: `整改通知：${r.ruleName ?? r.problem.slice(0, 12)}`,
        text: r.requirement,
        sessionId: r.sessionId,
        rectificationId: r._id,
      },
      now,
      { page: `${RECTIFICATION_PAGE}?id=${r._id}`, status: '待整改' },
    );
  }
  return r;
}

const SCORING = { _id: 'system:scoring', name: '自动质检' };

/** After scoring: each red-line rule hit becomes a notice to the session's agent. */
export async function rectifyRedLines(session: Session, hits: readonly ScoreHit[], scoreId: string, now: number) {
  if (!session.agentId) return [];
  const byRule = new Map<string, ScoreHit[]>();
  for (const h of hits) if (h.redLine) byRule.set(h.ruleId, [...(byRule.get(h.ruleId) ?? []), h]);
  const out: Rectification[] = [];
  for (const [ruleId, ruleHits] of byRule) {
    const name = ruleHits[0].ruleName ?? ruleId;
    const r = await issueRectification(
      {
        _id: automaticId(session._id, ruleId),
        source: 'red-line',
        sourceId: scoreId,
        session,
        ruleId,
        ruleName: name,
        problem: `触犯红线「${name}」：${ruleHits[0].reason}`,
        requirement: '复盘这段对话，写明当时应如何回复，并在之后的接待中避免同类用语。',
        evidence: await evidenceOf(session._id, ruleHits),
        by: SCORING,
      },
      now,
    );
    if (r) out.push(r);
  }
  return out;
}

/** A failed review submitted with 「下发整改」: one notice per rule that cost points. */
export async function rectifyFailedReview(
  review: { _id: string; sessionId: string; agentId?: string; team?: string },
  hits: readonly (ScoreHit & { key: string })[],
  by: User,
  now: number,
): Promise<Rectification[]> {
  if (!review.agentId) return [];
  const session = { _id: review.sessionId, agentId: review.agentId, team: review.team };
  const byRule = new Map<string, ScoreHit[]>();
  for (const h of hits) if (h.points < 0) byRule.set(h.ruleId, [...(byRule.get(h.ruleId) ?? []), h]);
  const out: Rectification[] = [];
  for (const [ruleId, ruleHits] of byRule) {
    const name = ruleHits[0].ruleName ?? ruleId;
    const r = await issueRectification(
      {
        _id: automaticId(review.sessionId, ruleId),
        source: 'review',
        sourceId: review._id,
        session,
        ruleId,
        ruleName: name,
        problem: `质检不合格：「${name}」扣 ${-ruleHits.reduce((s, h) => s + h.points, 0)} 分`,
        requirement: '对照质检结果逐条改正，写明改进做法。',
        evidence: await evidenceOf(review.sessionId, ruleHits),
        by,
      },
      now,
    );
    if (r) out.push(r);
  }
  return out;
}

/** An appeal item decided 维持原判 (against the agent): the finding stands and must be fixed. */
export async function rectifyUpheldAppeal(
  appeal: { _id: string; sessionId: string; agentId: string; team?: string },
  item: { ruleId: string; ruleName?: string; messageIndex?: number | null; excerpt?: string },
  by: User,
  now: number,
): Promise<Rectification | null> {
  const name = item.ruleName ?? item.ruleId;
  return issueRectification(
    {
      _id: automaticId(appeal.sessionId, item.ruleId),
      source: 'appeal',
      sourceId: appeal._id,
      session: { _id: appeal.sessionId, agentId: appeal.agentId, team: appeal.team },
      ruleId: item.ruleId,
      ruleName: name,
      problem: `申诉维持原判：「${name}」`,
      requirement: '申诉未获支持，请按规则改正并写明改进做法。',
      evidence: await evidenceOf(appeal.sessionId, [
        { messageIndex: item.messageIndex ?? null, excerpt: item.excerpt },
      ]),
      by,
    },
    now,
  );
}

export async function ackRectification(r: Rectification, answer: string | undefined, now: number) {
  const after = acknowledge(r, answer, now);
  await putRectification(after);
  return after;
}

export async function confirmRectification(r: Rectification, by: User, note: string | undefined, now: number) {
  const after = confirmDone(r, by._id, note, now);
  await putRectification(after);
  if (r.to) {
    await postToInbox(
      {
        to: r.to,
        agentId: r.agentId,
        from: by._id,
        fromName: by.name,
        kind: 'rectification',
        title: `整改已确认完成：${r.ruleName ?? r.problem.slice(0, 10)}`,
        text: note ?? '主管已确认你的整改',
        sessionId: r.sessionId,
        rectificationId: r._id,
      },
      now,
      { page: `${RECTIFICATION_PAGE}?id=${r._id}`, status: '已完成' },
    );
  }
  return after;
}

export interface RectificationFilter {
  status?: RectificationStatus;
  agentId?: string;
  team?: string;
}

export async function listRectifications(f: RectificationFilter, limit: number, skip: number) {
  const where: Record<string, unknown> = {};
  if (f.status) where.status = f.status;
  if (f.agentId) where.agentId = f.agentId;
  if (f.team) where.team = f.team;
  const [items, total] = await Promise.all([
    rows<Rectification>(coll().where(where).orderBy('createdAt', 'desc').skip(skip).limit(limit)),
    countOf(coll().where(where)),
  ]);
  return { items, total };
}

/** The audited part of a notice: its state fields. */
export function auditState(r: Rectification): Record<string, unknown> {
  return {
    status: r.status,
    acknowledgedAt: r.acknowledgedAt ?? null,
    answer: r.answer ?? null,
    doneAt: r.doneAt ?? null,
    doneNote: r.doneNote ?? null,
    overdueAt: r.overdueAt ?? null,
    remindedAt: r.remindedAt ?? null,
    escalatedAt: r.escalatedAt ?? null,
  };
}
