import type { Conversation } from '@core/model';
import { DEFAULT_SCORECARD_V1 } from '@core/scoring/default.scorecard';
import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import type { ScoringFacts } from '@core/scoring/scoring.types';
import { agent, conversation, customer, fakeText, piiAt } from './support/factories';

const compiled = compileScorecard(DEFAULT_SCORECARD_V1);
const ruleIds = (conv: Conversation, facts: ScoringFacts = { text: fakeText }) =>
  [...new Set(scoreConversation(compiled, conv, facts).hits.map((h) => h.ruleId))].sort();

/** A well-handled logistics question; cases replace single lines of it. */
function polite(overrides: { first?: string; middle?: string; last?: string; customerLast?: string } = {}) {
  return conversation(
    [
      customer(0, '在吗？我的快递三天了还没到'),
      agent(15, overrides.first ?? '您好，很高兴为您服务，请提供一下订单号'),
      customer(40, '订单号是 2025050612345678901'),
      agent(70, overrides.middle ?? '已为您查询，包裹在派送中，预计明天送达'),
      customer(90, overrides.customerLast ?? '好的，知道了'),
      agent(100, overrides.last ?? '还有其他可以帮您的吗？祝您生活愉快'),
    ],
    { rating: { csat: 5, resolved: true } },
  );
}

