/**
 * Scenario templates for the demo conversations. `{slot}` placeholders are filled per
 * conversation (see demo.generator.ts) so the same template yields many distinct dialogues.
 * Slots: product, order, tracking, courier, amount, days, date, fault, size.
 */
import type { DemoTeam } from './demo.users';

export type ScenarioId = 'logistics' | 'refund' | 'exchange' | 'product' | 'complaint' | 'repair' | 'payment';

export interface ScenarioCase {
  openings: readonly string[];
  answers: readonly string[];
}

export interface Scenario {
  id: ScenarioId;
  /** The `tags.issueType` reports group by: an id of core/text/issue-type.labels.ts. */
  issueType: string;
  /** Relative frequency among all conversations. */
  weight: number;
  /** Teams that handle it, in order of preference. */
  teams: readonly DemoTeam[];
  /** The customer starts annoyed (complaints). */
  startsAngry: boolean;
  /** What the customer opens with, each with the agent answers that fit it. */
  cases: readonly ScenarioCase[];
  /** The customer's details after the agent asks. */
  details: readonly string[];
  /** The agent asking for what they need. */
  asks: readonly string[];
  /** Customer follow-up questions, each with a fitting agent answer. */
  followUps: readonly (readonly [question: string, answer: string])[];
  /** What resolves the case. */
  resolutions: readonly string[];
  /** Chance that the customer sends a picture (damage, fault, screenshot). */
  imageChance: number;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'logistics',
    issueType: 'logistics',
    weight: 25,
    teams: ['售后二组', '售前一组'],
    startsAngry: false,
    cases: [
      {
        openings: ['你好，我{date}买的{product}怎么还没发货？', '请问什么时候能发货啊，着急用', '能不能催一下发货？'],
        answers: [
          '这边看到仓库已经在打包了，今天下午会发出，发出后您可以在订单详情里查看物流',
          '您的订单因为仓库备货稍有延迟，预计明后天发出，给您带来不便非常抱歉',
        ],
      },
      {
        openings: ['在吗？帮我查下快递到哪了', '我的{product}都{days}天了还没到，物流一直不更新'],
        answers: [
          '帮您查到了，您的包裹已由{courier}揽收，运单号{tracking}，目前在转运中心，预计{days}天内送达',
          '物流显示包裹在{courier}网点等待派送，我已经帮您联系网点催促了',
        ],
      },
      {
        openings: ['快递显示已签收，但是我没收到{product}', '物流说签收了，我根本没拿到啊'],
        answers: [
          '查询到快递显示已放在驿站代收，您可以去小区门口的驿站看一下',
          '我这边联系{courier}核实一下签收情况，请您稍等',
        ],
      },
    ],
    details: [
      '订单号是{order}',
      '就是这个订单{order}，{product}',
      '单号{tracking}，{courier}的',
      '订单{order}，地址没错的',
    ],
    asks: [
      '麻烦您提供一下订单号，我这边帮您查询',
      '请问您的订单号是多少呢？',
      '您方便发一下订单号吗？我马上帮您核实物流信息',
    ],
    followUps: [
      ['那大概什么时候能到？', '正常情况下{days}天内可以送达，偏远地区可能会稍慢一些'],
      ['能不能加急一下？', '我已经帮您备注加急，并联系了{courier}网点催促派送'],
      ['物流信息怎么好几天都没动了', '我帮您登记了物流异常工单，快递公司24小时内会给您回电'],
      ['我周末不在家，能改个地址吗？', '地址修改需要快递还未派送，我这边帮您提交改址申请，结果会短信通知您'],
      ['驿站说没有我的件', '我马上联系快递员核实，如果确认丢件我们给您补发'],
    ],
    resolutions: [
      '已经给您登记催件了，有任何物流更新我们会第一时间通知您',
      '如果{days}天后还没收到，您直接联系我们，我们给您补发或者退款',
    ],
    imageChance: 0.1,
  },
  {
    id: 'refund',
    issueType: 'refund',
    weight: 17,
    teams: ['售后二组'],
    startsAngry: false,
    cases: [
      {
        openings: ['我要退款，{product}不想要了', '你好，我想退掉这个订单', '{product}尺码不合适，可以退吗'],
        answers: [
          '商品在七天无理由退货期内，您在订单页点击申请退货，寄回后我们收到就给您退款',
          '可以的，您提交退货申请后我们会安排快递上门取件',
        ],
      },
      {
        openings: ['申请退款好几天了怎么还没到账？', '退款{amount}元什么时候能到？'],
        answers: [
          '查到您的退款申请已经审核通过，{amount}元会在1-3个工作日原路退回',
          '您寄回的商品仓库已签收，正在质检，质检通过后就会给您退款',
          '退款已经提交到支付渠道了，银行卡一般需要3-5个工作日到账',
        ],
      },
    ],
    details: [
      '订单号{order}，{date}申请的退款',
      '就是这个{product}，还没拆封',
      '金额{amount}元，原路退回就行',
      '商品已经寄回去了，单号{tracking}',
    ],
    asks: ['请您提供一下订单号，我帮您查看退款进度', '麻烦提供下订单号和退款原因哦', '请问商品是否已经寄回了呢？'],
    followUps: [
      ['运费谁出啊？', '如果是质量问题，退货运费由我们承担，您寄回时先垫付，我们会补偿到您的账户'],
      ['能不能快点，钱都压了好几天了', '我这边帮您加急处理，今天内会给您操作退款'],
      ['退到哪里？微信还是银行卡？', '原路退回，您用微信支付的就退到微信零钱'],
      ['要不要我自己寄回去？', '您可以预约上门取件，不需要您自己跑快递点'],
      ['我已经等了{days}天了', '让您久等了，我这边马上帮您催财务处理'],
    ],
    resolutions: [
      '已经给您操作退款了，{amount}元预计1-3个工作日到账，请注意查收',
      '退款申请已加急，到账后会有微信通知',
    ],
    imageChance: 0.05,
  },
  {
    id: 'exchange',
    issueType: 'exchange',
    weight: 10,
    teams: ['售后二组'],
    startsAngry: false,
    cases: [
      {
        openings: ['{product}尺码小了，能换{size}吗？', '我想换个颜色，可以吗'],
        answers: [
          '帮您查了，{size}还有库存，可以给您换',
          '商品不影响二次销售的情况下都可以换，您在订单页申请换货就可以',
        ],
      },
      {
        openings: ['收到的{product}颜色发错了，我要换货', '你好，{product}有点瑕疵，想换一个新的'],
        answers: [
          '是我们的问题，非常抱歉，我这边给您安排免费换货，快递员会上门取件',
          '给您添麻烦了，这边马上给您登记换新',
        ],
      },
    ],
    details: ['订单号{order}', '买的是{size}，想换大一码', '这是照片，袖口有线头', '订单{order}，{date}收到的'],
    asks: ['麻烦您拍一下商品照片和吊牌给我看看', '请问您的订单号是多少？我帮您看下库存', '您想换成什么尺码或颜色呢？'],
    followUps: [
      ['换货要多久？', '收到您寄回的商品后24小时内给您寄出新的'],
      ['来回运费怎么算？', '因为是我们的问题，来回运费都由我们承担'],
      ['旧的要先寄回吗？', '可以先给您寄新的，旧的交给上门取件的快递员就行'],
      ['新的什么时候寄出？', '今天登记，明天就能给您寄出'],
    ],
    resolutions: ['换货单已经提交好了，新的{product}会尽快给您寄出', '已为您登记换货，快递员明天上门取件'],
    imageChance: 0.45,
  },
  {
    id: 'product',
    issueType: 'product',
    weight: 18,
    teams: ['售前一组'],
    startsAngry: false,
    cases: [
      { openings: ['这款{product}有现货吗？'], answers: ['这款目前有现货，今天下单今天就能发'] },
      {
        openings: ['请问{product}和另一款有什么区别？'],
        answers: ['两款主要区别在配置和材质，日常使用这款性价比更高'],
      },
      {
        openings: ['我身高165体重110，穿什么码合适？', '{product}尺码标准吗？'],
        answers: ['按您的身高体重建议选{size}，版型是偏宽松的'],
      },
      { openings: ['{product}是正品吗？'], answers: ['我们是品牌官方旗舰店，全部正品，支持验货'] },
      { openings: ['这个{product}保修多久？'], answers: ['这款整机保修一年，主要部件保修两年'] },
    ],
    details: ['就是链接里这款', '想买给我妈用', '预算大概{amount}元', '我看详情页写的不太清楚'],
    asks: ['请问您看的是哪个规格呢？', '您平时主要在什么场景使用呢？我帮您推荐一下', '您方便发一下商品链接吗？'],
    followUps: [
      ['现在下单有赠品吗？', '现在下单送原装收纳包，数量有限送完即止'],
      ['可以便宜点吗？', '价格已经是活动价了，您可以领取店铺满减券再优惠20元'],
      ['能开发票吗？', '可以开电子发票，下单时填写抬头就可以'],
      ['大概几天能到？', '一般发货后2-3天送达'],
      ['{product}能用优惠券吗？', '可以的，店铺券和平台券都能叠加使用'],
    ],
    resolutions: ['您可以放心下单，有任何问题随时联系我们', '给您推荐这款，下单后我们会尽快安排发货'],
    imageChance: 0.05,
  },
  {
    id: 'complaint',
    issueType: 'complaint',
    weight: 8,
    teams: ['售后二组'],
    startsAngry: true,
    cases: [
      {
        openings: ['你们这什么服务态度？我要投诉！', '客服一直不回消息，到底有没有人管？'],
        answers: ['给您带来这么不好的体验真的很抱歉，我这边马上帮您升级处理'],
      },
      {
        openings: ['买的{product}用了两天就坏了，太坑了', '说好的{days}天发货，现在都一周了，骗人的吧'],
        answers: [
          '核实到确实是我们的问题，这边给您申请{amount}元补偿',
          '我马上帮您核实，确认是我们的问题一定给您一个交代',
        ],
      },
      {
        openings: ['同样的东西第二天就降价了{amount}元，这不是坑人吗'],
        answers: ['降价部分可以给您申请价保，差价会退回到您的支付账户'],
      },
    ],
    details: ['订单号{order}，你们自己看', '我已经问了三次了，每次都说在处理', '{product}用了两天就出问题了'],
    asks: ['请您提供一下订单号，我马上帮您核实处理', '麻烦您说一下具体情况，我来跟进'],
    followUps: [
      ['光道歉有什么用？', '这边给您两个方案：全额退款，或者给您换新并补偿优惠券，您看哪个更合适'],
      ['今天必须给我解决', '我已经把您的问题提交给主管，今天下班前一定给您回复'],
      ['你们领导呢？', '您的诉求我已经记录，会有专人在24小时内电话联系您'],
      ['我要的是解决方案', '这边可以直接给您全额退款，商品不用寄回'],
    ],
    resolutions: ['补偿已经申请好了，再次向您致歉', '已为您加急处理，后续进度我会主动联系您'],
    imageChance: 0.2,
  },
  {
    id: 'repair',
    issueType: 'repair',
    weight: 10,
    teams: ['售后二组'],
    startsAngry: false,
    cases: [
      {
        openings: ['{product}{fault}，能修吗？', '我的{product}出问题了，{fault}'],
        answers: [
          '这个情况建议您先恢复出厂设置试一下，如果还不行我们安排寄修',
          '您可以申请寄修，我们提供顺丰上门取件，修好后包邮寄回',
        ],
      },
      {
        openings: ['请问{product}在保修期内吗？{fault}', '{product}坏了，怎么申请售后维修？'],
        answers: ['您的{product}还在保修期内，可以免费维修', '在保修期内的，您在订单页点申请售后，选择寄修就可以'],
      },
    ],
    details: ['订单号{order}，{date}买的', '这是故障的视频截图', '已经重启过了，还是{fault}'],
    asks: ['请问您的订单号是多少？我帮您看下保修', '麻烦拍一下故障的照片或者视频', '请问机器有没有摔过或者进水？'],
    followUps: [
      ['修好要多久？', '维修周期一般是收到后5-7个工作日'],
      ['维修要收费吗？', '保修期内非人为损坏都是免费的'],
      ['能直接换新的吗？', '如果检测是质量问题且在15天内，可以直接给您换新'],
      ['有没有备用机？', '抱歉目前不提供备用机，我们会尽量加快维修进度'],
    ],
    resolutions: ['寄修单已经给您创建好了，快递员会在{days}天内上门取件', '已为您登记维修，有进度会短信通知您'],
    imageChance: 0.5,
  },
  {
    id: 'payment',
    issueType: 'account',
    weight: 12,
    teams: ['售前一组'],
    startsAngry: false,
    cases: [
      {
        openings: ['付款的时候一直提示失败怎么办？', '我付了{amount}元，订单还显示待付款'],
        answers: [
          '查询到您的付款已经成功，订单状态同步有延迟，稍后刷新一下就好了',
          '付款失败一般是网络问题，您换个网络或者重新打开小程序试一下',
        ],
      },
      { openings: ['为什么扣了两次钱？'], answers: ['重复扣款的那笔系统会在24小时内自动退回，您不用担心'] },
      { openings: ['可以用花呗或者分期吗？'], answers: ['目前支持微信支付和信用卡分期，暂不支持花呗'] },
      { openings: ['优惠券用不了，付款金额不对'], answers: ['这张优惠券需要满{amount}元才能使用，所以没有抵扣'] },
    ],
    details: ['订单号{order}', '付款截图发你了', '金额是{amount}元', '用的是微信支付'],
    asks: ['请问您是用什么方式支付的呢？', '麻烦提供一下订单号，我帮您核实付款状态', '您方便截图一下付款记录吗？'],
    followUps: [
      ['那钱什么时候退回来？', '多扣的钱会在1-3个工作日原路退回'],
      ['订单会不会被取消？', '订单已经帮您锁定了，不会被取消'],
      ['能不能手动帮我改价？', '改价需要您重新下单，我这边给您备注优惠'],
      ['为什么会这样？', '可能是网络波动导致重复提交，给您添麻烦了'],
    ],
    resolutions: ['已帮您处理好了，有问题随时联系我们', '订单已确认付款成功，我们会尽快发货'],
    imageChance: 0.3,
  },
];

