import { createSegmenter, segment } from '@core/text/segmenter';

describe('segmenter keeps customer-service words whole', () => {
  it.each([
    ['我的快递单号是多少', '快递单号'],
    ['支持七天无理由退货吗', '七天无理由'],
    ['申请了退款还没到账', '退款'],
    ['能不能换货', '换货'],
    ['麻烦帮我转人工', '转人工'],
  ])('%s contains %s as one token', (text, word) => {
    expect(segment(text)).toContain(word);
  });

  it('splits ordinary text at dictionary words', () => {
    expect(segment('我们今天去北京')).toEqual(['我们', '今天', '去', '北京']);
  });

  it('never splits a user word such as a scorecard keyword', () => {
    const words = ['以旧换新服务'];
    expect(createSegmenter().cut('参加以旧换新服务')).not.toContain('以旧换新服务');
    expect(createSegmenter({ userWords: words }).cut('参加以旧换新服务')).toEqual(['参加', '以旧换新服务']);
  });

  it('works from domain words alone when no base dictionary is given', () => {
    const seg = createSegmenter({ base: null });
    expect(seg.cut('七天无理由退货')).toEqual(['七天无理由', '退货']);
    expect(seg.has('退款')).toBe(true);
    expect(seg.has('北京')).toBe(false);
  });
});
