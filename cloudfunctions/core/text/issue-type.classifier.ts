/**
 * What a customer contacts us about, from their messages: multinomial naive Bayes over
 * character 1+2-grams, trained on a written seed set plus any examples admins add, with
 * keyword priors so a decisive word (退款, 投诉, 维修 …) outweighs incidental characters
 * when the seed set is small.
 */
import { ISSUE_TYPE_SEED } from './models/issue-type.seed';
import { ISSUE_TYPES, type IssueType } from './issue-type.labels';
import { charNgrams, normalizeText } from './text.normalize';

export { ISSUE_TYPES, ISSUE_TYPE_NAMES, type IssueType } from './issue-type.labels';

export interface IssueExample {
  text: string;
  label: IssueType;
}

export interface IssueClassification {
  label: IssueType;
  /** Tempered posterior of the chosen class, 0..1; 0 when the messages hold no text. */
  confidence: number;
}

export interface IssueTypeClassifier {
  /** Classifies a conversation from its customer messages (in order). */
  classify(texts: readonly string[]): IssueClassification;
  /** Every class with its tempered posterior, best first. */
  rank(texts: readonly string[]): { label: IssueType; p: number }[];
}

/** Words that settle the class on their own; each present adds KEYWORD_BOOST to its log-score. */
export const ISSUE_KEYWORDS: Record<IssueType, readonly string[]> = {
  logistics: ['快递', '物流', '发货', '到哪', '单号', '运单', '派送', '配送', '签收', '包裹', '驿站', '收货地址'],
  refund: ['退款', '退货', '退钱', '仅退款', '退差价', '无理由', '运费险', '钱怎么退', '退回去'],
  exchange: ['换货', '换一', '换个', '换成', '调换', '换小', '换大', '换新'],
  product: ['区别', '材质', '尺码怎么', '多大码', '有没有', '现货', '怎么用', '使用方法', '适合', '正品吗', '能用吗'],
  repair: [
    '维修',
    '保修',
    '修好',
    '送修',
    '返修',
    '故障',
    '坏了',
    '开不了机',
    '不制冷',
    '不加热',
    '黑屏',
    '没声音',
    '漏水',
  ],
  complaint: [
    '投诉',
    '差评',
    '12315',
    '举报',
    '曝光',
    '消协',
    '态度',
    '赔偿',
    '骗子',
    '欺诈',
    '敷衍',
    '经理',
    '主管',
    '说法',
    '过分',
  ],
  account: [
    '账号',
    '账户',
    '登录',
    '密码',
    '验证码',
    '扣款',
    '扣了',
    '支付',
    '付款',
    '会员',
    '积分',
    '优惠券',
    '绑定',
    '换绑',
    '续费',
    '充值',
    '花呗',
  ],
  other: ['发票', '营业时间', '上班时间', '实体店', '门店', '合作', '代理', '客服电话'],
};

export const KEYWORD_BOOST = 2.5;
/** An admin's example counts this many times a seed example: it speaks for this business. */
export const EXTRA_EXAMPLE_WEIGHT = 3;
const SMOOTHING = 0.5;
const ORDERS = [1, 2] as const;

interface ClassStats {
  counts: Map<string, number>;
  total: number;
  docs: number;
}

class NaiveBayesIssueClassifier implements IssueTypeClassifier {
  private readonly stats = new Map<IssueType, ClassStats>();
  private readonly vocabulary = new Set<string>();
  private totalDocs = 0;

  constructor(examples: readonly { example: IssueExample; weight: number }[]) {
    for (const label of ISSUE_TYPES) this.stats.set(label, { counts: new Map(), total: 0, docs: 0 });
    for (const { example, weight } of examples) {
      const s = this.stats.get(example.label);
      if (!s) throw new Error(`unknown issue type: ${String(example.label)}`);
      for (const g of charNgrams(normalizeText(example.text), ORDERS)) {
        s.counts.set(g, (s.counts.get(g) ?? 0) + weight);
        s.total += weight;
        this.vocabulary.add(g);
      }
      s.docs += weight;
      this.totalDocs += weight;
    }
  }

  rank(texts: readonly string[]): { label: IssueType; p: number }[] {
    const normalized = texts.map(normalizeText).filter(Boolean);
    if (normalized.length === 0) return ISSUE_TYPES.map((label) => ({ label, p: label === 'other' ? 1 : 0 }));
    const grams = normalized.flatMap((t) => charNgrams(t, ORDERS)).filter((g) => this.vocabulary.has(g));
    const joined = normalized.join('\n');
    const v = this.vocabulary.size;
    const scores = ISSUE_TYPES.map((label) => {
      const s = this.stats.get(label)!;
      let score = Math.log((s.docs + 1) / (this.totalDocs + ISSUE_TYPES.length));
      for (const g of grams) score += Math.log(((s.counts.get(g) ?? 0) + SMOOTHING) / (s.total + SMOOTHING * v));
      for (const k of ISSUE_KEYWORDS[label]) if (joined.includes(k)) score += KEYWORD_BOOST;
      return score;
    });
    // Naive Bayes is overconfident on longer conversations (its features are not independent);
    // dividing by the square root of the evidence keeps the confidence readable as a probability.
    const temperature = Math.max(1, Math.sqrt(grams.length / 4));
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp((s - max) / temperature));
    const sum = exp.reduce((a, b) => a + b, 0);
    return ISSUE_TYPES.map((label, i) => ({ label, p: exp[i] / sum })).sort((a, b) => b.p - a.p);
  }

  classify(texts: readonly string[]): IssueClassification {
    if (texts.every((t) => !normalizeText(t))) return { label: 'other', confidence: 0 };
    const [best] = this.rank(texts);
    return { label: best.label, confidence: best.p };
  }
}

/** A classifier over the seed set plus admins' examples (which weigh EXTRA_EXAMPLE_WEIGHT each). */
export function createIssueTypeClassifier(extraExamples: readonly IssueExample[] = []): IssueTypeClassifier {
  return new NaiveBayesIssueClassifier([
    ...ISSUE_TYPE_SEED.map((example) => ({ example, weight: 1 })),
    ...extraExamples.map((example) => ({ example, weight: EXTRA_EXAMPLE_WEIGHT })),
  ]);
}

let defaultClassifier: IssueTypeClassifier | undefined;

/** Issue type of a conversation from its customer messages, with the seed set alone. */
export function classifyIssue(texts: readonly string[]): IssueClassification {
  return (defaultClassifier ??= createIssueTypeClassifier()).classify(texts);
}

export function isIssueType(value: unknown): value is IssueType {
  return typeof value === 'string' && (ISSUE_TYPES as readonly string[]).includes(value);
}
