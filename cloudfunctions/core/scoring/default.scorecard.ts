/**
 * The scorecard every deployment started with (id `default`, version 1); version 2
 * (default.scorecard.v2.ts) replaced it, and version 3 (default.scorecard.v3.ts) version 2.
 * Scores made with version 1 keep it, and its word lists are shared by versions 2 and 3. Plain data: the admins'
 * settings page edits a draft of it, never this object. Rule ids are stable API: reports,
 * appeals and calibration refer to them.
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';

export const GREETING_WORDS = [
  '您好',
  '你好',
  '亲',
  '在的',
  '在呢',
  '欢迎',
  '很高兴为您服务',
  '有什么可以帮您',
  '有什么可以帮你',
  '请问有什么',
  '早上好',
  '上午好',
  '中午好',
  '下午好',
  '晚上好',
  '哈喽',
  'hello',
];
/** 「亲」 greets; 「亲自」「亲眼」 do not. */
const GREETING_EXCLUDE = ['亲自', '亲身', '亲手', '亲眼', '亲属', '亲戚', '父亲', '母亲', '亲子'];

export const CLOSING_WORDS = [
  '感谢',
  '谢谢',
  '再见',
  '还有其他可以帮您',
  '还有什么可以帮您',
  '还有其他问题',
  '还有什么问题',
  '还有其他需要',
  '祝您',
  '生活愉快',
  '不客气',
  '欢迎下次',
  '欢迎再来',
  '随时联系',
  '随时找我',
  '随时咨询',
  '有问题随时',
  '拜拜',
  '期待再次',
  '辛苦了',
];

export const RUDE_WORDS = [
  '你自己看不懂吗',
  '看不懂吗',
  '听不懂吗',
  '爱买不买',
  '不买拉倒',
  '烦不烦',
  '有完没完',
  '你有病',
  '有病吧',
  '神经病',
  '脑子有问题',
  '没脑子',
  '废话',
  '说了多少遍',
  '说了几遍了',
  '自己去看',
  '自己不会看',
  '关我什么事',
  '关我屁事',
  '别烦我',
  '滚',
  '笨蛋',
  '蠢',
  '白痴',
  '活该',
  '你自己的问题',
  '怪你自己',
  '怎么这么麻烦',
  '跟你说不清',
  '随便你',
  '爱咋咋地',
  '不关我事',
  '投诉我也没用',
  '你去投诉吧',
  '事真多',
];
const RUDE_EXCLUDE = ['滚筒', '滚动', '滚轮', '翻滚', '滚珠', '蠢蠢欲动'];

export const OFF_PLATFORM_WORDS = [
  '私下转账',
  '私下交易',
  '私下联系',
  '线下交易',
  '线下转账',
  '微信转账',
  '支付宝转账',
  '转到我的',
  '转给我个人',
  '个人账户',
  '私人账户',
  '扫我的二维码',
  '加我微信',
  '加我vx',
  '加我v信',
  '加我qq',
  '我的微信号',
  '私聊',
  '绕过平台',
  '不走平台',
  '别走平台',
  '平台外',
  '直接打款',
  '直接打钱',
];
/** 「请勿私下交易」 is the agent doing the right thing. */
const WARNING_WORDS = ['不', '别', '不要', '请勿', '切勿', '勿', '禁止', '谨防', '小心', '不能', '不可以', '严禁'];

export const COMPLAINT_WORDS = [
  '投诉',
  '12315',
  '12345',
  '差评',
  '曝光',
  '举报',
  '消协',
  '消费者协会',
  '工商局',
  '市场监管',
  '找媒体',
  '维权',
  '起诉',
  '告你们',
  '律师函',
];

export const ANGER_WORDS = [
  '太慢了',
  '什么破',
  '垃圾',
  '气死',
  '坑人',
  '骗子',
  '太差了',
  '差劲',
  '无语',
  '生气',
  '火大',
  '忍无可忍',
  '受不了',
  '搞什么',
  '什么态度',
  '欺骗',
  '离谱',
  '太过分',
  '过分了',
  '等了这么久',
  '没人管',
  '退钱',
];

