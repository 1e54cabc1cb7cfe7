/**
 * over-promise in scorecard v3: commitments by their shape, hedges, and commitments answering a
 * stated deadline or worry or a complaint. Scored with v3 and the shipped models; v2 (as shipped)
 * misses the shapes, which is what version 3 changed.
 */
import { DEFAULT_SCORECARD_V2 } from '@core/scoring/default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { compileScorecard, scoreConversation } from '@core/scoring';
import { classifyActs } from '@core/text/dialogue-act.model';
import { analyzeSentiment } from '@core/text/sentiment.model';
import { conversation, msg } from '../support/factories';

const facts = { text: { sentiment: analyzeSentiment, acts: classifyActs } };
const v3 = compileScorecard(DEFAULT_SCORECARD_V3);
const v2 = compileScorecard(DEFAULT_SCORECARD_V2);
const promised = (compiled: typeof v3, customer: string, agent: string) =>
  scoreConversation(compiled, conversation([msg('customer', 0, customer), msg('agent', 10, agent)]), facts).hits.some(
    (h) => h.ruleId === 'over-promise',
  );

describe('v3 over-promise by shape', () => {
  it.each([
    ['周五前能到吗', '放心，周五前必到'],
    ['赶得上吗，下周要用', '妥妥的能赶上'],
    ['洗了会不会掉色', '不会的，怎么洗都坏不了'],
    ['会过敏吗', '不可能过敏的'],
    ['这次不会再漏发了吧', '绝不会再漏发了'],
  ])('「%s」→「%s」 is a commitment (v2 missed it)', (customer, agent) => {
    expect(promised(v3, customer, agent)).toBe(true);
    expect(promised(v2, customer, agent)).toBe(false);
  });

  it.each([
    ['明天能到吗', '一般明天能到，偏远地区会慢一点'],
    ['能修好吗', '这个不能保证一定修好，要先检测'],
    ['怎么保存', '您一定要放冷藏'],
    ['退款什么时候处理', '我一定尽快帮您催'],
    ['是正品吗', '品质绝对有保障'],
  ])('「%s」→「%s」 is not', (customer, agent) => {
    expect(promised(v3, customer, agent)).toBe(false);
  });

  it('answers a stated deadline or worry as it answers a question', () => {
    expect(promised(v3, '我后天出国，东西一定要在这之前到', '后天之前保准送到')).toBe(true);
    expect(promised(v3, '好的，那我下单了', '后天之前保准送到')).toBe(false);
  });
});
