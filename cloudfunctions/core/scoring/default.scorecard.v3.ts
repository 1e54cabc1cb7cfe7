/**
 * Version 3 of the default scorecard, shipped at commit 669f43b (version 4, default.scorecard.v4.ts,
 * replaced it; stored v3 scores re-score with this exactly). Version 2 shipped at commit 6516744;
 * the changes below were first made to version 2 in place, which broke its promise that a stored
 * score re-scores the same. They are version 3 now, and version 2 is again exactly as it shipped
 * (tests/core/scoring/default.scorecard.golden.test.ts checks it against a dump made with that
 * commit's engine). What version 3 changes, and why (README "The default scorecard, version 3"):
 * - text is read by match edition 2 (symbols 🧧 ➕ +V, amounts 伍元/五块/返5米 written 「5元」,
 *   神马 → 什么, lookalike letters by NFKC, combining marks dropped, traditional characters read
 *   as simplified) and the retrained act model r2 (`text` below);
 * - red lines by sound: rude words and off-platform contact respelled by homophone, pinyin or
 *   initials (有柄吧, sb, 爱买8买), with a rude lexicon in four categories (rude.lexicon.ts);
 * - off-platform: 「加v」「+我v」, a private channel with an invitation (「vx找我」「微信聊吧」), and
 *   the platform's own checkout (微信支付) is not off-platform;
 * - review-manipulation: bare amounts next to a review (「好评 5元」), in the same clause;
 * - over-promise: outcomes the agent does not control (肯定能到, 准保, 不会再发生), also by their
 *   shape (COMMITMENT_SHAPE), unless hedged; answering a stated deadline or worry, or a complaint,
 *   as well as a question;
 * - pii-leak: an ID- or card-shaped number after words naming it counts though its check fails;
 * - no-apology-on-complaint and customer-negative: a complaint read only second to another act
 *   needs confidence 0.9, and one the classifier also reads as a question (p >= 0.1) without
 *   anger is a neutral question, never a complaint (LABELLING.md); customer-negative: a soothed
 *   complaint the customer then accepts is settled.
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, ruleOf, withRulesReplaced } from './default.scorecard.lineage';
import {
  DEFAULT_SCORECARD_V2_INPUT,
  EMPATHY_WORDS,
  GENERIC_ASSURANCES,
  OFF_PLATFORM_WORDS_V2,
  RUDE_PATTERN,
  RUDE_WORDS_V2,
  PROMISE_WORDS_V2,
  WARNING_CONTEXT,
  WARNING_WORDS_V2,
} from './default.scorecard.v2';
import { RUDE_BY_INITIALS, RUDE_EXCLUDE_V3, RUDE_LEXICON_V3, RUDE_RESPELLED_WHOLE } from './rude.lexicon';

/**
 * A customer accepting with these words is resigned, not settled (「好吧，只能这样了」): the
 * complaint still ends the conversation.
 */
export const RESIGNED_WORDS = [
  '只能这样',
  '算了',
  '下次仔细',
  '无语',
  '呵呵',
  '凑合',
  '将就',
  '随便吧',
  '没办法',
  '就这样吧',
];

/** Version 2's rude words and the categorised lexicon. */
export const RUDE_WORDS_V3 = [...new Set([...RUDE_WORDS_V2, ...RUDE_LEXICON_V3])];

/** The red-line words also matched by sound (build-homophones.ts lists their real-word respellings). */
export const SOUND_ALIKE_WORDS = [...RUDE_WORDS_V3, ...OFF_PLATFORM_WORDS_V2];

/**
 * Rewards for reviews, on normalised text (好平/hp have become 好评, 反现 返现, 🧧 红包, and every
 * amount 「N元」: 伍元, 五块, 5 块钱, 返 5 米).
 */
export const REVIEW_REWARD_PATTERN_V3 =
  '(好评|五星|5星|晒图|晒单|追评|带图评价|评价截图|评价).{0,12}(返现|返\\d|返还|返[^回货]|红包|现金|奖励|领取|领钱|送(您|你)|赠(您|你|送)|送[^货达到]{0,3}(礼|券|赠品|红包)|有礼)' +
  // a bare amount only in the same clause: 「好评率很高，这款才39元」 is a price (amounts read 「N元」 after normalisation)
  '|(好评|五星|5星|晒图|晒单|追评|带图评价|评价截图)[^，,。!?！？；;]{0,10}\\d+元' +
  '|(返现|红包|现金|券|赠品|礼品|[返送补给奖](您|你)?\\d+元).{0,20}(改成好评|改好评|好评|五星|5星|晒图|晒单|追评)' +
  '|\\d+元[^，,。!?！？；;]{0,12}(改成好评|改好评|好评|五星|5星|晒图|晒单|追评)' +
  '|(删|撤|改|追加)[了掉]?(差评|中评|评价).{0,12}(返|补|送|红包|\\d+元|\\d+块|券)';

