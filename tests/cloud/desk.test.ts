/**
 * The agent's workspace (issue 16) on the real router and store: the agent's live list, one
 * session with its 48-hour window, replies sent through the outbox stand-in (success and
 * WeChat's refusals), the pre-send red-line check, transfer, the supervisors' whisper and
 * takeover, quick-reply templates, and the audit entries each leaves.
 */
import { binding, callApi, resetStore, TEAM } from './harness';
import { agentMessage, customerSays, data, inStore, openSessionOf, putDoc } from './alerts.support';

const HOUR = 3600_000;

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
  await putDoc('users', 'agent-3', { role: 'agent', name: '李想', team: TEAM, agentId: 'kf002' });
});

const sent = () => binding.outbox.entries('customerServiceMessage.send');
const refused = (r: unknown) => r as { ok: false; code: string; message: string };

/** A session kf001 answered once, whose customer then wrote again `waitMs` ago. */
async function answeredThenWaiting(customer: string, waitMs: number): Promise<string> {
  const now = Date.now();
  await customerSays('你好，请问发货了吗', { customer, at: now - waitMs - 60_000 });
  await agentMessage('您好，正在为您查询', { customer, agentId: 'kf001', at: now - waitMs - 30_000 });
  await customerSays('查到了吗？', { customer, at: now - waitMs });
  return openSessionOf(customer);
}

describe('desk/list: the agent’s live sessions', () => {
  it('lists own and untaken team sessions, longest-waiting customer first; not other agents’ ones', async () => {
    const short = await answeredThenWaiting('oShort', 60_000);
    const long = await answeredThenWaiting('oLong', 10 * 60_000);
    await customerSays('在吗', { customer: 'oUntaken', at: Date.now() - 5 * 60_000 });
    const untaken = await openSessionOf('oUntaken');
    await customerSays('你好', { customer: 'oOther', at: Date.now() - 20 * 60_000 });
    await agentMessage('您好', { customer: 'oOther', agentId: 'kf006', at: Date.now() - 19 * 60_000 });
    await customerSays('还在吗', { customer: 'oOther', at: Date.now() - 18 * 60_000 });

    const { items } = data(await callApi('agent-1', { action: 'desk/list' }));
    expect(items.map((s: { _id: string }) => s._id)).toEqual([long, untaken, short]);
    expect(items.map((s: { untaken: boolean }) => s.untaken)).toEqual([false, true, false]);
    expect(items[0].waitingMs).toBeGreaterThanOrEqual(10 * 60_000);
  });
});

