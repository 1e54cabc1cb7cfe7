import {
  analyzeReviewSentiment,
  createReviewSentimentAnalyzer,
  REVIEW_SENTIMENT_FORMAT,
  REVIEW_SENTIMENT_FORMAT_3,
  REVIEW_SENTIMENT_MODELS,
  reviewSentimentModelFile,
  type ReviewSentimentModelFile,
} from '@core/text/review-sentiment.model';
import { GRAM_SEPARATOR } from '@core/text/sentiment.logreg';

// Written for this test, one clearly positive and one clearly negative review per training
// domain, plus the three domains the training data deliberately lacks (hotel, book, laptop).
const OBVIOUS: [domain: string, positive: string, negative: string][] = [
  ['平板', '平板屏幕清晰，运行流畅，孩子很喜欢', '平板用了三天就黑屏，客服也不理人'],
  ['手机', '手机拍照效果很棒，电池也耐用，推荐购买', '手机发热严重，信号差，后悔买了'],
  ['水果', '苹果又大又甜，很新鲜，下次还来买', '橙子一半都烂了，又酸又干，太失望了'],
  ['洗发水', '洗完头发很顺滑，味道也好闻，会回购', '用了头皮发痒，还掉头发，假货吧'],
  ['热水器', '热水器安装师傅很专业，出水很快，很满意', '热水器漏水，售后一直推脱，非常差'],
  ['蒙牛', '蒙牛的酸奶很好喝，孩子每天都要喝', '牛奶喝了拉肚子，再也不买蒙牛了'],
  ['衣服', '衣服面料舒服，做工精细，穿着很显瘦', '衣服严重掉色，线头很多，跟图片完全不一样'],
  ['外卖', '送餐很快，饭菜还是热的，味道很好', '等了两个小时才送到，饭都凉了，太难吃了'],
  ['酒店', '酒店房间干净整洁，前台服务热情，下次还住', '房间有股霉味，隔音很差，一晚上没睡好'],
  ['书籍', '这本书写得很精彩，一口气读完了，值得推荐', '印刷质量太差，错别字一堆，内容也很空洞'],
  ['笔记本', '笔记本电脑开机很快，屏幕不错，性价比很高', '电脑用了一个月就蓝屏，散热也很差，不推荐'],
];

const FORMATS = { v2: REVIEW_SENTIMENT_FORMAT, v3: REVIEW_SENTIMENT_FORMAT_3, v4: REVIEW_SENTIMENT_FORMAT_3 } as const;

describe.each(REVIEW_SENTIMENT_MODELS)(
  'shipped review sentiment model %s (models/review-sentiment.%s.json)',
  (name) => {
    const model = reviewSentimentModelFile(name);
    const analyzer = createReviewSentimentAnalyzer(name);

    it('has its format with one weight per feature and a lexicon', () => {
      expect(model.format).toBe(FORMATS[name]);
      expect(model.features.split(GRAM_SEPARATOR)).toHaveLength(model.weights.length);
      expect(model.weights.length).toBeGreaterThan(1000);
      expect(model.lexicon.positive.split(GRAM_SEPARATOR).length).toBeGreaterThan(1000);
      expect(model.band.low).toBeLessThanOrEqual(model.band.high);
    });

    it('stays under 1 MB', () => {
      expect(Buffer.byteLength(JSON.stringify(model))).toBeLessThan(1_000_000);
    });

    it.each(OBVIOUS)('reads an obvious %s review of each polarity right', (_domain, positive, negative) => {
      expect(analyzer.probability(positive)).toBeGreaterThan(0.5);
      expect(analyzer.probability(negative)).toBeLessThan(0.5);
    });

    it('reads a negated praise as negative and a negated complaint as less negative', () => {
      expect(analyzer.probability('质量不太好，不满意')).toBeLessThan(0.5);
      expect(analyzer.probability('质量不差')).toBeGreaterThan(analyzer.probability('质量差'));
    });

    it('answers text without letters or digits as neutral 0.5', () => {
      expect(analyzer.sentiment('？？！')).toEqual({ label: 'neutral', pPositive: 0.5 });
      expect(analyzer.sentiment('')).toEqual({ label: 'neutral', pPositive: 0.5 });
    });

    it('uses its neutral band on P(positive) and can be re-banded', () => {
      // v3's probabilities are milder (two log-odds averaged): 送餐很快，饭菜还是热的，味道很好 is
      // 0.66 there, inside the neutral band set on chat lines; this praise is clear to both.
      const text = '非常满意，很喜欢，推荐购买';
      expect(analyzer.sentiment(text).label).toBe('positive');
      expect(analyzer.withBand({ low: 0, high: 1 }).sentiment(text).label).toBe('neutral');
    });

    it('rejects a file of another format or with misaligned weights', () => {
      expect(() =>
        createReviewSentimentAnalyzer({ ...model, format: 'other' } as unknown as ReviewSentimentModelFile),
      ).toThrow(/format/);
      expect(() => createReviewSentimentAnalyzer({ ...model, weights: model.weights.slice(1) })).toThrow(/length/);
    });
  },
);

describe('review sentiment v4 (the default)', () => {
  const v4 = reviewSentimentModelFile('v4');

  it('is what analyzeReviewSentiment and a bare createReviewSentimentAnalyzer use', () => {
    const text = '送餐很快，饭菜还是热的，味道很好';
    expect(analyzeReviewSentiment(text)).toEqual(createReviewSentimentAnalyzer('v4').sentiment(text));
    expect(createReviewSentimentAnalyzer().probability(text)).toBe(createReviewSentimentAnalyzer(v4).probability(text));
    expect(reviewSentimentModelFile()).toBe(v4);
  });

  it('keeps v3 as it shipped beside it: same format and lexicon, other weights', () => {
    const v3 = reviewSentimentModelFile('v3');
    expect(v4.format).toBe(v3.format);
    expect(v4.lexicon).toEqual(v3.lexicon);
    expect(v4.weights).not.toEqual(v3.weights);
    expect(v4.trainedOn).toMatch(/leaving one review category out/);
  });
});

describe('review sentiment v3', () => {
  const v3 = reviewSentimentModelFile('v3');

  it('blends its lexicon scorer: more lexicon weight moves a praise up and a complaint down', () => {
    const scorer = v3.lexiconScorer!;
    const louder = createReviewSentimentAnalyzer({ ...v3, lexiconScorer: { ...scorer, lexicon: scorer.lexicon * 4 } });
    const base = createReviewSentimentAnalyzer(v3);
    expect(louder.probability('非常满意，很喜欢')).toBeGreaterThan(base.probability('非常满意，很喜欢'));
    expect(louder.probability('很失望，太差劲了')).toBeLessThan(base.probability('很失望，太差劲了'));
  });

  it('rejects a lexicon scorer in a v2-format file, a v3-format file without one, and misaligned degrees', () => {
    expect(() => createReviewSentimentAnalyzer({ ...v3, format: REVIEW_SENTIMENT_FORMAT })).toThrow(/@3/);
    expect(() => createReviewSentimentAnalyzer({ ...v3, lexiconScorer: undefined })).toThrow(/@3/);
    expect(() => createReviewSentimentAnalyzer({ ...v3, lexiconScorer: { ...v3.lexiconScorer!, levels: [] } })).toThrow(
      /degree/,
    );
  });
});
