import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import { agent, conversation, customer, rule, scorecard } from './support/factories';

const kw = (words: string[], role = 'any') => ({ op: 'keywords', params: { words, role } });

describe('scoreConversation', () => {
  const conv = conversation([
    customer(0, '你们太慢了，我要投诉'),
    agent(10, '您好，保证明天到，保证！'),
    agent(20, '真的保证'),
  ]);

  it('starts each section at its weighted share of the base score', () => {
    const card = scorecard([], {
      sections: [
        { id: 'a', name: 'A', weight: 3, rules: [] },
        { id: 'b', name: 'B', weight: 1, rules: [] },
      ],
    });
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r.sections.map((s) => [s.id, s.score, s.max])).toEqual([
      ['a', 75, 75],
      ['b', 25, 25],
    ]);
    expect(r.total).toBe(100);
    expect(r.passed).toBe(true);
  });

  it('a per-occurrence rule deducts per finding up to its cap, and lists findings past the cap with 0', () => {
    const card = scorecard([rule('promise', kw(['保证'], 'agent'), { points: -5, per: 'occurrence', cap: 12 })]);
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r.hits.map((h) => h.points)).toEqual([-5, -5, -2]);
    expect(r.total).toBe(88);
  });

  it('a per-session rule hits once, anchored at its first finding', () => {
    const r = scoreConversation(
      compileScorecard(scorecard([rule('promise', kw(['保证'], 'agent'), { points: -5 })])),
      conv,
    );
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]).toMatchObject({ ruleId: 'promise', ruleVersion: 1, messageIndex: 1, span: [3, 5], points: -5 });
  });

  it('a section never drops below zero', () => {
    const r = scoreConversation(compileScorecard(scorecard([rule('x', kw(['投诉']), { points: -150 })])), conv);
    expect(r.total).toBe(0);
  });

  it('a bonus rule adds points but never above the section maximum', () => {
    const card = scorecard([rule('minus', kw(['投诉']), { points: -10 }), rule('plus', kw(['您好']), { points: 15 })]);
    expect(scoreConversation(compileScorecard(card), conv).total).toBe(100);
    const only = scorecard([rule('minus', kw(['投诉']), { points: -10 }), rule('plus', kw(['您好']), { points: 4 })]);
    expect(scoreConversation(compileScorecard(only), conv).total).toBe(94);
  });

  it('a fail-session red line fails the session whatever the total', () => {
    const card = scorecard([rule('red', kw(['保证'], 'agent'), { points: -1, critical: 'fail-session' })]);
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r).toMatchObject({ total: 99, passed: false, redLine: true });
    expect(r.hits[0].redLine).toBe(true);
  });

  it('a zero-section red line zeroes its section only', () => {
    const card = scorecard([], {
      sections: [
        { id: 'a', name: 'A', weight: 1, rules: [rule('red', kw(['保证']), { points: -1, critical: 'zero-section' })] },
        { id: 'b', name: 'B', weight: 1, rules: [] },
      ],
      passThreshold: 40,
    });
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r.sections.map((s) => s.score)).toEqual([0, 50]);
    expect(r).toMatchObject({ total: 50, passed: true, redLine: true });
  });

  it('fails below the pass threshold', () => {
    const r = scoreConversation(compileScorecard(scorecard([rule('x', kw(['投诉']), { points: -25 })])), conv);
    expect(r).toMatchObject({ total: 75, passed: false, redLine: false });
  });

  it('disabled rules do not run', () => {
    const r = scoreConversation(compileScorecard(scorecard([rule('x', kw(['投诉']), { enabled: false })])), conv);
    expect(r.hits).toEqual([]);
  });

  it('records the scorecard version and each rule version', () => {
    const card = scorecard([rule('x', kw(['投诉']), { version: 7 })], { version: 3 });
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r.scorecardVersion).toBe(3);
    expect(r.hits[0].ruleVersion).toBe(7);
  });

  it("every hit names its rule by the rule's display name, per finding and per session", () => {
    const card = scorecard([
      rule('promise', kw(['保证'], 'agent'), { name: '过度承诺', points: -5, per: 'occurrence' }),
      rule('complaint', kw(['投诉']), { name: '投诉倾向', points: -3 }),
    ]);
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r.hits.map((h) => [h.ruleId, h.ruleName])).toEqual([
      ['complaint', '投诉倾向'],
      ['promise', '过度承诺'],
      ['promise', '过度承诺'],
      ['promise', '过度承诺'],
    ]);
  });

  it('hits are sorted by message, span and rule id', () => {
    const card = scorecard([
      rule('z-late', kw(['投诉']), { points: -1 }),
      rule('b-promise', kw(['保证']), { points: -1, per: 'occurrence' }),
      rule('a-slow', kw(['太慢']), { points: -1 }),
      rule('a-complaint', kw(['投诉']), { points: -1 }),
    ]);
    const r = scoreConversation(compileScorecard(card), conv);
    expect(r.hits.map((h) => `${h.messageIndex}:${h.span?.[0]}:${h.ruleId}`)).toEqual([
      '0:2:a-slow',
      '0:8:a-complaint',
      '0:8:z-late',
      '1:3:b-promise',
      '1:9:b-promise',
      '2:2:b-promise',
    ]);
  });

  it('is pure: the same inputs give the same result, and a compiled scorecard is reusable', () => {
    const compiled = compileScorecard(scorecard([rule('x', kw(['保证']), { per: 'occurrence', points: -1 })]));
    const first = scoreConversation(compiled, conv);
    scoreConversation(compiled, conversation([agent(0, '别的内容')]));
    expect(scoreConversation(compiled, conv)).toEqual(first);
  });

  it('excerpts come from the masked text around the span', () => {
    const long = conversation([
      agent(0, '这是一段很长很长的开场白内容，然后我保证您的手机号138****5678不会泄露，后面还有很长很长的内容'),
    ]);
    const r = scoreConversation(compileScorecard(scorecard([rule('x', kw(['保证']))])), long);
    expect(r.hits[0].excerpt).toBe('…很长的开场白内容，然后我保证您的手机号138****…');
  });

  it('an invalid scorecard is refused at compile time with the field path', () => {
    expect(() =>
      compileScorecard(scorecard([rule('x', { op: 'keywords', params: { words: ['a'], mode: 'atLeast' } })])),
    ).toThrow(/when\.params\.count/);
  });
});
