import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { DEFAULT_SCORECARD_V4 } from '@core/scoring/default.scorecard.v4';
import { compileScorecard, SHIPPED_DEFAULT_SCORECARDS } from '@core/scoring';
import { agent, conversation, customer } from './support/factories';
import { answered, ruleIdsHit as hits, scriptedActs } from './support/scorecard.versions';

const v3 = compileScorecard(DEFAULT_SCORECARD_V3);
const v4 = compileScorecard(DEFAULT_SCORECARD_V4);

describe('default scorecard version 4 (v3 and what changed after it shipped)', () => {
  it('shipped after versions 1-3 (version 5 replaced it as the default)', () => {
    expect(DEFAULT_SCORECARD_V4).toMatchObject({ id: 'default', version: 4 });
    expect(SHIPPED_DEFAULT_SCORECARDS[3]).toBe(DEFAULT_SCORECARD_V4);
  });

  it.each([
    ['a private channel spelled 扣扣 after a refusal in another clause', '好货不上架 私聊我扣扣 三三八二七一九零'],
    ['an x for 信', '平台上不好改价 加个好友私下给你便宜 威x：pdd-8827'],
    ["the agent's own phone", '维修的话电话里说，打我手机 13812345678'],
  ])('off-platform: %s', (_what, line) => {
    expect(hits(v4, answered(line))).toContain('off-platform-transaction');
    expect(hits(v3, answered(line))).not.toContain('off-platform-transaction');
  });

  it.each([
    ['a refusal', '平台规定不能私下交易，也不能加微信哦'],
    ['a warning', '请勿私下转账，谨防诈骗'],
    ['the platform hotline', '您可以拨打我们客服热线'],
  ])('off-platform: %s is no hit', (_what, line) => {
    expect(hits(v4, answered(line))).not.toContain('off-platform-transaction');
  });

  it('review-manipulation: a discount for a requested five-star review; a review request alone is none', () => {
    expect(hits(v4, answered('麻烦在平台上给个五星评价 下单直接减50'))).toContain('review-manipulation');
    expect(hits(v4, answered('用得满意的话麻烦给个好评哦'))).not.toContain('review-manipulation');
    expect(hits(v4, answered('这款好评率很高，现在下单有优惠'))).not.toContain('review-manipulation');
  });

  it('rude-language: brush-offs (去别家问问, 等着吧, 自己不会查吗)', () => {
    for (const line of ['这生意没法做了 要不您去别家问问', '那我也没办法 等着吧', '物流信息您自己不会查吗']) {
      expect(hits(v4, answered(line))).toContain('rude-language');
    }
    expect(hits(v4, answered('不用去别家问了，我们这就是最低价'))).not.toContain('rude-language');
  });

  it('over-promise: the outcome of a repair or a case; a consequence of a condition and own conduct are none', () => {
    expect(hits(v4, answered('修复后肯定跟新的一模一样 看不出任何痕迹', '修复后能跟新的一样吗'))).toContain(
      'over-promise',
    );
    expect(hits(v4, answered('我这边给您加急 今天内一定给您处理好', '今天能处理好吗'))).toContain('over-promise');
    expect(hits(v4, answered('数据会保留90天，到期前续费就不会丢', '会员到期了数据会丢吗'))).not.toContain(
      'over-promise',
    );
    expect(hits(v4, answered('这样的话我们绝对不会说的', '你们是不是说过爱买不买'))).not.toContain('over-promise');
  });

  it('no-apology-on-complaint: 「sorry亲」 is empathy', () => {
    const conv = (reply: string) =>
      conversation([customer(0, '颜色跟图片差太多了'), agent(10, reply), customer(30, '换吧'), agent(40, '谢谢亲')]);
    const facts = scriptedActs({ 颜色跟图片差太多了: ['complaint'] });
    expect(hits(v4, conv('亲 您好 sorry亲 可能有色差 给您换一件'), facts)).not.toContain('no-apology-on-complaint');
    expect(hits(v3, conv('亲 您好 sorry亲 可能有色差 给您换一件'), facts)).toContain('no-apology-on-complaint');
    expect(hits(v4, conv('亲 您好 可能有色差 给您换一件'), facts)).toContain('no-apology-on-complaint');
  });

  it('closing and reply-slow: 「哈哈好」「……好吧」 and a friendly emoji only acknowledge; 「？？？」 and 😡 do not', () => {
    const ending = (last: string) =>
      conversation(
        [
          customer(0, '这个是纯棉的吗'),
          agent(10, '您好，是纯棉的，感谢咨询'),
          customer(20, '好的，那我拍了'),
          agent(30, '好的，祝您购物愉快'),
          customer(40, last),
        ],
        { rating: { csat: 5, resolved: true } },
      );
    for (const ack of ['哈哈好', '……好吧', '👌', '👍🏻👍🏻']) {
      expect(hits(v4, ending(ack))).not.toContain('closing-missing');
      expect(hits(v4, ending(ack))).not.toContain('reply-slow');
    }
    expect(hits(v3, ending('哈哈好'))).toContain('closing-missing');
    for (const unanswered of ['？？？', '😡']) expect(hits(v4, ending(unanswered))).toContain('reply-slow');
  });

  it('closing: 「应该的」 answering thanks and 「祝生日快乐」 close politely', () => {
    const closedWith = (line: string) =>
      conversation([
        customer(0, '蛋糕周六上午能送到吗'),
        agent(10, '您好，尽量上午送到'),
        customer(20, '好 辛苦'),
        agent(30, line),
      ]);
    expect(hits(v4, closedWith('应该的 有进展马上告诉您'))).not.toContain('closing-missing');
    expect(hits(v4, closedWith('好的 已备注 祝生日快乐'))).not.toContain('closing-missing');
    expect(hits(v4, closedWith('好的 已备注'))).toContain('closing-missing');
  });

  it('rude-language: blaming the customer by shape (你自己用坏的, 你牙口不好就别买, 那您想怎样)', () => {
    for (const line of [
      '这是你自己用坏的吧',
      '我说你自 己 弄 坏 的',
      '牛肉干本来就硬 你牙口不好就别买',
      '那您想怎样',
    ]) {
      expect(hits(v4, answered(line))).toContain('rude-language');
    }
    expect(hits(v4, answered('如果是您自己不小心弄坏的，也可以付费维修'))).not.toContain('rude-language');
  });

  it('off-platform: a personal account for the payment', () => {
    expect(hits(v4, answered('返点月底结 老规矩 打您个人支付宝 不走公司账'))).toContain('off-platform-transaction');
    expect(hits(v4, answered('对 我个人卡 走我这快'))).toContain('off-platform-transaction');
    expect(hits(v4, answered('请勿转账到任何个人账户，请在平台下单'))).not.toContain('off-platform-transaction');
  });

  it("complaint-risk: a company's lawyers reading a contract are no threat", () => {
    const contract = (line: string) =>
      conversation([agent(0, '您好，合同已经发您邮箱了'), customer(10, line), agent(20, '好的，有问题随时联系')]);
    expect(hits(v4, contract('收到 我们法务看一下'))).not.toContain('complaint-risk');
    expect(hits(v4, contract('再不解决我就让法务起诉你们'))).toContain('complaint-risk');
  });

  it('no-apology-on-complaint: a complaint no agent turn follows is not judged', () => {
    const facts = scriptedActs({ 怎么还没到: ['complaint'], 你们是不是倒闭了: ['anger'] });
    const ended = conversation([customer(0, '在吗'), agent(10, '您好，在的'), customer(20, '你们是不是倒闭了')]);
    expect(hits(v4, ended, facts)).not.toContain('no-apology-on-complaint');
    expect(hits(v3, ended, facts)).toContain('no-apology-on-complaint');
    const answeredColdly = conversation([customer(0, '怎么还没到'), agent(10, '您好，物流在路上')]);
    expect(hits(v4, answeredColdly, facts)).toContain('no-apology-on-complaint');
  });

  it('customer-negative: a last word that escalates, or leaving after a complaint, ends the conversation negative', () => {
    const facts = scriptedActs({ 东西碎了: ['complaint'] });
    const ending = (last: string, reply = '好的，已登记') =>
      conversation([customer(0, '东西碎了'), agent(10, '您好，给您补发'), customer(20, last), agent(30, reply)]);
    expect(hits(v4, ending('好，我去申请平台介入'), facts)).toContain('customer-negative');
    expect(hits(v3, ending('好，我去申请平台介入'), facts)).not.toContain('customer-negative');
    expect(hits(v4, ending('算了，退款吧，不想要了'), facts)).toContain('customer-negative');
    expect(hits(v4, ending('好的，不会给差评的'), facts)).not.toContain('customer-negative');
    expect(hits(v4, ending('我要投诉吗？不是哈哈'), facts)).not.toContain('customer-negative');
    // leaving a calm chat is no complaint
    expect(hits(v4, ending('那算了'), scriptedActs({}))).not.toContain('customer-negative');
    // a threat the agent soothes and the customer then accepts is settled
    const soothed = conversation([
      customer(0, '东西碎了'),
      agent(10, '您好，给您补发'),
      customer(20, '我要投诉'),
      agent(30, '非常抱歉，给您添麻烦了，马上加急'),
      customer(40, '嗯'),
    ]);
    expect(hits(v4, soothed, facts)).not.toContain('customer-negative');
    const trailing = conversation([customer(0, '东西碎了'), agent(10, '您好，给您补发'), customer(20, '行 差评')]);
    expect(hits(v4, trailing, facts)).toContain('customer-negative');
  });

  it('no-apology-on-complaint: a threat is a complaint however the classifier reads it', () => {
    const threat = (reply: string) =>
      conversation([
        customer(0, '再不处理我就申请平台介入'),
        agent(10, reply),
        customer(20, '嗯'),
        agent(30, '感谢您'),
      ]);
    expect(hits(v4, threat('您好，已经在处理了'))).toContain('no-apology-on-complaint');
    expect(hits(v3, threat('您好，已经在处理了'))).not.toContain('no-apology-on-complaint');
    expect(hits(v4, threat('非常抱歉，马上为您处理'))).not.toContain('no-apology-on-complaint');
    const procedure = conversation([customer(0, '请问怎么申诉'), agent(10, '您好，在订单页点申诉入口')]);
    expect(hits(v4, procedure)).not.toContain('no-apology-on-complaint');
  });
});
