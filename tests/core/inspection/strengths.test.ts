/**
 * Praise notes (review.model.ts annotate with tone `praise`) and an agent's strengths
 * (strengths.ts): reviewers' praise plus bonus-rule hits, counted over a window.
 */
import { ERROR_CODES } from '@core/errors';
import { addHit, annotate, setVerdict, submitReview, type StoredReview } from '@core/inspection/review.model';
import { manualScore } from '@core/inspection/review.score';
import { gatherStrengths, type RuleLookup } from '@core/inspection/strengths';
import { AUTOMATIC, CARD, codeOf, ctx, DAY, draft, keyOf, NOW } from './support/inspection.factories';

const ruleOf: RuleLookup = (id, version, ruleId) => {
  if (id !== CARD.id || version !== CARD.version) return undefined;
  const rule = CARD.sections.flatMap((s) => s.rules).find((r) => r.id === ruleId);
  return rule && { name: rule.name, points: rule.points };
};

function stored(r: ReturnType<typeof draft>, id = 'rv_1'): StoredReview {
  return { ...r, _id: id };
}

describe('praise notes', () => {
  it('store the tone and label; free text alone or a label alone is enough', () => {
    let r = annotate(draft(), ctx, { messageIndex: 5, note: ' 主动致谢 ', tone: 'praise', label: '话术专业' }, NOW);
    r = annotate(r, ctx, { messageIndex: 1, note: '', tone: 'praise', label: '安抚到位' }, NOW);
    r = annotate(r, ctx, { messageIndex: 2, note: '查得很快', tone: 'praise' }, NOW);
    expect(r.annotations).toEqual([
      { key: 'note:1', messageIndex: 5, span: null, note: '主动致谢', tone: 'praise', label: '话术专业' },
      { key: 'note:2', messageIndex: 1, span: null, note: '', tone: 'praise', label: '安抚到位' },
      { key: 'note:3', messageIndex: 2, span: null, note: '查得很快', tone: 'praise' },
    ]);
  });

  it('refuse an empty praise, a problem type on praise, a label on a fault, an unknown label', () => {
    const bad = [
      { messageIndex: 1, note: ' ', tone: 'praise' as const },
      { messageIndex: 1, note: '好', tone: 'praise' as const, problemType: '服务态度' },
      { messageIndex: 1, note: '慢', label: '安抚到位' as const },
      { messageIndex: 1, note: '好', tone: 'praise' as const, label: '很棒' as never },
    ];
    for (const input of bad) expect(codeOf(() => annotate(draft(), ctx, input, NOW))).toBe(ERROR_CODES.INPUT_INVALID);
  });

  it('never move the manual score', () => {
    const plain = manualScore(CARD, AUTOMATIC, draft());
    const praised = annotate(draft(), ctx, { messageIndex: 5, note: '很好', tone: 'praise', label: '解决彻底' }, NOW);
    expect(manualScore(CARD, AUTOMATIC, praised).total).toBe(plain.total);
  });
});

describe('gatherStrengths', () => {
  const since = NOW - 30 * DAY;
  const base = { days: 30, since, ruleOf, limit: 30 };

  it('lists praise and bonus hits (machine and reviewer-added), counts them, opens each at its message', () => {
    let r = annotate(draft(), ctx, { messageIndex: 5, note: '致谢到位', tone: 'praise', label: '话术专业' }, NOW);
    r = annotate(r, ctx, { messageIndex: 1, note: '等太久', problemType: '响应超时' }, NOW);
    r = addHit(r, ctx, { ruleId: 'thanks', messageIndex: 3, note: '感谢客户耐心' }, NOW);
    r = addHit(r, ctx, { ruleId: 'rude', messageIndex: 2 }, NOW);
    r = submitReview(r, ctx, NOW + 10);
    const s = gatherStrengths({
      ...base,
      reviews: [stored(r)],
      scores: [{ sessionId: 'sess-1', scoredAt: NOW, hits: AUTOMATIC.hits }],
    });
    expect(s.items.map((i) => [i.kind, i.title, i.messageIndex, i.points ?? null, i.byReviewer ?? false])).toEqual([
      ['praise', '话术专业', 5, null, false],
      ['bonus', '致谢', 3, 5, true],
      ['bonus', '致谢', 5, 5, false],
    ]);
    expect(s.counts).toEqual({ praise: 1, bonus: 2, sessions: 1 });
    expect(s.byLabel).toEqual([{ key: '话术专业', name: '话术专业', count: 1 }]);
    expect(s.byRule).toEqual([{ key: 'thanks', name: '致谢', count: 2 }]);
  });

  it('drops a bonus hit the reviewer rejected, drafts, calibration reviews and what is older than the window', () => {
    const praise = (at: number) => annotate(draft(), ctx, { messageIndex: 5, note: '好', tone: 'praise' }, at);
    const rejected = submitReview(
      setVerdict(praise(NOW), ctx, keyOf('thanks', 5), 'rejected', '客套话', NOW),
      ctx,
      NOW,
    );
    const s = gatherStrengths({
      ...base,
      reviews: [
        stored(rejected, 'rv_a'),
        stored(praise(NOW), 'rv_draft'),
        stored({ ...submitReview(praise(NOW), ctx, NOW), calibrationRoundId: 'cr1' }, 'rv_cal'),
        stored(submitReview(praise(since - 1), ctx, since - 1), 'rv_old'),
      ],
      scores: [
        { sessionId: 'sess-1', scoredAt: NOW, hits: AUTOMATIC.hits },
        { sessionId: 'sess-old', scoredAt: since - 1, hits: AUTOMATIC.hits },
      ],
    });
    expect(s.items.map((i) => [i.kind, i.reviewId ?? i.sessionId])).toEqual([['praise', 'rv_a']]);
    expect(s.byLabel).toEqual([{ key: '其他表扬', name: '其他表扬', count: 1 }]);
  });

  it('counts a re-scored session once (its latest score) and the window beyond the listed items', () => {
    const bonus = AUTOMATIC.hits.filter((h) => h.points > 0);
    const scores = Array.from({ length: 40 }, (_, i) => ({ sessionId: `s${i}`, scoredAt: NOW - i, hits: bonus }));
    const s = gatherStrengths({
      ...base,
      limit: 5,
      reviews: [],
      scores: [...scores, { sessionId: 's0', scoredAt: NOW - 100, hits: bonus }],
    });
    expect(s.items).toHaveLength(5);
    expect(s.items[0].sessionId).toBe('s0');
    expect(s.counts).toEqual({ praise: 0, bonus: 40, sessions: 40 });
  });
});
