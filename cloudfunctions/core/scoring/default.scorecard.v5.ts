/**
 * Version 5 of the default scorecard, shipped with merge 57e0e26 (version 6, default.scorecard.v6.ts,
 * replaced it; stored v5 scores re-score with this exactly). Version 4 shipped at commit cb89e51
 * and stays exactly as it shipped (tests/core/scoring/default.scorecard.golden.test.ts); version
 * 5 is version 4 with the changes below, tuned on the tuning half including a fourth writer's
 * fresh conversations aimed at version 4's gaps on other writers' text (`tune/w4-*.jsonl`; README
 * "The default scorecard, version 5"). Everything that changed is scorecard data: word lists,
 * patterns and operator parameters absent from versions 2-4.
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, paramsOf, ruleOf, withRulesReplaced } from './default.scorecard.lineage';
import { WARNING_CONTEXT, WARNING_WORDS_V2 } from './default.scorecard.v2';
import {
  ACKNOWLEDGEMENT_PATTERN_V4,
  GENERIC_ASSURANCES_V4,
  DEFAULT_SCORECARD_V4_INPUT,
  EMPATHY_WORDS_V4,
  EXIT_WORDS_V4,
  OFF_PLATFORM_PATTERN_V4,
  REVIEW_REQUEST_REWARD_V4,
  RUDE_PATTERN_V4,
  RUDE_WORDS_V4,
} from './default.scorecard.v4';
import { REVIEW_REWARD_PATTERN_V3 } from './default.scorecard.v3';

/** Version 4's rule of this id (the parts version 5 keeps). */
const v4Rule = (id: string): RuleInput => ruleOf(DEFAULT_SCORECARD_V4_INPUT, id);

/** The one condition of a version 4 rule made of one operator (its params are what version 5 extends). */
const v4Params = (id: string, op: string): Record<string, unknown> => paramsOf(DEFAULT_SCORECARD_V4_INPUT, id, op);

/**
 * Rude words other writers used that no earlier list had, by kind: names for the customer (伸手党,
 * 杠精, 白嫖), doubting their literacy or senses (不识字, 瞎啊), mocking (笨死了, 懂个p), brushing them off
 * (懒得理你, 废话真多), accusing them (碰瓷). Each is rude wherever an agent writes
 * it to a customer; none sits inside an ordinary shop word (checked on review and news text with
 * probe-red-lines.ts).
 */
export const RUDE_WORDS_ADDED_V5 = [
  // names
  '伸手党',
  '杠精',
  '戏精',
  '事儿精',
  '玻璃心',
  '土包子',
  '没见过世面',
  '穷酸',
  '你有几个钱',
  '嘴那么刁',
  '嘴巴那么刁',
  '难沟通',
  '跟你解释不清',
  '跟你讲不清',
  '想白嫖',
  '白嫖党',
  // literacy and senses
  '不识字',
  '瞎啊',
  '瞎吗',
  '聋了吗',
  '听不懂中文',
  '看不懂中文',
  // mocking
  '笨死了',
  '蠢死了',
  '真笨',
  '怎么这么笨',
  '怎么这么蠢',
  '懂个p',
  '懂个锤子',
  '懂个毛',
  '你行你上',
  '对牛弹琴',
  // brushing the customer off
  '废话真多',
  '懒得理你',
  '懒得跟你',
  '一边待着去',
  '滚一边去',
  '一边凉快去',
  '边儿去',
  '哪凉快哪待着',
  '问问问',
  '催催催',
  // daring the customer to complain, and 「none of your business」 (from common chat, not from a tuning file)
  '有本事你去投诉',
  '有本事你去告',
  '有本事去投诉',
  '投诉也没用',
  '随便你投诉',
  '尽管投诉',
  '你去投诉啊',
  '关你什么事',
  '关你啥事',
  '要你管',
  '管得着吗',
  '你行你来',
  '这么简单都不会',
  '这么简单都不懂',
  '你真没素质',
  '你没素质',
  '有没有素质',
  '职业差评师',
  // accusing (「来找茬」 only in a question to the customer: 「大家来找茬」 is a game)
  '碰瓷',
];
export const RUDE_WORDS_V5 = [...new Set([...RUDE_WORDS_V4, ...RUDE_WORDS_ADDED_V5])];

