import { agent, check, conversation, customer, msg, T0 } from '../support/factories';

describe('firstResponse operator', () => {
  const when = { op: 'firstResponse', params: { overSeconds: 60 } };

  it('holds when the first reply comes after the limit, pointing at the reply', () => {
    const r = check(when, conversation([customer(0, '在吗'), customer(20, '人呢'), agent(95, '您好')]));
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0].messageIndex).toBe(2);
    expect(r.hits[0].reason).toContain('95 秒');
  });

  it('does not hold for a reply within the limit', () => {
    expect(check(when, conversation([customer(0, '在吗'), agent(60, '您好')])).held).toBe(false);
  });

  it('counts the wait from the customer, not from an earlier agent message', () => {
    const c = conversation([agent(0, '欢迎光临'), customer(100, '在吗'), agent(130, '在的')]);
    expect(check(when, c).held).toBe(false);
  });

  it('a customer message that never gets a reply is slow', () => {
    const r = check(when, conversation([customer(0, '在吗'), msg('system', 5, '已转接')]));
    expect(r.hits[0].messageIndex).toBe(0);
    expect(r.hits[0].reason).toContain('未获回复');
  });

  it('an unanswered message younger than the limit is not yet slow when now is given', () => {
    const c = conversation([customer(0, '在吗')]);
    expect(check(when, c, { now: T0 + 30_000 }).held).toBe(false);
    expect(check(when, c, { now: T0 + 61_000 }).held).toBe(true);
  });

  it('with unansweredOnly, holds only when no answer ever came', () => {
    const never = { op: 'firstResponse', params: { overSeconds: 60, unansweredOnly: true } };
    expect(check(never, conversation([customer(0, '在吗'), agent(300, '您好')])).held).toBe(false);
    expect(check(never, conversation([customer(0, '在吗'), customer(90, '人呢')])).held).toBe(true);
  });
});

describe('replyDelay operator', () => {
  const c = conversation([
    customer(0, '在吗'),
    agent(200, '您好'),
    customer(210, '我的快递呢'),
    customer(250, '快点'),
    agent(500, '在查'),
    customer(510, '好'),
    agent(520, '已经发出'),
    customer(600, '那什么时候到？'),
  ]);

  it('gives one finding per late reply, timed from the first waiting message, plus the unanswered one', () => {
    const r = check({ op: 'replyDelay', params: { overSeconds: 180 } }, c);
    expect(r.hits.map((h) => h.messageIndex)).toEqual([1, 4, 7]);
    expect(r.hits[1].reason).toContain('290 秒');
  });

  it('skipFirst leaves the first response to its own rule', () => {
    const r = check({ op: 'replyDelay', params: { overSeconds: 180, skipFirst: true } }, c);
    expect(r.hits.map((h) => h.messageIndex)).toEqual([4, 7]);
  });

  it('a trailing acknowledgement expects no answer', () => {
    const ends = conversation([customer(0, '在吗'), agent(10, '在的'), customer(20, '好的，谢谢！')]);
    const when = { op: 'replyDelay', params: { overSeconds: 180, ignoreTrailing: '^(好的?|谢谢)[\\s\\S]{0,6}$' } };
    expect(check(when, ends).held).toBe(false);
    const question = conversation([
      customer(0, '在吗'),
      agent(10, '在的'),
      customer(20, '好的，那我的退款什么时候到账呢'),
    ]);
    expect(check(when, question).held).toBe(true);
  });
});

describe('longestSilence operator', () => {
  it('holds when the longest gap between messages passes the limit, pointing after the gap', () => {
    const c = conversation([customer(0, 'a'), agent(30, 'b'), customer(400, 'c'), agent(410, 'd')]);
    const r = check({ op: 'longestSilence', params: { overSeconds: 300 } }, c);
    expect(r.hits.map((h) => h.messageIndex)).toEqual([2]);
    expect(check({ op: 'longestSilence', params: { overSeconds: 400 } }, c).held).toBe(false);
  });
});

describe('sessionLength operator', () => {
  const c = conversation([customer(0, 'a'), agent(600, 'b')]);

  it('holds over the maximum length', () => {
    expect(check({ op: 'sessionLength', params: { overSeconds: 300 } }, c).held).toBe(true);
    expect(check({ op: 'sessionLength', params: { overSeconds: 900 } }, c).held).toBe(false);
  });

  it('holds under the minimum length', () => {
    expect(check({ op: 'sessionLength', params: { underSeconds: 900 } }, c).held).toBe(true);
  });
});
