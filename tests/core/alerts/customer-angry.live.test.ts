import { evaluateLive } from '../../../cloudfunctions/core/alerts/alert.live';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { createSentimentAnalyzer } from '../../../cloudfunctions/core/text/sentiment.model';
import { classifyActs } from '../../../cloudfunctions/core/text/dialogue-act.model';
import { msg, policiesWith, sentimentTable, session, T0 } from './support/alert.factories';

function check(
  texts: string[],
  facts: { text?: Parameters<typeof evaluateLive>[4]['text'] } = {},
  set = DEFAULT_POLICY_SET,
) {
  const messages = texts.map((t, i) => msg('customer', t, T0 + i * 1000));
  const drafts = evaluateLive(session(), messages, messages[messages.length - 1], set, { now: T0, ...facts });
  return drafts.filter((d) => d.policy === 'customer-angry');
}

describe('live: a customer turning angry', () => {
  it('raises on a complaint threat with the words as evidence', () => {
    const [draft] = check(['我要去12315投诉你们']);
    expect(draft).toMatchObject({ severity: 'high', title: '客户情绪激动：投诉威胁' });
    expect(draft.evidence.map((e) => e.span)).toEqual([
      [3, 8],
      [8, 10],
    ]);
  });

  it('ignores a negated complaint word, as the complaint-risk rule does', () => {
    expect(check(['我不是要投诉，就问问'])).toEqual([]);
  });

  it('uses the configured complaint words', () => {
    expect(check(['我要曝光你们'], {}, policiesWith({ id: 'customer-angry', complaintWords: ['投诉'] }))).toEqual([]);
  });

  it('raises when the last two customer messages are both strongly negative', () => {
    const text = sentimentTable({ 怎么还没到: 0.01, 太慢了吧: 0.02 });
    expect(check(['怎么还没到', '太慢了吧'], { text })).toEqual([
      expect.objectContaining({ title: '客户情绪激动：情绪持续负面' }),
    ]);
  });

  it('never raises on one negative message alone', () => {
    expect(check(['怎么还没到'], { text: sentimentTable({ 怎么还没到: 0.001 }) })).toEqual([]);
  });

  it('raises when sentiment falls across the whole window', () => {
    const text = sentimentTable({ 好的: 0.8, 还没到吗: 0.2, 算了: 0.03 });
    expect(check(['好的', '还没到吗', '算了'], { text })).toEqual([
      expect.objectContaining({ title: '客户情绪激动：情绪明显恶化' }),
    ]);
  });

  it('stays quiet when negativity is not sustained', () => {
    const text = sentimentTable({ 好的: 0.8, 算了: 0.03 });
    expect(check(['好的', '算了'], { text })).toEqual([]);
  });

  it('with the shipped model: two furious messages raise, a calm question does not', () => {
    const text = createSentimentAnalyzer();
    expect(check(['什么破服务，气死我了', '垃圾客服，退钱！'], { text })).toHaveLength(1);
    expect(check(['你好，我的订单三天了还没发货'], { text })).toEqual([]);
  });

  it('with the act classifier: order talk the review model reads as negative does not raise', () => {
    const sentiment = createSentimentAnalyzer();
    const orderTalk = ['2345678901234567', '已付款，4567890123456789'];
    // The review model alone would raise on these two lines.
    expect(
      check(orderTalk, { text: sentimentTable(Object.fromEntries(orderTalk.map((t) => [t, 0.05]))) }),
    ).toHaveLength(1);
    const withActs = { sentiment: (t: string) => ({ ...sentiment.sentiment(t), pPositive: 0.05 }), acts: classifyActs };
    expect(check(orderTalk, { text: withActs })).toEqual([]);
    expect(check(['什么破服务，气死我了', '垃圾客服，退钱！'], { text: { ...withActs } })).toHaveLength(1);
  });
});
