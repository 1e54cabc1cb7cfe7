/**
 * Version 4 of the default scorecard, shipped at commit cb89e51 (version 5, default.scorecard.v5.ts,
 * replaced it; stored v4 scores re-score with this exactly). Version 3 shipped at commit 669f43b
 * and stays exactly as it shipped (tests/core/scoring/default.scorecard.golden.test.ts); version
 * 4 is version 3 with the changes below, tuned on the tuning half including another writer's
 * fresh conversations (README "Checking the verdicts", version 4 notes).
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, paramsOf, ruleOf, withRulesReplaced } from './default.scorecard.lineage';
import {
  ACKNOWLEDGEMENT_PATTERN_V2,
  CLOSINGS_V2,
  COMPLAINT_RISK_EXCLUDE,
  EMPATHY_WORDS,
  RUDE_PATTERN,
  WARNING_CONTEXT,
  WARNING_WORDS_V2,
} from './default.scorecard.v2';
import {
  COMMITMENT_HEDGES,
  COMMITMENT_SHAPE,
  DEFAULT_SCORECARD_V3_INPUT,
  GENERIC_ASSURANCES_V3,
  REVIEW_REWARD_PATTERN_V3,
  RUDE_WORDS_V3,
} from './default.scorecard.v3';

/** Version 3's rule of this id (the parts version 4 keeps). */
const v3Rule = (id: string): RuleInput => ruleOf(DEFAULT_SCORECARD_V3_INPUT, id);

/** The one condition of a version 3 rule made of one operator (its params are what version 4 extends). */
const v3Params = (id: string, op: string): Record<string, unknown> => paramsOf(DEFAULT_SCORECARD_V3_INPUT, id, op);

/** Empathy as chat writes it besides version 2's words: 「sorry亲」, 「给您造成困扰」. */
export const EMPATHY_WORDS_V4 = [
  ...EMPATHY_WORDS,
  'sorry',
  'sry',
  '给您造成',
  '给你造成',
  '让您受累',
  '让您费心',
  '您受累了',
  '辛苦了',
  '理解的',
  '懂您',
];

/**
 * Brush-offs besides version 3's lexicon: sending the customer away (「您去别家问问」), leaving them
 * to it (「那我也没办法 等着吧」, 「物流您自己不会查吗」), doubting them (「爱信不信」).
 */
export const RUDE_BRUSH_OFFS_V4 = [
  '爱信不信',
  '不信拉倒',
  '不信就算了',
  '别家问问',
  '去别家吧',
  '找别家吧',
  '去别家看看吧',
  '自己不会查',
  '不会自己查',
  '自己不会搜',
  '自己不会找',
  '不懂就别买',
  '不懂别买',
  '我也没办法等着',
  '没办法等着吧',
  '你等着吧',
  '您等着吧',
];
export const RUDE_WORDS_V4 = [...new Set([...RUDE_WORDS_V3, ...RUDE_BRUSH_OFFS_V4])];
/**
 * Blaming the customer by shape besides version 3's 「说了几遍」: the damage is their doing
 * (「你自己用坏的」「你自 己 弄 坏 的」), their own fault is why they should not buy (「你牙口不好就别买」),
 * and 「那您想怎样」.
 */
export const RUDE_PATTERN_V4 =
  `${RUDE_PATTERN}|(你|您)自己(用|弄|摔|搞|玩|拆|泡|洗)(坏|断|碎|丢|烂|坏了)的?` +
  '|(你|您)[^，,。!?！？]{0,6}就别买|那(你|您)(想|要)怎(样|么样)|(你|您)到底想怎(样|么样)';

/**
 * A private channel as chat spells it besides 微信/qq (which normalisation already folds from
 * vx, V信, 薇信): 扣扣, 企鹅 (QQ), 威x/薇x/微x (an x for 信).
 */
const PRIVATE_CHANNEL = '(微信|qq|扣扣|企鹅号?|[微威薇维]x)';

/**
 * Off-platform contact in wordings version 3 missed: a private channel with an id or an
 * invitation in any of its spellings; 「私下给你便宜」 (a deal outside the platform); the agent's
 * own phone (「打我手机」, 「我私人电话」).
 */
export const OFF_PLATFORM_PATTERN_V4 =
  `加(我|一下|个|下)?.{0,2}${PRIVATE_CHANNEL}|${PRIVATE_CHANNEL}(号)?[:：]?[a-z0-9_-]{5,}` +
  '|加(我|一下|个|下)?(的)?[vq](?![a-z0-9领字型口弹])' +
  '|(走|用|通过)我的?(微信|qq|支付宝)|(走|用|通过)(微信|qq|支付宝)(?!支付)|(支付宝|微信|银行卡)(账号|号|收款码)?.{0,6}(直接)?转(您|你|给您|给你|我)' +
  `|${PRIVATE_CHANNEL}(上|里)?(聊(?=[吧呗哈呀啊嘛,，。!！~～\\s]|$)|找我|私聊|私我|详聊|详谈|戳我|滴我|发你|发我)` +
  `|私聊我?的?${PRIVATE_CHANNEL}|私下(给(你|您)|便宜|优惠|卖|找我|聊|发(你|您))` +
  // a personal account for the payment (「打您个人支付宝 不走公司账」「我个人卡 走我这快」)
  '|(我|您|你)的?个人(支付宝|微信|卡|银行卡|账户|账号|收款码)|不走(公司|对公)(账|账户)?' +
  '|(打|拨|联系|加)我的?(手机|私人电话|个人电话|私人号|私人手机)|我的?(私人|个人)(电话|手机|号码)';

