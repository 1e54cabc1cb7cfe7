import { RUDE_PATTERN_V5 } from '@core/scoring/default.scorecard.v5';
import { DEFAULT_SCORECARD_V7 } from '@core/scoring/default.scorecard.v7';
import {
  DEFAULT_SCORECARD_V8,
  RUDE_EXCLUDE_ADDED_V8,
  RUDE_PATTERN_V8,
  WARNING_ADDED_V8,
} from '@core/scoring/default.scorecard.v8';
import { compileScorecard, SHIPPED_DEFAULT_SCORECARDS } from '@core/scoring';
import { redLineClassifier } from '@core/text/red-line.model';
import { agent, conversation, customer } from './support/factories';
import { answered, ruleIdsHit as hits, said, scriptedActs, withRedLineModel } from './support/scorecard.versions';

const v7 = compileScorecard(DEFAULT_SCORECARD_V7);
const v8 = compileScorecard(DEFAULT_SCORECARD_V8);
const MODEL = withRedLineModel();
const RED_LINE_RULES = ['rude-language', 'off-platform-transaction', 'review-manipulation'];

const rulesOf = (card: typeof DEFAULT_SCORECARD_V8) => card.sections.flatMap((s) => s.rules);
const ruleOf = (card: typeof DEFAULT_SCORECARD_V8, id: string) => rulesOf(card).find((r) => r.id === id)!;
type Part = { op?: string; params?: Record<string, unknown> };
const partsOf = (card: typeof DEFAULT_SCORECARD_V8, id: string) => (ruleOf(card, id).when as { any: Part[] }).any;

