/**
 * The knowledge base and training of the demo (issue 16, kb): a few published articles (the
 * agents' knowledge-base quick replies), one draft, a training catalogue tagged with the default
 * scorecard's rule ids, and one training given to `demo-agent` two weeks ago, so 设置 → 知识库,
 * 知识缺口 and 我的培训 are not empty on first start. Invoice questions are left without an
 * article on purpose: they show up as a knowledge gap.
 */
const DAY = 86_400_000;

export interface DemoDoc {
  collection: 'kbArticles' | 'trainingItems' | 'trainingAssignments';
  _id: string;
  data: Record<string, unknown>;
}

const article = (
  id: string,
  title: string,
  body: string,
  tags: string[],
  issueTypes: string[],
  status = 'published',
) => ({
  collection: 'kbArticles' as const,
  _id: id,
  data: { title, body, tags, issueTypes, status, updatedBy: 'demo-admin' },
});

const item = (id: string, title: string, description: string, ruleIds: string[], skills: string[]) => ({
  collection: 'trainingItems' as const,
  _id: id,
  data: { title, link: '', description, ruleIds, skills, updatedBy: 'demo-admin' },
});

export function demoKnowledge(now: number): DemoDoc[] {
  const docs: DemoDoc[] = [
    article(
      'kb_demo_refund_time',
      '退款多久到账',
      '您好，退款审核通过后将原路退回：微信支付一般 1-3 个工作日到账，银行卡 3-7 个工作日，请您留意账户变动。',
      ['退款', '到账'],
      ['refund'],
    ),
    article(
      'kb_demo_logistics',
      '快递未更新或未送达',
      '您好，非常抱歉让您久等了。我这边马上联系快递核实包裹位置，有结果第一时间告诉您；如 48 小时内仍无更新，我们为您补发或退款。',
      ['快递', '物流', '未送达'],
      ['logistics'],
    ),
    article(
      'kb_demo_exchange',
      '换货流程',
      '您好，在订单详情点击「申请售后」选择换货，填写原因并寄回商品，仓库收到后 2 个工作日内为您发出新商品，来回运费由我们承担。',
      ['换货', '尺码'],
      ['exchange'],
    ),
    article(
      'kb_demo_repair',
      '保修与上门维修',
      '您好，整机保修一年，主要部件三年。您可以在「服务」里预约上门维修，师傅会在 24 小时内联系您确认时间。',
      ['保修', '维修', '上门'],
      ['repair'],
    ),
    article(
      'kb_demo_account',
      '修改绑定手机号',
      '您好，请在「我的 → 账户安全」中修改绑定手机号，需验证原手机号。',
      ['账户', '手机号'],
      ['account'],
      'draft',
    ),
    item(
      'tr_demo_speed',
      '高效响应：首响与回复时效',
      '如何在高峰期保持首次响应和回复时效：快捷回复、并发接待、先回应再查询。',
      ['first-response-slow', 'reply-slow', 'no-reply'],
      ['响应时效'],
    ),
    item(
      'tr_demo_empathy',
      '安抚与致歉话术',
      '识别客户不满，先共情、再致歉、后给方案；避免推诿。',
      ['no-apology-on-complaint', 'customer-negative', 'complaint-risk'],
      ['情绪安抚'],
    ),
    item(
      'tr_demo_etiquette',
      '服务礼仪：开场与结束',
      '标准问候与结束语，让每个会话有始有终。',
      ['greeting-missing', 'closing-missing'],
      ['服务礼仪'],
    ),
    item(
      'tr_demo_compliance',
      '合规红线：站外交易、过度承诺与个人信息',
      '哪些话不能说、为什么，以及替代说法。',
      ['off-platform-transaction', 'over-promise', 'pii-leak', 'rude-language'],
      ['合规'],
    ),
  ];
  for (const d of docs) d.data.updatedAt = now;
  docs.push({
    collection: 'trainingAssignments',
    _id: 'ta_demo_agent_speed',
    data: {
      itemId: 'tr_demo_speed',
      itemTitle: '高效响应：首响与回复时效',
      agentId: 'kf001',
      ruleIds: ['first-response-slow', 'reply-slow', 'no-reply'],
      by: 'demo-supervisor',
      at: now - 14 * DAY,
    },
  });
  return docs;
}
