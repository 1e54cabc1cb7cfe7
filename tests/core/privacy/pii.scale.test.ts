import { containsRawPii, maskPii } from '@core/privacy/pii.mask';

/**
 * Large inputs that froze the host when masking was quadratic (issue 10). Timings belong to
 * `npm run bench:mask`; these check what cannot depend on the machine: every number in a
 * 240 KB push is found and masked, and nothing else moves.
 */
describe('masking large texts', () => {
  test('masks every one of 20,000 space-separated phone numbers and keeps the length', () => {
    const text = '13812345678 '.repeat(20_000);
    expect(text.length).toBe(240_000);
    const result = maskPii(text, 'customer');
    expect(result.findings).toHaveLength(20_000);
    expect(result.findings.every((f) => f.type === 'phone')).toBe(true);
    expect(result.text).toBe('138****5678 '.repeat(20_000));
    expect(result.findings[19_999]).toEqual({ type: 'phone', start: 239_988, end: 239_999, by: 'customer' });
  });

  test('masks every one of 10,000 e-mail addresses', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `user${i}@example.com`).join(' ');
    const result = maskPii(text, 'customer');
    expect(result.findings).toHaveLength(10_000);
    expect(result.text).toBe(Array.from({ length: 10_000 }, () => 'u***@example.com').join(' '));
  });

  test('masks 20,000 phone numbers written with separators inside one run of digits', () => {
    const text = '138-1234-5678/'.repeat(20_000);
    const result = maskPii(text, 'customer');
    expect(result.findings).toHaveLength(20_000);
    expect(containsRawPii(result.text)).toBe(false);
  });

  test.each([
    ['digits in one long run', '1'.repeat(240_000)],
    ['single digits between spaces', '1 '.repeat(120_000)],
    ['@ after @', 'a@'.repeat(120_000)],
    ['one long domain label', `a@${'b'.repeat(240_000)}`],
    ['one long local part', `${'a'.repeat(240_000)}@example.com`],
    ['spelled-out markers', 'a at b dot '.repeat(20_000)],
    ['digits joined by zero-width spaces', '1\u200b'.repeat(120_000)],
    ['Chinese numerals', '一二'.repeat(120_000)],
    ['bracketed markers', '(at)'.repeat(60_000)],
  ])('finds nothing in 240 KB of %s', (_label, text) => {
    expect(maskPii(text, 'customer').findings).toEqual([]);
  });
});
