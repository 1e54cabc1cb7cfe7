import type { Conversation } from '@core/model';
import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { compileScorecard, scoreConversation } from '@core/scoring';
import type { ScoringFacts, TurnActs } from '@core/scoring/scoring.types';
import { classifyActs } from '@core/text/dialogue-act.model';
import { analyzeSentiment } from '@core/text/sentiment.model';
import { agent, conversation, customer } from './support/factories';
import { scriptedActs as scriptedActsAt } from './support/scorecard.versions';

/** v3's tests scripted their acts at p = 0.9. */
const scriptedActs = (table: Record<string, string[]>) => scriptedActsAt(table, 0.9);

const compiled = compileScorecard(DEFAULT_SCORECARD_V3);
const shipped: ScoringFacts = { text: { sentiment: analyzeSentiment, acts: classifyActs } };

const hitsOf = (conv: Conversation, facts: ScoringFacts = shipped) =>
  [...new Set(scoreConversation(compiled, conv, facts).hits.map((h) => h.ruleId))].sort();

/** A calm, well-handled order question; cases replace single lines. */
function calm(
  o: { first?: string; middle?: string; customerMiddle?: string; last?: string } = {},
  extra: Partial<Conversation> = {},
) {
  return conversation(
    [
      customer(0, '在吗，我拍了那件燕麦色卫衣，什么时候发货'),
      agent(15, o.first ?? '亲，您好～下午四点前拍的当天发哦'),
      customer(40, o.customerMiddle ?? '2345678901234567 这个单号'),
      agent(60, o.middle ?? '查到了，今天就发顺丰'),
      customer(80, '好的'),
      agent(90, o.last ?? '不客气呢，有问题随时联系～'),
    ],
    { rating: { csat: 5, resolved: true }, ...extra },
  );
}