export const PRODUCTS_BY_LINE: Readonly<Record<string, readonly string[]>> = {
  数码: ['蓝牙耳机', '智能手表', '充电宝', '平板电脑', '机械键盘'],
  家电: ['空气炸锅', '扫地机器人', '电动牙刷', '吹风机', '破壁机'],
  服饰: ['羽绒服', '运动鞋', '连衣裙', '牛仔裤', '冲锋衣'],
  美妆: ['精华液', '防晒霜', '口红礼盒', '面膜'],
  食品: ['坚果礼盒', '挂耳咖啡', '牛奶整箱'],
};

export const FAULTS: readonly string[] = ['开不了机', '充不进电', '屏幕有条纹', '有异响', '连不上蓝牙', '按键失灵'];
export const SIZES: readonly string[] = ['S码', 'M码', 'L码', 'XL码', '38码', '40码', '42码'];
export const COURIERS: readonly [string, string][] = [
  ['顺丰', 'SF'],
  ['中通', 'ZT'],
  ['圆通', 'YT'],
  ['京东物流', 'JDV'],
  ['韵达', 'YD'],
];

/** Lines shared by every scenario, by purpose. */
export const LINES = {
  customerHello: ['在吗', '你好', '有人吗？', '您好'],
  customerNudge: ['人呢？？', '有人吗', '怎么没人回复', '在不在啊', '还要等多久？'],
  greetings: [
    '您好，很高兴为您服务，请问有什么可以帮您？',
    '亲，在的~请问有什么可以帮您',
    '您好，我是客服{agentName}，请问有什么可以帮到您？',
    '亲，您好，欢迎光临～',
  ],
  apologies: [
    '非常抱歉给您带来不便，我马上帮您处理',
    '真的很抱歉让您久等了，我理解您的心情',
    '抱歉亲，这个问题是我们的疏忽',
  ],
  closingAsks: ['还有其他可以帮您的吗？', '请问还有其他问题需要帮您处理吗？'],
  closings: [
    '感谢您的耐心，祝您生活愉快！',
    '感谢您的理解与支持，有问题随时联系我们～',
    '好的，感谢您的耐心等待，再见～',
  ],
  customerThanks: ['好的，谢谢', '没有了，谢谢', '行吧', '好的，辛苦了', '嗯嗯，知道了'],
  customerAngry: [
    '什么破服务！',
    '我等了这么久你们就这态度？',
    '再不处理我就给差评了',
    '太失望了，以后不会再买了',
    '你们就是在推卸责任',
  ],
  customerThreats: [
    '我要投诉你们',
    '再不解决我就打12315投诉',
    '我要给差评',
    '我要去消协投诉',
    '我已经在黑猫投诉上发帖了',
  ],
  negatedComplaints: ['我不是要投诉，就是想问问进度', '不是要投诉哈，只是有点着急', '我没有要给差评的意思，就是问问'],
  customerPhone: [
    '我手机号{phone}，有事打我电话',
    '留个电话吧{phone}',
    '快递员联系不上我的话打{phone}',
    '我电话是{phone}',
  ],
  shortAcks: ['好的', '收到', '嗯', '稍等，我查一下'],
  agentHold: ['好的，请稍等，我帮您查询一下', '收到，我这边核实一下，请稍候'],
  rude: [
    '你自己看不懂吗？详情页写得清清楚楚',
    '爱买不买',
    '这个问题我已经说过很多遍了',
    '你这样我也没办法',
    '不是我的问题，你找快递去',
  ],
  overPromises: [
    '保证明天一定到',
    '我保证百分之百给您退全款',
    '放心，绝对不会再出问题了',
    '今天之内肯定给您解决，我打包票',
  ],
  offPlatform: [
    '加我微信{wechat}，私下转账给您便宜点',
    '您加我个人微信{wechat}，我私下给您退',
    '别在这里说了，加我微信{wechat}聊',
  ],
  agentPhoneLeak: ['您直接打我电话{phone}吧', '有问题打我手机{phone}，我私人号码'],
} as const;
