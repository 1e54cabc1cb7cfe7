/** The holes the security probe found on the `api` side, each shut and kept shut. */
import { DEFAULT_ALERT_POLICIES } from '../../cloudfunctions/core/alerts/alert.policy-set';
import { seedWorld } from './api.doors.support';
import { data, inStore, putDoc } from './alerts.support';
import { z } from 'zod';
import { createRouter, type RouteTable } from '../../cloudfunctions/api/router';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { binding, callApi, resetStore } from './harness';

const PHONE = '13812345678';

describe('api router: actions are own properties of the route table', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'answers ACTION.UNKNOWN for %s',
    async (action) => {
      await resetStore();
      expect(await callApi('admin-1', { action })).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
    },
  );

  it('answers ACTION.UNKNOWN for an action that is no string, even one whose toString throws (found by the fuzzer)', async () => {
    await resetStore();
    for (const action of [{ toString: 'x', valueOf: 1 }, ['sessions/list'], 42, null]) {
      expect(await callApi('admin-1', { action })).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
    }
  });
});

describe('api router: internal failures', () => {
  it('answer INTERNAL with a fixed sentence, never the error text', async () => {
    await resetStore();
    const leaky = new Error('MongoError: auth failed for admin:hunter2 at 10.0.0.7; KEFU_SECRET missing');
    const handle = createRouter({
      'me/get': {
        params: z.object({}).strip(),
        async handle() {
          throw leaky;
        },
      },
    } as unknown as RouteTable);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await runWithContext({ OPENID: 'admin-1', SOURCE: 'wx_client' }, () => handle({ action: 'me/get' }));
    errors.mockRestore();
    expect(r).toEqual({ ok: false, code: 'INTERNAL', message: '服务内部错误，请稍后重试' });
  });
});

describe('messages/reply: the same scope as sessions/get, and audited', () => {
  beforeEach(() => binding.outbox.clearFailures());

  it("refuses a supervisor another team's session and sends nothing", async () => {
    const world = await seedWorld();
    const r = await callApi('sup-1', { action: 'messages/reply', sessionId: world.session.other, text: '您好' });
    expect(r).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(binding.outbox.entries('customerServiceMessage.send')).toEqual([]);
  });

  it('lets an agent pick up an untaken session of their team, not of another team', async () => {
    const world = await seedWorld();
    const untaken = async (id: string, like: string, customerId: string) => {
      const [{ _id: _ignored, agentId: _none, ...session }] = await inStore('sessions', { _id: like });
      await putDoc('sessions', id, { ...session, customerId, agentIds: [] });
    };
    await untaken('untaken-own', world.session.own, 'oNew1');
    await untaken('untaken-other', world.session.other, 'oNew2');
    const mine = await callApi('agent-1', { action: 'messages/reply', sessionId: 'untaken-own', text: '您好' });
    expect(mine).toMatchObject({ ok: true });
    const theirs = await callApi('agent-1', { action: 'messages/reply', sessionId: 'untaken-other', text: '您好' });
    expect(theirs).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('audits a reply, masked, and a failed one with its delivery state and a plain reason', async () => {
    const world = await seedWorld();
    binding.outbox.fail('customerServiceMessage.send', {
      errCode: 99999,
      errmsg: 'internal: upstream db shard 7 down',
    });
    const r = await callApi('sup-1', {
      action: 'messages/reply',
      sessionId: world.session.own,
      text: `请拨打 ${PHONE}`,
    });
    expect(r).toMatchObject({ ok: false, code: 'WECHAT.SEND_FAILED' });
    expect(JSON.stringify(r)).not.toContain('shard');
    const [entry] = await inStore('auditLog', { entity: 'message' });
    expect(entry).toMatchObject({
      by: 'sup-1',
      action: 'reply',
      before: null,
      after: { delivery: { status: 'failed', errcode: 99999 } },
      refs: { sessionId: world.session.own },
    });
    expect(JSON.stringify(entry)).not.toContain(PHONE);
    expect(JSON.stringify(await inStore('messages'))).not.toContain('shard');
  });
});

describe('free text people type is masked before it is stored', () => {
  it('masks an alert note, in the alert and in its audit entry', async () => {
    const world = await seedWorld();
    const note = `已回电客户 ${PHONE}`;
    const { alert } = data(
      await callApi('sup-1', { action: 'alerts/transition', alertId: world.alert.own, to: 'resolved', note }),
    );
    expect(alert.note).toContain('138****5678');
    const stored = JSON.stringify([await inStore('alerts'), await inStore('auditLog')]);
    expect(stored).not.toContain(PHONE);
    expect(stored).toContain('138****5678');
  });

  it("masks a notice's text, in the inbox, the notification and the audit entry", async () => {
    const world = await seedWorld();
    const { notice } = data(
      await callApi('sup-1', { action: 'alerts/notifyAgent', alertId: world.alert.own, text: `回拨 ${PHONE}` }),
    );
    expect(notice.text).toBe('回拨 138****5678');
    const stored = JSON.stringify([await inStore('notices'), await inStore('auditLog'), await inStore('outbox')]);
    expect(stored).not.toContain(PHONE);
  });

  it("masks an alert policy's complaint words", async () => {
    await resetStore();
    const policies = DEFAULT_ALERT_POLICIES.map((p) =>
      p.id === 'customer-angry' ? { ...p, complaintWords: ['曝光', `打${PHONE}`] } : p,
    );
    const { draft } = data(await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies }));
    const angry = draft.policies.find((p: { id: string }) => p.id === 'customer-angry');
    expect(angry.complaintWords).toEqual(['曝光', '打138****5678']);
    expect(JSON.stringify([await inStore('alertPolicies'), await inStore('auditLog')])).not.toContain(PHONE);
  });
});