/**
 * Rudeness by shape besides version 4's: an insult written with a masking letter (「你沙X吗」) or by
 * initials inside a question aimed at the customer (「你是zz吗」: zz alone is also 郑州, so only in that
 * frame); their senses or wits doubted (「你眼睛不好使吧」「你是不是不识字」); 「百度一下会死吗」;
 * a condition on the customer that sends them away (「不想等就别做」「不放心别买」「不会吃就别吃」);
 * looking down on them (「你们这种小客户」「这表不是你这个消费水平买的」); 「我又不是你保姆」; blaming
 * (「本来就是你自己摔的，还好意思催」); a bare 「随你」 as the whole answer.
 */
export const RUDE_PATTERN_V5 =
  `${RUDE_PATTERN_V4}` +
  '|(你|您|是|个|真)(傻|沙|煞)[x×*]' +
  '|(你|您)(是|真是|就是|是不是)个?(zz|nc|sb|sjb|bc|rz)(?![a-z0-9])' +
  '|(你|您)的?(眼睛|眼神|脑子|脑袋)[^，,。!?！？]{0,2}(不好使|不好用|进水|被门夹|被驴踢|秀逗|瓦特|不灵光)' +
  '|(你|您)(是不是|是|怕不是)[^，,。!?！？]{0,3}(不识字|瞎|傻|来找茬|想白嫖|没长脑子|骗子|来捣乱)' +
  '|[一下看查搜问读]会死(吗|啊|呀|么)' +
  '|(不想|不愿意?|不放心|嫌|受不了|接受不了|等不了|看不上|[买吃用住玩穿]不起|不会吃|不会用|不会穿|不会玩)[^，,。!?！？的]{0,3}就?别(买|做|要|来|拍|下单|用|吃|问|等|穿|玩|找我)' +
  '|(你|您)们?这种(小客户|穷人|人|客户|小单)' +
  '|不是(你|您)[^，,。!?！？]{0,3}(消费水平|消费能力|档次|买得起|消费得起)' +
  '|我(又|也|可)?不是(你|您)的?(保姆|妈|爸|爹|佣人|秘书|奴隶|出气筒)' +
  '|(你|您)自己(摔|弄|搞|玩|用)(坏|断|碎)?的(?!吗|么|呢|话)[^。!?！？]{0,4}还好意思|还好意思(催|问|投诉|找我)' +
  '|^随(你|您)(便|吧)?[。.!！~～]*$' +
  // 「你TM刚问过」 (tm alone is a trademark), 「这都不会，小学生吧」, 「别人都会用，就你不会」, 「老年人就别买智能的」,
  // 「你是不是有.病」, 「三块钱也要计较」, 「你这个人怎么这么难沟通」
  '|(你|您|我)(tm|tmd|nnd)(?![a-z0-9])|这都不会[，,。!！?？]|就(你|您)不(会|懂|行)|(老年人|老人家|穷人|外行)就别(买|用|玩)' +
  '|(你|您)(是不是|是|怕不是)[^，,。!?！？]{0,3}(有病|有毛病|神经病)|(块钱|毛钱|点钱)也要计较' +
  '|(你|您)这(个)?人(怎么)?(这么|真|太|咋这么)(难沟通|难缠|麻烦|事多|烦人|啰嗦|磨叽|不讲理)|(你|您)还想怎(样|么样)';

/**
 * A warning against paying anyone but the company (「任何个人账户的收款要求都请不要理会」) is no invitation:
 * version 2's warning context, a request to ignore or report a private one, and a private deal
 * said to be unprotected in other words (「私下交易没有平台保障」).
 */
export const WARNING_CONTEXT_V5 =
  `${WARNING_CONTEXT}|(个人|私人|私下)[^，,。!?！？]{0,10}(请?不要理会|请勿理会|不要相信|请勿相信|谨防|请举报)` +
  // 「私下交易没有平台保障」
  '|(私下|线下|平台外|转账|交易)[^，,。!?！？]{0,8}(没有?|无|不受)[^，,。!?！？]{0,4}(保障|保护|保证)';

