import { containsRawPii, isLuhnValid, isValidIdCard, maskPii } from '@core/privacy/pii.mask';
import { bankCard, bankCardLuhnInvalid, groupInFours, idCard, idCardBadChecksum } from './pii.factories';

const maskedByCustomer = (text: string) => maskPii(text, 'customer');
const types = (text: string) => maskedByCustomer(text).findings.map((f) => f.type);

describe('phone numbers', () => {
  test('masks a bare mobile number to its first 3 and last 4 digits', () => {
    expect(maskedByCustomer('13812345678').text).toBe('138****5678');
  });

  test('masks a number written right after Chinese text', () => {
    expect(maskedByCustomer('我的手机号是13812345678，麻烦尽快联系').text).toBe(
      '我的手机号是138****5678，麻烦尽快联系',
    );
  });

  test.each([
    '138 1234 5678',
    '138-1234-5678',
    '+86 13812345678',
    '+8613812345678',
    '8613812345678',
    '+86-138-1234-5678',
    '0086 13812345678',
  ])('masks the grouped or prefixed form %s', (raw) => {
    expect(maskedByCustomer(`电话：${raw}`).text).toBe('电话：138****5678');
  });

  test('masks full-width digits typed with a Chinese IME', () => {
    expect(maskedByCustomer('手机１３８１２３４５６７８').text).toBe('手机138****5678');
  });

  test.each([
    ['a 12-digit phone-like number', '订单138123456789'],
    ['a number starting 12', '12812345678'],
    ['12 full-width digits', '编号１３８１２３４５６７８９'],
    ['a 10-digit number', '1381234567'],
    ['a tracking number', '顺丰单号SF1381234567890'],
    ['a millisecond timestamp', 'ts=1712345678901'],
    ['an amount', '退款金额13800.00元'],
    ['a date and time', '2024-03-15 13:45:12下单'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskedByCustomer(text)).toEqual({ text, findings: [] });
  });
});

describe('ID-card numbers', () => {
  test('masks a valid ID keeping the first 4 and last 4 characters', () => {
    const id = idCard('110101', '19900307', '123');
    expect(maskedByCustomer(`身份证${id}`).text).toBe(`身份证1101**********${id.slice(14)}`);
  });

  test('accepts a lower-case x check character', () => {
    // Find a sequence number whose check character is X.
    let id = '';
    for (let seq = 0; seq < 1000 && !id.endsWith('X'); seq += 1)
      id = idCard('440305', '19851231', String(seq).padStart(3, '0'));
    expect(id.endsWith('X')).toBe(true);
    const lower = id.slice(0, 17) + 'x';
    expect(types(`证件号${lower}`)).toEqual(['idcard']);
  });

  test('masks an ID typed in 6-8-4 groups', () => {
    const id = idCard();
    expect(types(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)).toEqual(['idcard']);
  });

  test('does not treat an 18-digit number with a bad checksum as an ID', () => {
    const bad = idCardBadChecksum('110101', '19900307', '123');
    expect(types(`单号${bad}`)).not.toContain('idcard');
  });

  test('does not treat an impossible birth date as an ID', () => {
    expect(isValidIdCard(idCard('110101', '19900230', '123'))).toBe(false);
    expect(isValidIdCard(idCard('110101', '20000229', '123'))).toBe(true);
  });

  test('does not treat an unknown province code as an ID', () => {
    expect(isValidIdCard(idCard('990101', '19900307', '123'))).toBe(false);
  });

  test.each([
    ['a 17-digit order id', '订单号20240315123456789'],
    ['a 19-digit order id', `订单号${idCard()}0`],
    ['an 18-digit order id starting with a date', '订单号202403151234567890'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskedByCustomer(text).findings).toEqual([]);
  });

  test('prefers ID over bank card for an 18-digit string that is both', () => {
    // Search for a valid ID that is also Luhn-valid and starts like a card would not matter:
    // the ID checks take precedence whatever Luhn says.
    let both = '';
    for (let seq = 0; seq < 1000 && !both; seq += 1) {
      const id = idCard('610102', '19790101', String(seq).padStart(3, '0'));
      if (/^\d{18}$/.test(id) && isLuhnValid(id)) both = id;
    }
    expect(both).not.toBe('');
    expect(types(both)).toEqual(['idcard']);
  });
});

