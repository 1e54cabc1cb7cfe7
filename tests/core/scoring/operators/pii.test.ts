import { agent, check, conversation, customer, piiAt } from '../support/factories';

const leak = { op: 'pii', params: { by: 'agent' } };

describe('pii operator', () => {
  it('holds when an agent message carries a finding made by the agent, with its span', () => {
    const text = '您可以打这个号码 138****5678 联系师傅';
    const r = check(leak, conversation([agent(0, text, { pii: [piiAt(text, '138****5678', 'phone', 'agent')] })]));
    expect(r.hits.map((h) => h.span)).toEqual([[9, 20]]);
    expect(r.hits[0].excerpt).toContain('138****5678');
  });

  it('a customer giving their own number is not a leak', () => {
    const text = '我的电话是 139****1234';
    expect(
      check(leak, conversation([customer(0, text, { pii: [piiAt(text, '139****1234', 'phone', 'customer')] })])).held,
    ).toBe(false);
  });

  it('filters by type', () => {
    const text = '邮箱 a***@qq.com';
    const c = conversation([agent(0, text, { pii: [piiAt(text, 'a***@qq.com', 'email', 'agent')] })]);
    expect(check({ op: 'pii', params: { by: 'agent', types: ['phone', 'idcard'] } }, c).held).toBe(false);
    expect(check(leak, c).held).toBe(true);
  });
});