/**
 * Off-platform contact and payment in wordings version 4 missed: a payment code sent or scanned
 * (「我二维码发你，扫码付一下」「扫这个码直接转我」); telling the customer not to pay on the platform
 * (「这个不用在平台付」「不要在应用内买」) or to withdraw the platform's refund; money sent to the
 * customer's private account (「我直接转您支付宝」「发下支付宝账号」); another platform's private messages
 * (「小红书私信我」, 「去咸鱼搜…」); a private repair and the agent's own phone (「我私下找师傅」「直接打我电话」);
 * 信 written as a heart (薇❤) and 「VX同号」.
 */
export const OFF_PLATFORM_PATTERN_V5 =
  `${OFF_PLATFORM_PATTERN_V4}` +
  '|(二维码|收款码|付款码)[^，,。!?！？]{0,2}发(你|您|给你|给您)|扫(一下)?((这个|我的?|我这个)(收款|二维码)?|我?的?收款)码[^，,。!?！？]{0,4}(直接)?(转|付|支付|打款)' +
  '|(不用|不要|别|无需|不必)(在|走|通过)(平台|应用内|app|店铺|系统)(上|里|内)?(付|买|下单|支付|付款)(?![^。!?！？]{0,6}到付)' +
  '|(平台|系统)(上)?的?退款(申请)?[^，,。!?！？]{0,2}撤' +
  '|转(您|你|给您|给你)的?(支付宝|微信|银行卡)|(发|给|留)(一?下|个)?(您的?|你的?)?(支付宝|银行卡)(账号|号|卡号)' +
  '|(小红书|抖音|闲鱼|咸鱼|微博|快手|telegram|tg|whatsapp)(上|里)?(私信|私聊|找|联系|加|搜)我(?!们)' +
  '|直接转(给)?我(?!们|这边|这里|同事)|转(给)?我(就行|就好|吧)|当面(交易|付款|给钱)|私下(找师傅|上门|来修|接单|帮(你|您)修|交易|转)|(直接|可以|随时|有事|就|请)(打|拨)我的?(电话|手机)' +
  // 信 written as a heart (normalisation drops the emoji: 「加薇❤ mudiao_chen」 reads 加薇mudiaochen) or by sound
  // (威心), 「VX同号」 (the id is the phone), 「去咸鱼搜“小李家居”」
  '|加(我|一下|个|下)?的?[微威薇徽][:：]?[a-z0-9_-]{5,}|[威薇徽][心芯]|(微信|qq)同(号|手机)|(去|到|上|走|在|用)(咸鱼|闲鱼|微店)(上)?(搜|找|拍|下单|买|交易|付)|(去|到|上)(小红书|抖音)(上)?(拍|下单|买)';

/**
 * Review rewards in wordings version 4 missed: compensation, a red packet or a free month for a
 * requested review (「给个5⭐好评，我补偿您5元」「写个五星评价，截图给我，送一个月使用期」); a screenshot
 * rewarded in the next clause (「给个⭐⭐⭐⭐⭐截图，返现3元」); 返现 half in pinyin (hao评返xian).
 */
export const REVIEW_REWARD_PATTERN_V5 =
  `${REVIEW_REWARD_PATTERN_V3}|${REVIEW_REQUEST_REWARD_V4}` +
  '|(给|帮|麻烦|留|写|打|来)(个|一个|我们|下|一下)?[^，,。!?！？；;]{0,6}(好评|五星|5星|评价|晒图|追评)[^。!?！？；;]{0,12}(补偿|补(您|你)|红包|奖励|赠送|送(一|两|\\d|个|您|你))' +
  '|截图[^。!?！？；;]{0,4}(返现|返\\d|返还|红包|补偿|奖励)' +
  '|(好|hao)(评|ping)(返|fan)(现|xian)' +
  // money off the next order for a review screenshot (「五星评价截图发我，下次下单立减5元」)
  '|(好评|五星|5星|评价)[^。!?！？；;]{0,4}(截图|晒图)[^。!?！？；;]{0,10}(立减|直减|[减免]\\d|免单|优惠券|代金券|抵扣)';
