import { containsRawPii, maskFreeText, maskPii } from '@core/privacy/pii.mask';
import { bankCard, idCard } from './pii.factories';

/**
 * Masking reads what a person would read as a number, whatever the spelling: each spelling
 * below once leaked through (issue 10), so each has its own case.
 */
const masked = (text: string) => maskPii(text, 'customer');
const types = (text: string) => masked(text).findings.map((f) => f.type);

/** An ID whose check character is X. */
function idCardEndingInX(): string {
  for (let seq = 0; seq < 1000; seq += 1) {
    const id = idCard('440305', '19851231', String(seq).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check character in 1000 sequence numbers');
}

describe('phone numbers, as people write them', () => {
  test.each([
    ['Chinese numerals', '一三九一二三四五六七八'],
    ['幺 for 1', '幺三九幺二三四五六七八'],
    ['financial numerals', '壹叁玖壹贰叁肆伍陆柒捌'],
    ['traditional financial numerals', '壹參玖壹貳參肆伍陸柒捌'],
    ['numerals mixed with digits', '139一二三四5678'],
    ['dots', '139.1234.5678'],
    ['several spaces', '139   1234   5678'],
    ['no-break spaces', '139\u00a01234\u00a05678'],
    ['ideographic spaces', '139\u30001234\u30005678'],
    ['a zero-width space inside a group', '1391\u200b2345678'],
    ['zero-width characters between every digit', [...'13912345678'].join('\u200b\u2060')],
    ['en dashes', '139–1234–5678'],
    ['em dashes', '139—1234—5678'],
    ['full-width hyphens', '139－1234－5678'],
    ['slashes', '139/1234/5678'],
    ['full-width slashes', '139／1234／5678'],
    ['3-4-4 groups with spaces', '139 1234 5678'],
    ['3-4-4 groups with hyphens', '139-1234-5678'],
    ['4-3-4 groups with spaces', '1391 234 5678'],
    ['4-3-4 groups with hyphens', '1391-234-5678'],
    ['one digit at a time', '1 3 9 1 2 3 4 5 6 7 8'],
    ['brackets around the first group', '(139)12345678'],
    ['full-width brackets and a hyphen', '（139）1234-5678'],
    ['brackets and spaces', '(139) 1234 5678'],
    ['circled digits', '①③⑨①②③④⑤⑥⑦⑧'],
    ['negative circled digits', '❶❸❾❶❷❸❹❺❻❼❽'],
    ['mathematical bold digits', '𝟏𝟑𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖'],
    ['mathematical double-struck digits', '𝟙𝟛𝟡𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠'],
    ['full-width digits', '１３９１２３４５６７８'],
    ['keycap digits', [...'13912345678'].map((d) => `${d}\ufe0f\u20e3`).join('')],
    ['Arabic-Indic digits', '١٣٩١٢٣٤٥٦٧٨'],
    ['a +86 prefix and hyphens', '+86-139-1234-5678'],
    ['a 0086 prefix and Chinese numerals', '〇〇八六一三九一二三四五六七八'],
  ])('masks %s', (_label, raw) => {
    const result = masked(`电话：${raw}，谢谢`);
    expect(result.text).toBe('电话：139****5678，谢谢');
    expect(result.findings.map((f) => f.type)).toEqual(['phone']);
  });

  test('reads 〇 and 零 as zero', () => {
    expect(masked('一三九一二三〇五六七零').text).toBe('139****5670');
  });

  test.each([
    ['tel', 'tel13912345678'],
    ['wx', 'wx13912345678'],
    ['wxid_', 'wxid_13912345678'],
    ['Tel: before it', 'Tel:13912345678'],
    ['letters after it', '13912345678abc'],
  ])('masks a number glued to Latin letters (%s)', (_label, raw) => {
    const result = masked(`加我${raw}`);
    expect(result.findings.map((f) => f.type)).toEqual(['phone']);
    expect(result.text).toContain('139****5678');
    expect(result.text).not.toContain('13912345678');
  });

  test('masks a number right after a Chinese numeral, as the numeral is another group', () => {
    expect(masked('一13812345678').text).toBe('一138****5678');
  });
});

describe('ID-card numbers, as people write them', () => {
  test('masks a full-width Ｘ check character', () => {
    const id = idCardEndingInX();
    const result = masked(`身份证${id.slice(0, 17)}Ｘ`);
    expect(result.findings.map((f) => f.type)).toEqual(['idcard']);
    expect(result.text).toBe(`身份证${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`);
  });

  test.each([
    ['spaces', ' '],
    ['hyphens', '-'],
  ])('masks an ID in 6-4-4-4 groups separated by %s', (_label, sep) => {
    const id = idCardEndingInX();
    const grouped = [id.slice(0, 6), id.slice(6, 10), id.slice(10, 14), id.slice(14)].join(sep);
    expect(masked(`证件号 ${grouped}`).text).toBe(`证件号 ${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`);
  });

  test('masks an ID typed in full-width digits', () => {
    const id = idCard('320102', '19881111', '456');
    const wide = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(types(wide)).toEqual(['idcard']);
  });

  test('still requires the checksum and a real birth date when the ID is spelled oddly', () => {
    const id = idCard('110101', '19900230', '123');
    expect(types([id.slice(0, 6), id.slice(6, 10), id.slice(10, 14), id.slice(14)].join(' '))).toEqual([]);
  });
});

describe('bank-card numbers, as people write them', () => {
  test('masks a card grouped in fours with no-break spaces', () => {
    const card = bankCard('622848', 19);
    const grouped = card.replace(/(\d{4})(?=\d)/g, '$1\u00a0');
    expect(masked(grouped).text).toBe(`${'*'.repeat(15)}${card.slice(-4)}`);
  });

  test('masks a card grouped 6 + 13 with a hyphen', () => {
    const card = bankCard('621700', 19);
    expect(masked(`${card.slice(0, 6)}-${card.slice(6)}`).text).toBe(`${'*'.repeat(15)}${card.slice(-4)}`);
  });

  test('masks a card with zero-width spaces in it', () => {
    const card = bankCard('622202', 16);
    expect(masked([...card].join('\u200b')).text).toBe(`${'*'.repeat(12)}${card.slice(-4)}`);
  });
});

describe('e-mail addresses, as people write them', () => {
  test.each([
    ['an ideographic full stop', 'zhangsan@example。com'],
    ['a full-width @ and full stop', 'zhangsan＠example．com'],
    ['(at)', 'zhangsan(at)example.com'],
    ['[at]', 'zhangsan[at]example.com'],
    ['full-width brackets', 'zhangsan（at）example.com'],
    ['(at) and (dot) with spaces', 'zhangsan (at) example (dot) com'],
    [' at … dot ', 'zhangsan at example dot com'],
    [' AT … DOT ', 'zhangsan AT example DOT com'],
  ])('masks an address written with %s', (_label, raw) => {
    const result = masked(`邮箱：${raw}，谢谢`);
    expect(result.text).toBe('邮箱：z***@example.com，谢谢');
    expect(result.findings.map((f) => f.type)).toEqual(['email']);
  });

  test('does not read ordinary English "at" followed by a domain as an address', () => {
    expect(types('please look at example.com')).toEqual([]);
    expect(types('meet me at school。Then call')).toEqual([]);
  });
});

describe('numbers that are not personal data', () => {
  test.each([
    ['a 12-digit order number', '订单号202610121234'],
    ['a 12-digit order number in 4-4-4 groups', '订单号 2026 1012 1234'],
    ['a date', '2026-10-12'],
    ['a date with slashes and a time', '2026/10/12 13:45'],
    ['a price', '￥139.00'],
    ['a price with a thousands separator', '¥1,380.00'],
    ['a price and its sum', '显示1799（1999-200），第二天1599'],
    ['an SF tracking number', 'SF1234567890123'],
    ['a YTO tracking number', '圆通YT1381234567890'],
    ['an IPv4 address', '服务器139.224.12.34'],
    ['Chinese words made of numerals', '一五一十地说，三三两两，一一对应'],
    ['a quantity and a price', '买了3件，共139元'],
  ])('leaves %s alone', (_label, text) => {
    expect(masked(text)).toEqual({ text, findings: [] });
  });
});

describe('masked text', () => {
  test('holds no raw value whatever the spelling', () => {
    const text = '一三九一二三四五六七八、(139)1234-5678、wx13912345678、zhangsan(at)example。com';
    const result = masked(text);
    expect(result.findings.map((f) => f.type)).toEqual(['phone', 'phone', 'phone', 'email']);
    expect(containsRawPii(result.text)).toBe(false);
  });

  test('is masked again to itself', () => {
    const once = masked(`手机①③⑨①②③④⑤⑥⑦⑧，身份证${idCardEndingInX()}，卡号${bankCard('622202', 16)}`).text;
    expect(masked(once)).toEqual({ text: once, findings: [] });
  });

  test('reports spans that cover the masked forms of odd spellings', () => {
    const result = masked('打 𝟏𝟑𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 或发 li(at)qq。com');
    expect(result.findings.map((f) => result.text.slice(f.start, f.end))).toEqual(['139****5678', 'l***@qq.com']);
  });
});

describe('maskFreeText', () => {
  test('masks free text the way messages are masked', () => {
    const note = '客户说电话是139 1234 5678，邮箱zhangsan[at]example.com';
    expect(maskFreeText(note)).toBe(maskPii(note, 'customer').text);
    expect(maskFreeText(note)).toBe('客户说电话是139****5678，邮箱z***@example.com');
  });

  test('returns text without personal data unchanged', () => {
    expect(maskFreeText('请尽快处理退款')).toBe('请尽快处理退款');
  });
});
