/**
 * Version 2 of the default scorecard: verdicts a supervisor can defend in an appeal. What changed
 * from version 1 and why (measured by `npm run eval:rules`, see the README):
 * - the customer's emotion comes from the dialogue acts of each turn (a trained classifier over
 *   chat turns, numbers neutralised), not from the review-trained sentiment model that read order
 *   numbers, 「已付款」 and plain questions as anger;
 * - no-apology-on-complaint needs a complaint or anger turn as its evidence and looks for an
 *   apology or empathy in the agent's next two turns, not anywhere in the chat;
 * - red lines and complaint words are matched on normalised text (separators, emoji, full-width
 *   letters and homophones such as 薇信/V信/vx undone), and a new red line forbids paying for
 *   reviews (好评返现), which platforms and the E-commerce Law prohibit;
 * - over-promise is a commitment answering the customer's question, not a refusal (「保证不了」)
 *   nor a generic assurance (「质量是有保证的」);
 * - the greeting must open the first reply (address terms such as 亲/客官 are shop data), the
 *   closing is looked for after the customer's last substantive message, and fragments
 *   (`partial`) are not judged on either.
 * Rule ids are unchanged where the rule's intent is (reports and appeals refer to them).
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, ruleOf } from './default.scorecard.lineage';
import {
  APOLOGY_WORDS,
  CLOSING_WORDS,
  COMPLAINT_WORDS,
  DEFAULT_SCORECARD_V1_INPUT,
  OFF_PLATFORM_WORDS,
  PROMISE_WORDS,
  RUDE_WORDS,
} from './default.scorecard';

/** A rule version 2 keeps as version 1 had it (timing, personal data, the rating). */
const v1Rule = (id: string): RuleInput => ruleOf(DEFAULT_SCORECARD_V1_INPUT, id);

/**
 * A last customer line that only acknowledges or wraps up expects no answer: 「好的谢谢」, and also
 * 「好的，我们内部讨论一下」 or 「那就好，让师傅换吧」 (version 1 allowed six characters after the 好的).
 */
export const ACKNOWLEDGEMENT_PATTERN_V2 =
  '^(?!.*(投诉|差评|曝光|介入|举报|12315|维权|等着|退款))(好的?|好滴|好吧|好哒|好嘞|那就好|那好|嗯+|哦+|噢+|ok|OK|行|可以|收到|明白了?|知道了|了解|谢谢|感谢|多谢|谢了|再见|拜拜|没有了|没了|没事了|调好了|弄好了|搞定)[\\s\\S]{0,14}$';

/** Ways shops address customers: skipped before the greeting is looked for. */
export const ADDRESS_TERMS = [
  '亲亲',
  '亲爱的',
  '亲',
  '客官',
  '宝宝',
  '宝子',
  '宝',
  '小主',
  '老板',
  '朋友',
  '美女',
  '帅哥',
  '家人们',
  '家人',
];

export const GREETINGS_V2 = [
  '您好',
  '你好',
  '在的',
  '在呢',
  '在哦',
  '在滴',
  '在哒',
  '欢迎光临',
  '欢迎',
  '很高兴为您服务',
  '很高兴为你服务',
  '有什么可以帮您',
  '有什么可以帮你',
  '有什么可以为您',
  '请问有什么',
  '早上好',
  '上午好',
  '中午好',
  '下午好',
  '晚上好',
  '早安',
  '哈喽',
  'hello',
  'hi',
  '嗨',
];

export const CLOSINGS_V2 = [
  ...CLOSING_WORDS,
  '祝你',
  '购物愉快',
  '还有其他',
  '还有什么',
  '还有别的',
  '其他问题',
  '其他需要',
  '随时滴滴',
  '有需要随时',
  '客气了',
  '期待您',
  '麻烦您了',
];

export const EMPATHY_WORDS = [
  ...APOLOGY_WORDS,
  '理解你',
  '能理解',
  '添麻烦了',
  '委屈您',
  '不要着急',
  '别急',
  '先别生气',
  '消消气',
  '抱抱',
  '心疼',
  '着急了吧',
  '您放心',
];

export const RUDE_WORDS_V2 = [
  ...RUDE_WORDS,
  '傻',
  '脑残',
  '你瞎吗',
  '眼瞎',
  '不会自己看',
  '自个儿看',
  '烦死了',
  '爱要不要',
  '买不起就别',
  '买不起别',
  '少废话',
  '闭嘴',
  '听不懂人话',
  '理解能力有问题',
  '脑子进水',
  '脑子才进水',
  '脑子有病',
  '可以别买',
  '怪谁',
  '长点心',
  '急什么',
  '随你便',
  '随便投',
  '你投诉好了',
  '您投诉好了',
  '爱退不退',
  '爱吃不吃',
  '爱用不用',
];
/** Brush-offs whose wording varies: 「说了 N 遍了」, 「说了好几次了」. */
export const RUDE_PATTERN = '(说|讲)了(n|多少|好几|几|\\d+)(遍|次)';
const RUDE_EXCLUDE_V2 = ['滚筒', '滚动', '滚轮', '翻滚', '滚珠', '蠢蠢欲动', '傻瓜式', '傻瓜相机', '穷尽', '无穷'];