describe('default scorecard on realistic conversations', () => {
  const table: [string, Conversation, string[]][] = [
    ['a well-handled conversation has no hit', polite(), []],
    ['「亲，在的」 is a greeting', polite({ first: '亲，在的，请提供一下订单号' }), []],
    ['a first reply without greeting', polite({ first: '订单号发一下' }), ['greeting-missing']],
    ['「亲自」 is not 「亲」', polite({ first: '我亲自帮您查，订单号发一下' }), ['greeting-missing']],
    ['no thanks or goodbye at the end', polite({ last: '就这样' }), ['closing-missing']],
    [
      "a closing in the agent's second-last message counts",
      conversation([
        customer(0, '在吗'),
        agent(10, '您好'),
        customer(20, '没事了'),
        agent(30, '好的，感谢您的咨询'),
        agent(31, '[表情]'),
      ]),
      [],
    ],
    [
      'first reply after 90 s',
      conversation([
        customer(0, '在吗'),
        agent(90, '您好，请问有什么可以帮您'),
        customer(100, '没事了'),
        agent(110, '好的，再见'),
      ]),
      ['first-response-slow'],
    ],
    [
      'a customer nobody answers',
      conversation([customer(0, '在吗'), customer(60, '有人吗？')]),
      ['first-response-slow', 'no-reply'],
    ],
    [
      'two late replies, counted each',
      conversation([
        customer(0, '在吗'),
        agent(10, '您好'),
        customer(20, '退款什么时候到账'),
        agent(400, '三到五个工作日'),
        customer(410, '能快点吗'),
        agent(800, '已经在加急了，感谢您的耐心'),
      ]),
      ['reply-slow'],
    ],
    [
      'a last 「好的谢谢」 needs no answer',
      conversation([
        customer(0, '在吗'),
        agent(10, '您好'),
        customer(20, '问下发票'),
        agent(30, '已开具，感谢您的耐心'),
        customer(40, '好的谢谢'),
      ]),
      [],
    ],
    [
      'a last question nobody answers is slow',
      conversation([
        customer(0, '在吗'),
        agent(10, '您好'),
        customer(20, '问下发票'),
        agent(30, '已开具，感谢您的耐心'),
        customer(40, '那什么时候能收到纸质发票？'),
      ]),
      ['reply-slow'],
    ],
    ['rude words are a red line', polite({ middle: '你自己看不懂吗？物流信息上写着呢' }), ['rude-language']],
    ['「滚筒洗衣机」 is not rude', polite({ middle: '您买的滚筒洗衣机已经在派送中' }), []],
    [
      'steering to private payment is a red line',
      polite({ middle: '加我微信，私下转账给您便宜点' }),
      ['off-platform-transaction'],
    ],
    ['「加我VX」 in latin letters', polite({ middle: '加我VX详聊' }), ['off-platform-transaction']],
    ['warning against private deals is good service', polite({ middle: '请勿私下交易，谨防诈骗' }), []],
    ['over-promising', polite({ middle: '我保证明天一定送到' }), ['over-promise']],
    ['「不一定」 and 「无法保证」 are honest', polite({ middle: '明天不一定能到，具体时间无法保证' }), []],
    [
      'a threat to complain, answered with an apology',
      polite({ customerLast: '再不到我就打12315投诉', last: '非常抱歉给您带来不便，还有其他可以帮您的吗' }),
      ['complaint-risk', 'customer-negative'],
    ],
    [
      'a complaint threat with no apology',
      polite({ customerLast: '再不到我就打12315投诉' }),
      ['complaint-risk', 'customer-negative', 'no-apology-on-complaint'],
    ],
    ['「我不是要投诉」 is no complaint', polite({ customerLast: '我不是要投诉，就是问问' }), []],
    [
      'an angry customer with no apology',
      polite({ customerLast: '什么破快递，等了这么久' }),
      ['customer-negative', 'no-apology-on-complaint'],
    ],
    [
      'unresolved by rating',
      conversation([customer(0, '在吗'), agent(10, '您好'), customer(20, '好'), agent(30, '感谢')], {
        rating: { resolved: false },
      }),
      ['unresolved'],
    ],
    [
      'a low CSAT counts as unresolved',
      conversation([customer(0, '在吗'), agent(10, '您好'), customer(20, '好'), agent(30, '感谢')], {
        rating: { csat: 2 },
      }),
      ['unresolved'],
    ],
  ];

  it.each(table)('%s', (_name, conv, expected) => {
    expect(ruleIds(conv)).toEqual([...expected].sort());
  });

  it('an agent disclosing a phone number is a leak', () => {
    const text = '师傅电话 138****5678 您直接联系';
    const conv = polite({ middle: text });
    conv.messages[3].pii = [piiAt(text, '138****5678', 'phone', 'agent')];
    expect(ruleIds(conv)).toEqual(['pii-leak']);
  });

  it('a customer giving their own phone number is no leak', () => {
    const text = '我的电话 139****1234';
    const conv = polite({ customerLast: text });
    conv.messages[4].pii = [piiAt(text, '139****1234', 'phone', 'customer')];
    expect(ruleIds(conv)).toEqual([]);
  });

  it('a red line fails the session and marks its hit', () => {
    const r = scoreConversation(compiled, polite({ middle: '爱买不买' }), { text: fakeText });
    expect(r).toMatchObject({ passed: false, redLine: true });
    expect(r.hits.find((h) => h.ruleId === 'rude-language')).toMatchObject({ redLine: true, span: [0, 4] });
  });

  it('without a sentiment model the sentiment rules are listed as skipped', () => {
    const r = scoreConversation(compiled, polite());
    expect(r.skipped?.map((s) => s.ruleId).sort()).toEqual(['customer-negative', 'no-apology-on-complaint']);
  });

  it('fails a session whose customer never got an answer (the timeliness section is zeroed)', () => {
    const result = scoreConversation(compiled, conversation([customer(0, '在吗'), customer(60, '有人吗？')]), {
      text: fakeText,
    });
    expect(result.passed).toBe(false);
    expect(result.sections.find((s) => s.id === 'timeliness')?.score).toBe(0);
  });

  it('ships the stable rule ids', () => {
    const ids = DEFAULT_SCORECARD_V1.sections.flatMap((s) => s.rules.map((r) => r.id)).sort();
    expect(ids).toEqual(
      [
        'greeting-missing',
        'closing-missing',
        'first-response-slow',
        'no-reply',
        'reply-slow',
        'rude-language',
        'off-platform-transaction',
        'pii-leak',
        'complaint-risk',
        'no-apology-on-complaint',
        'over-promise',
        'unresolved',
        'customer-negative',
      ].sort(),
    );
    expect(DEFAULT_SCORECARD_V1).toMatchObject({ id: 'default', version: 1, status: 'published' });
    expect(Object.isFrozen(DEFAULT_SCORECARD_V1.sections[0].rules[0])).toBe(true);
  });
});
