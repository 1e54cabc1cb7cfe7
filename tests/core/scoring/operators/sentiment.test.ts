import { agent, check, conversation, customer, fakeText } from '../support/factories';

describe('sentiment operator', () => {
  const souring = conversation([
    customer(0, '你好，问一下发货时间'),
    agent(5, '您好，48小时内发货'),
    customer(10, '已经三天了'),
    customer(20, '太慢了，太差了'),
  ]);

  it('without an analyzer the rule is skipped and listed, not passed', () => {
    const r = check({ op: 'sentiment', params: { role: 'customer', scope: 'end', label: 'negative' } }, souring);
    expect(r.held).toBe(false);
    expect(r.skipped).toEqual([{ ruleId: 'r', ruleVersion: 1, reason: '未提供情感分析模型' }]);
  });

  it('not of an unknown stays unknown', () => {
    const r = check({ not: { op: 'sentiment', params: { role: 'customer', label: 'negative' } } }, souring);
    expect(r.held).toBe(false);
    expect(r.skipped).toHaveLength(1);
  });

  it("end: the role's last messages carry the label", () => {
    const when = { op: 'sentiment', params: { role: 'customer', scope: 'end', label: 'negative' } };
    expect(check(when, souring, { text: fakeText }).hits.map((h) => h.messageIndex)).toEqual([3]);
    const happy = conversation([customer(0, '太差了'), customer(9, '好的谢谢，满意')]);
    expect(check(when, happy, { text: fakeText }).held).toBe(false);
  });

  it('any: at least minCount messages with the label', () => {
    const when = { op: 'sentiment', params: { role: 'customer', label: 'negative', minCount: 2 } };
    expect(check(when, souring, { text: fakeText }).held).toBe(false);
    const twice = conversation([customer(0, '太慢了'), customer(5, '垃圾服务')]);
    expect(check(when, twice, { text: fakeText }).held).toBe(true);
  });

  it('trend: worsening when the second half is clearly less positive', () => {
    const when = { op: 'sentiment', params: { role: 'customer', scope: 'trend', trend: 'worsening' } };
    expect(check(when, souring, { text: fakeText }).held).toBe(true);
    const improving = conversation([customer(0, '太慢了'), customer(5, '你好'), customer(9, '谢谢，满意')]);
    expect(check(when, improving, { text: fakeText }).held).toBe(false);
  });

  it('looks at the agent when asked', () => {
    const when = { op: 'sentiment', params: { role: 'agent', label: 'negative' } };
    expect(check(when, conversation([customer(0, '太差了'), agent(5, '您好')]), { text: fakeText }).held).toBe(false);
  });
});
