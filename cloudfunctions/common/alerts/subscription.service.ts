/**
 * WeChat subscription messages (`subscribeMessage.send`). For an ordinary mini-program each
 * consent a user gives on a tap (`requestSubscribeMessage`) allows one message, so consents are
 * banked per openid in `subscriptions` and one is consumed per send. WeChat answers 43101 when
 * it holds no consent for the user: the bank is then set to 0 and the app asks again.
 *
 * Template: env `KEFU_ALERT_TEMPLATE_ID` (the id of the template added in the mini-program's
 * console). Its keywords must be `thing1` (title), `phrase2` (severity), `time3` (time) and
 * `thing4` (session / agent); see alert.delivery.ts.
 */
import { DomainError, ERROR_CODES } from '../../core/errors';
import { byId, cloud, COLLECTIONS, database, type Transaction, readInTransaction } from '../cloud';
import { logFailure } from '../log';

export const TEMPLATE_PLACEHOLDER = 'KEFU_ALERT_TEMPLATE_ID_NOT_SET';
/** WeChat: the user holds no subscription consent for this template. */
export const ERRCODE_NO_CONSENT = 43101;

export function alertTemplateId(): string {
  return process.env.KEFU_ALERT_TEMPLATE_ID || TEMPLATE_PLACEHOLDER;
}

interface SubscriptionDoc {
  banked: number;
  templateId: string;
  updatedAt: number;
  lastErrCode?: number;
}

export async function subscriptionState(
  openid: string,
): Promise<{ banked: number; templateId: string; askAgain: boolean }> {
  const templateId = alertTemplateId();
  const doc = await byId<SubscriptionDoc>(COLLECTIONS.subscriptions, openid);
  const banked = doc && doc.templateId === templateId ? doc.banked : 0;
  return { banked, templateId, askAgain: banked <= 0 };
}

/** A consent from `requestSubscribeMessage` (accepted or not) for the current template. */
export async function bankConsent(openid: string, templateId: string, accepted: boolean, now: number): Promise<number> {
  const current = alertTemplateId();
  if (templateId !== current) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, `templateId: 与当前告警通知模板（${current}）不一致`);
  }
  return database().runTransaction(async (t: Transaction) => {
    const doc = await readInTransaction<SubscriptionDoc>(t, COLLECTIONS.subscriptions, openid);
    const before = doc && doc.templateId === current ? doc.banked : 0;
    const banked = accepted ? before + 1 : before;
    await t
      .collection(COLLECTIONS.subscriptions)
      .doc(openid)
      .set({ data: { banked, templateId: current, updatedAt: now } });
    return banked;
  }) as Promise<number>;
}

/** Takes one banked consent; false when there is none. */
async function consume(openid: string, templateId: string, now: number): Promise<boolean> {
  return database().runTransaction(async (t: Transaction) => {
    const doc = await readInTransaction<SubscriptionDoc>(t, COLLECTIONS.subscriptions, openid);
    if (!doc || doc.templateId !== templateId || doc.banked <= 0) return false;
    await t
      .collection(COLLECTIONS.subscriptions)
      .doc(openid)
      .update({ data: { banked: doc.banked - 1, updatedAt: now } });
    return true;
  }) as Promise<boolean>;
}

async function adjust(openid: string, patch: (doc: SubscriptionDoc) => Partial<SubscriptionDoc>): Promise<void> {
  await database().runTransaction(async (t: Transaction) => {
    const doc = await readInTransaction<SubscriptionDoc>(t, COLLECTIONS.subscriptions, openid);
    if (doc)
      await t
        .collection(COLLECTIONS.subscriptions)
        .doc(openid)
        .update({ data: patch(doc) });
  });
}

export type SendOutcome = 'sent' | 'no-consent' | 'refused' | 'failed';

export interface NotificationRecord {
  kind: 'alert' | 'digest' | 'notice';
  alertId?: string;
  noticeId?: string;
  count?: number;
}

export async function recordNotification(
  channel: 'subscribe' | 'robot',
  to: string,
  status: SendOutcome | 'suppressed',
  record: NotificationRecord,
  now: number,
  errCode?: number,
): Promise<void> {
  await database()
    .collection(COLLECTIONS.notifications)
    .add({ data: { channel, to, status, ...record, at: now, ...(errCode !== undefined ? { errCode } : {}) } });
}

/**
 * Sends one subscription message if a consent is banked. Never throws: a failed notification
 * must not undo or block what caused it (the alert is in the app either way).
 */
export async function sendSubscription(
  openid: string,
  message: { page: string; data: Record<string, { value: string }> },
  record: NotificationRecord,
  now: number,
): Promise<SendOutcome> {
  const templateId = alertTemplateId();
  try {
    if (!(await consume(openid, templateId, now))) {
      await recordNotification('subscribe', openid, 'no-consent', record, now);
      return 'no-consent';
    }
    try {
      await cloud.openapi.subscribeMessage.send({ touser: openid, templateId, page: message.page, data: message.data });
    } catch (e) {
      const errCode = Number((e as { errCode?: number }).errCode ?? -1);
      if (errCode === ERRCODE_NO_CONSENT) {
        await adjust(openid, () => ({ banked: 0, lastErrCode: errCode, updatedAt: now }));
        await recordNotification('subscribe', openid, 'refused', record, now, errCode);
        return 'refused';
      }
      // WeChat did not deliver, so the consent was not used up.
      await adjust(openid, (doc) => ({ banked: doc.banked + 1, lastErrCode: errCode, updatedAt: now }));
      await recordNotification('subscribe', openid, 'failed', record, now, errCode);
      return 'failed';
    }
    await recordNotification('subscribe', openid, 'sent', record, now);
    return 'sent';
  } catch (e) {
    logFailure('alerts/subscribe', e);
    return 'failed';
  }
}