describe('desk/get: the chat and the 48-hour window', () => {
  it('reports the time left before WeChat stops accepting replies', async () => {
    const id = await answeredThenWaiting('oWin', 47 * HOUR);
    const view = data(await callApi('agent-1', { action: 'desk/get', sessionId: id }));
    expect(view.messages).toHaveLength(3);
    expect(view.window.open).toBe(true);
    expect(view.window.leftMs).toBeGreaterThan(HOUR - 60_000);
    expect(view.window.leftMs).toBeLessThanOrEqual(HOUR);
    expect(view.colleagues).toEqual([{ agentId: 'kf002', name: '李想' }]);
  });

  it('refuses another team’s agent', async () => {
    const id = await answeredThenWaiting('oWin2', 60_000);
    expect(await callApi('agent-2', { action: 'desk/get', sessionId: id })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('replies from the workspace', () => {
  it('sends through customerServiceMessage.send and answers the waiting customer', async () => {
    const id = await answeredThenWaiting('oSend', 60_000);
    data(await callApi('agent-1', { action: 'messages/reply', sessionId: id, text: '已经发货了，单号稍后发您' }));
    expect(sent().map((e) => e.params)).toEqual([
      expect.objectContaining({ touser: 'oSend', text: { content: '已经发货了，单号稍后发您' } }),
    ]);
    const { items } = data(await callApi('agent-1', { action: 'desk/list' }));
    expect(items.find((s: { _id: string }) => s._id === id).waitingMs).toBe(0);
  });

  it.each([
    [45015, /48 小时/],
    [45047, /连续发送 5 条/],
  ])('explains WeChat’s %d in Chinese and keeps the failed message', async (errCode, words) => {
    const id = await answeredThenWaiting(`oFail${errCode}`, 60_000);
    binding.outbox.fail('customerServiceMessage.send', { errCode });
    const r = refused(await callApi('agent-1', { action: 'messages/reply', sessionId: id, text: '抱歉久等了' }));
    expect(r).toMatchObject({ ok: false, code: 'WECHAT.SEND_FAILED' });
    expect(r.message).toMatch(words);
    const view = data(await callApi('agent-1', { action: 'desk/get', sessionId: id }));
    expect(view.messages.at(-1)).toMatchObject({ role: 'agent', delivery: { status: 'failed', errcode: errCode } });
  });
});

describe('the pre-send red-line check', () => {
  it('refuses a red-line draft naming the rule and the words, sends nothing, and audits the attempt', async () => {
    const id = await answeredThenWaiting('oRude', 60_000);
    const r = refused(
      await callApi('agent-1', { action: 'messages/reply', sessionId: id, text: '你是不是傻，自己不会看吗' }),
    );
    expect(r).toMatchObject({ ok: false, code: 'REPLY.RED_LINE' });
    expect(r.message).toContain('服务态度恶劣');
    expect(r.message).toContain('傻');
    expect(sent()).toEqual([]);
    const [entry] = await inStore('auditLog', { action: 'redLineBlocked' });
    expect(entry).toMatchObject({
      by: 'agent-1',
      entity: 'session',
      entityId: id,
      after: { redLine: [{ ruleId: 'rude-language', words: ['傻'] }] },
    });
  });

  it('sends once confirmed and records the confirmation on the reply’s audit entry', async () => {
    const id = await answeredThenWaiting('oRude2', 60_000);
    const text = '加我微信私下转给我更快';
    data(await callApi('agent-1', { action: 'messages/reply', sessionId: id, text, confirmRedLine: true }));
    expect(sent()).toHaveLength(1);
    const [entry] = await inStore('auditLog', { action: 'reply' });
    expect(entry).toMatchObject({ after: { redLineConfirmed: [{ ruleId: 'off-platform-transaction' }] } });
  });

  it('lets a clean draft through without a confirmation', async () => {
    const id = await answeredThenWaiting('oClean', 60_000);
    data(await callApi('agent-1', { action: 'messages/reply', sessionId: id, text: '请勿添加任何私人微信，谨防诈骗' }));
    expect(await inStore('auditLog', { action: 'redLineBlocked' })).toEqual([]);
  });
});

describe('transfer', () => {
  it('hands the session to a colleague of the team: it leaves my desk and appears on theirs', async () => {
    const id = await answeredThenWaiting('oMove', 60_000);
    const { session } = data(
      await callApi('agent-1', { action: 'sessions/transfer', sessionId: id, toAgentId: 'kf002' }),
    );
    expect(session).toMatchObject({ agentId: 'kf002', agentIds: ['kf001', 'kf002'] });
    expect(data(await callApi('agent-1', { action: 'desk/list' })).items).toEqual([]);
    expect(data(await callApi('agent-3', { action: 'desk/list' })).items.map((s: { _id: string }) => s._id)).toEqual([
      id,
    ]);
    const [entry] = await inStore('auditLog', { action: 'transfer' });
    expect(entry).toMatchObject({ before: { agentId: 'kf001' }, after: { agentId: 'kf002' } });
    // Handed over: the first agent may no longer pass it on.
    expect(await callApi('agent-1', { action: 'sessions/transfer', sessionId: id, toAgentId: 'kf002' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('refuses an agent of another team, an unknown agent, and the current agent', async () => {
    const id = await answeredThenWaiting('oMove2', 60_000);
    for (const toAgentId of ['kf006', 'kf999', 'kf001']) {
      expect(await callApi('agent-1', { action: 'sessions/transfer', sessionId: id, toAgentId })).toMatchObject({
        ok: false,
        code: 'TRANSFER.BAD_AGENT',
      });
    }
  });
});

describe('supervisors intervene', () => {
  it('whispers to the agent: shown in the agent’s chat, never sent to the customer, audited', async () => {
    const id = await answeredThenWaiting('oWhisper', 60_000);
    data(
      await callApi('sup-1', { action: 'sessions/whisper', sessionId: id, text: '先道歉，客户电话 13812345678 别念' }),
    );
    const view = data(await callApi('agent-1', { action: 'desk/get', sessionId: id }));
    expect(view.whispers).toEqual([expect.objectContaining({ byName: '林主管', by: 'sup-1' })]);
    expect(view.whispers[0].text).not.toContain('13812345678');
    expect(view.messages).toHaveLength(3);
    expect(sent()).toEqual([]);
    expect(await inStore('auditLog', { action: 'whisper' })).toEqual([
      expect.objectContaining({ by: 'sup-1', entity: 'whisper', refs: { sessionId: id, agentId: 'kf001' } }),
    ]);
  });

  it('takes over: the session shows who, the supervisor replies, the agent is refused; audited', async () => {
    const id = await answeredThenWaiting('oTake', 60_000);
    data(await callApi('sup-1', { action: 'sessions/takeover', sessionId: id }));
    const view = data(await callApi('agent-1', { action: 'desk/get', sessionId: id }));
    expect(view.session.takenOverBy).toMatchObject({ openid: 'sup-1', name: '林主管' });
    expect(await callApi('agent-1', { action: 'messages/reply', sessionId: id, text: '好的' })).toMatchObject({
      ok: false,
      code: 'SESSION.TAKEN_OVER',
    });
    data(await callApi('sup-1', { action: 'messages/reply', sessionId: id, text: '您好，我是主管，由我来处理' }));
    const after = data(await callApi('sup-1', { action: 'desk/get', sessionId: id }));
    expect(after.messages.at(-1)).toMatchObject({ role: 'supervisor', delivery: { status: 'sent' } });
    expect(await inStore('auditLog', { action: 'takeover' })).toEqual([
      expect.objectContaining({ by: 'sup-1', before: { takenOverBy: null } }),
    ]);
  });

  it('refuses another team’s supervisor and closed sessions', async () => {
    const id = await answeredThenWaiting('oTake2', 60_000);
    expect(await callApi('sup-2', { action: 'sessions/takeover', sessionId: id })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    data(await callApi('sup-1', { action: 'sessions/close', sessionId: id }));
    expect(await callApi('sup-1', { action: 'sessions/whisper', sessionId: id, text: '注意' })).toMatchObject({
      ok: false,
      code: 'SESSION.CLOSED',
    });
  });
});

describe('quick-reply templates', () => {
  it('supervisors keep their team’s, admins everyone’s; agents read their team’s and everyone’s', async () => {
    data(await callApi('admin-1', { action: 'replyTemplates/save', title: '问候', text: '您好，很高兴为您服务' }));
    data(await callApi('sup-1', { action: 'replyTemplates/save', title: '催发货', text: '已为您催促仓库' }));
    data(await callApi('sup-2', { action: 'replyTemplates/save', title: '退款', text: '退款 1-3 个工作日到账' }));
    const titles = async (openid: string) =>
      data(await callApi(openid, { action: 'replyTemplates/list' })).items.map((t: { title: string }) => t.title);
    expect(await titles('agent-1')).toEqual(['催发货', '问候']);
    expect(await titles('agent-2')).toEqual(['退款', '问候']);
    expect((await titles('admin-1')).sort()).toEqual(['催发货', '退款', '问候'].sort());
    const everyone = data(await callApi('admin-1', { action: 'replyTemplates/list' })).items.find(
      (t: { team?: string }) => !t.team,
    );
    expect(await callApi('sup-1', { action: 'replyTemplates/remove', templateId: everyone._id })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await callApi('sup-1', { action: 'replyTemplates/remove', templateId: 'tpl_none' })).toMatchObject({
      ok: false,
      code: 'TEMPLATE.NOT_FOUND',
    });
  });
});