describe('default scorecard version 3 (v2 and what changed after it shipped)', () => {
  it('is version 3 of the default scorecard, with the paid-review red line, reading text by edition 2 and acts r2', () => {
    expect(DEFAULT_SCORECARD_V3).toMatchObject({ id: 'default', version: 3, text: { normalize: 2, acts: 'r2' } });
    const rules = DEFAULT_SCORECARD_V3.sections.flatMap((s) => s.rules);
    expect(rules.find((r) => r.id === 'review-manipulation')).toMatchObject({ critical: 'fail-session' });
  });

  it('passes a calm order chat full of order numbers and order talk', () => {
    const conv = calm({ customerMiddle: '已付款，2345678901234567' });
    const result = scoreConversation(compiled, conv, shipped);
    expect(result.hits).toEqual([]);
    expect(result.passed).toBe(true);
  });

  describe('greeting at the start of the first reply, with address terms as shop data', () => {
    it.each([
      ['亲，您好～下午四点前拍的当天发哦', []],
      ['亲，在的～', []],
      ['客官您好，马上为您查', []],
      ['哈哈亲亲您好～纯棉的会缩一点', []],
      ['亲，这个已经发货了', ['greeting-missing']],
      ['已经发货了，您好', ['greeting-missing']],
    ])('%s', (first, expected) => {
      expect(hitsOf(calm({ first }))).toEqual(expected);
    });
  });

  describe('closing after the customer’s last substantive message', () => {
    it.each([
      ['您客气了～', []],
      ['有问题随时联系哦', []],
      ['嗯', ['closing-missing']],
    ])('%s', (last, expected) => {
      expect(hitsOf(calm({ last }))).toEqual(expected);
    });

    it('skips greeting and closing on a fragment, with the reason', () => {
      const conv = calm({ first: '这个已经发货了', last: '嗯' }, { partial: true });
      const result = scoreConversation(compiled, conv, shipped);
      expect(result.hits.map((h) => h.ruleId)).toEqual([]);
      expect(result.skipped?.map((s) => s.ruleId).sort()).toEqual(['closing-missing', 'greeting-missing']);
    });
  });

  describe('red lines that spelling does not dodge', () => {
    it.each([
      '加我薇信聊',
      '加我微-信号 abc12345',
      '加我V信',
      '加我 vx 吧',
      '加我ｖｘ',
      '加我微💬信',
      '退款走 V-信 更快',
      '您发个zfb账号我直接转您',
    ])('off-platform: %s', (middle) => {
      expect(hitsOf(calm({ middle }))).toContain('off-platform-transaction');
    });

    it.each(['平台规定不能加微信哦', '不好意思，私下转账不安全，也不符合规定', '我们没有微信下单，私下交易没有保障哦'])(
      'warning, not steering: %s',
      (middle) => {
        expect(hitsOf(calm({ middle }))).not.toContain('off-platform-transaction');
      },
    );

    it.each([
      '好评返现5元哦',
      '好平返现',
      '好 评 返 现',
      '晒图发客服，送您一个小礼物',
      '五星好评截图返 3 元',
      '您删了差评的话，我们再补您20元红包',
    ])('review-manipulation: %s', (middle) => {
      const result = scoreConversation(compiled, calm({ middle }), shipped);
      expect(result.hits.map((h) => h.ruleId)).toContain('review-manipulation');
      expect(result.passed).toBe(false);
    });

    it.each(['麻烦给个好评哦', '我们官方没有好评返现活动的'])('not review-manipulation: %s', (middle) => {
      expect(hitsOf(calm({ middle }))).not.toContain('review-manipulation');
    });

    it.each(['爱 买 不 买', '说了N遍了，满减不保价', '你自己剪的怪谁'])('rude: %s', (middle) => {
      expect(hitsOf(calm({ middle }))).toContain('rude-language');
    });

    it.each(['你是不是SB', '你有bing吧', '深井冰吧你', '爱要8要', '问那么多干嘛', '这都看不懂？小学没毕业吧'])(
      'rude by sound, initials and new categories: %s',
      (middle) => {
        expect(hitsOf(calm({ middle }))).toContain('rude-language');
      },
    );

    it('a sound-alike names the word and what was typed', () => {
      const hit = scoreConversation(compiled, calm({ middle: '你个煞笔' }), shipped).hits.find(
        (h) => h.ruleId === 'rude-language',
      );
      expect(hit?.reason).toContain('命中「傻逼」（读音相近，原文「煞笔」）');
    });

    it.each(['➕V聊', '+我vx，价格好说', '加个v吧', '团购私 聊👉威-信号 nh2026'])(
      'off-platform by symbols: %s',
      (middle) => {
        expect(hitsOf(calm({ middle }))).toContain('off-platform-transaction');
      },
    );

    it.each([
      '五星好评返五块',
      '好评后找我领🧧哦',
      '给个好评，贰拾元红包到账',
      '亲给个好评，返5米',
      '返您10元，麻烦改成好评',
    ])('review reward in any amount spelling: %s', (middle) => {
      expect(hitsOf(calm({ middle }))).toContain('review-manipulation');
    });

    it.each([
      '可以的，平台支持微信支付和支付宝付款',
      '好评率很高哦，这款才39元，五星好评很多',
      '2米的床单一块儿发',
      '这款饲料是成猫专用的，纸张包装可以回收',
      '沙子不会影响使用，不管我是哪个客服接待都会帮您登记的',
      '去死皮的效果很好，这都不会影响敏感肌的',
      '加油哦，可以加v领的款',
    ])('hard negative, no red line: %s', (middle) => {
      expect(hitsOf(calm({ middle }))).toEqual([]);
    });

    it('quoting a customer report of rudeness is not rude', () => {
      expect(hitsOf(calm({ middle: '您说的“爱买不买”是哪位同事说的？我们核实后严肃处理' }))).not.toContain(
        'rude-language',
      );
    });

    it('evidence points at the characters as typed', () => {
      const conv = calm({ middle: '亲，加我薇 信💬号吧' });
      const hit = scoreConversation(compiled, conv, shipped).hits.find((h) => h.ruleId === 'off-platform-transaction')!;
      const text = conv.messages[hit.messageIndex!].text;
      expect(text.slice(...hit.span!)).toBe('加我薇 信');
      expect(hit.reason).toContain('原文「加我薇 信」');
    });
  });

  describe('over-promise is a commitment answering the customer', () => {
    const ask = (reply: string) =>
      conversation(
        [
          customer(0, '后天能到吗'),
          agent(10, '您好～' + reply),
          customer(20, '好的'),
          agent(30, '不客气，祝您生活愉快'),
        ],
        { rating: { csat: 5, resolved: true } },
      );
    it.each([
      ['肯定能到', true],
      ['百分之百能到', true],
      ['这个我们保证不了', false],
      ['快递时效我们不能百分百保证哦', false],
      ['质量是有保证的', false],
      ['是100%新疆长绒棉', false],
      ['铁定能到', true],
      ['换了主板，肯定不会再坏了', true],
      ['以后不会再出现这种情况', true],
      ['保准不会化', true],
      ['今天下班前一定给您处理', false],
      ['今天下午一定发出哦', false],
      ['肯定是电压不稳，您一定要用稳压器', false],
      ['已经帮您包好了，红包到账了吗', false],
    ])('%s', (reply, hit) => {
      expect(hitsOf(ask(reply)).includes('over-promise')).toBe(hit);
    });
  });

  describe('complaints and platform disputes', () => {
    it.each(['我要申请平台介入', '不然给差评', '我去消协维权'])('complaint risk: %s', (line) => {
      const conv = conversation([
        customer(0, line),
        agent(10, '您好，非常抱歉给您添麻烦了'),
        agent(20, '感谢您的耐心'),
      ]);
      expect(hitsOf(conv)).toContain('complaint-risk');
    });

    it.each(['我不是要投诉，就问问', '怎么申诉？', '订单号 4567890123456789'])('no complaint risk: %s', (line) => {
      const conv = conversation([customer(0, line), agent(10, '您好，我帮您看下'), agent(20, '感谢您的耐心')]);
      expect(hitsOf(conv)).not.toContain('complaint-risk');
    });
  });

  describe('no-apology looks at the agent’s next two turns after a complaint', () => {
    const facts = scriptedActs({ 东西坏了你们什么破店: ['anger'], 早点说: ['other'] });
    it('an apology before the complaint does not count', () => {
      const conv = conversation([
        customer(0, '在吗'),
        agent(10, '您好，不好意思让您久等了'),
        customer(20, '东西坏了你们什么破店'),
        agent(30, '寄回来检测'),
        agent(40, '运费您先垫付'),
        agent(50, '感谢您的耐心'),
      ]);
      const hit = scoreConversation(compiled, conv, facts).hits.find((h) => h.ruleId === 'no-apology-on-complaint');
      expect(hit?.messageIndex).toBe(2);
      expect(hit?.reason).toContain('愤怒');
    });

    it('empathy in the next two turns soothes, in any wording', () => {
      for (const words of ['别着急，我马上处理', '理解您的心情', '抱抱，给您添麻烦了']) {
        const conv = conversation([
          customer(0, '东西坏了你们什么破店'),
          agent(10, '您好，收到'),
          agent(20, words),
          agent(30, '感谢'),
        ]);
        expect(hitsOf(conv, facts)).not.toContain('no-apology-on-complaint');
      }
    });
  });

  describe('customer emotion comes from dialogue acts, not review sentiment', () => {
    it.each(['2345678901234567', '已付款', '拍了', '改好了', '这个是做什么用的', '那等收到了再确认收货吧'])(
      'order talk is not negative: %s',
      (line) => {
        const conv = conversation([
          customer(0, '在吗'),
          agent(10, '您好～在的'),
          customer(20, line),
          agent(30, '好的，感谢您的支持'),
        ]);
        expect(hitsOf(conv)).not.toContain('customer-negative');
      },
    );

    it('a customer ending angry is negative, with the act as evidence', () => {
      const facts = scriptedActs({ 太过分了你们就是骗子: ['anger'] });
      const conv = conversation([
        customer(0, '在吗'),
        agent(10, '您好～在的'),
        customer(20, '太过分了你们就是骗子'),
        agent(30, '非常抱歉，感谢您的反馈'),
      ]);
      const hit = scoreConversation(compiled, conv, facts).hits.find((h) => h.ruleId === 'customer-negative');
      expect(hit?.reason).toContain('对话行为');
    });

    describe('a complaint the agent soothed and the customer then accepted is settled', () => {
      const facts = scriptedActs({
        耳机右边没声音了质量太差: ['complaint'],
        '非常抱歉，给您换新': ['apology-empathy'],
        寄回来吧: ['other'],
        '好吧，只能这样了': ['transactional'],
      });
      const chat = (reply: string, last: string) =>
        conversation([
          customer(0, '在吗'),
          agent(10, '您好～在的'),
          customer(20, '耳机右边没声音了质量太差'),
          agent(30, reply),
          customer(40, last),
          agent(50, '感谢您的理解'),
        ]);
      it.each([
        ['非常抱歉，给您换新', '好的', false],
        ['非常抱歉，给您换新', '行，那我等新的', false],
        ['非常抱歉，给您换新', '好吧，只能这样了', true],
        ['寄回来吧', '好的', true],
      ])('agent 「%s」, customer 「%s」: negative %s', (reply, last, negative) => {
        expect(hitsOf(chat(reply, last), facts).includes('customer-negative')).toBe(negative);
      });
    });

    it('a complaint read only second to another act needs a sure classifier; second to a question it is a neutral question', () => {
      const acts = (main: string, p: number): ScoringFacts => ({
        text: {
          sentiment: analyzeSentiment,
          acts: (text): TurnActs =>
            text === '漏出来的油弄脏了地毯怎么办'
              ? {
                  primary: main,
                  acts: [main, 'complaint'],
                  probabilities: { [main]: 0.97, complaint: p },
                }
              : { primary: 'other', acts: ['other'], probabilities: { other: 0.9 } },
        },
      });
      const conv = conversation([
        customer(0, '漏出来的油弄脏了地毯怎么办'),
        agent(10, '您好，清洗费我们报销'),
        agent(20, '发票发我就行'),
        customer(30, '好的'),
        agent(40, '感谢您的理解'),
      ]);
      expect(hitsOf(conv, acts('transactional', 0.85))).not.toContain('no-apology-on-complaint');
      expect(hitsOf(conv, acts('transactional', 0.85))).not.toContain('customer-negative');
      expect(hitsOf(conv, acts('transactional', 0.95))).toContain('no-apology-on-complaint');
      // Read as a question as well (and no anger): a neutral question, however sure of the complaint.
      expect(hitsOf(conv, acts('question', 0.95))).not.toContain('no-apology-on-complaint');
    });

    it('without an act classifier the act rules are skipped, not passed', () => {
      const result = scoreConversation(compiled, calm(), { text: { sentiment: analyzeSentiment } });
      expect(result.skipped?.map((s) => s.ruleId).sort()).toEqual(['customer-negative', 'no-apology-on-complaint']);
    });
  });
});