/** Off-platform contact or payment, on normalised text (vx, V信, 薇信 have become 微信). */
export const OFF_PLATFORM_WORDS_V2 = [
  ...OFF_PLATFORM_WORDS,
  '私下付',
  '线下付',
  '微信转我',
  '微信付',
  '支付宝转我',
  '支付宝付给我',
  '转我个人',
  '扫我二维码',
  '加微信',
  '加qq',
  '我微信号',
  '微信号是',
  '微信联系',
  'qq联系',
  '拍下不发',
];
/** 「请勿私下交易」 and 「平台规定不能加微信」 are the agent doing the right thing. */
export const WARNING_WORDS_V2 = [
  '不',
  '别',
  '不要',
  '请勿',
  '切勿',
  '勿',
  '禁止',
  '谨防',
  '小心',
  '不能',
  '不可以',
  '严禁',
  '没法',
  '无法',
];

/**
 * An agent message that warns against or refuses the thing itself: 「平台不允许私下交易」,
 * 「我们没有好评返现活动」, 「私下转账不安全」. Clauses are not crossed, so 「没有这个款，加我微信」 still counts.
 */
export const WARNING_CONTEXT =
  '(不允许|不可以|不建议|不支持|不能|禁止|严禁|请勿|切勿|谨防|小心|没有|不提供|不搞|不做|不参与|假冒|违规|不符合)[^，,。!?！？]{0,12}(私下|线下|平台外|微信|qq|返现|好评|晒图|转账|交易|联系方式|红包)' +
  '|(私下|线下|平台外|微信|qq|返现|转账|交易)[^，,。!?！？]{0,8}(不安全|没有保障|没保障|不受保障|有风险|没法保障|无法保障|不符合|违规|不允许|是假的|假冒)';

/** Rewards for reviews, on normalised text (好平/hp have become 好评, 反现 返现). */
export const REVIEW_REWARD_PATTERN =
  '(好评|五星|5星|晒图|晒单|追评|带图评价|评价截图|评价).{0,12}(返现|返\\d|返还|返[^回货]|红包|现金|奖励|\\d+元|\\d+块|领取|领钱|送(您|你)|赠(您|你|送)|送[^货达到]{0,3}(礼|券|赠品|红包)|有礼)' +
  '|(返现|红包|现金|\\d+元|\\d+块|券|赠品|礼品).{0,20}(改成好评|改好评|好评|五星|5星|晒图|晒单|追评)' +
  '|(删|撤|改|追加)[了掉]?(差评|中评|评价).{0,12}(返|补|送|红包|\\d+元|\\d+块|券)';

/** Threats of complaint or dispute, on normalised text; 「我不是要投诉」 is negated. */
export const COMPLAINT_RISK_WORDS = [
  ...COMPLAINT_WORDS,
  '申诉',
  '平台介入',
  '小二介入',
  '客服介入',
  '找平台',
  '投诉你',
  '消费者协会',
  '找你们领导',
  '找你们经理',
  '上报',
  '12315投诉',
  '法务',
  '律师',
  '走法律程序',
  '法院',
];
/** Asking how a procedure works is not a threat. */
export const COMPLAINT_RISK_EXCLUDE = [
  '怎么申诉',
  '如何申诉',
  '申诉入口',
  '申诉流程',
  '怎么投诉',
  '如何投诉',
  '投诉吗',
];

export const PROMISE_WORDS_V2 = [
  ...PROMISE_WORDS,
  '百分百',
  '绝对',
  '肯定会',
  '肯定可以',
  '肯定到',
  '一定可以',
  '一定到',
  '包你满意',
  '放心吧一定',
];
/** Generic assurances of quality or authenticity are not promises about this customer's case. */
export const GENERIC_ASSURANCES = [
  '质量是有保证',
  '质量有保证',
  '质量保证',
  '品质保证',
  '品质有保证',
  '正品保证',
  '保证正品',
  '售后有保障',
  '有保证的',
  '保证金',
  '不一定',
  '绝对正品',
  '正品绝对',
  // composition and authenticity are facts about the product, not promises about the case
  '100%正品',
  '百分之百正品',
  '百分百正品',
  '100%纯',
  '100%棉',
  '100%新疆',
  '100%羊',
  '100%真',
  '保证是',
];

