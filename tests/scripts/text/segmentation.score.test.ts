import { scoreSegmentation } from '../../../scripts/text/eval-segmentation';

describe('segmentation scoring', () => {
  it('scores a perfect segmentation 1', () => {
    expect(scoreSegmentation([['我们', '去', '北京']], [['我们', '去', '北京']]).f1).toBe(1);
  });

  it('counts words by matching character spans', () => {
    // gold 3 words; predicted 2 words of which only 北京 matches a gold span.
    const s = scoreSegmentation([['我们', '去', '北京']], [['我们去', '北京']]);
    expect(s.precision).toBeCloseTo(1 / 2);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(0.4);
  });
});
