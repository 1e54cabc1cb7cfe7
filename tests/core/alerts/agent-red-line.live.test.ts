import { compileRedLineRules, evaluateLive, type LiveFacts } from '../../../cloudfunctions/core/alerts/alert.live';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { DEFAULT_SCORECARD, parseScorecard, type Scorecard } from '../../../cloudfunctions/core/scoring';
import { msg, policiesWith, session, T0 } from './support/alert.factories';

function liveOn(text: string, set = DEFAULT_POLICY_SET, facts: Partial<LiveFacts> = {}) {
  const messages = [msg('customer', '在吗', T0), msg('agent', '您好', T0 + 1000), msg('agent', text, T0 + 2000)];
  return evaluateLive(session(), messages, messages[2], set, { now: T0 + 2000, ...facts });
}

/** The default scorecard as an admin's next published version, with its rude-language rule changed. */
function defaultWithRude(change: (rule: Scorecard['sections'][number]['rules'][number]) => object): Scorecard {
  return parseScorecard({
    ...DEFAULT_SCORECARD,
    version: DEFAULT_SCORECARD.version + 1,
    sections: DEFAULT_SCORECARD.sections.map((s) => ({
      ...s,
      rules: s.rules.map((r) => (r.id === 'rude-language' ? { ...r, ...change(r) } : r)),
    })),
  });
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

  it('judges by the red-line rules of the scorecard in force it is given: rude language off, no alert', () => {
    const card = defaultWithRude(() => ({ enabled: false }));
    expect(liveOn('爱买不买，自己去看', DEFAULT_POLICY_SET, { redLineRules: compileRedLineRules(card) })).toEqual([]);
  });

  it('judges by the red-line rules of the scorecard in force it is given: a word added, an alert', () => {
    const card = defaultWithRude((r) => {
      const [lists, ...rest] = (r.when as { any: [{ op: 'phrases'; params: { words: string[] } }] }).any;
      return {
        when: { any: [{ ...lists, params: { ...lists.params, words: [...lists.params.words, '蓝莓布丁'] } }, ...rest] },
      };
    });
    expect(liveOn('今天推荐蓝莓布丁')).toEqual([]);
    const [draft] = liveOn('今天推荐蓝莓布丁', DEFAULT_POLICY_SET, { redLineRules: compileRedLineRules(card) });
    expect(draft.evidence).toEqual([
      expect.objectContaining({ ruleId: 'rude-language', messageIndex: 2, span: [4, 8] }),
    ]);
  });

  it('raises nothing when the scorecard in force has no red-line rules that judge a message', () => {
    expect(liveOn('爱买不买', DEFAULT_POLICY_SET, { redLineRules: null })).toEqual([]);
  });

  it('stays quiet when the live policy is off', () => {
    expect(liveOn('爱买不买', policiesWith({ id: 'agent-red-line-live', enabled: false }))).toEqual([]);
  });
});
