/**
 * The timer's part of rectification notices (issue 16), run by `sweep` every minute: a reminder
 * to the agent a day before the deadline, and past it the notice turns overdue and is escalated
 * to the supervisors of the agent's team (inbox + subscription message). Idempotent: each step
 * is stamped on the notice (`remindedAt`, `overdueAt`/`escalatedAt`) by a conditional update,
 * so a second run, or two timers at once, do nothing twice. Each step is audited (`by: sweep`).
 */
import {
  markOverdue,
  REMIND_BEFORE_MS,
  timerStep,
  type Rectification,
} from '../../core/rectification/rectification.model';
import { isActiveUser } from '../../core/model';
import { audit } from '../audit.log';
import { COLLECTIONS, database, rows } from '../cloud';
import { findUser, listSupervisors } from '../users.repository';
import { postToInbox } from './inbox.post';
import { auditState, RECTIFICATION_PAGE } from './rectifications.service';

/** Bounded per run so one timer invocation stays inside the function timeout. */
const MAX_PER_RUN = 100;
export const SWEEP_BY = 'system:sweep';

/** Claims a step: true only for the run whose update changed the document. */
async function claim(
  r: Rectification,
  where: Record<string, unknown>,
  patch: Partial<Rectification>,
): Promise<boolean> {
  const res = (await database()
    .collection(COLLECTIONS.rectifications)
    .where({ _id: r._id, ...where })
    .update({ data: patch })) as { stats?: { updated?: number } };
  return (res.stats?.updated ?? 0) > 0;
}

async function remind(r: Rectification, now: number): Promise<boolean> {
  if (!(await claim(r, { status: r.status, remindedAt: database().command.exists(false) }, { remindedAt: now })))
    return false;
  await audit({
    at: now,
    by: SWEEP_BY,
    entity: 'rectification',
    entityId: r._id,
    action: 'remind',
    before: { remindedAt: null },
    after: { remindedAt: now },
  });
  // A deactivated agent gets no reminder (issue 14 gap); the step is still stamped, and the
  // deadline still escalates the notice to the team's supervisors.
  if (r.to && isActiveUser(await findUser(r.to))) {
    const hours = Math.max(1, Math.round((r.deadline - now) / 3_600_000));
    await postToInbox(
      {
        to: r.to,
        agentId: r.agentId,
        from: SWEEP_BY,
        fromName: '系统提醒',
        kind: 'rectification',
        title: `整改将在 ${hours} 小时后到期`,
        text: r.requirement,
        sessionId: r.sessionId,
        rectificationId: r._id,
      },
      now,
      { page: `${RECTIFICATION_PAGE}?id=${r._id}`, status: '即将到期' },
    );
  }
  return true;
}

async function overdue(r: Rectification, now: number): Promise<boolean> {
  const after = { ...markOverdue(r, now), escalatedAt: now };
  const patch = { status: after.status, overdueAt: now, escalatedAt: now, updatedAt: now };
  if (!(await claim(r, { status: r.status, escalatedAt: database().command.exists(false) }, patch))) return false;
  await audit({
    at: now,
    by: SWEEP_BY,
    entity: 'rectification',
    entityId: r._id,
    action: 'overdue',
    before: auditState(r),
    after: auditState(after),
  });
  const supervisors = (await listSupervisors()).filter((s) => isActiveUser(s) && r.team && s.team === r.team);
  for (const s of supervisors) {
    await postToInbox(
      {
        _id: `notice_escalate_${r._id}_${s._id}`,
        to: s._id,
        agentId: r.agentId,
        from: SWEEP_BY,
        fromName: '系统提醒',
        kind: 'rectification',
        title: `整改逾期：客服 ${r.agentId}`,
        text: `${r.ruleName ?? r.problem}（${r.acknowledgedAt ? '已确认未完成' : '客服未确认'}）`,
        sessionId: r.sessionId,
        rectificationId: r._id,
      },
      now,
      { page: `${RECTIFICATION_PAGE}?id=${r._id}`, status: '已逾期' },
    );
  }
  return true;
}

export interface RectificationSweep {
  reminded: number;
  overdue: number;
}

export async function sweepRectifications(now: number): Promise<RectificationSweep> {
  const _ = database().command;
  const due = await rows<Rectification>(
    database()
      .collection(COLLECTIONS.rectifications)
      .where({ status: _.in(['open', 'acknowledged']), deadline: _.lte(now + REMIND_BEFORE_MS) })
      .orderBy('deadline', 'asc')
      .limit(MAX_PER_RUN),
  );
  const out: RectificationSweep = { reminded: 0, overdue: 0 };
  for (const r of due) {
    const step = timerStep(r, now);
    if (step === 'remind' && (await remind(r, now))) out.reminded++;
    if (step === 'overdue' && (await overdue(r, now))) out.overdue++;
  }
  return out;
}
