import { agent, check, conversation, customer } from '../support/factories';

const kw = (params: Record<string, unknown>) => ({ op: 'keywords', params });

describe('keywords operator', () => {
  const conv = conversation([
    customer(0, '在吗，我要退款'),
    agent(10, '您好，请问订单号是多少'),
    customer(20, '订单号发你了，快点退款'),
    agent(30, '好的，已经为您申请退款，感谢您的耐心'),
  ]);

  it('any: holds on one word and gives each occurrence with its span', () => {
    const r = check(kw({ words: ['退款'], role: 'customer' }), conv);
    expect(r.hits.map((h) => [h.messageIndex, h.span])).toEqual([
      [0, [5, 7]],
      [2, [9, 11]],
    ]);
  });

  it('looks only at the chosen role', () => {
    expect(check(kw({ words: ['感谢'], role: 'customer' }), conv).held).toBe(false);
    expect(check(kw({ words: ['感谢'], role: 'agent' }), conv).held).toBe(true);
  });

  it('all: holds only when every word occurs', () => {
    expect(check(kw({ words: ['订单号', '退款'], mode: 'all', role: 'customer' }), conv).held).toBe(true);
    expect(check(kw({ words: ['订单号', '换货'], mode: 'all', role: 'customer' }), conv).held).toBe(false);
  });

  it('atLeast: counts distinct words', () => {
    const when = kw({ words: ['退款', '订单号', '快点', '换货'], mode: 'atLeast', count: 3, role: 'customer' });
    expect(check(when, conv).held).toBe(true);
    const four = kw({ words: ['退款', '订单号', '快点', '换货'], mode: 'atLeast', count: 4, role: 'customer' });
    expect(check(four, conv).held).toBe(false);
  });

  it('none: holds when no word occurs and points at the message that lacked them', () => {
    const r = check(kw({ words: ['抱歉'], mode: 'none', role: 'agent', within: { last: 1 } }), conv);
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0].messageIndex).toBe(3);
    expect(check(kw({ words: ['感谢'], mode: 'none', role: 'agent' }), conv).held).toBe(false);
  });

  it('within first N messages of a role ignores later ones', () => {
    expect(check(kw({ words: ['感谢'], role: 'agent', within: { first: 1 } }), conv).held).toBe(false);
    expect(check(kw({ words: ['您好'], role: 'agent', within: { first: 1 } }), conv).held).toBe(true);
  });

  it('within last N messages of a role ignores earlier ones', () => {
    expect(check(kw({ words: ['您好'], role: 'agent', within: { last: 1 } }), conv).held).toBe(false);
    expect(check(kw({ words: ['感谢'], role: 'agent', within: { last: 1 } }), conv).held).toBe(true);
  });

  it('an exclusion word overlapping the match cancels it', () => {
    const c = conversation([agent(0, '我亲自帮您处理')]);
    expect(check(kw({ words: ['亲'], exclude: ['亲自'] }), c).held).toBe(false);
    expect(check(kw({ words: ['亲'], exclude: ['亲自'] }), conversation([agent(0, '亲，在的')])).held).toBe(true);
  });

  it('a negation just before the word cancels it: 我不是要投诉', () => {
    const when = kw({ words: ['投诉'], role: 'customer', negation: true });
    expect(check(when, conversation([customer(0, '我不是要投诉，就是问问')])).held).toBe(false);
    expect(check(when, conversation([customer(0, '我没有想投诉的意思')])).held).toBe(false);
    expect(check(when, conversation([customer(0, '我要投诉你们')])).held).toBe(true);
  });

  it('a negation does not reach across a clause break or beyond its window', () => {
    const when = kw({ words: ['投诉'], role: 'customer', negation: true });
    expect(check(when, conversation([customer(0, '不满意，我要投诉')])).held).toBe(true);
    expect(check(when, conversation([customer(0, '你们再不处理我就投诉')])).held).toBe(true);
  });

  it('custom negation words and window replace the defaults', () => {
    const when = kw({ words: ['私下交易'], negation: { window: 3, words: ['请勿'] } });
    expect(check(when, conversation([agent(0, '请勿私下交易')])).held).toBe(false);
    expect(check(when, conversation([agent(0, '不私下交易')])).held).toBe(true);
  });

  it('negation words match as keywords do: folded, Latin ones as whole tokens, up to the window exactly', () => {
    const when = kw({ words: ['投诉'], negation: { window: 1, words: ['not', '别'] } });
    const held = (text: string) => check(when, conversation([customer(0, text)])).held;
    expect(held('not 投诉')).toBe(false); // window 1: one space between
    expect(held('ＮＯＴ投诉')).toBe(false); // full-width, upper case
    expect(held('cannot投诉')).toBe(true); // 「not」 inside a longer Latin word
    expect(held('not  投诉')).toBe(true); // two characters: beyond the window
    expect(held('别，投诉')).toBe(true); // clause break
    expect(held('别 投诉，别投诉')).toBe(false); // both negated
  });

  it('exclusion phrases match as keywords do: on either side of the word, folded, Latin ones as whole tokens', () => {
    const held = (exclude: string[], text: string) =>
      check(kw({ words: ['投诉'], exclude }), conversation([customer(0, text)])).held;
    expect(held(['投诉箱'], '放进投诉箱')).toBe(false); // starts with the word
    expect(held(['不投'], '我不投诉')).toBe(false); // overlaps its start
    expect(held(['诉求'], '我投诉求助')).toBe(false); // overlaps its end
    expect(held(['A投'], '选ａ投诉')).toBe(false); // full-width, case folded
    expect(held(['a投'], 'ba投诉')).toBe(true); // 「a投」 is not a whole token here
    expect(held(['投诉箱'], '投诉，箱子')).toBe(true);
  });

  it('a longer listed word swallows the shorter one inside it', () => {
    const r = check(kw({ words: ['投诉', '我要投诉'] }), conversation([customer(0, '我要投诉')]));
    expect(r.hits.map((h) => h.span)).toEqual([[0, 4]]);
  });

  it('matches latin words regardless of case', () => {
    expect(check(kw({ words: ['vx'] }), conversation([agent(0, '加我VX')])).held).toBe(true);
  });
});
