import { analyzeSentiment } from '@core/text/sentiment.model';

describe('sentiment of clear chat messages', () => {
  it.each(['什么破服务', '太慢了，我要投诉', '质量太差了', '不满意'])('%s is negative', (text) => {
    expect(analyzeSentiment(text).label).toBe('negative');
  });

  it.each(['很满意', '这个不错', '挺好用的', '服务很周到，点赞'])('%s is positive', (text) => {
    expect(analyzeSentiment(text).label).toBe('positive');
  });

  it.each(['我的快递到哪了', '在吗', '请问什么时候发货'])('the plain question %s is neutral', (text) => {
    expect(analyzeSentiment(text).label).toBe('neutral');
  });

  it('negation lowers the probability: 不是很满意 against 很满意', () => {
    const plain = analyzeSentiment('很满意');
    const negated = analyzeSentiment('不是很满意');
    expect(negated.pPositive).toBeLessThan(plain.pPositive);
    expect(negated.label).not.toBe('positive');
  });

  it('negation flips 好用 to 不好用', () => {
    expect(analyzeSentiment('好用').pPositive).toBeGreaterThan(0.5);
    expect(analyzeSentiment('不好用').label).toBe('negative');
  });
});