export const PROMISE_WORDS_V3 = [
  ...PROMISE_WORDS_V2,
  // outcomes the agent does not control: arrival, a repair holding, a product never failing
  ...['肯定', '一定', '准能', '铁定', '必定'].flatMap((m) => [
    `${m}不会`,
    `${m}能`,
    `${m}送到`,
    `${m}修好`,
    `${m}没事`,
  ]),
  '准保',
  '保准',
  '包您收到',
  '包你收到',
  '包修好',
  '不会再发生',
  '不会再出现',
  '不会再出问题',
  '再也不会',
];

/**
 * Commitments by their shape, on normalised text: a certainty word right before an outcome
 * (必到, 准到, 保准送到, 妥妥的能赶上, 今天之内必须到账, 稳稳当当给您送到), a bad outcome ruled out
 * (不可能过敏, 一点都不会化, 绝不会再发错, 坏不了, 误不了), an assurance to the customer (保您…没问题)
 * and the speaker vouching (我担保). Own actions (一定尽快帮您催), instructions (一定要放冷藏) and
 * judgements (肯定是…的问题) have no outcome after the certainty word.
 */
export const COMMITMENT_SHAPE =
  '(肯定|一定|绝对|绝|铁定|必定|必须|必|准|保准|准保|妥妥的?|稳稳当?当?的?|百分百|百分之百)(给您|给你|帮您|都|也)?(能|会|可以)?' +
  '(到|送到|收到|到账|修好|赶得?上|来得及|没问题|没事|不会)' +
  '|(不可能|一点都不会|根本不会|绝不会|永远不会|都不会|不会)(再)?(坏|碎|化|过敏|掉色|褪色|延误|发错|出问题|烧屏|漏|丢|起球|变形)' +
  '|(坏|误|丢|化|碎|漏|错)不了' +
  '|保(您|你)[^，,。!?！？]{0,8}(没问题|没事|不会)|我(担保|打包票)';
/** Words that make a commitment an estimate (一般不会延误, 应该能到, 如果…一定). */
export const COMMITMENT_HEDGES = [
  '一般',
  '通常',
  '应该',
  '可能',
  '大概',
  '估计',
  '尽量',
  '争取',
  '如果',
  '只要',
  '正常情况',
];
/** A customer's deadline or worry a commitment answers as it would a question (后天之前一定要到, 我担心会烧屏). */
export const CUSTOMER_WORRY = '之前|以前|要用|急用|赶时间|来不及|担心|害怕|怕|会不会|一定要|务必';
/** Quality assurances are generic whatever certainty word they carry (品质绝对有保障). */
export const GENERIC_ASSURANCES_V3 = [
  ...GENERIC_ASSURANCES,
  '有保障',
  '绝对有保障',
  '绝对有保证',
  '品质绝对',
  '质量绝对',
];

/** Version 2's rule of this id (the parts version 3 keeps). */
const v2Rule = (id: string): RuleInput => ruleOf(DEFAULT_SCORECARD_V2_INPUT, id);