describe('default scorecard version 8 (v7 with models l2 and r6 and more shapes of contempt)', () => {
  it('shipped after versions 1-7, reading acts by r6 (v7: r5)', () => {
    expect(DEFAULT_SCORECARD_V8).toMatchObject({ id: 'default', version: 8, text: { normalize: 2, acts: 'r6' } });
    expect(DEFAULT_SCORECARD_V7.text).toEqual({ normalize: 2, acts: 'r5' });
    expect(SHIPPED_DEFAULT_SCORECARDS.map((c) => c.version).slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(SHIPPED_DEFAULT_SCORECARDS[7]).toBe(DEFAULT_SCORECARD_V8);
    expect(rulesOf(DEFAULT_SCORECARD_V8).map((r) => r.id)).toEqual(rulesOf(DEFAULT_SCORECARD_V7).map((r) => r.id));
  });

  it('changes only the three red-line rules: model l2 instead of l1, warnings read more widely, the rude pattern extended', () => {
    const changed = rulesOf(DEFAULT_SCORECARD_V8)
      .filter((r, i) => JSON.stringify(r) !== JSON.stringify(rulesOf(DEFAULT_SCORECARD_V7)[i]))
      .map((r) => r.id);
    expect(changed.sort()).toEqual(
      [
        ...RED_LINE_RULES,
        'greeting-missing',
        'complaint-risk',
        'over-promise',
        'customer-negative',
        'no-apology-on-complaint',
      ].sort(),
    );
    for (const id of RED_LINE_RULES) {
      const [lists7, model7] = partsOf(DEFAULT_SCORECARD_V7, id).slice(-2);
      const [lists8, model8] = partsOf(DEFAULT_SCORECARD_V8, id).slice(-2);
      expect(model7.params).toMatchObject({ model: 'l1' });
      const warned = (part: Part) =>
        typeof part.params?.unlessMessage === 'string'
          ? { unlessMessage: `${part.params.unlessMessage}|${WARNING_ADDED_V8}` }
          : {};
      expect(model8).toEqual({
        ...model7,
        params: { ...model7.params, model: 'l2', minConfidence: 0.9, ...warned(model7) },
      });
      if (id !== 'rude-language')
        expect(lists8).toEqual({ ...lists7, params: { ...lists7.params, ...warned(lists7) } });
      else
        expect(lists8).toEqual({
          ...lists7,
          params: {
            ...lists7.params,
            pattern: RUDE_PATTERN_V8,
            exclude: [...(lists7.params!.exclude as string[]), ...RUDE_EXCLUDE_ADDED_V8],
          },
        });
    }
    expect(RUDE_PATTERN_V8.startsWith(`${RUDE_PATTERN_V5}|`)).toBe(true);
  });

  it('reads its red lines by model l2, version 7 by l1 (two different shipped models)', () => {
    expect(redLineClassifier('l2')).not.toBe(redLineClassifier('l1'));
    expect(redLineClassifier('l1').name).toBe('l1');
    expect(redLineClassifier('l2').name).toBe('l2');
    const line = '这个问题您问第五次了';
    expect(redLineClassifier('l2').score(line).rude).not.toBe(redLineClassifier('l1').score(line).rude);
  });

  it.each([
    '您开心就好，反正也退不了',
    '行行行，您说的都对',
    '您这理解能力，我也没办法',
    '建议您下次出门带上脑子',
    '我们不差您这一单',
    '关我什么事，找快递去',
    '活该，谁让你不买运费险',
    '有本事你去投诉啊',
    '不是告诉过您了吗，看详情页',
    '你是不是sha 一分钱不出还想发顺丰',
    '侬脑子瓦特了啊 先按预约再调时间',
    '这都找不到 zz吗 首页-我的快递',
    '谁让你不看清楚就拍的 现在换不了',
    '嗯 那个 你听得懂吗 是燃气总阀',
  ])('rude-language holds on 「%s」 by version 8’s pattern, with or without the model', (line) => {
    expect(hits(v8, said(line))).toContain('rude-language');
    expect(hits(v8, said(line), MODEL)).toContain('rude-language');
  });

  it.each([
    '您说得对，我们确实应该提前告知您，非常抱歉',
    '这个规格我们不做，可以推荐您找别家看看',
    '亲我没说是您的问题哈，我帮您查一下',
    '您说的「关我什么事」是哪位同事说的？我们核实后严肃处理',
    '您喜欢就好，有问题随时找我',
    '您是不是沙发那款？我帮您查一下',
    '好的，您随意看看，有问题随时找我',
    '这款是type-c接口，不是usb啊，您看下详情页第三张图',
  ])('rude-language does not hold on the fair 「%s」', (line) => {
    expect(hits(v8, said(line), MODEL)).not.toContain('rude-language');
  });

  it.each([
    { rule: 'off-platform-transaction', line: '加微信的都是骗子，别信，有事就在这说' },
    { rule: 'off-platform-transaction', line: '有自称客服加你wx的 直接举报' },
    { rule: 'off-platform-transaction', line: '有人私信让你加微信的别理 都是骗子' },
    { rule: 'review-manipulation', line: '好用的话来评价一下，没返现哈，就想听听真实感受' },
    { rule: 'review-manipulation', line: '你说的"好评返现"我们店没这活动，可能是仿冒的' },
    { rule: 'off-platform-transaction', line: '好的，已经登记了，工单号 WX2026110915，感谢您的耐心' },
    { rule: 'off-platform-transaction', line: '对公的话请转到合同上的公司账户，我们不接受任何个人账户收款哦' },
    { rule: 'rude-language', line: '迁移周日晚上做完，有回滚方案' },
    { rule: 'rude-language', line: '可以的 请问寄什么物品 大概多重' },
  ])('$rule does not hold on the warning, refusal or innocent 「$line」 (version 7 failed it)', ({ rule, line }) => {
    expect(hits(v7, said(line), MODEL)).toContain(rule);
    expect(hits(v8, said(line), MODEL)).not.toContain(rule);
  });

  it('still fails steering that merely sits beside a warning word elsewhere in the chat', () => {
    const conv = conversation(
      [
        customer(0, '有人说加微信能便宜，是骗子吗'),
        agent(10, '那个不是我们'),
        customer(20, '那怎么买便宜点'),
        agent(30, '加我微信私下给你便宜'),
      ],
      { rating: { csat: 5, resolved: true } },
    );
    expect(hits(v8, conv, MODEL)).toContain('off-platform-transaction');
  });

  it.each(['尊敬的顾客您好，很高兴为您服务', '尊敬的会员，您好！这款有货', '您好 先生 您先别着急', '王先生您好'])(
    'greeting-missing does not hold on the opening 「%s」',
    (line) => {
      expect(hits(v8, said(line), MODEL)).not.toContain('greeting-missing');
    },
  );

  it.each(['尊敬的顾客，这款有货', '先生，这款有货', '亲，这个已经发货了'])(
    'greeting-missing holds on 「%s」 (an address alone is no greeting)',
    (line) => {
      expect(hits(v8, said(line), MODEL)).toContain('greeting-missing');
    },
  );

  /** The customer says `line`; the agent answers and closes politely. */
  const customerSaid = (line: string) =>
    conversation(
      [
        customer(0, line),
        agent(10, '您好，非常抱歉给您添麻烦了，我马上处理'),
        customer(30, '好的'),
        agent(40, '感谢您，祝您生活愉快'),
      ],
      { rating: { csat: 5, resolved: true } },
    );

  it.each([
    '算了 差评我就不给了 你们下次注意点',
    '宝 我不是要给差评 就是想说回复太慢',
    '收到了 差点给你们差评哈哈',
    '我看评价里有人差评说这毛衣起球 真的假的',
    '结果不满意还能再申诉吗',
  ])('complaint-risk does not hold on 「%s」 (version 7 failed it)', (line) => {
    expect(hits(v7, customerSaid(line), MODEL)).toContain('complaint-risk');
    expect(hits(v8, customerSaid(line), MODEL)).not.toContain('complaint-risk');
  });

  it.each(['再不处理我就给差评', '我要投诉你们', '我已经申请平台介入了'])(
    'complaint-risk still holds on 「%s」',
    (line) => {
      expect(hits(v8, customerSaid(line), MODEL)).toContain('complaint-risk');
    },
  );

  it.each([
    ['会不会起球啊 担心', '是100%桑蚕丝，16姆米斜纹真丝'],
    ['屏幕色准会不会不行啊', '屏幕是100% sRGB，出厂校色'],
    ['明天能到吗', '这个我们没法保证明天一定到，着急的话可以就近购买'],
  ])('over-promise does not hold on 「%s」→「%s」 (version 7 failed it)', (question, line) => {
    expect(hits(v7, answered(line, question), MODEL)).toContain('over-promise');
    expect(hits(v8, answered(line, question), MODEL)).not.toContain('over-promise');
  });

  it.each([
    ['后天能到吗', '肯定能到，放心'],
    ['会不会坏啊', '百分之百不会坏'],
  ])('over-promise still holds on 「%s」→「%s」', (question, line) => {
    expect(hits(v8, answered(line, question), MODEL)).toContain('over-promise');
  });

  it('customer-negative: a customer who takes the threat back does not end negative, one who makes it does', () => {
    const endsWith = (last: string) =>
      conversation(
        [
          customer(0, '面膜少发了一盒'),
          agent(10, '您好，非常抱歉给您添麻烦了，马上给您补发'),
          customer(30, last),
          agent(40, '感谢您的理解，祝您生活愉快'),
        ],
        { rating: { csat: 4, resolved: true } },
      );
    const sure = scriptedActs({
      面膜少发了一盒: ['complaint'],
      '算了 不投诉了 你们下次注意': ['complaint'],
      我要投诉你们: ['complaint'],
    });
    expect(hits(v7, endsWith('算了 不投诉了 你们下次注意'), sure)).toContain('customer-negative');
    expect(hits(v8, endsWith('算了 不投诉了 你们下次注意'), sure)).not.toContain('customer-negative');
    expect(hits(v8, endsWith('我要投诉你们'), sure)).toContain('customer-negative');
  });

  it('still fails every red line version 7 fails on its word lists', () => {
    for (const line of ['配料表写的是花椒，你是不是不识字', '加我薇 信聊，私下给您便宜', '给个五星好评返您十块']) {
      expect(hits(v8, said(line), MODEL).filter((r) => RED_LINE_RULES.includes(r))).toEqual(
        hits(v7, said(line), MODEL).filter((r) => RED_LINE_RULES.includes(r)),
      );
    }
  });
});
