import { z } from 'zod';
import { transitionPatch } from '../../core/alerts/alert.lifecycle';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { ALERT_SEVERITIES, ALERT_STATUSES, type Alert, type User } from '../../core/model';
import { audit } from '../../common/audit.log';
import { getAlert, listAlerts, updateAlert } from '../../common/alerts.repository';
import { notifyAgent } from '../../common/alerts/notices.service';
import { bankConsent, subscriptionState } from '../../common/alerts/subscription.service';
import { rerecordSession } from '../../common/report.rollups';
import { maskTypedText } from '../../common/typed-text';
import { route } from '../router';
import { paging } from './paging';

/** Supervisors see the alerts routed to them; admins see all. */
function routedFilter(user: User) {
  return user.role === 'admin' ? {} : { routedTo: user._id };
}

async function visibleAlert(user: User, alertId: string): Promise<Alert> {
  const alert = await getAlert(alertId);
  if (!alert) throw new DomainError(ERROR_CODES.ALERT_NOT_FOUND, `告警不存在: ${alertId}`);
  if (user.role !== 'admin' && !alert.routedTo.includes(user._id)) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '该告警未分派给你');
  }
  return alert;
}

export const alertsList = route('alerts/list', {
  params: z.object({
    status: z.enum(ALERT_STATUSES).optional(),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    team: z.string().min(1).optional(),
    ...paging,
  }),
  async handle({ user }, p) {
    return listAlerts({ ...routedFilter(user), status: p.status, severity: p.severity, team: p.team }, p.limit, p.skip);
  },
});

export const alertsGet = route('alerts/get', {
  params: z.object({ alertId: z.string().min(1) }),
  async handle({ user }, p) {
    return { alert: await visibleAlert(user, p.alertId) };
  },
});

export const alertsTransition = route('alerts/transition', {
  params: z.object({
    alertId: z.string().min(1),
    to: z.enum(['acknowledged', 'resolved', 'false-alarm']),
    note: z.string().max(500).optional(),
  }),
  async handle({ user, now }, p) {
    const alert = await visibleAlert(user, p.alertId);
    const note = p.note === undefined ? undefined : maskTypedText(p.note, user.role);
    const patch = transitionPatch(alert, p.to, note, user._id, now);
    await updateAlert(alert._id, patch);
    await audit({
      at: now,
      by: user._id,
      entity: 'alert',
      entityId: alert._id,
      action: 'transition',
      before: { status: alert.status, note: alert.note ?? null },
      after: { status: p.to, note: patch.note ?? alert.note ?? null },
    });
    // A false alarm (or taking one back) moves the session's false-alarm share in the reports.
    if (p.to === 'false-alarm' || alert.status === 'false-alarm') await rerecordSession(alert.sessionId, 'alert');
    return { alert: { ...alert, ...patch } };
  },
});

export const alertsSubscribe = route('alerts/subscribe', {
  params: z.object({ templateId: z.string().min(1), accepted: z.boolean() }),
  async handle({ user, now }, p) {
    const banked = await bankConsent(user._id, p.templateId, p.accepted, now);
    await audit({
      at: now,
      by: user._id,
      entity: 'subscription',
      entityId: user._id,
      action: p.accepted ? 'consent' : 'decline',
      before: { banked: p.accepted ? banked - 1 : banked },
      after: { banked },
    });
    return { banked };
  },
});

export const alertsSubscription = route('alerts/subscription', {
  params: z.object({}).strip(),
  async handle({ user }) {
    return subscriptionState(user._id);
  },
});

/** Intervention: a notice to the agent of the alert's session, with a notification. */
export const alertsNotifyAgent = route('alerts/notifyAgent', {
  params: z.object({ alertId: z.string().min(1), text: z.string().trim().min(1).max(500) }),
  async handle({ user, now }, p) {
    const alert = await visibleAlert(user, p.alertId);
    const notice = await notifyAgent(alert, user, p.text, now);
    await audit({
      at: now,
      by: user._id,
      entity: 'notice',
      entityId: notice._id,
      action: 'notifyAgent',
      before: null,
      after: { to: notice.to, title: notice.title, text: notice.text },
      refs: { alertId: alert._id, ...(alert.sessionId ? { sessionId: alert.sessionId } : {}) },
    });
    return { notice };
  },
});
