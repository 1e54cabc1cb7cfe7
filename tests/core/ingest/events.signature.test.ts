import {
  INGEST_HEADERS,
  headerValue,
  isFreshTimestamp,
  isWellFormedSignature,
  parseSecretsList,
  readSignatureHeaders,
  signingString,
} from '@core/ingest/events.signature';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const nowSeconds = String(NOW / 1000);

describe('the signed string', () => {
  test('is the timestamp, a dot and the raw body byte for byte', () => {
    expect(signingString('1740823200', '{"a": 1}\n')).toBe('1740823200.{"a": 1}\n');
  });
});

describe('signature headers', () => {
  test('are found whatever their case', () => {
    expect(headerValue({ 'x-kefu-source': 'crm' }, INGEST_HEADERS.source)).toBe('crm');
    expect(headerValue({ 'X-KEFU-SOURCE': 'crm' }, INGEST_HEADERS.source)).toBe('crm');
  });

  test('all three are needed', () => {
    const full = { 'x-kefu-source': 'crm', 'x-kefu-timestamp': nowSeconds, 'x-kefu-signature': 'ab'.repeat(32) };
    expect(readSignatureHeaders(full)).toEqual({ source: 'crm', timestamp: nowSeconds, signature: 'ab'.repeat(32) });
    expect(readSignatureHeaders({ ...full, 'x-kefu-signature': '' })).toBeNull();
    expect(readSignatureHeaders(undefined)).toBeNull();
  });
});

describe('timestamp freshness', () => {
  test('accepts a timestamp within 300 s either way', () => {
    expect(isFreshTimestamp(String(NOW / 1000 - 300), NOW)).toBe(true);
    expect(isFreshTimestamp(String(NOW / 1000 + 300), NOW)).toBe(true);
  });

  test('refuses one older or newer than 300 s', () => {
    expect(isFreshTimestamp(String(NOW / 1000 - 301), NOW)).toBe(false);
    expect(isFreshTimestamp(String(NOW / 1000 + 301), NOW)).toBe(false);
  });

  test('refuses milliseconds and non-numbers', () => {
    expect(isFreshTimestamp(String(NOW), NOW)).toBe(false);
    expect(isFreshTimestamp('1740823200.5', NOW)).toBe(false);
  });
});

describe('signature format', () => {
  test('is 64 hex digits', () => {
    expect(isWellFormedSignature('aB'.repeat(32))).toBe(true);
    expect(isWellFormedSignature('ab'.repeat(31))).toBe(false);
    expect(isWellFormedSignature('zz'.repeat(32))).toBe(false);
  });
});

describe('the KEFU_INGEST_SECRETS list', () => {
  test('maps sources to secrets, a secret keeping any colon after the first', () => {
    expect([...parseSecretsList('crm:s3cret, ivr:a:b ,broken,:nosource')]).toEqual([
      ['crm', 's3cret'],
      ['ivr', 'a:b'],
    ]);
  });

  test('is empty when unset', () => {
    expect(parseSecretsList(undefined).size).toBe(0);
  });
});
