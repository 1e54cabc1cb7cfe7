/**
 * Every operator parameter that is a regular expression is checked by the operator's own schema,
 * with the flags the operator compiles it with (operators/pattern.param.ts): a scorecard with a
 * bad one fails validation at that field instead of failing every scoring.
 */
import { DEFAULT_OPERATORS } from '../../../cloudfunctions/core/scoring/operators/operator.registry';

const cases: Array<[op: string, valid: Record<string, unknown>, param: string]> = [
  ['regex', { pattern: '加我' }, 'pattern'],
  ['regex', { pattern: '加我' }, 'exclude'],
  ['phrases', { words: ['加我'] }, 'pattern'],
  ['phrases', { words: ['加我'] }, 'unlessMessage'],
  ['promise', { words: ['一定'] }, 'pattern'],
  ['promise', { words: ['一定'] }, 'worry'],
  ['closing', { words: ['再见'] }, 'acknowledgement'],
  ['replyDelay', { overSeconds: 180 }, 'ignoreTrailing'],
];

describe.each(cases)('%s.%s', (op, valid, param) => {
  const schema = DEFAULT_OPERATORS.get(op)!.params;

  it('accepts a valid pattern and refuses a broken one at that field', () => {
    expect(schema.safeParse({ ...valid, [param]: '好的|谢谢' }).success).toBe(true);
    const res = schema.safeParse({ ...valid, [param]: '(好的' });
    expect(res.success).toBe(false);
    expect(res.error?.issues).toContainEqual(
      expect.objectContaining({ path: [param], message: '不是有效的正则表达式' }),
    );
  });
});

it('checks a pattern with the flags its operator compiles it with', () => {
  // 「\p{L」 is broken with u (regex compiles with u) and a literal without it (phrases does not).
  expect(DEFAULT_OPERATORS.get('regex')!.params.safeParse({ pattern: '\\p{L' }).success).toBe(false);
  expect(DEFAULT_OPERATORS.get('phrases')!.params.safeParse({ words: ['x'], pattern: '\\p{L' }).success).toBe(true);
});
