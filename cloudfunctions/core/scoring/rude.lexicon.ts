/**
 * What an agent must never say to a customer, in four categories, for scorecard version 3's
 * `rude-language` red line (matched on normalised text, and by sound: see core/text/sound.match.ts).
 * Categories matter because spellings differ by kind: insults and curses are the words people
 * abbreviate by pinyin initials (傻逼 → sb, 他妈的 → tmd), so only those two categories are matched
 * by initials; contempt and brush-offs are phrases, matched as written or by sound.
 *
 * Only phrases a fair inspector would call rude wherever they stand: words with innocent uses
 * are written long enough to exclude them (「他妈的」 not 「他妈」, which sits in 「其他妈妈」;
 * 「你有毛病」 not 「有毛病」, which sits in 「没有毛病」), and `RUDE_EXCLUDE_V3` names the rest.
 */

/** Calling the customer names. */
export const RUDE_INSULTS = [
  '傻逼',
  '傻子',
  '傻帽',
  '二货',
  '二百五',
  '弱智',
  '智障',
  '蠢货',
  '蠢猪',
  '猪脑子',
  '你是猪吗',
  '脑残',
  '白痴',
  '笨蛋',
  '神经病',
  '你有病',
  '有病吧',
  '你有毛病',
  '缺心眼',
  '低能',
  '穷鬼',
  '穷逼',
  '土鳖',
  '屌丝',
  '贱人',
  '真奇葩',
  '废物',
  '没脑子',
  '脑子有病',
  '脑子进水',
  '脑子坏了',
  '脑子有坑',
];

/** Swearing. */
export const RUDE_CURSES = [
  '他妈的',
  '你妈的',
  '尼玛',
  '草泥马',
  '卧槽',
  '我草',
  '我靠',
  '去死',
  '死开',
  '滚蛋',
  '滚犊子',
];

/** Looking down on the customer. */
export const RUDE_CONTEMPT = [
  '你懂什么',
  '你懂个屁',
  '小学没毕业',
  '没文化',
  '文盲',
  '这都不会用',
  '这都不会吗',
  '这都不懂',
  '这都看不懂',
  '穷就别买',
  '没钱就别',
  '买不起就',
  '你瞎吗',
  '你瞎了',
  '没长眼',
  '听不懂人话',
  '理解能力有问题',
];

/** Brushing the customer off: impatience, 「not my problem」, 「take it or leave it」. */
export const RUDE_DISMISSIVE = [
  '爱买不买',
  '爱退不退',
  '爱要不要',
  '爱用不用',
  '爱吃不吃',
  '爱等不等',
  '爱投不投',
  '爱咋咋地',
  '爱咋地咋地',
  '爱找谁找谁',
  '爱投诉投诉',
  '关我什么事',
  '关我啥事',
  '关我屁事',
  '不关我的事',
  '不关我事',
  '跟我有什么关系',
  '自己看不会吗',
  '不会自己看吗',
  '自己看去',
  '不会自己查',
  '问那么多干嘛',
  '问这么多干嘛',
  '哪那么多问题',
  '哪来那么多问题',
  '事儿真多',
  '事真多',
  '事儿多',
  '麻烦死了',
  '催什么催',
  '催也没用',
  '急也没用',
  '你自己看着办',
  '不想卖给你',
  '到底买不买',
];

/** Insults and curses: may be respelled whole by sound (煞笔 for 傻逼), not only one character. */
export const RUDE_RESPELLED_WHOLE = [...RUDE_INSULTS, ...RUDE_CURSES];

/**
 * The insults and curses people write by pinyin initials (sb, nc, sjb, tmd, nmd, cnm, wc): only
 * those whose initials are not also common abbreviations (nm is nanometres, gd 广东, zz 郑州).
 */
export const RUDE_BY_INITIALS = ['傻逼', '脑残', '神经病', '他妈的', '你妈的', '草泥马', '卧槽'];

export const RUDE_LEXICON_V3 = [...RUDE_INSULTS, ...RUDE_CURSES, ...RUDE_CONTEMPT, ...RUDE_DISMISSIVE];

/** Innocent words that contain a rude one. */
export const RUDE_EXCLUDE_V3 = [
  '滚筒',
  '滚动',
  '滚轮',
  '翻滚',
  '滚珠',
  '蠢蠢欲动',
  '傻瓜式',
  '傻瓜相机',
  '穷尽',
  '无穷',
  '二百五十',
  '低能耗',
  '低能量',
  '废物利用',
  '去死皮',
  '去死角',
  '靠谱',
];
