import { binding, callApi, db, push, pushedNow, resetStore } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
});

async function openSessionId(): Promise<string> {
  await push(pushedNow('mp-kf-text.json'));
  const r = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { items: { _id: string }[] } };
  return r.data.items[0]._id;
}

/** Every document of `collection` (at most 100), read as the server stores them. */
async function stored(collection: string) {
  return runWithContext({ SOURCE: 'test' }, async () => {
    const r = (await db().collection(collection).limit(100).get()) as unknown as {
      data: Record<string, unknown>[];
    };
    return r.data;
  });
}
const outbox = () => stored('outbox');
const auditLog = () => stored('auditLog');

describe('agent replies go out through customerServiceMessage.send and are stored', () => {
  it('sends the reply to the customer and stores it as the agent message', async () => {
    const sessionId = await openSessionId();
    const r = await callApi('agent-1', { action: 'messages/reply', sessionId, text: '您好，这边帮您催一下仓库' });
    expect(r).toMatchObject({
      ok: true,
      data: { message: { role: 'agent', sessionId, delivery: { status: 'sent' } } },
    });
    const [sent] = await outbox();
    expect(sent).toMatchObject({
      api: 'customerServiceMessage.send',
      params: {
        touser: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
        msgtype: 'text',
        text: { content: '您好，这边帮您催一下仓库' },
      },
    });
  });

  it('explains 45015 (outside the 48-hour window) and keeps the message with its failed status', async () => {
    const sessionId = await openSessionId();
    binding.outbox.fail('customerServiceMessage.send', { errCode: 45015 });
    const r = await callApi('agent-1', { action: 'messages/reply', sessionId, text: '抱歉久等了' });
    expect(r).toMatchObject({ ok: false, code: 'WECHAT.SEND_FAILED' });
    expect((r as { message: string }).message).toMatch(/48 小时/);
    const detail = (await callApi('admin-1', { action: 'sessions/get', sessionId })) as {
      data: { messages: { role: string; delivery?: { status: string; errcode?: number } }[] };
    };
    expect(detail.data.messages.find((m) => m.role === 'agent')?.delivery).toMatchObject({
      status: 'failed',
      errcode: 45015,
    });
    // Undelivered, so the customer is still waiting.
    expect((detail.data as unknown as { session: { waitingSince: number | null } }).session.waitingSince).toEqual(
      expect.any(Number),
    );
  });

  it('masks personal data an agent types before storing it, and records the disclosure', async () => {
    const sessionId = await openSessionId();
    const text = '加我电话 13912345678 聊';
    // Since scorecard v7 the red-line model reads 「加我电话…聊」 as steering off the platform: the
    // agent confirms it, and the number is masked wherever it is kept, the refused attempt included.
    const refused = (await callApi('agent-1', { action: 'messages/reply', sessionId, text })) as { code: string };
    expect(refused).toMatchObject({ ok: false, code: 'REPLY.RED_LINE' });
    const r = (await callApi('agent-1', { action: 'messages/reply', sessionId, text, confirmRedLine: true })) as {
      data: { message: { text: string; pii: { type: string; by: string }[] } };
    };
    expect(r.data.message.text).toBe('加我电话 139****5678 聊');
    expect(r.data.message.pii).toEqual([expect.objectContaining({ type: 'phone', by: 'agent' })]);
    // The customer receives the text as typed; the outbox (our log of it) keeps it masked.
    expect(JSON.stringify(await outbox())).toContain('139****5678');
    expect(JSON.stringify(await outbox())).not.toContain('13912345678');
    expect(JSON.stringify(await auditLog())).toContain('139****5678');
    expect(JSON.stringify(await auditLog())).not.toContain('13912345678');
  });

  it('refuses a reply to a closed session', async () => {
    const sessionId = await openSessionId();
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '您好' });
    await callApi('agent-1', { action: 'sessions/close', sessionId });
    await expect(callApi('agent-1', { action: 'messages/reply', sessionId, text: '还在吗' })).resolves.toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
});
