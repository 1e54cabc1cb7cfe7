import { DEFAULT_SCORECARD_V4 } from '@core/scoring/default.scorecard.v4';
import { DEFAULT_SCORECARD_V5 } from '@core/scoring/default.scorecard.v5';
import { compileScorecard, SHIPPED_DEFAULT_SCORECARDS } from '@core/scoring';
import { agent, conversation, customer } from './support/factories';
import { answered, ruleIdsHit as hits, scriptedActs } from './support/scorecard.versions';

const v4 = compileScorecard(DEFAULT_SCORECARD_V4);
const v5 = compileScorecard(DEFAULT_SCORECARD_V5);

describe('default scorecard version 5 (v4 and what changed after it shipped)', () => {
  it('shipped after versions 1-4, reading text as v4 does (version 6 replaced it as the default)', () => {
    expect(DEFAULT_SCORECARD_V5).toMatchObject({ id: 'default', version: 5, text: { normalize: 2, acts: 'r3' } });
    expect(SHIPPED_DEFAULT_SCORECARDS[4]).toBe(DEFAULT_SCORECARD_V5);
    expect(DEFAULT_SCORECARD_V5.sections.flatMap((s) => s.rules).map((r) => r.id)).toEqual(
      DEFAULT_SCORECARD_V4.sections.flatMap((s) => s.rules).map((r) => r.id),
    );
  });

  it.each([
    ['doubting their literacy', '配料表写的是花椒，你是不是不识字'],
    ['their senses', '标签就是38啊，你眼睛不好使吧'],
    ['a masked insult', '你沙X吗，收到就拍照啊'],
    ['initials in a question to the customer', '你填的2区，你是zz吗'],
    ['百度一下会死吗', '百度一下会死吗'],
    ['a name for the customer', '自己看说明书，伸手党'],
    ['a condition that sends the customer away', '排单到下周三了，不想等就别做'],
    ['不放心别买', '正版的，不放心别买'],
    ['looking down on a small customer', '你们这种小客户还要插队'],
    ['their spending', '这表不是你这个消费水平买的'],
    ['我又不是你保姆', '我又不是你保姆，天天给你汇报'],
    ['blame, then 还好意思', '本来就是你自己摔的，还好意思催'],
    ['mocking', '问问问，笨死了，视频在详情页'],
    ['brushing the customer off', '懒得理你，杠精'],
    ['an abbreviated swear at the customer', '你TM刚问过，是独立的'],
    ['这都不会', '这都不会，更新一下App'],
    ['别人都会用，就你不会', '别人都会用，就你不会'],
    ['a condition by age', '老年人就别买智能的了'],
    ['吃不起就别', '嘴巴那么刁就去店里吃，吃不起就别点外卖'],
    ['有病 with a dot inside a question', '你是不是有.病，下单前不看的吗'],
    ['counting pennies', '三块钱也要计较，你有几个钱啊'],
    ['a difficult person', '你这个人怎么这么难沟通，我跟你解释不清楚'],
    ['daring the customer to complain', '有本事你去投诉，投诉也没用'],
    ['none of your business', '关你什么事'],
    ['calling the customer a cheat', '你是不是骗子，图是网上找的吧'],
  ])('rude-language: %s', (_what, line) => {
    expect(hits(v5, answered(line))).toContain('rude-language');
    expect(hits(v4, answered(line))).not.toContain('rude-language');
  });

  it.each([
    ['a dash cam that prevents staged accidents', '这款记录仪防碰瓷效果很好'],
    ['a heavy product', '这款是有点真笨重，建议两个人搬'],
    ['a kind condition', '不放心的话可以先别下单，我帮您确认库存'],
    ['a question about the customer', '您是不是不小心点错了'],
    ['a regular customer', '像您这种老客户我们都有优惠'],
    ['choose freely', '随你挑，都是现货'],
    ['setting something aside', '旧的先放一边去，不影响使用'],
    ['initials alone (zz is also 郑州)', '发zz仓库的，明天到'],
    ['a spot-the-difference game', '这款拼图是大家来找茬系列'],
    ['the agent owning a repeated question', '让您说了好几遍是我们没说清楚，真的抱歉'],
    ["not the customer's eyes", '不是您眼睛的问题，是我们拍照调色偏亮了'],
    ['这都不会 inside a sentence', '这都不会影响使用'],
  ])('rude-language: %s is no hit', (_what, line) => {
    expect(hits(v5, answered(line))).not.toContain('rude-language');
  });

  it.each([
    ['a payment code sent over', '这个不用在平台付，我二维码发你，扫码付一下就行'],
    ['not buying in the app', '您不要在应用内买，扫这个码直接转我，便宜一半'],
    ['withdrawing the platform refund', '您把平台上的退款申请撤了吧，我直接转您支付宝'],
    ["another platform's private messages", '团购的话小红书私信我，那边便宜'],
    ['a private repair and the own phone', '我私下找师傅上门一百五，或者直接打我电话'],
    ['a heart for 信 before an id', '定制价看图，您加薇❤ mudiao_chen'],
    ['the same id as the phone', '加不了的话 VX同号'],
    ['another marketplace', '平台这单你退了，去咸鱼搜“小李家居”，那边有货'],
    ['a deal in person', '同城的话咱们当面交易'],
  ])('off-platform: %s', (_what, line) => {
    expect(hits(v5, answered(line))).toContain('off-platform-transaction');
    expect(hits(v4, answered(line))).not.toContain('off-platform-transaction');
  });

  it.each([
    ['a warning to ignore private accounts', '付款请只打到合同上的公司对公账户，任何个人账户的收款要求都请不要理会'],
    ['a refund the usual way', '退款会原路退回您的支付宝'],
    ['freight paid on delivery', '运费不用在平台付，到付就行'],
    ['the shop on another platform', '小红书搜我们店名可以看到买家秀'],
    ['a code for instructions', '扫码关注公众号可以看安装视频'],
    ['a private deal said to be unprotected', '私下交易没有平台保障，请您在店铺里拍下就好'],
    ['a customer calling', '客服打我电话说不行'],
    ['a call passed on', '电话直接转我这边就行'],
    ['a colleague', '我帮您直接转我们售后同事'],
    ['明治维新', '这款书讲明治维新以前的历史'],
    ['looking up reviews elsewhere', '去小红书搜一下测评也可以'],
  ])('off-platform: %s is no hit', (_what, line) => {
    expect(hits(v5, answered(line))).not.toContain('off-platform-transaction');
  });

  it.each([
    ['compensation for a requested review', '给个5⭐好评，我补偿您5元'],
    ['a free month for a requested review', '在应用市场给我们写个五星评价，截图给我，送一个月使用期'],
    ['a rewarded screenshot', '收到后给个⭐⭐⭐⭐⭐截图，返 现 3 元'],
    ['返现 half in pinyin', '收货后hao评返xian哦，3元一单'],
    ['money off the next order for a review screenshot', '收货后五星评 价截图发我，下次下单立减5元'],
  ])('review-manipulation: %s', (_what, line) => {
    expect(hits(v5, answered(line))).toContain('review-manipulation');
    expect(hits(v4, answered(line))).not.toContain('review-manipulation');
  });

  it.each([
    ['a review request alone', '方便的话给个好评哦'],
    ['a screenshot of the damage', '截图发我看看哪里坏了，给您补发'],
    ['no reward, said so', '我们好评不返现哦，欢迎您如实评价'],
    ['a rating and a discount apart', '好评率很高，现在下单立减10元'],
  ])('review-manipulation: %s is no hit', (_what, line) => {
    expect(hits(v5, answered(line))).not.toContain('review-manipulation');
  });

  it('no-apology-on-complaint: a content turn is no complaint; owning the fault soothes', () => {
    const facts = scriptedActs({ 项链有划痕: ['complaint'], '行，辛苦了，我寄回去': ['complaint'] });
    const thanked = conversation([
      customer(0, '项链有划痕'),
      agent(10, '非常抱歉，给您换新'),
      customer(20, '行，辛苦了，我寄回去'),
      agent(30, '取件码发您短信了'),
    ]);
    expect(hits(v4, thanked, facts)).toContain('no-apology-on-complaint');
    expect(hits(v5, thanked, facts)).not.toContain('no-apology-on-complaint');
    const answered = (reply: string) =>
      conversation([customer(0, '项链有划痕'), agent(10, reply), customer(20, '嗯'), agent(30, '感谢您')]);
    expect(hits(v5, answered('这批确实是我们这边没跟上，马上调货'), facts)).not.toContain('no-apology-on-complaint');
    expect(hits(v4, answered('这批确实是我们这边没跟上，马上调货'), facts)).toContain('no-apology-on-complaint');
    // denying the fault is no empathy
    expect(hits(v5, answered('不一定是我们的问题，您再看看'), facts)).toContain('no-apology-on-complaint');
  });

  it('reply-slow: a leaving remark needs no answer; a threat that opens like an acknowledgement does', () => {
    const endsWith = (last: string) =>
      conversation([customer(0, '能改价吗'), agent(10, '您好，不能哦'), customer(30, last)], { partial: false });
    expect(hits(v4, endsWith('那我再看看吧'))).toContain('reply-slow');
    expect(hits(v5, endsWith('那我再看看吧'))).not.toContain('reply-slow');
    expect(hits(v5, endsWith('那行'))).not.toContain('reply-slow');
    expect(hits(v4, endsWith('行，平台见'))).not.toContain('reply-slow');
    expect(hits(v5, endsWith('行，平台见'))).toContain('reply-slow');
    expect(hits(v5, endsWith('？？？'))).toContain('reply-slow');
  });

  it("over-promise: the agent's own effort is no outcome", () => {
    const asked = (line: string) =>
      conversation([customer(0, '什么时候能回收'), agent(10, line), customer(20, '好的'), agent(30, '感谢您')]);
    const effort = '您好，一般3到5天，我保证会一直帮您跟进，有进展第一时间告诉您';
    expect(hits(v4, asked(effort))).toContain('over-promise');
    expect(hits(v5, asked(effort))).not.toContain('over-promise');
    expect(hits(v5, asked('您好，我保证明天就来回收'))).toContain('over-promise');
  });

  describe('customer-negative', () => {
    const facts = scriptedActs({ 东西碎了: ['complaint'], '行，辛苦了，我寄回去': ['complaint'] });
    const ending = (last: string, reply = '好的，已登记') =>
      conversation([customer(0, '东西碎了'), agent(10, '您好，给您补发'), customer(20, last), agent(30, reply)]);

    it('an exit word counts in a last turn an acknowledgement opens (「行吧 太失望了」 reads as a short reply)', () => {
      // the customer's last substantive turn is the question; the short reply after it leaves unhappy
      const afterQuestion = conversation([
        customer(0, '东西碎了'),
        agent(10, '您好，给您补发'),
        customer(20, '什么时候发'),
        agent(30, '下周一'),
        customer(40, '行吧 太失望了'),
      ]);
      expect(hits(v5, afterQuestion, facts)).toContain('customer-negative');
      expect(hits(v4, afterQuestion, facts)).not.toContain('customer-negative');
      // only after a complaint: leaving a calm chat is none
      expect(hits(v5, afterQuestion, scriptedActs({}))).not.toContain('customer-negative');
    });

    it.each([
      ['唉，早知道不买你们家的了'],
      ['我算是看透了'],
      ['提交了，浪费我一下午'],
      ['下次不订你们家了'],
      ['不信你了'],
      ['不想跟你们扯了，我走平台售后'],
    ])('leaving unhappy after a complaint: %s', (last) => {
      expect(hits(v5, ending(last), facts)).toContain('customer-negative');
      expect(hits(v4, ending(last), facts)).not.toContain('customer-negative');
    });

    it('an exit word the same turn shrugs off, or a purchase anyway, is none', () => {
      expect(hits(v4, ending('算了算了，也不是什么大事，谢谢啦'), facts)).toContain('customer-negative');
      expect(hits(v5, ending('算了算了，也不是什么大事，谢谢啦'), facts)).not.toContain('customer-negative');
      expect(hits(v5, ending('那算了，就拍一件'), facts)).not.toContain('customer-negative');
      expect(hits(v5, ending('算了，不想要了'), facts)).toContain('customer-negative');
    });

    it('a content last word is no complaint however the classifier reads it; an escalation still is', () => {
      expect(hits(v4, ending('行，辛苦了，我寄回去'), facts)).toContain('customer-negative');
      expect(hits(v5, ending('行，辛苦了，我寄回去'), facts)).not.toContain('customer-negative');
      expect(hits(v5, ending('辛苦了，但我还是要投诉'), facts)).toContain('customer-negative');
      // negated, it is no content word
      const notContent = scriptedActs({ 东西碎了: ['complaint'], 一点也不满意: ['complaint'] });
      expect(hits(v5, ending('一点也不满意'), notContent)).toContain('customer-negative');
    });
  });
});
