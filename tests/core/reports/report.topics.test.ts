import {
  countTerms,
  hotTopics,
  logOddsRise,
  problemReasons,
  sumTerms,
  topicTerms,
} from '../../../cloudfunctions/core/reports/report.topics';

describe('topic terms of a session', () => {
  it('keeps words and adjacent-word bigrams, drops stopwords, single characters, numbers and masks', () => {
    const terms = topicTerms([
      '你好，请问我的快递怎么还没到啊，申请退款一直没人处理',
      '订单号2026112300123，手机138****5678',
    ]);
    expect(terms).toEqual(expect.arrayContaining(['快递', '申请', '退款', '申请退款', '处理', '订单号', '手机']));
    for (const t of ['你好', '请问', '怎么', '一直', '我', '的', '2026112300123', '138', '****', '5678'])
      expect(terms).not.toContain(t);
    // A stopword between two words breaks the bigram.
    expect(terms).not.toContain('快递怎么');
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('counts a term once per session', () => {
    const counts = countTerms([
      { id: 's1', terms: topicTerms(['退款 退款 退款']) },
      { id: 's2', terms: topicTerms(['退款']) },
    ]);
    expect(counts.find((c) => c.t === '退款')).toEqual({ t: '退款', n: 2, ids: ['s1', 's2'] });
  });
});

describe('problem sessions', () => {
  it('are failed, unresolved or rated 1-2', () => {
    expect(problemReasons({ score: { passed: true }, rating: { csat: 3, resolved: true } })).toEqual([]);
    expect(problemReasons({ score: { passed: false }, rating: { csat: 2, resolved: false } })).toEqual([
      'failed',
      'unresolved',
      'lowCsat',
    ]);
    expect(problemReasons({ score: { passed: true } })).toEqual([]);
  });
});

describe('weighted log-odds with an informative Dirichlet prior', () => {
  it('matches a hand-worked example', () => {
    // yᵢ = 30 of nᵢ = 300, yⱼ = 10 of nⱼ = 300, α0 = 100: αw = 100·40/600 = 6.6667;
    // δ = ln(36.6667/363.3333) − ln(16.6667/383.3333) = 0.842042; σ² = 1/36.6667 + 1/16.6667;
    // z = 0.842042 / 0.295420 = 2.850324.
    const cur = new Map([
      ['退款', 30],
      ['其他', 270],
    ]);
    const prev = new Map([
      ['退款', 10],
      ['其他', 290],
    ]);
    const r = logOddsRise(cur, prev, 100).find((x) => x.term === '退款')!;
    expect(r.current).toBe(30);
    expect(r.previous).toBe(10);
    expect(r.delta).toBeCloseTo(0.842042, 5);
    expect(r.z).toBeCloseTo(2.850324, 5);
  });

  it('is antisymmetric, zero for an unchanged share, and shrinks rare terms', () => {
    const a = new Map([
      ['物流', 40],
      ['发票', 20],
      ['色差', 2],
      ['尺码', 38],
    ]);
    const b = new Map([
      ['物流', 20],
      ['发票', 20],
      ['色差', 1],
      ['尺码', 59],
    ]);
    const ab = new Map(logOddsRise(a, b).map((r) => [r.term, r.z]));
    const ba = new Map(logOddsRise(b, a).map((r) => [r.term, r.z]));
    for (const [t, z] of ab) expect(ba.get(t)).toBeCloseTo(-z, 10);
    expect(ab.get('发票')).toBeCloseTo(0, 10);
    // 色差 doubled like 物流, but on two sessions: far less evidence.
    expect(ab.get('色差')!).toBeLessThan(ab.get('物流')! / 3);
  });

  it('lists the clear risers only, highest first', () => {
    const cur = new Map([
      ['物流', 60],
      ['发票', 20],
      ['色差', 2],
      ['尺码', 18],
    ]);
    const prev = new Map([
      ['物流', 20],
      ['发票', 20],
      ['色差', 1],
      ['尺码', 59],
    ]);
    const top = hotTopics(cur, prev);
    expect(top.map((t) => t.term)).toEqual(['物流']);
    expect(top[0].z).toBeGreaterThan(1.96);
  });

  it('sums days and keeps a bounded list of sessions per term', () => {
    const days = Array.from({ length: 20 }, (_, d) => [{ t: '退款', n: 2, ids: [`a${d}`, `b${d}`] }]);
    const m = sumTerms(days);
    expect(m.get('退款')!.n).toBe(40);
    expect(m.get('退款')!.ids).toHaveLength(30);
  });
});
