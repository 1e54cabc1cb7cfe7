import { agent, check, conversation, customer } from '../support/factories';

const verifyBeforeAddress = {
  op: 'order',
  params: { first: { words: ['核实', '验证'], role: 'agent' }, then: { words: ['收货地址是'], role: 'agent' } },
};

describe('order operator', () => {
  it('holds when A comes before B, with both as evidence', () => {
    const c = conversation([customer(0, '我的地址对吗'), agent(5, '先帮您核实身份'), agent(30, '您的收货地址是北京')]);
    const r = check(verifyBeforeAddress, c);
    expect(r.hits.map((h) => h.messageIndex)).toEqual([1, 2]);
  });

  it('does not hold when B comes first', () => {
    const c = conversation([agent(5, '您的收货地址是北京'), agent(30, '已核实')]);
    expect(check(verifyBeforeAddress, c).held).toBe(false);
  });

  it('with not, flags B without A first', () => {
    const rule = {
      all: [{ op: 'keywords', params: { words: ['收货地址是'], role: 'agent' } }, { not: verifyBeforeAddress }],
    };
    expect(check(rule, conversation([agent(5, '您的收货地址是北京')])).held).toBe(true);
    expect(check(rule, conversation([agent(0, '先核实一下'), agent(5, '您的收货地址是北京')])).held).toBe(false);
  });
});