/** The rules version 3 judges differently from version 2, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'no-apology-on-complaint': {
    ...v2Rule('no-apology-on-complaint'),
    when: {
      op: 'unsoothed',
      // A complaint the classifier also reads as a question (p >= 0.1) without anger is a neutral question.
      params: { words: EMPATHY_WORDS, window: 2, minConfidence: 0.8, secondaryConfidence: 0.9, neutralQuestionAt: 0.1 },
    },
  },
  'rude-language': {
    ...v2Rule('rude-language'),
    when: {
      op: 'phrases',
      params: {
        words: RUDE_WORDS_V3,
        pattern: RUDE_PATTERN,
        role: 'agent',
        exclude: RUDE_EXCLUDE_V3,
        ignoreQuoted: true,
        soundAlike: { strong: RUDE_RESPELLED_WHOLE, initials: RUDE_BY_INITIALS },
      },
    },
  },
  'off-platform-transaction': {
    ...v2Rule('off-platform-transaction'),
    when: {
      any: [
        {
          op: 'phrases',
          params: {
            words: OFF_PLATFORM_WORDS_V2,
            role: 'agent',
            soundAlike: {},
            // 微信支付 / 支付宝付款 are the platform's own checkout (a mini-program pays by 微信支付)
            exclude: ['微信支付', '微信付款', '支付宝支付', '支付宝付款'],
            negation: { window: 4, words: WARNING_WORDS_V2 },
            unlessMessage: WARNING_CONTEXT,
          },
        },
        {
          op: 'phrases',
          params: {
            pattern:
              '加(我|一下|个|下)?.{0,2}(微信|qq)|(微信|qq)(号)?[:：]?[a-z0-9_-]{5,}' +
              // 「加v」「➕V」「+我v」: a lone v or q after 加 (not 「加v领」 on a collar)
              '|加(我|一下|个|下)?(的)?[vq](?![a-z0-9领字型口弹])' +
              '|(走|用|通过)我的?(微信|qq|支付宝)|(走|用|通过)(微信|qq|支付宝)(?!支付)|(支付宝|微信|银行卡)(账号|号|收款码)?.{0,6}(直接)?转(您|你|给您|给你|我)' +
              // a private channel and an invitation to use it: 「vx找我」「微信聊吧」 (not 微信聊天记录, 微信聊语音)
              '|(微信|qq)(上|里)?(聊(?=[吧呗哈呀啊嘛,，。!！~～\\s]|$)|找我|私聊|私我|详聊|详谈|戳我|滴我|发你|发我)',
            role: 'agent',
            negation: { window: 4, words: WARNING_WORDS_V2 },
            unlessMessage: WARNING_CONTEXT,
          },
        },
      ],
    },
  },
  'review-manipulation': {
    ...v2Rule('review-manipulation'),
    when: {
      op: 'phrases',
      params: {
        pattern: REVIEW_REWARD_PATTERN_V3,
        role: 'agent',
        negation: { window: 4, words: WARNING_WORDS_V2 },
        unlessMessage: WARNING_CONTEXT,
      },
    },
  },
  'over-promise': {
    ...v2Rule('over-promise'),
    when: {
      op: 'promise',
      params: {
        words: PROMISE_WORDS_V3,
        exclude: GENERIC_ASSURANCES_V3,
        pattern: COMMITMENT_SHAPE,
        hedges: COMMITMENT_HEDGES,
        worry: CUSTOMER_WORRY,
        // placating a complaint with an outcome (「退款被驳回三次了」→「百分之百给您退下来」)
        answeringActs: ['complaint', 'anger'],
      },
    },
  },
  'pii-leak': {
    ...v2Rule('pii-leak'),
    when: withPiiNamed(v2Rule('pii-leak').when),
  },
  'customer-negative': {
    ...v2Rule('customer-negative'),
    description:
      '客户最后一条实质消息是投诉或愤怒（按对话行为判断，订单号、提问不算负面）；客服已致歉安抚、客户随后表示接受（「好的」「行，那我等新的」）的不算。',
    when: {
      op: 'act',
      params: {
        role: 'customer',
        acts: ['complaint', 'anger'],
        scope: 'lastSubstantive',
        minConfidence: 0.5,
        secondaryConfidence: 0.9,
        neutralQuestionAt: 0.1,
        settled: { words: EMPATHY_WORDS, resigned: RESIGNED_WORDS },
      },
    },
  },
};

/** The pii condition with numbers taken on their naming words counted. */
function withPiiNamed(when: RuleInput['when']): RuleInput['when'] {
  if (!('op' in when) || when.op !== 'pii') throw new Error('pii-leak is expected to be one pii condition');
  return { op: 'pii', params: { ...when.params, named: true } };
}

/** Version 3 is version 2 with the rules above replaced and the text read by edition 2 and model r2. */
export const DEFAULT_SCORECARD_V3_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V2_INPUT,
  version: 3,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 3 版：红线按读音与符号识别变体，金额统一识别，过度承诺覆盖无法兑现的结果，安抚后客户接受的投诉不再计负面。',
  publishedAt: Date.UTC(2026, 11, 7),
  text: { normalize: 2, acts: 'r2' },
  sections: withRulesReplaced(DEFAULT_SCORECARD_V2_INPUT, REPLACED),
};

export const DEFAULT_SCORECARD_V3: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V3_INPUT));