export const APOLOGY_WORDS = [
  '抱歉',
  '对不起',
  '不好意思',
  '非常理解',
  '理解您',
  '给您带来不便',
  '给您添麻烦',
  '请您谅解',
  '敬请谅解',
  '深表歉意',
  '歉意',
  '让您久等',
  '久等了',
  '辛苦您',
  '我们的失误',
  '您别着急',
  '别着急',
  '体谅',
  '请您放心',
];

export const PROMISE_WORDS = [
  '保证',
  '百分之百',
  '100%',
  '绝对没问题',
  '绝对能',
  '绝对会',
  '肯定能',
  '肯定没问题',
  '一定能',
  '一定会',
  '包您满意',
  '打包票',
  '我承诺',
];
const PROMISE_EXCLUDE = ['保证金', '质量保证', '不一定'];

/** A last customer line that only acknowledges expects no answer. */
export const ACKNOWLEDGEMENT_PATTERN =
  '^(好的?|好滴|好吧|嗯+|哦+|噢+|ok|OK|行|收到|明白了?|知道了|谢谢|感谢|多谢|谢了|再见|拜拜|没有了|没了|没事了)[\\s\\S]{0,6}$';

const agentReplied = { op: 'metadata', params: { field: 'messages.agent', is: 'gte', value: 1 } };

