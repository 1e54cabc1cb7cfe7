import { locateInExcerpt, splitByHighlights } from '../../../src/utils/highlight';

const marked = (text: string, spans: Parameters<typeof splitByHighlights>[1]) =>
  splitByHighlights(text, spans)
    .filter((s) => s.spanIndices.length > 0)
    .map((s) => s.text);

describe('splitByHighlights', () => {
  test('returns the whole text as one plain run when there are no spans', () => {
    expect(splitByHighlights('您好，请问', [])).toEqual([{ text: '您好，请问', start: 0, end: 5, spanIndices: [] }]);
  });

  test('returns no runs for empty text', () => {
    expect(splitByHighlights('', [[0, 3]])).toEqual([]);
  });

  test('cuts out exactly the span, with plain text on both sides', () => {
    const runs = splitByHighlights('你这人怎么回事', [[2, 5]]);
    expect(runs.map((r) => [r.text, r.spanIndices])).toEqual([
      ['你这', []],
      ['人怎么', [0]],
      ['回事', []],
    ]);
  });

  test('marks runs covered by overlapping spans with every covering span', () => {
    const runs = splitByHighlights('abcdefgh', [
      [1, 5],
      [3, 7],
    ]);
    expect(runs.map((r) => [r.text, r.spanIndices])).toEqual([
      ['a', []],
      ['bc', [0]],
      ['de', [0, 1]],
      ['fg', [1]],
      ['h', []],
    ]);
  });

  test('merges adjacent runs covered by the same spans (duplicate spans)', () => {
    expect(
      splitByHighlights('abcdef', [
        [1, 4],
        [1, 4],
      ]).map((r) => r.text),
    ).toEqual(['a', 'bcd', 'ef']);
  });

  test('clamps spans that run past either end of the text', () => {
    expect(marked('abcdef', [[-3, 2]])).toEqual(['ab']);
    expect(marked('abcdef', [[4, 99]])).toEqual(['ef']);
  });

  test('ignores spans entirely out of range, empty, inverted or missing', () => {
    const runs = splitByHighlights('abc', [[5, 9], [1, 1], [2, 1], null, undefined]);
    expect(runs).toEqual([{ text: 'abc', start: 0, end: 3, spanIndices: [] }]);
  });

  test('keeps span indices pointing at the caller’s array when earlier spans are dropped', () => {
    const runs = splitByHighlights('abcdef', [null, [9, 10], [2, 4]]);
    expect(runs.find((r) => r.text === 'cd')?.spanIndices).toEqual([2]);
  });

  test('always reassembles to the original text', () => {
    const text = '客户说：我的手机号是138****0000，请尽快处理';
    const runs = splitByHighlights(text, [
      [0, 3],
      [2, 10],
      [8, 8],
      [20, 40],
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });
});

describe('locateInExcerpt', () => {
  test('finds the span’s text inside an excerpt window', () => {
    expect(locateInExcerpt('前面很长的内容，你自己看说明书吧，谢谢', [8, 15], '…你自己看说明书吧…')).toEqual([1, 8]);
  });

  test('returns null when the span text is not in the excerpt', () => {
    expect(locateInExcerpt('abcdef', [0, 2], 'xyz')).toBeNull();
  });

  test('returns null without a span', () => {
    expect(locateInExcerpt('abcdef', null, 'abc')).toBeNull();
  });
});