/**
 * A discount or a reward for a review the agent asks for (「麻烦给个五星评价 下单直接减50」): a request
 * for a review, then, in the same sentence, money off, a coupon or a refund.
 */
export const REVIEW_REQUEST_REWARD_V4 =
  '(给|帮|麻烦|留|写|打|来)(个|一个|我们|下|一下)?[^，,。!?！？；;]{0,6}(好评|五星|5星|评价|晒图|追评)[^。!?！？；;]{0,12}(立减|直减|[减免]\\d|减\\d+元|优惠|打折|折扣|免单|券|返|送(您|你))';

/**
 * Commitments by their shape, version 3's plus outcomes of a repair or a case (跟新的一模一样,
 * 看不出痕迹, 一定给您处理好, 保证解决).
 */
export const COMMITMENT_SHAPE_V4 =
  COMMITMENT_SHAPE +
  '|(肯定|一定|绝对|保证|保准|准保|百分百|百分之百)[^，,。!?！？]{0,4}(跟|和|与)新的?一(模)?一样|(肯定|一定|绝对|保证)?看不出(任何)?(痕迹|修过|来)' +
  '|(肯定|一定|绝对|保证|必须)(给您|给你|帮您|帮你)?(处理好|解决好|办好|搞定|修复好|退下来|退回来)';
/** A consequence of a condition is no commitment (「到期前续费就不会丢」). */
export const COMMITMENT_HEDGES_V4 = [...COMMITMENT_HEDGES, '就'];
/** The agent's own conduct is not an outcome (「我们绝对不会说这样的话」). */
export const GENERIC_ASSURANCES_V4 = [...GENERIC_ASSURANCES_V3, '绝对不会说', '绝对不会这样', '绝对不会做', '绝不会说'];

/**
 * A customer's short reply that only acknowledges, as chat writes it besides version 2's list:
 * after a laugh, an ellipsis or punctuation (「哈哈好」「……好吧」), or friendly emoji alone (👌, 🙏).
 */
export const ACKNOWLEDGEMENT_V4 =
  '^[\\s\\p{P}]*(哈+|嘿+|嘻+|呵+)?[\\s\\p{P}]*(好的?|好滴|好吧|好哒|好嘞|行|可以|ok|收到|嗯+|哦+|谢谢|多谢|感谢)[\\s\\p{P}~～]*$' +
  // friendly emoji alone (not 😡, not 「？？？」)
  '|^[\\s\\p{P}]*((👌|👍|🙏|🤝|😊|🙂|☺|😄|😁|😀|👏|🆗|✌|❤|🌹|💐)[\\u{FE0F}\\u{1F3FB}-\\u{1F3FF}]?[\\s\\p{P}]*)+$';
/** Version 2's acknowledgements with version 4's as an alternative. */
export const ACKNOWLEDGEMENT_PATTERN_V4 = `${ACKNOWLEDGEMENT_PATTERN_V2}|${ACKNOWLEDGEMENT_V4}`;
/** Closings as chat writes them besides version 2's words: 「应该的」 to thanks, 「祝生日快乐」. */
export const CLOSINGS_V4 = [...CLOSINGS_V2, '应该的', '有需要再联系', '再联系', '生日快乐', '节日快乐', '新年快乐'];

/**
 * A customer's last word that escalates (a complaint, a bad review, the platform, the police, the
 * media) ends the conversation negative whatever the act classifier reads (「好，我去申请平台介入」
 * reads as order talk; 「行 差评」 looks like an acknowledgement).
 */
export const ESCALATION_WORDS_V4 = [
  '投诉',
  '12315',
  '12345',
  '差评',
  '曝光',
  '举报',
  '消协',
  '消费者协会',
  '工商',
  '市场监管',
  '媒体',
  '维权',
  '起诉',
  '平台介入',
  '小二介入',
  '找平台',
  '报警',
  '卫生局',
  '小红书',
  '黑猫',
  '换供应商',
  '不续了',
];
/** Leaving after a complaint (「算了，退款吧，不想要了」「不用了，浪费时间」) is no acceptance. */
export const EXIT_WORDS_V4 = ['算了', '不要了', '不想要了', '浪费时间', '不想再', '说不清', '不问了', '失望', '添堵'];

