import { DEFAULT_SCORECARD_V8 } from '@core/scoring/default.scorecard.v8';
import { DEFAULT_SCORECARD_V9 } from '@core/scoring/default.scorecard.v9';
import { compileScorecard, DEFAULT_SCORECARD, SHIPPED_DEFAULT_SCORECARDS } from '@core/scoring';
import { redLineClassifier } from '@core/text/red-line.model';
import { agent, conversation, customer } from './support/factories';
import { ruleIdsHit as hits, said, scriptedActs, withRedLineModel } from './support/scorecard.versions';

const v8 = compileScorecard(DEFAULT_SCORECARD_V8);
const v9 = compileScorecard(DEFAULT_SCORECARD_V9);
const MODEL = withRedLineModel();

const rulesOf = (card: typeof DEFAULT_SCORECARD_V9) => card.sections.flatMap((s) => s.rules);

describe('default scorecard version 9 (v8 with models l3 and r7, greetings after a title)', () => {
  it('is the default in force, shipped after versions 1-8', () => {
    expect(DEFAULT_SCORECARD).toBe(DEFAULT_SCORECARD_V9);
    expect(DEFAULT_SCORECARD_V9).toMatchObject({ id: 'default', version: 9 });
    expect(SHIPPED_DEFAULT_SCORECARDS.map((c) => c.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(SHIPPED_DEFAULT_SCORECARDS[8]).toBe(DEFAULT_SCORECARD_V9);
    expect(rulesOf(DEFAULT_SCORECARD_V9).map((r) => r.id)).toEqual(rulesOf(DEFAULT_SCORECARD_V8).map((r) => r.id));
  });

  it('changes only customer-negative, the greeting rule and the three red-line rules (their model: l3)', () => {
    const changed = rulesOf(DEFAULT_SCORECARD_V9)
      .filter((r, i) => JSON.stringify(r) !== JSON.stringify(rulesOf(DEFAULT_SCORECARD_V8)[i]))
      .map((r) => r.id);
    expect(changed.sort()).toEqual(
      [
        'customer-negative',
        'greeting-missing',
        'off-platform-transaction',
        'review-manipulation',
        'rude-language',
      ].sort(),
    );
    const models = JSON.stringify(DEFAULT_SCORECARD_V9.sections).match(/"model":"l\d"/g) ?? [];
    expect(new Set(models)).toEqual(new Set(['"model":"l3"']));
    expect(redLineClassifier('l3')).not.toBe(redLineClassifier('l2'));
    expect(redLineClassifier()).toBe(redLineClassifier('l3'));
  });

  it.each([
    '王总好，收到，5000个飞机盒',
    '家人们好～券是满199可用',
    '赵工好 收到 明天寄出',
    '哈喽宝子～收到就好',
    '李会计您好，马上查',
  ])('greeting-missing does not hold on the opening 「%s」 (version 8 held)', (line) => {
    expect(hits(v9, said(line), MODEL)).not.toContain('greeting-missing');
    expect(hits(v8, said(line), MODEL)).toContain('greeting-missing');
  });

  it.each([
    '亲，好的，已经发货了',
    '王总，好用的话再来',
    '宝子好看的哦',
    '收到，明天寄出',
    '亲，好呀',
    '亲，好！',
    '亲，好，稍等',
    '宝，好咯',
    '亲，好几天才到',
    '找师傅好好看看',
    '做工好不好看个人',
    'white色还有货',
  ])('greeting-missing holds on 「%s」 (好 that answers, or no greeting at all)', (line) => {
    expect(hits(v9, said(line), MODEL)).toContain('greeting-missing');
  });

  it('customer-negative: a customer who complained and leaves for another shop ends negative (version 8 missed it)', () => {
    const conv = conversation(
      [
        customer(0, '衣服洗一次就掉色了'),
        agent(10, '您好，非常抱歉，可以申请退货'),
        customer(30, '行吧 下次换家店'),
        agent(40, '感谢您，祝您生活愉快'),
      ],
      { rating: { csat: 3, resolved: true } },
    );
    const facts = scriptedActs({
      衣服洗一次就掉色了: ['complaint'],
      '您好，非常抱歉，可以申请退货': ['greeting', 'apology-empathy'],
    });
    expect(hits(v9, conv, facts)).toContain('customer-negative');
    expect(hits(v8, conv, facts)).not.toContain('customer-negative');
  });
});