/** The rules version 2 judges differently from version 1, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'greeting-missing': {
    id: 'greeting-missing',
    name: '首句未问候',
    description:
      '客服第一句回复不是以问候开头（「亲，在的」「客官您好」算问候，「亲，已经发货了」不算）；会话片段不评判。',
    when: { op: 'opening', params: { greetings: GREETINGS_V2, addressTerms: ADDRESS_TERMS, withinChars: 2 } },
    points: -5,
  },
  'closing-missing': {
    id: 'closing-missing',
    name: '未礼貌结束',
    description: '客户最后一个实质问题之后，客服没有致谢、道别或询问是否还有其他问题；会话片段不评判。',
    when: { op: 'closing', params: { words: CLOSINGS_V2 } },
    points: -5,
  },
  'no-apology-on-complaint': {
    id: 'no-apology-on-complaint',
    name: '未安抚不满客户',
    description: '客户投诉或表达愤怒后，客服随后两句内没有致歉或表达理解（事先的道歉不算）。',
    when: { op: 'unsoothed', params: { words: EMPATHY_WORDS, window: 2, minConfidence: 0.8 } },
    points: -10,
  },
  'rude-language': {
    id: 'rude-language',
    name: '服务态度恶劣',
    description: '客服使用辱骂、不耐烦或指责客户的语言，任何写法（红线）。',
    when: {
      op: 'phrases',
      params: {
        words: RUDE_WORDS_V2,
        pattern: RUDE_PATTERN,
        role: 'agent',
        exclude: RUDE_EXCLUDE_V2,
        ignoreQuoted: true,
      },
    },
    points: -35,
    critical: 'fail-session',
  },
  'reply-slow': {
    // As in version 1, with the broader acknowledgements of version 2.
    ...v1Rule('reply-slow'),
    when: {
      op: 'replyDelay',
      params: { overSeconds: 180, skipFirst: true, ignoreTrailing: ACKNOWLEDGEMENT_PATTERN_V2 },
    },
  },
  'off-platform-transaction': {
    id: 'off-platform-transaction',
    name: '引导站外交易',
    description: '客服引导客户私下联系或绕过平台付款，任何写法（薇信、V信、vx、微-信……）（红线）。',
    when: {
      any: [
        {
          op: 'phrases',
          params: {
            words: OFF_PLATFORM_WORDS_V2,
            role: 'agent',
            negation: { window: 4, words: WARNING_WORDS_V2 },
            unlessMessage: WARNING_CONTEXT,
          },
        },
        {
          op: 'phrases',
          params: {
            pattern:
              '加(我|一下|个|下)?.{0,2}(微信|qq)|(微信|qq)(号)?[:：]?[a-z0-9_-]{5,}' +
              '|(走|用|通过)(我的?)?(微信|qq|支付宝)|(支付宝|微信|银行卡)(账号|号|收款码)?.{0,6}(直接)?转(您|你|给您|给你|我)',
            role: 'agent',
            negation: { window: 4, words: WARNING_WORDS_V2 },
            unlessMessage: WARNING_CONTEXT,
          },
        },
      ],
    },
    points: -25,
    critical: 'fail-session',
  },
  'over-promise': {
    id: 'over-promise',
    name: '过度承诺',
    description: '客服回答客户的时效或结果问题时做出无法兑现的承诺（「肯定能到」）；「保证不了」和「质量有保证」不算。',
    when: { op: 'promise', params: { words: PROMISE_WORDS_V2, exclude: GENERIC_ASSURANCES } },
    points: -5,
    per: 'occurrence',
    cap: 10,
  },
  'complaint-risk': {
    id: 'complaint-risk',
    name: '投诉风险',
    description: '客户表示要投诉、申诉、平台介入、维权、打 12315、给差评或曝光（「我不是要投诉」不算）。',
    when: {
      op: 'phrases',
      params: { words: COMPLAINT_RISK_WORDS, role: 'customer', negation: true, exclude: COMPLAINT_RISK_EXCLUDE },
    },
    points: -5,
  },
  'customer-negative': {
    id: 'customer-negative',
    name: '客户情绪负面收尾',
    description: '客户最后一条实质消息是投诉或愤怒（按对话行为判断，订单号、提问不算负面）。',
    when: {
      op: 'act',
      params: { role: 'customer', acts: ['complaint', 'anger'], scope: 'lastSubstantive', minConfidence: 0.5 },
    },
    points: -5,
  },
};

/** New in version 2, placed after the rule named. */
const ADDED_AFTER: Readonly<Record<string, RuleInput[]>> = {
  'off-platform-transaction': [
    {
      id: 'review-manipulation',
      name: '好评返现',
      description: '客服以返现、红包、赠品等换取好评或评价截图，任何写法（红线：平台规则与《电子商务法》禁止）。',
      when: {
        op: 'phrases',
        params: {
          pattern: REVIEW_REWARD_PATTERN,
          role: 'agent',
          negation: { window: 4, words: WARNING_WORDS_V2 },
          unlessMessage: WARNING_CONTEXT,
        },
      },
      points: -25,
      critical: 'fail-session',
    },
  ],
};

/**
 * Version 2 is version 1 with the rules above replaced or added: what is not named here (timing
 * except the broader acknowledgements, personal data, the rating) is version 1's rule as it was.
 */
export const DEFAULT_SCORECARD_V2_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V1_INPUT,
  version: 2,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 2 版：按对话行为判断客户情绪与安抚，红线防变体，新增好评返现红线。',
  publishedAt: Date.UTC(2026, 11, 6),
  sections: DEFAULT_SCORECARD_V1_INPUT.sections.map((section) => ({
    ...section,
    rules: section.rules.flatMap((rule) => [REPLACED[rule.id] ?? rule, ...(ADDED_AFTER[rule.id] ?? [])]),
  })),
};

export const DEFAULT_SCORECARD_V2: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V2_INPUT));
