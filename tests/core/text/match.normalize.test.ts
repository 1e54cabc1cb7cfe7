import { normalizeForMatching, toOriginalSpan } from '../../../cloudfunctions/core/text/match.normalize';

const norm = (s: string) => normalizeForMatching(s).text;

describe('normalisation before matching', () => {
  it.each([
    ['加我微-信号', '加我微信号'],
    ['加我微 信', '加我微信'],
    ['加我微.信', '加我微信'],
    ['加我微💬信', '加我微信'],
    ['加我微\u200b信', '加我微信'],
    ['加我薇信', '加我微信'],
    ['加我威信', '加我微信'],
    ['加我V信', '加我微信'],
    ['加我v-x', '加我微信'],
    ['加我ｖｘ', '加我微信'],
    ['加我VX：abc123', '加我微信:abc123'],
    ['加我 wx', '加我微信'],
    ['私聊扣扣', '私聊qq'],
    ['好平返现', '好评返现'],
    ['好 评 返 现', '好评返现'],
    ['好评反现', '好评返现'],
    ['hp返现5元', '好评返现5元'],
  ])('%s → %s', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it.each([
    ['价格 3.5 元', '价格3.5元'],
    ['日期 2026-10-12', '日期2026-10-12'],
    ['add me please', 'add me please'],
    ['wxyz 型号', 'wxyz型号'],
    ['whp 套餐', 'whp套餐'],
    ['不，加微信', '不,加微信'],
  ])('keeps what carries meaning: %s → %s', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it('keeps Chinese clause punctuation, which bounds negation', () => {
    expect(norm('我不投诉。加微信')).toBe('我不投诉。加微信');
  });

  it('maps a match back to the characters the person typed', () => {
    const input = '您好，加我薇 信💬号吧';
    const n = normalizeForMatching(input);
    const at = n.text.indexOf('微信号');
    const [s, e] = toOriginalSpan(n, at, at + 3);
    expect(input.slice(s, e)).toBe('薇 信💬号');
  });

  it('maps a folded full-width span back whole', () => {
    const input = '加ＶＸ吧';
    const n = normalizeForMatching(input);
    const at = n.text.indexOf('微信');
    expect(input.slice(...toOriginalSpan(n, at, at + 2))).toBe('ＶＸ');
  });

  it('is linear: a long message normalises without blowing up', () => {
    const long = '微-信 '.repeat(50_000);
    expect(normalizeForMatching(long).text.length).toBeGreaterThan(50_000);
  });
});

describe('symbols and amounts', () => {
  it.each([
    ['好评返🧧', '好评返红包'],
    ['➕V聊', '加v聊'],
    ['+我vx', '加我微信'],
    ['A+B套餐', 'ab套餐'],
    ['好评返伍元', '好评返5元'],
    ['好评送贰拾元', '好评送20元'],
    ['返 3 块钱', '返3元'],
    ['返5米', '返5元'],
    ['床1.8米', '床1.8米'],
    ['一块儿发', '一块儿发'],
    ['价格 3.5 元', '价格3.5元'],
    ['神马情况', '什么情况'],
  ])('%s → %s', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it('maps an amount back to what was typed', () => {
    const input = '好评返伍元哦';
    const n = normalizeForMatching(input);
    const at = n.text.indexOf('5元');
    const [s, e] = toOriginalSpan(n, at, at + 2);
    expect(input.slice(s, e)).toBe('伍元');
  });
});
