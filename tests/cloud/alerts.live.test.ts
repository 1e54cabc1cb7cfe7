import { binding, callApi, resetStore } from './harness';
import { agentMessage, alertsInStore, customerSays, data, inStore, openSessionOf, putDoc } from './alerts.support';
import { forgetCachedScorecards } from '../../cloudfunctions/common/scoring.service';
import { DEFAULT_SCORECARD, type Condition, type Scorecard } from '../../cloudfunctions/core/scoring';

beforeEach(async () => {
  await resetStore();
  binding.outbox.clearFailures();
});

describe('live alerts on ingest', () => {
  it("raises a red-line alert when an agent's rude reply goes out through messages/reply", async () => {
    await customerSays('你好，我的订单三天了还没发货');
    const sessionId = await openSessionOf();
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '爱买不买', confirmRedLine: true });
    const [alert, ...rest] = await alertsInStore();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      _id: `red-line_${sessionId}`,
      policy: 'red-line',
      severity: 'critical',
      agentId: 'kf001',
      team: '售前一组',
      routedTo: ['sup-1'],
      policyVersion: 0,
      evidence: [{ messageIndex: 1, span: [0, 4], ruleId: 'rude-language' }],
    });
    expect(alert.score).toBeUndefined();
  });

  it('raises a red-line alert for an agent message stored without the reply route', async () => {
    await customerSays('在吗');
    await agentMessage('您加我微信，私下给您便宜点');
    expect(await alertsInStore()).toEqual([
      expect.objectContaining({
        policy: 'red-line',
        evidence: [expect.objectContaining({ ruleId: 'off-platform-transaction' })],
      }),
    ]);
  });

  it('gives the live red-line alert its score on close instead of raising a second one', async () => {
    await customerSays('在吗');
    const sessionId = await openSessionOf();
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '爱买不买', confirmRedLine: true });
    await callApi('agent-1', { action: 'sessions/close', sessionId });
    const [alert, ...rest] = await alertsInStore();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      policy: 'red-line',
      score: expect.any(Number),
      title: expect.stringMatching(/^红线违规/),
    });
  });

  it('raises an angry-customer alert for a complaint threat, routed to every supervisor while no agent has answered', async () => {
    await customerSays('再不发货我就去12315投诉你们');
    expect(await alertsInStore()).toEqual([
      expect.objectContaining({ policy: 'customer-angry', routedTo: ['sup-1', 'sup-2'] }),
    ]);
  });

  it('raises a waiting alert when the customer writes again after waiting too long', async () => {
    const t0 = Date.now() - 10 * 60_000;
    await customerSays('在吗', { at: t0 });
    await customerSays('有人吗', { at: t0 + 5 * 60_000 });
    expect(await alertsInStore()).toEqual([
      expect.objectContaining({ policy: 'customer-waiting', title: '客户已等待 5 分钟未获回复' }),
    ]);
  });

  it('raises a repeat-contact alert when the customer comes back within a day', async () => {
    const earlier = Date.now() - 3 * 3600_000;
    await customerSays('我的快递怎么还没到', { at: earlier });
    await callApi('sup-1', { action: 'sessions/close', sessionId: await openSessionOf() });
    await customerSays('快递还是没到');
    expect((await alertsInStore({ policy: 'repeat-contact' })).length).toBe(1);
  });

  it("stores a supervisor's answer from an alert's session as a supervisor message", async () => {
    await customerSays('再不发货我就去12315投诉你们');
    const [alert] = await alertsInStore();
    const r = data(
      await callApi('sup-1', {
        action: 'messages/reply',
        sessionId: alert.sessionId,
        text: '您好，我是主管，马上为您处理',
      }),
    );
    expect(r.message).toMatchObject({ role: 'supervisor', sessionId: alert.sessionId });
    expect(await inStore('messages', { sessionId: alert.sessionId, role: 'supervisor' })).toHaveLength(1);
  });
});

describe('the live red-line check reads the scorecard in force for the session', () => {
  const admin = (action: string, params: Record<string, unknown>) => callApi('admin-1', { action, ...params });
  const rudeRule = () => DEFAULT_SCORECARD.sections.flatMap((s) => s.rules).find((r) => r.id === 'rude-language')!;

  it('raises no rude alert once a published version turned the rude-language rule off', async () => {
    data(
      await admin('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'rude-language', enabled: false }],
      }),
    );
    data(await admin('scorecards/publish', { scorecardId: 'default' }));
    await customerSays('在吗');
    await agentMessage('爱买不买，自己去看');
    expect(await alertsInStore()).toEqual([]);
  });

  it("raises one for a red-line word the published version added to the rule's list", async () => {
    const lists = (rudeRule().when as { any: Condition[] }).any[0] as Extract<Condition, { op: string }>;
    const words = [...(lists.params!.words as string[]), '蓝莓布丁'];
    data(
      await admin('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'param', rule: 'rude-language', leaf: 0, param: 'words', value: words }],
      }),
    );
    data(await admin('scorecards/publish', { scorecardId: 'default' }));
    await customerSays('在吗');
    await agentMessage('今天推荐蓝莓布丁');
    expect(await alertsInStore()).toEqual([
      expect.objectContaining({
        policy: 'red-line',
        title: '实时红线：服务态度恶劣',
        evidence: [expect.objectContaining({ ruleId: 'rude-language', messageIndex: 1 })],
      }),
    ]);
  });

  it("takes the card scoped to the session's channel over the default", async () => {
    const scoped: Scorecard = {
      ...DEFAULT_SCORECARD,
      id: 'kf-chat',
      version: 1,
      name: '客服消息评分卡',
      scope: { channels: ['mp-kf'] },
      sections: DEFAULT_SCORECARD.sections.map((s) => ({
        ...s,
        rules: s.rules.map((r) => (r.id === 'rude-language' ? { ...r, enabled: false } : r)),
      })),
    };
    await putDoc('scorecards', 'kf-chat@1', scoped as unknown as Record<string, unknown>);
    forgetCachedScorecards(); // published through another instance: read it now, not within the minute
    await customerSays('在吗');
    await agentMessage('爱买不买，自己去看');
    expect(await alertsInStore()).toEqual([]);
  });
});
