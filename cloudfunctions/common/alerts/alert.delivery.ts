/**
 * Telling people about a new alert: a subscription message to each supervisor it is routed to
 * (when they banked a consent) and a markdown message to the team's WeCom robot (when the team
 * has one). Every attempt is recorded in `notifications`; nothing here throws, so a failed send
 * never blocks or undoes the alert, which is in the app regardless.
 *
 * Storm control: notifications are counted per recipient and minute (`notifyWindows`); above the
 * policy set's `digestAbovePerMinute` for a supervisor, or 20 for a robot, nothing more is sent
 * that minute and the next sweep sends one digest ("N 条新告警") instead.
 */
import { stormOf } from '../../core/alerts/alert.policy-set';
import { minuteOf, sendsAlone } from '../../core/alerts/alert.storm';
import type { Alert, AlertPolicySet, AlertSeverity } from '../../core/model';
import { COLLECTIONS, database, rows, type Transaction, readInTransaction } from '../cloud';
import { postMarkdown, ROBOT_PER_MINUTE, robotWebhookOf } from './robot.webhook';
import { recordNotification, sendSubscription } from './subscription.service';
import { logFailure } from '../log';

export const ALERTS_PAGE = 'packages/supervisor/alerts/index';

const SEVERITY_LABEL: Record<AlertSeverity, string> = { low: '低', medium: '中', high: '高', critical: '严重' };

type WindowKind = 'subscribe' | 'robot';

interface NotifyWindow {
  kind: WindowKind;
  to: string;
  minute: number;
  count: number;
  suppressed: number;
  digested: boolean;
}

function windowId(kind: WindowKind, to: string, minute: number): string {
  return `notifyWindow_${kind === 'robot' ? `robot-${to}` : to}_${minute}`;
}

/** Counts one notification; true when it may go out on its own. */
async function admit(kind: WindowKind, to: string, limit: number, now: number): Promise<boolean> {
  const minute = minuteOf(now);
  const id = windowId(kind, to, minute);
  return database().runTransaction(async (t: Transaction) => {
    const w = await readInTransaction<NotifyWindow>(t, COLLECTIONS.notifyWindows, id);
    const count = (w?.count ?? 0) + 1;
    const alone = sendsAlone(count, { digestAbovePerMinute: limit });
    const suppressed = (w?.suppressed ?? 0) + (alone ? 0 : 1);
    const next: NotifyWindow = { kind, to, minute, count, suppressed, digested: false };
    await t.collection(COLLECTIONS.notifyWindows).doc(id).set({ data: next });
    return alone;
  }) as Promise<boolean>;
}

/** `YYYY-MM-DD HH:mm` in China time, whatever the function's time zone. */
export function chinaTime(at: number): string {
  const d = new Date(at + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** WeChat's `thing` values hold at most 20 characters. */
function thing(s: string): string {
  return s.length > 20 ? `${s.slice(0, 19)}…` : s;
}

export function alertMessage(alert: Alert): { page: string; data: Record<string, { value: string }> } {
  return {
    page: ALERTS_PAGE,
    data: {
      thing1: { value: thing(alert.title) },
      phrase2: { value: SEVERITY_LABEL[alert.severity] },
      time3: { value: chinaTime(alert.createdAt) },
      thing4: { value: thing(alert.agentId ? `客服 ${alert.agentId}` : '会话尚未接入客服') },
    },
  };
}

export function alertMarkdown(alert: Alert): string {
  const color = alert.severity === 'critical' || alert.severity === 'high' ? 'warning' : 'comment';
  return [
    `**<font color="${color}">质检告警 · ${SEVERITY_LABEL[alert.severity]}</font>**`,
    `> ${alert.title}`,
    `> 客服：${alert.agentId ?? '未接入'}`,
    `> 会话：${alert.sessionId}`,
    `> 时间：${chinaTime(alert.createdAt)}`,
  ].join('\n');
}

async function postToRobot(
  team: string,
  url: string,
  content: string,
  record: { kind: 'alert' | 'digest'; alertId?: string; count?: number },
  now: number,
) {
  try {
    const answer = await postMarkdown(url, content);
    await recordNotification(
      'robot',
      team,
      answer.errcode === 0 ? 'sent' : 'failed',
      record,
      now,
      answer.errcode || undefined,
    );
  } catch (e) {
    logFailure('alerts/robot', e, { team });
    await recordNotification('robot', team, 'failed', record, now);
  }
}

export async function deliverAlert(alert: Alert, set: Pick<AlertPolicySet, 'storm'>, now: number): Promise<void> {
  const storm = stormOf(set);
  for (const openid of alert.routedTo) {
    try {
      if (await admit('subscribe', openid, storm.digestAbovePerMinute, now)) {
        await sendSubscription(openid, alertMessage(alert), { kind: 'alert', alertId: alert._id }, now);
      } else {
        await recordNotification('subscribe', openid, 'suppressed', { kind: 'alert', alertId: alert._id }, now);
      }
    } catch (e) {
      logFailure('alerts/notify', e, { alert: alert._id });
    }
  }
  if (!alert.team) return;
  try {
    const url = await robotWebhookOf(alert.team);
    if (!url) return;
    if (await admit('robot', alert.team, ROBOT_PER_MINUTE, now)) {
      await postToRobot(alert.team, url, alertMarkdown(alert), { kind: 'alert', alertId: alert._id }, now);
    } else {
      await recordNotification('robot', alert.team, 'suppressed', { kind: 'alert', alertId: alert._id }, now);
    }
  } catch (e) {
    logFailure('alerts/robot', e, { alert: alert._id });
  }
}

/** Claims a finished window for its digest; false when another run already did. */
async function claim(id: string): Promise<boolean> {
  return database().runTransaction(async (t: Transaction) => {
    const w = await readInTransaction<NotifyWindow>(t, COLLECTIONS.notifyWindows, id);
    if (!w || w.digested) return false;
    await t
      .collection(COLLECTIONS.notifyWindows)
      .doc(id)
      .update({ data: { digested: true } });
    return true;
  }) as Promise<boolean>;
}

/** The timer's part: one digest per recipient for each finished minute that had suppressed notifications. */
export async function sendDigests(now: number): Promise<number> {
  const _ = database().command;
  const due = await rows<NotifyWindow & { _id: string }>(
    database()
      .collection(COLLECTIONS.notifyWindows)
      .where({ digested: false, suppressed: _.gt(0), minute: _.lt(minuteOf(now)) })
      .limit(100),
  );
  let sent = 0;
  for (const w of due) {
    try {
      if (!(await claim(w._id))) continue;
      const text = `${w.suppressed} 条新告警`;
      if (w.kind === 'subscribe') {
        await sendSubscription(
          w.to,
          {
            page: ALERTS_PAGE,
            data: {
              thing1: { value: text },
              phrase2: { value: '汇总' },
              time3: { value: chinaTime(w.minute * 60_000) },
              thing4: { value: '请在告警列表查看' },
            },
          },
          { kind: 'digest', count: w.suppressed },
          now,
        );
      } else {
        const url = await robotWebhookOf(w.to);
        if (url) {
          const content = `**质检告警汇总**\n> ${chinaTime(w.minute * 60_000)} 另有 ${text}未逐条推送，请在小程序告警列表查看`;
          await postToRobot(w.to, url, content, { kind: 'digest', count: w.suppressed }, now);
        }
      }
      sent++;
    } catch (e) {
      logFailure('alerts/digest', e);
    }
  }
  return sent;
}