/** A review the agent says earns nothing (「我们好评不返现哦」) is no reward. */
export const REVIEW_NO_REWARD_V5 = ['不返现', '没有返现', '无返现', '不返钱', '不送', '没有奖励', '不提供返现'];

/** Ordinary words that hold a rude one (a dash cam 防碰瓷, 真笨重, 放一边去), and the agent's own fault. */
export const RUDE_EXCLUDE_ADDED_V5 = [
  '防碰瓷',
  '真笨重',
  '真笨拙',
  '放一边去',
  '放到一边去',
  '搁一边去',
  // the agent owning that the customer had to repeat themselves (「让您说了好几遍是我们没说清楚」)
  '让您说了',
  '让你说了',
  '您说了',
];

/**
 * Leaving unhappy as other writers wrote it, besides version 4's 算了/不想要了/失望: regret (早知道),
 * giving up on the shop (看透了, 下次不订了, 再也不, 拉黑), wasted time (浪费我一下午), a verdict (太差劲了),
 * exasperation (无语, 服了, 呵呵, 心累). Counted only after a complaint or anger earlier on.
 */
export const EXIT_WORDS_V5 = [
  ...EXIT_WORDS_V4,
  '早知道',
  '看透了',
  '浪费我',
  '下次不',
  '再也不',
  '不会再来',
  '不会再买',
  '以后不来',
  '不会来了',
  '拉黑',
  '心累',
  '寒心',
  '差劲',
  '下次注意',
  '添了堵',
  '无语',
  '服了',
  '呵呵',
  '被坑',
  '上当',
  '不想跟你',
  '后悔',
  '最后一次',
  '不会再光顾',
  '不信你',
  '不相信你们',
];
/** In the same turn, an exit word is none: the customer shrugs it off or buys anyway. */
export const EXIT_UNLESS_V5 = [
  '不是什么大事',
  '没什么大事',
  '没多大事',
  '没关系',
  '不要紧',
  '没事没事',
  '算了就',
  '算了,就',
  '算了，就',
  '算了还是',
  '算了,还是',
  '算了，还是',
];
/**
 * A content customer's last word (「行，辛苦了，我寄回去」「下次还来」「这还差不多」): no complaint however
 * the act classifier reads it (escalation and exit words still count).
 */
export const CONTENT_WORDS_V5 = [
  '辛苦了',
  '辛苦啦',
  '辛苦你',
  '辛苦您',
  '下次还来',
  '还来你家',
  '还会再来',
  '会回购',
  '再来买',
  '这还差不多',
  '太好了',
  '很满意',
  '挺满意',
  '很喜欢',
  '挺喜欢',
  '谢谢啦',
  '麻烦你了',
  '麻烦您了',
];

/**
 * Empathy as other writers wrote it besides version 4's words: the agent owning the fault
 * (「确实是我们这边没跟上」, 「这是我们的疏忽」; not a bare 是我们的问题, which 「不一定是我们的问题」
 * holds).
 */
export const EMPATHY_WORDS_V5 = [...EMPATHY_WORDS_V4, '这是我们的问题', '我们的疏忽', '确实是我们', '责任在我们'];

/**
 * A customer's trailing turn that needs no answer (reply-slow), version 4's acknowledgements and
 * leaving remarks (「那我再看看吧」「那行」), unless it escalates in words version 2's guard lacks
 * (「行，平台见」 opens like an acknowledgement and waits for an answer).
 */
export const ACKNOWLEDGEMENT_PATTERN_V5 =
  '^(?![\\s\\S]*(平台见|法庭见|告你|报警|小红书|黑猫|工商|消协|媒体))' +
  `(?:${ACKNOWLEDGEMENT_PATTERN_V4}` +
  '|^[\\s\\p{P}]*那?(行|好吧?|好的)?[\\s\\p{P}]*那?我?(再|先)(看看|考虑|考虑一下|想想|逛逛|对比一下)(吧|哈|哦)?[\\s\\p{P}~～]*$' +
  '|^[\\s\\p{P}]*那(行|好吧?|好的)吧?[\\s\\p{P}~～]*$)';