/** A company's lawyers reading a contract are no legal threat (「收到 我们法务看一下」「法务说第5条要改」). */
export const COMPLAINT_RISK_EXCLUDE_V4 = [
  ...COMPLAINT_RISK_EXCLUDE,
  '法务看',
  '法务审',
  '法务说',
  '法务确认',
  '法务那边看',
];

/** The rules version 4 judges differently from version 3, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'complaint-risk': {
    ...v3Rule('complaint-risk'),
    when: { op: 'phrases', params: { ...v3Params('complaint-risk', 'phrases'), exclude: COMPLAINT_RISK_EXCLUDE_V4 } },
  },
  'closing-missing': {
    ...v3Rule('closing-missing'),
    when: { op: 'closing', params: { words: CLOSINGS_V4, acknowledgement: ACKNOWLEDGEMENT_V4 } },
  },
  'reply-slow': {
    ...v3Rule('reply-slow'),
    when: {
      op: 'replyDelay',
      params: { ...v3Params('reply-slow', 'replyDelay'), ignoreTrailing: ACKNOWLEDGEMENT_PATTERN_V4 },
    },
  },
  'no-apology-on-complaint': {
    ...v3Rule('no-apology-on-complaint'),
    when: {
      op: 'unsoothed',
      // A complaint the conversation ends on (or a fragment is cut off after), with no agent turn
      // to answer it, is not judged: both writers of the tuning half label it so (no-reply and
      // reply-slow judge the silence).
      // A threat (平台介入, 差评, 12315…) is a complaint however the classifier reads it.
      params: {
        ...v3Params('no-apology-on-complaint', 'unsoothed'),
        words: EMPATHY_WORDS_V4,
        minAnswers: 1,
        escalation: { words: ESCALATION_WORDS_V4, exclude: COMPLAINT_RISK_EXCLUDE_V4 },
      },
    },
  },
  'customer-negative': {
    ...v3Rule('customer-negative'),
    when: {
      op: 'act',
      params: {
        ...v3Params('customer-negative', 'act'),
        settled: { ...(v3Params('customer-negative', 'act').settled as object), words: EMPATHY_WORDS_V4 },
        endsWith: { escalation: ESCALATION_WORDS_V4, exit: EXIT_WORDS_V4, exclude: COMPLAINT_RISK_EXCLUDE_V4 },
      },
    },
  },
  'rude-language': {
    ...v3Rule('rude-language'),
    when: {
      op: 'phrases',
      params: { ...v3Params('rude-language', 'phrases'), words: RUDE_WORDS_V4, pattern: RUDE_PATTERN_V4 },
    },
  },
  'off-platform-transaction': {
    ...v3Rule('off-platform-transaction'),
    when: {
      any: [
        {
          op: 'phrases',
          params: {
            ...firstOf(v3Rule('off-platform-transaction').when),
            negation: { window: 4, words: WARNING_WORDS_V2, spaceEndsClause: true },
          },
        },
        {
          op: 'phrases',
          params: {
            pattern: OFF_PLATFORM_PATTERN_V4,
            role: 'agent',
            negation: { window: 4, words: WARNING_WORDS_V2, spaceEndsClause: true },
            unlessMessage: WARNING_CONTEXT,
          },
        },
      ],
    },
  },
  'review-manipulation': {
    ...v3Rule('review-manipulation'),
    when: {
      op: 'phrases',
      params: {
        ...v3Params('review-manipulation', 'phrases'),
        pattern: `${REVIEW_REWARD_PATTERN_V3}|${REVIEW_REQUEST_REWARD_V4}`,
        negation: { window: 4, words: WARNING_WORDS_V2, spaceEndsClause: true },
      },
    },
  },
  'over-promise': {
    ...v3Rule('over-promise'),
    when: {
      op: 'promise',
      params: {
        ...v3Params('over-promise', 'promise'),
        exclude: GENERIC_ASSURANCES_V4,
        pattern: COMMITMENT_SHAPE_V4,
        hedges: COMMITMENT_HEDGES_V4,
        // 「什么时候能来修」→ the address asked for →「师傅明天上午肯定到」 answers the question
        answersWithin: 2,
      },
    },
  },
};

/** The params of the first condition of an `any` (version 3's off-platform word list). */
function firstOf(when: RuleInput['when']): Record<string, unknown> {
  if (!('any' in when)) throw new Error('v3 off-platform-transaction is expected to be an any');
  const first = when.any[0];
  if (!('op' in first))
    throw new Error('v3 off-platform-transaction: the first condition is expected to be one operator');
  return first.params as Record<string, unknown>;
}

/** Version 4 is version 3 with the rules above replaced. */
export const DEFAULT_SCORECARD_V4_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V3_INPUT,
  version: 4,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 4 版：在另一位作者新写的对话上调优。',
  publishedAt: Date.UTC(2026, 11, 7, 12, 37), // when it shipped (commit cb89e51)
  text: { normalize: 2, acts: 'r3' },
  sections: withRulesReplaced(DEFAULT_SCORECARD_V3_INPUT, REPLACED),
};

export const DEFAULT_SCORECARD_V4: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V4_INPUT));
