import {
  boundedJson,
  DEAD_LETTER_RAW_LIMIT,
  deadLetterRaw,
  deadLetterReason,
  quoteValue,
} from '../../../cloudfunctions/core/ingest/dead-letter.raw';

describe('boundedJson', () => {
  test('writes ordinary values exactly as JSON.stringify does', () => {
    const v = { a: [1, 'x', null, true, { b: '引号"' }], n: -1.5, skip: undefined, f: () => 1 };
    expect(boundedJson(v)).toEqual({ text: JSON.stringify(v), truncated: false });
  });

  test('survives a 200,000-deep nesting, cutting it at the depth limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    const { text, truncated } = boundedJson(deep);
    expect(truncated).toBe(true);
    expect(text).toContain('"[…]"');
    expect(text).not.toContain('bottom');
  });

  test('stops at the size limit', () => {
    const { text, truncated } = boundedJson({ a: 'x'.repeat(1000), b: Array(1000).fill('y') }, 100);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(truncated).toBe(true);
  });

  test('writes a cycle as "[circular]" instead of failing', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(boundedJson(a).text).toBe('{"name":"a","self":"[circular]"}');
  });

  test('writes what JSON cannot hold as null', () => {
    expect(boundedJson([NaN, Infinity, BigInt(1), Symbol('s')]).text).toBe('[null,null,null,null]');
  });
});

describe('what a dead letter keeps', () => {
  test('a raw string is kept as it came, masked, and cut at the limit', () => {
    expect(deadLetterRaw('{"text":"13812345678"}')).toEqual({ raw: '{"text":"138****5678"}', truncated: false });
    expect(deadLetterRaw('x'.repeat(DEAD_LETTER_RAW_LIMIT + 1))).toEqual({
      raw: 'x'.repeat(DEAD_LETTER_RAW_LIMIT),
      truncated: true,
    });
  });

  test('an object is written as bounded JSON and masked', () => {
    expect(deadLetterRaw({ Content: '电话13812345678' })).toEqual({
      raw: '{"Content":"电话138****5678"}',
      truncated: false,
    });
  });

  test('a reason is masked and cut', () => {
    expect(deadLetterReason('找不到客户 13812345678')).toBe('找不到客户 138****5678');
    expect(deadLetterReason('x'.repeat(5000)).length).toBeLessThanOrEqual(2001);
  });

  test('a quoted value is short and total', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = { csat: deep };
    expect(quoteValue('yesterday')).toBe('"yesterday"');
    expect(quoteValue(deep).length).toBeLessThanOrEqual(81);
  });
});
