/**
 * Version 8 of the default scorecard (shipped at commit 69c897b; version 9 is the default in force). Version 7 shipped at commit 1fe908a and
 * stays exactly as it shipped (its golden file). Version 8 is version 7 with its two learned models
 * trained on more writers — the red-line model l2 (l1's recipe with the labelled agent-turn sets b
 * and e and the conversations of three more writers) and the act model r6 (r4's recipe on nine
 * writers instead of six) — and with data chosen on training data only: more shapes of contempt in
 * the rude word list, a wider warning context for the red lines, formal address before a greeting,
 * and fewer false hits of complaint-risk, over-promise and customer-negative on words taken back,
 * product specifications and refusals (README "The default scorecard, version 8").
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Condition, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, paramsOf, ruleOf, withParamsExtended, withRulesReplaced } from './default.scorecard.lineage';
import { RUDE_PATTERN_V5 } from './default.scorecard.v5';
import { DEFAULT_SCORECARD_V7_INPUT } from './default.scorecard.v7';

const V7 = DEFAULT_SCORECARD_V7_INPUT;

/**
 * Rudeness by shape besides version 5's: the contempt of common 服务禁语 lists that neither the
 * lists nor model l1 read — sarcastic agreement (「您开心就好」「您说的都对」「地球都绕着您转」),
 * doubting the customer's wits (「您这理解能力」「第一天网购吗」「出门带上脑子」「大聪明」「手残」
 * 「没读过书」), sending them away or refusing in contempt (「不差您这一单」「不是陪聊的」「关我什么事」
 * 「活该」「懒得跟你解释」「没空陪你」「爱找谁找谁」「有本事去投诉」「你问我我问谁」「不归我管」),
 * and 「不是告诉过您了吗」「您看不懂吗」「少废话」. Chosen on the labelled turn sets a-e and the tuning
 * half (no clean turn or conversation there matches), never on a frozen set.
 */
export const RUDE_PATTERN_V8 =
  `${RUDE_PATTERN_V5}` +
  '|(你|您)(开心|高兴)就好|(你|您)(说的|说得)都对|全世界就(你|您)|绕着(你|您)转' +
  '|(你|您)(的|这)?(理解能力|智商|操作水平)|(第一天|头一回)(网购|用手机|上网)|(带|换)(上|个)脑子' +
  '|没读过书|大聪明|手残|菜就多练|小学生吧|网购常识' +
  '|不(差|缺)(你|您)这一?单|不是陪聊|关我(什么|啥|屁)事|活该|懒得(跟|和)?(你|您)|没(工夫|空)(陪|听|跟)(你|您)' +
  '|闲得慌|做梦吧|(你|您)算老几|拉黑(你|您)|痴线|爱找谁找谁|(你|您)问我我问谁|有本事(你|您)?就?去投诉' +
  '|不归我管|没看(到)?我(正)?(在)?忙|少(废话|啰嗦)|(你|您)(怎么|咋)(这么|那么)多(事|问题)|没(钱|那个钱)就别' +
  '|(你|您)(听|看)不懂(吗|啊|么)|不是(告诉|跟你说|跟您说)(过)?(你|您)?了(吗|么)|破(手机|玩意)' +
  // Second pass, on the tuning half's rude conversations that lists and model both missed (cross-fitted):
  // 傻 respelled (「你是不是沙」「你是不是sha」), 「木有长眼」, 「侬脑子瓦特了」, an abbreviated insult
  // as a question (「zz吗」), 「这都不知道」, 「qiong gui」, blame (「谁让你不看清楚就拍的」「自己看清楚再说」
  // 「你自己不会点申请退款吗」), 「你听得懂吗」, 「不喜欢你买它干嘛」.
  '|(你|您|侬)(是不是|是|怕不是)[^，,。!?！？]{0,3}(沙|煞|sha)(?![发滩拉漠子丁])|(没|木有|木|没有)长眼|脑子瓦特' +
  '|(?<![a-z])(zz|nc|sb)(吗|吧|啊|么)|这都(不知道|找不到|看不懂|搞不懂)|qiong ?gui|穷鬼|谁让(你|您)(自己)?不' +
  '|(你|您)听(得|不)懂(吗|不|么)|(你|您)(买|拍)(它|这个|这)?干(嘛|啥|什么)|自己看清楚(再|了再)' +
  '|自己不会[^，,。!?！？]{0,5}(吗|啊|么)';

/**
 * Warnings and refusals the lists and model took for steering or rewards (turn sets a-e: 16 of the
 * 21 clean turns version 7's lists failed), added to each red-line condition's warning context: an
 * anti-fraud warning (「加微信的都是骗子」「有人冒充我们让你加微信」「有自称客服加你wx的 直接举报」),
 * a private channel refused (「私人收款码一律不认」), a review asked without reward (「没返现哈」
 * 「好评返现平台不让 我们也不搞这个」), and the customer's words quoted back (「你说的"好评返现"…」).
 */
