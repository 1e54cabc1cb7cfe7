import { agent, check, conversation, customer } from '../support/factories';

const re = (params: Record<string, unknown>) => ({ op: 'regex', params });

describe('regex operator', () => {
  it('gives each match with its span', () => {
    const r = check(
      re({ pattern: '一定.{0,4}到', role: 'agent' }),
      conversation([agent(0, '明天一定能送到，后天一定到')]),
    );
    expect(r.hits.map((h) => h.span)).toEqual([
      [2, 7],
      [10, 13],
    ]);
  });

  it('an exclusion pattern overlapping the match cancels it', () => {
    const when = re({ pattern: '一定.{0,4}到', exclude: '不一定' });
    expect(check(when, conversation([agent(0, '这个不一定能到')])).held).toBe(false);
  });

  it('honours the role', () => {
    const when = re({ pattern: '\\d{3}', role: 'agent' });
    expect(check(when, conversation([customer(0, '订单123')])).held).toBe(false);
  });

  it('with requires, tries only messages where a required word occurs', () => {
    const when = re({ pattern: '加.{0,2}(微信|vx)', flags: 'i', requires: ['微信', 'vx'] });
    expect(check(when, conversation([agent(0, '加我VX吧')])).held).toBe(true);
    expect(check(when, conversation([agent(0, '加急处理')])).held).toBe(false);
  });
});
