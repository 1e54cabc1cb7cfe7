import { createHash } from 'crypto';
import { capMessageText, MESSAGE_TEXT_LIMIT, storedText } from '../../../cloudfunctions/core/ingest/text.cap';
import { idDigest, sha256Hex } from '../../../cloudfunctions/core/id.digest';

describe('the message text cap', () => {
  test('a text at the limit is kept whole and unflagged', () => {
    const t = 'a'.repeat(MESSAGE_TEXT_LIMIT);
    expect(capMessageText(t)).toEqual({ text: t, truncated: false, fullLength: MESSAGE_TEXT_LIMIT });
    expect(storedText(t, 'customer')).toEqual({ text: t });
  });

  test('a longer text is cut to the limit and flagged with its length', () => {
    const stored = storedText(`${'a'.repeat(MESSAGE_TEXT_LIMIT)}13812345678`, 'customer');
    expect(stored).toEqual({
      text: 'a'.repeat(MESSAGE_TEXT_LIMIT),
      truncated: true,
      fullLength: MESSAGE_TEXT_LIMIT + 11,
    });
  });

  test('the cut never splits a surrogate pair', () => {
    const t = `${'a'.repeat(MESSAGE_TEXT_LIMIT - 1)}😀tail`;
    const capped = capMessageText(t);
    expect(capped.text).toBe('a'.repeat(MESSAGE_TEXT_LIMIT - 1));
    expect(capped.truncated).toBe(true);
  });
});

describe('id digests', () => {
  test('sha256Hex matches Node crypto on ASCII, CJK, emoji and block-boundary lengths', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '客服😀'.repeat(50)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
  });

  test('idDigest separates its parts, so ("ab","c") and ("a","bc") differ', () => {
    expect(idDigest('ab', 'c')).not.toBe(idDigest('a', 'bc'));
    expect(idDigest('13812345678')).toMatch(/^[0-9a-f]{32}$/);
  });
});
