import { AhoCorasick } from '@core/scoring/matcher/aho-corasick';

const words = (ac: AhoCorasick, text: string) => ac.findAll(text).map(([id, s, e]) => [ac.patterns[id], s, e]);

describe('AhoCorasick', () => {
  it('finds every pattern with its span in one pass', () => {
    const ac = new AhoCorasick(['投诉', '差评', '12315']);
    expect(words(ac, '再不处理我就打12315投诉，给差评')).toEqual([
      ['12315', 7, 12],
      ['投诉', 12, 14],
      ['差评', 16, 18],
    ]);
  });

  it('reports overlapping and nested patterns through suffix links', () => {
    const ac = new AhoCorasick(['我要投诉', '投诉', '诉']);
    expect(words(ac, '我要投诉')).toEqual([
      ['我要投诉', 0, 4],
      ['投诉', 2, 4],
      ['诉', 3, 4],
    ]);
  });

  it('recovers after a partial match that fails', () => {
    const ac = new AhoCorasick(['加我微信', '微信号']);
    expect(words(ac, '加我微加我微信号')).toEqual([
      ['加我微信', 3, 7],
      ['微信号', 5, 8],
    ]);
  });

  it('matches ASCII case- and width-insensitively with spans in the original text', () => {
    const ac = new AhoCorasick(['vx', 'QQ']);
    expect(words(ac, '加我VX或者ｑｑ')).toEqual([
      ['vx', 2, 4],
      ['QQ', 6, 8],
    ]);
  });

  it('matches Latin and digit edges of a pattern as whole tokens only', () => {
    const ac = new AhoCorasick(['12345', 'vx', '退款']);
    expect(words(ac, '单号2025050612345678 加vx，vxid 退款12345')).toEqual([
      ['vx', 20, 22],
      ['退款', 28, 30],
      ['12345', 30, 35],
    ]);
  });

  it('stops scanning when the sink says so', () => {
    const ac = new AhoCorasick(['好']);
    const seen: number[] = [];
    const finished = ac.scan('好好好', {
      match(_p, s) {
        seen.push(s);
        return seen.length < 2;
      },
    });
    expect(finished).toBe(false);
    expect(seen).toEqual([0, 1]);
  });

  it('ignores characters outside every pattern', () => {
    const ac = new AhoCorasick(['退款']);
    expect(ac.findAll('😀 refund 退 款 退款')).toEqual([[0, 14, 16]]);
  });

  it('never matches an empty pattern', () => {
    const ac = new AhoCorasick(['', '好']);
    expect(words(ac, '好的')).toEqual([['好', 0, 1]]);
  });

  it('keeps every match of a text with more matches than the initial buffer holds', () => {
    const ac = new AhoCorasick(['不']);
    const found = ac.findAll('不'.repeat(500));
    expect(found).toHaveLength(500);
    expect(found[499]).toEqual([0, 499, 500]);
  });
});