export const WARNING_ADDED_V8 =
  '骗子|诈骗|冒充|防骗' +
  '|(有人|自称|别人)[^，,。!?！？]{0,12}(微信|qq|wx|私信|加你|加您|转账|返现|好评)' +
  '|(微信|qq|wx|私人|个人|私信|私下)[^，,。!?！？]{0,12}(别理|别信|别加|不要加|不要理|直接举报|请勿添加|不认|不能用|不接受|不收)' +
  '|不接受[^，,。!?！？]{0,6}(个人|私下|私人)' +
  // a ticket or order number that starts with WX (「工单号 WX2026110915」: WX reads as 微信)
  '|(单号|工单号?|订单号?|编号|维修单|运单号?)[:：]?微信\\d' +
  '|没返现|平台不让|不搞这个' +
  '|(你|您)(说|提到|问)的?(那个)?[“"「『]';

/** Innocent words the rude list took for insults on the tuning half: 「回滚方案」 (滚), 「请问寄什么物品」 (急什么 by sound). */
export const RUDE_EXCLUDE_ADDED_V8 = ['回滚', '寄什么', '寄啥'];

/** How sure model l2 must be of one agent turn (chosen on training data only; see the README). */
const RED_LINE_MIN_CONFIDENCE_V8 = 0.9;

/**
 * Version 7's red-line rule of this id, its model condition reading model l2 at version 8's bar,
 * every warning context extended by WARNING_ADDED_V8, and its word-list condition's pattern
 * replaced when `pattern` is given and its exclusions extended by `exclude`.
 */
function withModelL2(id: string, pattern?: string, exclude: readonly string[] = []): RuleInput {
  const rule = ruleOf(DEFAULT_SCORECARD_V7_INPUT, id);
  const when = rule.when as Condition;
  if (!('any' in when)) throw new Error(`v7 ${id} is expected to be lists or the model`);
  const replaced = (c: Condition): Condition => {
    if (!('op' in c)) return c;
    const params = { ...c.params };
    if (typeof params.unlessMessage === 'string') params.unlessMessage = `${params.unlessMessage}|${WARNING_ADDED_V8}`;
    if (c.op === 'redLineModel') Object.assign(params, { model: 'l2', minConfidence: RED_LINE_MIN_CONFIDENCE_V8 });
    if (c.op === 'phrases' && pattern !== undefined) params.pattern = pattern;
    if (c.op === 'phrases' && exclude.length) params.exclude = [...((params.exclude as string[]) ?? []), ...exclude];
    return { ...c, params };
  };
  return { ...rule, when: { any: when.any.map(replaced) } };
}

/**
 * Formal address before a greeting (「尊敬的顾客您好」「尊敬的会员，您好」), skipped as 亲 and 客官 are:
 * version 7 read 「尊敬的顾客」 as words before the greeting (five false hits of the luxury and
 * bank-style openings of the retired frozen half test5, now in the tuning half).
 */
const FORMAL_ADDRESS_V8 = [
  '尊敬的顾客',
  '尊敬的客户',
  '尊敬的会员',
  '尊敬的用户',
  '尊敬的贵宾',
  '尊敬的业主',
  '尊敬的',
  '亲爱的顾客',
  '亲爱的用户',
  '亲爱的会员',
  '顾客',
  '客户',
  '会员',
  '用户',
];

/**
 * A customer turn that names a threat word without making the threat (the tuning half's false
 * complaint-risk hits): taken back (「差评就不给了」「算了 不投诉了」), ruled out in more words than
 * the negation window reads (「我不是要给差评」「不会给你差评的」), almost or once (「差点给你们差评」
 * 「本来想给差评的」「上次那个差评就是我给的」), someone else's (「有人差评说起球」), or a question about
 * the process (「怎么举报」「还能再申诉吗」). No turn of a conversation labelled complaint-risk matches.
 */
export const NOT_A_THREAT_V8 =
  '(差评|投诉|举报)[^，,。!?！？]{0,3}(就|我就|也)?(不给了|不给|不投了|不投诉了)' +
  '|(不是要|不会|不想|不打算)给(你|你们|您)?差评' +
  '|差点(给|就给)?[^，,。!?！？]{0,3}差评|本来(想|要)[^，,。!?！？]{0,4}(差评|投诉)' +
  '|有人[^，,。!?！？]{0,4}(差评|投诉)|上次[^，,。!?！？]{0,6}差评' +
  '|(怎么|如何|在哪)(举报|申诉|投诉)|(再|能|可以)(申诉|投诉)(吗|么)';

