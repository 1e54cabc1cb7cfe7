import { evaluateLive } from '../../../cloudfunctions/core/alerts/alert.live';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { msg, policiesWith, session, T0 } from './support/alert.factories';

function liveOn(text: string, set = DEFAULT_POLICY_SET) {
  const messages = [msg('customer', '在吗', T0), msg('agent', '您好', T0 + 1000), msg('agent', text, T0 + 2000)];
  return evaluateLive(session(), messages, messages[2], set, { now: T0 + 2000 });
}

describe("live: an agent's red-line words as they are sent", () => {
  it('raises a red-line alert pointing at the words in the session', () => {
    const [draft, ...rest] = liveOn('爱买不买，自己去看');
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({ policy: 'red-line', severity: 'critical', title: '实时红线：服务态度恶劣' });
    expect(draft.evidence[0]).toMatchObject({ messageIndex: 2, span: [0, 4], ruleId: 'rude-language' });
  });

  it('catches off-platform trading with the engine regex', () => {
    expect(liveOn('您加我微信，私下给您便宜点')[0].evidence.map((e) => e.ruleId)).toContain('off-platform-transaction');
  });

  it("keeps the engine's negation: a warning against private deals is no red line", () => {
    expect(liveOn('请勿私下交易，以平台为准')).toEqual([]);
  });

  it('leaves polite replies alone', () => {
    expect(liveOn('您好，已经帮您催促仓库发货')).toEqual([]);
  });

  it('does not judge customers by the agent rules', () => {
    const messages = [msg('customer', '爱买不买是吧', T0)];
    expect(evaluateLive(session(), messages, messages[0], DEFAULT_POLICY_SET, { now: T0 })).toEqual([]);
  });

  it('stays quiet when the live policy is off', () => {
    expect(liveOn('爱买不买', policiesWith({ id: 'agent-red-line-live', enabled: false }))).toEqual([]);
  });
});
