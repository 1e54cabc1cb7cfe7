/**
 * The scoring bench's input: deterministic 20-message Chinese customer-service conversations
 * from a seeded PRNG (shared by `npm run bench` and anyone checking that an engine change keeps
 * every score identical).
 */
import type { Conversation, ConversationMessage } from '../../cloudfunctions/core/model';
import { mulberry32 } from '../../devcloud/demo/prng';

const prng = mulberry32;

const CUSTOMER = [
  '在吗？我的快递三天了还没到',
  '订单号是 2025050612345678901，帮我查一下',
  '为什么还没有发货啊',
  '我想申请退款，东西不想要了',
  '衣服尺码不对，可以换一个大一号的吗',
  '这个洗衣机的滚筒怎么清洁',
  '付款的时候一直提示失败',
  '物流信息好几天没更新了',
  '太慢了，等了这么久',
  '再不处理我就打12315投诉',
  '我不是要投诉，就是着急用',
  '什么破服务，气死我了',
  '好的，谢谢',
  '那大概什么时候能到？',
  '我的电话是 139****1234，快递员联系不上我',
  '退款多久能到账',
  '能不能开发票',
  '这个颜色还有货吗',
  '你们客服怎么都不回消息',
  '收到的东西是坏的，屏幕有裂痕',
  '可以用优惠券吗',
  '嗯嗯，知道了',
  '行吧，那我再等等',
  '好的没问题',
];
const AGENT = [
  '亲，在的，请问有什么可以帮您',
  '您好，很高兴为您服务',
  '请您提供一下订单号，我帮您查询',
  '已为您查询，包裹正在派送中，预计明天送达',
  '非常抱歉给您带来不便，我马上为您加急处理',
  '退款会在三到五个工作日原路退回',
  '可以的，您在订单页面申请换货就可以',
  '滚筒洗衣机可以用专用清洁剂，每月清洁一次',
  '支付失败可能是网络问题，建议您稍后重试',
  '已经帮您催促仓库尽快发货',
  '理解您的心情，我们会尽快处理',
  '发票可以在订单详情页申请开具',
  '这个颜色目前有货，您可以直接下单',
  '亲，优惠券在结算页面可以使用',
  '还有其他可以帮您的吗？祝您生活愉快',
  '感谢您的耐心等待，再见',
  '请勿私下交易，谨防诈骗',
  '明天不一定能到，具体以物流为准',
];
const RISKY_AGENT = [
  '你自己看不懂吗？物流信息上写着呢',
  '加我微信，私下转账给您便宜点',
  '我保证明天一定送到',
  '师傅电话 138****5678 您直接联系',
  '爱买不买',
  '百分之百没问题，放心吧',
  '加我VX详聊',
];

/** 20 messages alternating customer/agent (with runs), timings from a few seconds to minutes. */
export function generateBenchConversations(count: number, seed: number): Conversation[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const t0 = Date.UTC(2025, 4, 1);
  const out: Conversation[] = [];
  for (let c = 0; c < count; c++) {
    const risky = rnd() < 0.15;
    const slow = rnd() < 0.3;
    let at = t0 + c * 60_000;
    const messages: ConversationMessage[] = [];
    let role: 'customer' | 'agent' = 'customer';
    for (let i = 0; i < 20; i++) {
      at += Math.floor((slow && role === 'agent' ? 60 + rnd() * 300 : 3 + rnd() * 40) * 1000);
      let text: string;
      if (role === 'customer') text = pick(CUSTOMER);
      else if (i === 19) text = pick(AGENT.slice(-4));
      else text = risky && rnd() < 0.2 ? pick(RISKY_AGENT) : pick(AGENT);
      const m: ConversationMessage = { role, at, text };
      const phone = text.indexOf('****');
      if (phone > 0) m.pii = [{ type: 'phone', start: phone - 3, end: phone + 8, by: role }];
      messages.push(m);
      // Mostly alternating, sometimes a second message from the same side.
      if (rnd() < 0.8) role = role === 'customer' ? 'agent' : 'customer';
    }
    out.push({
      id: `bench-${c}`,
      channel: rnd() < 0.8 ? 'mp-kf' : 'wecom-kf',
      customerId: `oUpF8u${c.toString(36)}`,
      agentId: `agent-${c % 17}`,
      messages,
      rating: rnd() < 0.6 ? { csat: 1 + Math.floor(rnd() * 5), resolved: rnd() < 0.8 } : undefined,
      tags: { issueType: 'logistics', businessLine: 'retail' },
    });
  }
  return out;
}
