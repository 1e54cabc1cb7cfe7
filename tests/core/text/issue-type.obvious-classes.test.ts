import { classifyIssue, createIssueTypeClassifier, ISSUE_TYPES } from '@core/text/issue-type.classifier';
import { ISSUE_TYPE_SEED } from '@core/text/models/issue-type.seed';

describe('issue-type classifier on obvious messages', () => {
  it.each([
    ['快递三天没动了，到哪了', 'logistics'],
    ['我要退款', 'refund'],
    ['鞋子小了想换大一码', 'exchange'],
    ['这款有没有白色的', 'product'],
    ['洗衣机坏了，能上门维修吗', 'repair'],
    ['再不处理我就去12315投诉', 'complaint'],
    ['验证码收不到，登录不了', 'account'],
    ['你们的营业时间是几点', 'other'],
  ])('%s → %s', (text, label) => {
    expect(classifyIssue([text]).label).toBe(label);
  });

  it('reads the whole conversation, not only the first message', () => {
    const result = classifyIssue(['你好', '在吗', '我上周买的热水器不加热了，要修']);
    expect(result.label).toBe('repair');
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('answers other with zero confidence when there is no text', () => {
    expect(classifyIssue([])).toEqual({ label: 'other', confidence: 0 });
    expect(classifyIssue(['', '  '])).toEqual({ label: 'other', confidence: 0 });
  });

  it('ranks every class with probabilities summing to 1', () => {
    const ranked = createIssueTypeClassifier().rank(['退款什么时候到账']);
    expect(ranked.map((r) => r.label).sort()).toEqual([...ISSUE_TYPES].sort());
    expect(ranked.reduce((a, r) => a + r.p, 0)).toBeCloseTo(1, 6);
  });

  it('has at least 25 seed examples per class', () => {
    for (const label of ISSUE_TYPES)
      expect(ISSUE_TYPE_SEED.filter((e) => e.label === label).length).toBeGreaterThanOrEqual(25);
  });
});
