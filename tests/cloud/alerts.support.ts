/** Factories for the alert tests: pushes as WeChat sends them, and reads of the local store. */
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { binding, callApi, db, push } from './harness';
import type { Alert } from '../../cloudfunctions/core/model';
import { storeMessage, type NewMessage } from '../../cloudfunctions/common/message.store';
import { afterAnswerSettled } from '../../cloudfunctions/common/after-answer.queue';

type Ok<T> = { ok: true; data: T };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const data = <T = any>(r: unknown) => {
  expect(r).toMatchObject({ ok: true });
  return (r as Ok<T>).data;
};

let msgId = 1;

/**
 * A customer's text message pushed to `ingest`, then what the push left to run after answering
 * (the notifications of the alerts it raised: alert.raiser.ts) has run.
 */
export async function customerSays(text: string, opts: { customer?: string; at?: number } = {}) {
  const answer = await push(customerPush(text, opts));
  await afterAnswerSettled();
  return answer;
}

/** The push WeChat sends for a customer's text message. */
export function customerPush(text: string, opts: { customer?: string; at?: number } = {}) {
  const at = opts.at ?? Date.now();
  return {
    ToUserName: 'gh_0123456789ab',
    FromUserName: opts.customer ?? 'oCustomer1',
    CreateTime: Math.floor(at / 1000),
    MsgType: 'text',
    Content: text,
    MsgId: 9_000_000 + msgId++,
  };
}

/** An agent message stored the way the WeCom pull stores it (no reply route involved). */
export async function agentMessage(text: string, opts: { customer?: string; at?: number; agentId?: string } = {}) {
  const msg: NewMessage = {
    _id: `agent-msg-${msgId++}`,
    channel: 'mp-kf',
    role: 'agent',
    type: 'text',
    text,
    at: opts.at ?? Date.now(),
    customerId: opts.customer ?? 'oCustomer1',
    agentId: opts.agentId ?? 'kf001',
  };
  const stored = await runWithContext({ SOURCE: 'test' }, () => storeMessage(msg));
  await afterAnswerSettled();
  return stored;
}

export function inStore<T = Record<string, unknown>>(
  collection: string,
  where: Record<string, unknown> = {},
): Promise<T[]> {
  return runWithContext({ SOURCE: 'test' }, async () => {
    const r = (await db().collection(collection).where(where).limit(1000).get()) as unknown as { data: T[] };
    return r.data;
  });
}

export function putDoc(collection: string, id: string, doc: Record<string, unknown>): Promise<unknown> {
  return runWithContext(
    { SOURCE: 'test' },
    () => db().collection(collection).doc(id).set({ data: doc }) as Promise<unknown>,
  );
}

export const alertsInStore = (where: Record<string, unknown> = {}) => inStore<Alert>('alerts', where);

export const sentSubscriptions = () => binding.outbox.entries('subscribeMessage.send');

export async function openSessionOf(customer = 'oCustomer1'): Promise<string> {
  const list = data(await callApi('admin-1', { action: 'sessions/list', status: 'open', limit: 100 }));
  return (list.items as { _id: string; customerId: string }[]).find((s) => s.customerId === customer)!._id;
}
