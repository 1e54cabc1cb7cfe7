/**
 * The `opening` operator's `titles` (scorecard v7): a named address (surname + title) before the
 * greeting is skipped as an address term is, so 「张经理您好」 greets; without titles, as v2-v6
 * shipped, it does not; a title does not make a reply without a greeting greet.
 */
import { agent, check, conversation, customer } from '../support/factories';

const base = { greetings: ['您好', '你好', '早上好'], addressTerms: ['亲'], withinChars: 2 };
const withTitles = { op: 'opening', params: { ...base, titles: ['经理', '总', '工'] } } as const;
const without = { op: 'opening', params: base } as const;
const firstReply = (text: string) => conversation([customer(0, '陈工 打样稿看了吗'), agent(10, text)]);

describe('opening: greeting after a named address', () => {
  it.each(['张经理您好，稿子收到了', '王总，您好', '欧阳经理 早上好', '陈工您好～'])(
    '「%s」 greets with titles',
    (text) => {
      expect(check(withTitles, firstReply(text)).held).toBe(false);
    },
  );

  it('does not greet without titles (as versions 2-6 judged it)', () => {
    expect(check(without, firstReply('张经理您好，稿子收到了')).held).toBe(true);
  });

  it('a title alone is not a greeting', () => {
    expect(check(withTitles, firstReply('张经理，稿子收到了')).held).toBe(true);
    expect(check(withTitles, firstReply('亲，这个已经发货了')).held).toBe(true);
  });
});