export const DEFAULT_SCORECARD_V1_INPUT: ScorecardInput = {
  id: 'default',
  version: 1,
  status: 'published',
  name: '通用客服质检评分卡',
  description: '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。',
  scope: {},
  baseScore: 100,
  passThreshold: 80,
  publishedAt: Date.UTC(2025, 0, 1),
  sections: [
    {
      id: 'etiquette',
      name: '服务规范',
      weight: 35,
      rules: [
        {
          id: 'greeting-missing',
          name: '首句未问候',
          description: '客服的第一句回复没有问候语（「亲，在的」也算问候）。',
          when: {
            all: [
              agentReplied,
              {
                op: 'keywords',
                params: {
                  words: GREETING_WORDS,
                  mode: 'none',
                  role: 'agent',
                  within: { first: 1 },
                  exclude: GREETING_EXCLUDE,
                },
              },
            ],
          },
          points: -5,
        },
        {
          id: 'closing-missing',
          name: '未礼貌结束',
          description: '会话结尾客服没有致谢、道别或询问是否还有其他问题。',
          when: {
            all: [
              agentReplied,
              { op: 'keywords', params: { words: CLOSING_WORDS, mode: 'none', role: 'agent', within: { last: 2 } } },
            ],
          },
          points: -5,
        },
        {
          id: 'no-apology-on-complaint',
          name: '未安抚不满客户',
          description: '客户投诉或明显不满，客服始终没有致歉或表达理解。',
          when: {
            all: [
              {
                any: [
                  { op: 'keywords', params: { words: COMPLAINT_WORDS, role: 'customer', negation: true } },
                  { op: 'keywords', params: { words: ANGER_WORDS, role: 'customer', negation: true } },
                  { op: 'sentiment', params: { role: 'customer', scope: 'any', label: 'negative', minCount: 2 } },
                ],
              },
              { not: { op: 'keywords', params: { words: APOLOGY_WORDS, role: 'agent' } } },
            ],
          },
          points: -10,
        },
        {
          id: 'rude-language',
          name: '服务态度恶劣',
          description: '客服使用辱骂、不耐烦或指责客户的语言（红线）。',
          when: { op: 'keywords', params: { words: RUDE_WORDS, role: 'agent', exclude: RUDE_EXCLUDE } },
          points: -35,
          critical: 'fail-session',
        },
      ],
    },
    {
      id: 'timeliness',
      name: '响应时效',
      weight: 25,
      rules: [
        {
          id: 'first-response-slow',
          name: '首次响应超时',
          description: '客户首条消息后 60 秒内客服未回复（始终未回复也算）。',
          when: { op: 'firstResponse', params: { overSeconds: 60 } },
          points: -10,
        },
        {
          id: 'no-reply',
          name: '客户未获回复',
          description: '客户发来消息后始终没有客服回复：本项时效分清零，会话不合格。',
          when: { op: 'firstResponse', params: { overSeconds: 60, unansweredOnly: true } },
          points: -15,
          critical: 'zero-section',
        },
        {
          id: 'reply-slow',
          name: '回复超时',
          description: '客户等待超过 180 秒才得到回复，每次计一次；未获回复的消息也算。',
          when: {
            op: 'replyDelay',
            params: { overSeconds: 180, skipFirst: true, ignoreTrailing: ACKNOWLEDGEMENT_PATTERN },
          },
          points: -5,
          per: 'occurrence',
          cap: 15,
        },
      ],
    },
    {
      id: 'compliance',
      name: '合规风控',
      weight: 25,
      rules: [
        {
          id: 'off-platform-transaction',
          name: '引导站外交易',
          description: '客服引导客户私下联系或绕过平台付款（红线）。',
          when: {
            any: [
              {
                op: 'keywords',
                params: { words: OFF_PLATFORM_WORDS, role: 'agent', negation: { window: 3, words: WARNING_WORDS } },
              },
              {
                op: 'regex',
                params: {
                  pattern: '加(我|一下|个)?.{0,2}(微信|vx|v信|wx|weixin|qq)',
                  flags: 'i',
                  role: 'agent',
                  exclude: '(不|别|勿|请勿|不要)加',
                  requires: ['微信', 'vx', 'v信', 'wx', 'weixin', 'qq'],
                },
              },
            ],
          },
          points: -25,
          critical: 'fail-session',
        },
        {
          id: 'pii-leak',
          name: '泄露客户隐私',
          description: '客服在消息中透露手机号、身份证号或银行卡号。',
          when: { op: 'pii', params: { by: 'agent', types: ['phone', 'idcard', 'bankcard'] } },
          points: -15,
          per: 'occurrence',
          cap: 25,
        },
        {
          id: 'over-promise',
          name: '过度承诺',
          description: '客服做出无法兑现的保证（保证、百分之百、一定……到）。',
          when: {
            any: [
              {
                op: 'keywords',
                params: { words: PROMISE_WORDS, role: 'agent', exclude: PROMISE_EXCLUDE, negation: true },
              },
              {
                op: 'regex',
                params: {
                  pattern: '一定.{0,6}(到|送达|发货|退款|解决|好)',
                  role: 'agent',
                  exclude: '不一定',
                  requires: ['一定'],
                },
              },
            ],
          },
          points: -5,
          per: 'occurrence',
          cap: 10,
        },
      ],
    },
    {
      id: 'outcome',
      name: '服务结果',
      weight: 15,
      rules: [
        {
          id: 'unresolved',
          name: '问题未解决',
          description: '客户评价未解决，或满意度不高于 2 分。',
          when: {
            any: [
              { op: 'metadata', params: { field: 'rating.resolved', is: 'eq', value: false } },
              { op: 'metadata', params: { field: 'rating.csat', is: 'lte', value: 2 } },
            ],
          },
          points: -10,
        },
        {
          id: 'complaint-risk',
          name: '投诉风险',
          description: '客户表示要投诉、打 12315、给差评或曝光（「我不是要投诉」不算）。',
          when: { op: 'keywords', params: { words: COMPLAINT_WORDS, role: 'customer', negation: true } },
          points: -5,
        },
        {
          id: 'customer-negative',
          name: '客户情绪负面收尾',
          description: '客户最后一条消息情绪明显负面。',
          when: { op: 'sentiment', params: { role: 'customer', scope: 'end', label: 'negative', last: 1 } },
          points: -5,
        },
      ],
    },
  ],
};

/** Validated at load: a broken default scorecard fails every test, not a customer's session. */
export const DEFAULT_SCORECARD_V1: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V1_INPUT));