/** The agent promising their own effort is no outcome (「我保证会一直帮您跟进，有进展第一时间告诉您」). */
export const GENERIC_ASSURANCES_V5 = [
  ...GENERIC_ASSURANCES_V4,
  '保证会一直',
  '保证一直',
  '保证会跟进',
  '保证跟进',
  '保证第一时间',
  '保证及时',
  '保证随时',
];

/** The rules version 5 judges differently from version 4, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'rude-language': {
    ...v4Rule('rude-language'),
    when: {
      op: 'phrases',
      params: {
        ...v4Params('rude-language', 'phrases'),
        words: RUDE_WORDS_V5,
        pattern: RUDE_PATTERN_V5,
        exclude: [...(v4Params('rude-language', 'phrases').exclude as string[]), ...RUDE_EXCLUDE_ADDED_V5],
      },
    },
  },
  'no-apology-on-complaint': {
    ...v4Rule('no-apology-on-complaint'),
    when: {
      op: 'unsoothed',
      params: {
        ...v4Params('no-apology-on-complaint', 'unsoothed'),
        words: EMPATHY_WORDS_V5,
        content: CONTENT_WORDS_V5,
      },
    },
  },
  'over-promise': {
    ...v4Rule('over-promise'),
    when: { op: 'promise', params: { ...v4Params('over-promise', 'promise'), exclude: GENERIC_ASSURANCES_V5 } },
  },
  'reply-slow': {
    ...v4Rule('reply-slow'),
    when: {
      op: 'replyDelay',
      params: { ...v4Params('reply-slow', 'replyDelay'), ignoreTrailing: ACKNOWLEDGEMENT_PATTERN_V5 },
    },
  },
  'customer-negative': {
    ...v4Rule('customer-negative'),
    when: {
      op: 'act',
      params: {
        ...v4Params('customer-negative', 'act'),
        endsWith: {
          ...(v4Params('customer-negative', 'act').endsWith as object),
          exit: EXIT_WORDS_V5,
          exitInLast: true,
          exitUnless: EXIT_UNLESS_V5,
          content: CONTENT_WORDS_V5,
        },
      },
    },
  },
  'off-platform-transaction': {
    ...v4Rule('off-platform-transaction'),
    when: {
      any: offPlatformV4().map((c, i) => ({
        ...c,
        params: {
          ...c.params,
          ...(i === 1 ? { pattern: OFF_PLATFORM_PATTERN_V5 } : {}),
          negation: { window: 4, words: WARNING_WORDS_V2, spaceEndsClause: true },
          unlessMessage: WARNING_CONTEXT_V5,
        },
      })),
    },
  },
  'review-manipulation': {
    ...v4Rule('review-manipulation'),
    when: {
      op: 'phrases',
      params: {
        ...v4Params('review-manipulation', 'phrases'),
        pattern: REVIEW_REWARD_PATTERN_V5,
        exclude: [
          ...((v4Params('review-manipulation', 'phrases').exclude as string[] | undefined) ?? []),
          ...REVIEW_NO_REWARD_V5,
        ],
      },
    },
  },
};

/** Version 4's two off-platform conditions (the word list, then the patterns). */
function offPlatformV4(): { op: string; params: Record<string, unknown> }[] {
  const when = v4Rule('off-platform-transaction').when;
  if (!('any' in when)) throw new Error('v4 off-platform-transaction is expected to be an any');
  return when.any.map((c) => {
    if (!('op' in c)) throw new Error('v4 off-platform-transaction: each condition is expected to be one operator');
    return { op: c.op, params: c.params as Record<string, unknown> };
  });
}

/** Version 5 is version 4 with the rules above replaced. */
export const DEFAULT_SCORECARD_V5_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V4_INPUT,
  version: 5,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 5 版：对其他作者的说法更稳（粗鲁用语、私下交易的写法、客户的负面结尾）。',
  publishedAt: Date.UTC(2026, 11, 7, 13, 13), // when it shipped (merge 57e0e26)
  sections: withRulesReplaced(DEFAULT_SCORECARD_V4_INPUT, REPLACED),
};

export const DEFAULT_SCORECARD_V5: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V5_INPUT));
