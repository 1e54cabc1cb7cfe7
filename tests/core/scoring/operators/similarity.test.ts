import { agent, check, conversation } from '../support/factories';
import { bestSimilarity, buildTemplateSpace, gramCounts } from '@core/scoring/operators/similarity.operator';

const empathy = {
  op: 'similarity',
  params: { examples: ['非常理解您的心情', '给您带来不便非常抱歉'], threshold: 0.5, role: 'agent' },
};

describe('similarity operator', () => {
  it('holds for a paraphrase of an example sentence, naming the template', () => {
    const r = check(empathy, conversation([agent(0, '我非常理解您现在的心情')]));
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0].reason).toContain('非常理解您的心情');
  });

  it('does not hold for an unrelated sentence', () => {
    expect(check(empathy, conversation([agent(0, '您的快递明天到')])).held).toBe(false);
  });

  it('scores identical text 1 and ignores punctuation', () => {
    const space = buildTemplateSpace(['请提供订单号']);
    expect(bestSimilarity(space, gramCounts('请提供订单号！')).score).toBeCloseTo(1, 6);
  });

  it('the threshold decides', () => {
    const strict = { ...empathy, params: { ...empathy.params, threshold: 0.99 } };
    expect(check(strict, conversation([agent(0, '我非常理解您现在的心情')])).held).toBe(false);
  });
});
