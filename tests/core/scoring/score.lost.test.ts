import { lostRules } from '@core/scoring/score.hits';

test('lostRules: red lines first, then by points lost, each rule once, at most three', () => {
  const hit = (ruleName: string, points: number, redLine = false) => ({
    ruleId: ruleName,
    ruleName,
    points,
    redLine,
    ruleVersion: 1,
    messageIndex: null,
    span: null,
    excerpt: '',
    reason: '',
  });
  expect(
    lostRules({
      hits: [
        hit('慢', -5),
        hit('慢', -5),
        hit('红线', -25, true),
        hit('未问候', -5),
        hit('加分', 5),
        hit('未结束', -3),
      ],
    }),
  ).toEqual(['红线', '慢', '未问候']);
});
