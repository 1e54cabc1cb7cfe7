/**
 * Knowledge-base gaps on a fixed corpus with known topics (gap.corpus.ts): the clusters found,
 * their ranking by damage, the match against articles, and determinism.
 */
import { clusterQuestions } from '../../../cloudfunctions/core/kb/topic.clusters';
import { findGaps } from '../../../cloudfunctions/core/kb/kb.gaps';
import type { KbArticle } from '../../../cloudfunctions/core/kb/kb.model';
import { QUESTIONS, SESSIONS } from './gap.corpus';

const article = (id: string, title: string, body: string, over: Partial<KbArticle> = {}): KbArticle => ({
  _id: id,
  title,
  body,
  tags: [],
  issueTypes: [],
  status: 'published',
  updatedBy: 'admin-1',
  updatedAt: 0,
  ...over,
});

const sessionsOf = (c: { questions: { sessionId: string }[] }) => [...new Set(c.questions.map((q) => q.sessionId))];

describe('topic clusters', () => {
  it('finds the known topics: one cluster per topic, greetings dropped', () => {
    const clusters = clusterQuestions(QUESTIONS);
    const bySessions = clusters.map((c) => [c.issueType, sessionsOf(c)]);
    expect(bySessions).toEqual([
      ['logistics', ['s01', 's02', 's03']],
      ['product', ['s08', 's09', 's10']],
      ['refund', ['s04', 's05', 's06', 's07']],
      ['repair', ['s11']],
    ]);
    // 在吗 and 你好 carry no topic word.
    expect(clusters.flatMap((c) => c.questions.map((q) => q.text))).not.toContain('在吗');
    expect(clusters.find((c) => c.issueType === 'refund')!.terms).toContain('退款');
    expect(clusters.find((c) => c.issueType === 'product')!.terms).toContain('发票');
  });

  it('keeps apart questions of one issue type on different topics', () => {
    const mixed = [
      ...QUESTIONS.filter((q) => q.issueType === 'product'),
      { sessionId: 's20', index: 0, text: '这款手机的屏幕尺寸是多少', issueType: 'product' },
      { sessionId: 's21', index: 0, text: '手机屏幕多大尺寸', issueType: 'product' },
    ];
    expect(clusterQuestions(mixed).map(sessionsOf)).toEqual([
      ['s08', 's09', 's10'],
      ['s20', 's21'],
    ]);
  });

  it('is deterministic: the same clusters whatever order the questions come in', () => {
    const once = clusterQuestions(QUESTIONS).map((c) => c.key);
    const reversed = clusterQuestions([...QUESTIONS].reverse()).map((c) => c.key);
    expect(reversed).toEqual(once);
  });
});

describe('gap ranking', () => {
  it('ranks topics by damage Σ(100 − score), drops single-session topics, and reports all as gaps with no article', () => {
    const report = findGaps(QUESTIONS, SESSIONS, []);
    expect(report.topics.map((t) => [t.issueType, t.sessions, t.damage])).toEqual([
      ['product', 3, 150],
      ['refund', 4, 140],
      ['logistics', 3, 90],
    ]);
    expect(report.gaps).toHaveLength(3);
    const logistics = report.topics[2];
    expect(logistics.failedShare).toBeCloseTo(2 / 3);
    expect(logistics.representative).toHaveLength(3);
    expect(report.articlesStillFailing).toEqual([]);
  });

  it('matches articles by similarity: a covered topic is no gap, and its article is reported while its sessions still fail', () => {
    const articles = [
      article('kb-invoice', '如何开具发票', '订单完成后可在订单详情申请电子发票或增值税专用发票', { tags: ['发票'] }),
      article('kb-draft', '退款到账时间', '退款原路退回，一般 1-3 个工作日到账', { status: 'draft' }),
      article('kb-wrongtype', '退款到账时间', '退款原路退回，一般 1-3 个工作日到账', { issueTypes: ['logistics'] }),
    ];
    const report = findGaps(QUESTIONS, SESSIONS, articles);
    expect(report.topics[0].article?._id).toBe('kb-invoice');
    // A draft answers nothing yet; an article limited to another issue type does not answer refunds.
    expect(report.gaps.map((g) => g.issueType)).toEqual(['refund', 'logistics']);
    expect(report.articlesStillFailing).toEqual([
      { _id: 'kb-invoice', title: '如何开具发票', topics: [report.topics[0].key], sessions: 3, damage: 150 },
    ]);
  });

  it('an unrelated article matches nothing', () => {
    const report = findGaps(QUESTIONS, SESSIONS, [article('kb-x', '会员积分规则', '积分可抵扣现金')]);
    expect(report.gaps).toHaveLength(3);
  });
});