describe('bank-card numbers', () => {
  test('masks a 16-digit Luhn-valid card to its last 4 digits', () => {
    const card = bankCard('622202', 16);
    expect(maskedByCustomer(`卡号${card}`).text).toBe(`卡号************${card.slice(-4)}`);
  });

  test('masks a 19-digit card', () => {
    const card = bankCard('621700', 19);
    expect(maskedByCustomer(card).text).toBe(`${'*'.repeat(15)}${card.slice(-4)}`);
  });

  test('masks a card grouped by spaces', () => {
    const card = bankCard('622848', 19);
    expect(maskedByCustomer(`退到这张卡：${groupInFours(card)}`).text).toBe(
      `退到这张卡：${'*'.repeat(15)}${card.slice(-4)}`,
    );
  });

  test('leaves a Luhn-invalid 16-digit number alone', () => {
    const text = `流水号${bankCardLuhnInvalid('622202', 16)}`;
    expect(maskedByCustomer(text).findings).toEqual([]);
  });

  test('leaves a Luhn-valid number without a card issuer prefix alone', () => {
    const text = `订单${bankCard('202403', 16)}`;
    expect(maskedByCustomer(text).findings).toEqual([]);
  });

  test('does not match a card embedded in a longer digit run', () => {
    const text = `${bankCard('622202', 16)}1234`;
    expect(maskedByCustomer(text).findings).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  test('keeps the first character and the domain', () => {
    expect(maskedByCustomer('邮箱zhangsan@example.com谢谢').text).toBe('邮箱z***@example.com谢谢');
  });

  test('treats a phone-number mailbox as one e-mail finding', () => {
    const result = maskedByCustomer('发到13812345678@163.com');
    expect(result.text).toBe('发到1***@163.com');
    expect(result.findings.map((f) => f.type)).toEqual(['email']);
  });

  test('leaves an @-mention without a domain alone', () => {
    expect(maskedByCustomer('@小王 帮忙看下').findings).toEqual([]);
  });
});

describe('findings', () => {
  test('report each finding with its span in the masked text', () => {
    const card = bankCard('622202', 16);
    const text = `手机13812345678，卡号${card}，邮箱li.si@qq.com，身份证${idCard()}`;
    const result = maskedByCustomer(text);
    expect(result.findings.map((f) => f.type)).toEqual(['phone', 'bankcard', 'email', 'idcard']);
    const spans = result.findings.map((f) => result.text.slice(f.start, f.end));
    expect(spans).toEqual([
      '138****5678',
      `************${card.slice(-4)}`,
      'l***@qq.com',
      `1101**********${idCard().slice(14)}`,
    ]);
  });

  test('carry the role of the writer', () => {
    expect(maskPii('加我13812345678', 'agent').findings[0].by).toBe('agent');
  });

  test('never leave a raw value in the output', () => {
    const raw = ['13987654321', idCard('320102', '19881111', '456'), bankCard('621483', 16), 'wangwu@corp.cn'];
    const result = maskedByCustomer(raw.join(' 和 '));
    expect(result.findings).toHaveLength(4);
    for (const value of raw) expect(result.text).not.toContain(value);
    expect(containsRawPii(result.text)).toBe(false);
  });

  test('return the text unchanged when there is nothing to mask', () => {
    const text = '亲，您的包裹已经发出，请耐心等待';
    expect(maskedByCustomer(text)).toEqual({ text, findings: [] });
  });
});

describe('containsRawPii', () => {
  test('detects raw PII', () => {
    expect(containsRawPii('联系我13812345678')).toBe(true);
  });

  test('is false for already masked text', () => {
    expect(containsRawPii(maskedByCustomer('联系我13812345678或a@b.com').text)).toBe(false);
  });
});

describe('numbers named by the words before them', () => {
  test('an ID-shaped number after 身份证 is masked even with a wrong check character', () => {
    const bad = idCardBadChecksum('110105', '19900307', '123');
    expect(isValidIdCard(bad)).toBe(false);
    expect(types(`身份证 ${bad}`)).toEqual(['idcard']);
    expect(maskedByCustomer(`证件号：${bad}`).text).toBe(`证件号：1101**********${bad.slice(14)}`);
  });

  test('a card-shaped number after 卡号 or a bank name is masked even failing Luhn', () => {
    const bad = bankCardLuhnInvalid('622700', 19);
    expect(isLuhnValid(bad)).toBe(false);
    expect(types(`卡号 ${groupInFours(bad)}`)).toEqual(['bankcard']);
    expect(types(`就是 建设银行 ${groupInFours(bad)}`)).toEqual(['bankcard']);
  });

  test('without such words the checks still decide: order and tracking numbers stay readable', () => {
    const badCard = bankCardLuhnInvalid('622700', 19);
    const badId = idCardBadChecksum('110105', '19900307', '123');
    expect(types(`订单号 ${badCard}`)).toEqual([]);
    expect(types(`您的订单 ${badId} 已发货`)).toEqual([]);
    expect(types(`身份证审核通过。订单 ${badCard}`)).toEqual([]);
  });
});
