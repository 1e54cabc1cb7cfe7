import { segment, getDefaultSegmenter } from '@core/text/segmenter';

describe('segmenter on digits, latin and punctuation', () => {
  it('keeps digit and latin runs as single tokens', () => {
    expect(segment('我要打12315投诉')).toEqual(expect.arrayContaining(['12315', '投诉']));
    expect(segment('单号SF1234567890')).toContain('SF1234567890');
    expect(segment('iPhone15坏了')).toEqual(['iPhone15', '坏了']);
  });

  it('keeps decimals, percentages and full-width digits together', () => {
    expect(segment('打3.5折')).toContain('3.5');
    expect(segment('涨了17%')).toContain('17%');
    expect(segment('１９９７年')).toContain('１９９７');
  });

  it('drops whitespace and groups repeated punctuation', () => {
    expect(segment('不满意 ！！！')).toEqual(['不满意', '！！！']);
    expect(segment('请稍等……')).toEqual(['请稍等', '……']);
  });

  it('reports spans that slice back to each token', () => {
    const text = '亲，订单 20240315001 已发货';
    const tokens = getDefaultSegmenter().tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.word);
    expect(tokens.map((t) => t.word).join('')).toBe(text.replace(/\s/g, ''));
  });

  it('returns nothing for empty or blank text', () => {
    expect(segment('')).toEqual([]);
    expect(segment('  \n')).toEqual([]);
  });
});