/**
 * What a product is made of or measures is no promise (「100%美利奴羊毛」「100% sRGB」「100%桑蚕丝」:
 * four false over-promise hits of the tuning half), nor 「正版保证」 (as 正品保证) or 「绝对没有这个意思」.
 */
export const PROMISE_EXCLUDE_ADDED_V8 = [
  '100%美利奴',
  '100%羊毛',
  '100%桑蚕丝',
  '100%蚕丝',
  '100%真丝',
  '100%亚麻',
  '100%涤纶',
  '100%聚酯',
  '100%纯棉',
  '100% srgb',
  '100%srgb',
  '100% dci',
  '100%dci',
  '100% adobe',
  '100% ntsc',
  '100% p3',
  '正版保证',
  '保证正版',
  '绝对没有这个意思',
  '绝对不是这个意思',
];

/** A refusal before a commitment in its clause undoes it (「我们没法保证明天一定到」, as 「保证不了」 after). */
export const PROMISE_HEDGES_ADDED_V8 = ['没法保证', '没办法保证', '无法保证', '不能保证', '不敢保证', '保证不了'];

/**
 * A customer who takes a threat back (「算了 不投诉了 你们下次注意」「差评就不给了」「本来想给差评的
 * 看你态度挺好就算了」) is content, not complaining, however the classifier reads the turn (it read
 * these as complaints at 0.73-0.98): the threat word no longer escalates, the exit word (算了, 下次注意)
 * is no exit next to it, and the turn needs no apology. None is in a conversation of the training data
 * labelled customer-negative.
 */
const TAKEN_BACK_V8 = [
  '不投诉了',
  '不是要投诉',
  '差评就不给了',
  '差评我就不给了',
  '不给差评',
  '不是要给差评',
  '差点给你们差评',
  '本来想给差评',
];
const APPEASED_V8 = ['不投诉了', '差评就不给了', '差评我就不给了', '态度挺好', '态度很好'];

/** The rules version 8 judges differently from version 7, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'customer-negative': customerNegativeV8(),
  'no-apology-on-complaint': withParamsExtended(V7, 'no-apology-on-complaint', 'unsoothed', {
    content: [...TAKEN_BACK_V8, ...APPEASED_V8],
  }),
  'over-promise': withParamsExtended(V7, 'over-promise', 'promise', {
    exclude: PROMISE_EXCLUDE_ADDED_V8,
    hedges: PROMISE_HEDGES_ADDED_V8,
  }),
  'complaint-risk': withParamsExtended(V7, 'complaint-risk', 'phrases', {}, { unlessMessage: NOT_A_THREAT_V8 }),
  // 「您好 先生」 greets (version 7 read 您好 as the name before the title 先生).
  'greeting-missing': withParamsExtended(
    V7,
    'greeting-missing',
    'opening',
    { addressTerms: FORMAL_ADDRESS_V8 },
    { greetingBeforeTitle: true },
  ),
  'rude-language': withModelL2('rude-language', RUDE_PATTERN_V8, RUDE_EXCLUDE_ADDED_V8),
  'off-platform-transaction': withModelL2('off-platform-transaction'),
  'review-manipulation': withModelL2('review-manipulation'),
};

function customerNegativeV8(): RuleInput {
  const params = paramsOf(DEFAULT_SCORECARD_V7_INPUT, 'customer-negative', 'act');
  const endsWith = params.endsWith as { exclude?: string[]; exitUnless?: string[]; content?: string[] };
  return {
    ...ruleOf(DEFAULT_SCORECARD_V7_INPUT, 'customer-negative'),
    when: {
      op: 'act',
      params: {
        ...params,
        endsWith: {
          ...endsWith,
          exclude: [...(endsWith.exclude ?? []), ...TAKEN_BACK_V8],
          exitUnless: [...(endsWith.exitUnless ?? []), ...APPEASED_V8],
          content: [...(endsWith.content ?? []), ...TAKEN_BACK_V8, ...APPEASED_V8],
        },
      },
    },
  };
}

/** Version 8 is version 7 with the rules above replaced, reading acts by r6. */
export const DEFAULT_SCORECARD_V8_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V7_INPUT,
  version: 8,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 8 版：红线学习模型 l2 与对话行为模型 r6（更多标注者的语料）；更多辱骂推诿说法；防骗提醒、拒绝私下交易不再误判；正式称呼后的问候、收回的差评或投诉、产品材质参数不再误判。',
  publishedAt: Date.UTC(2026, 11, 7, 23), // when it shipped
  text: { normalize: 2, acts: 'r6' },
  sections: withRulesReplaced(DEFAULT_SCORECARD_V7_INPUT, REPLACED),
};

export const DEFAULT_SCORECARD_V8: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V8_INPUT));
