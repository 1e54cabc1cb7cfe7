import { ERROR_CODES } from '@core/errors';
import { newCase, normalizeTag, normalizeTags, searchCases, type CaseEntry } from '@core/inspection/case-library.model';
import { containsRawPii } from '@core/privacy/pii.mask';
import { agent, conversation, customer } from '../scoring/support/factories';
import { codeOf, CONV, NOW } from './support/inspection.factories';

describe('tags', () => {
  it.each([
    ['#退款', '退款'],
    ['＃退款 ', '退款'],
    ['  ##首问负责 ', '首问负责'],
    ['First  Contact', 'first contact'],
    ['ＡＢＣ', 'abc'],
  ])('spell %j as %j', (raw, tag) => {
    expect(normalizeTag(raw)).toBe(tag);
  });

  it('keep each tag once, in order, without blanks', () => {
    expect(normalizeTags(['退款', '#退款', ' ', '安抚', 'ABC', 'abc'])).toEqual(['退款', '安抚', 'abc']);
  });

  it('refuse an over-long tag and more than ten', () => {
    expect(codeOf(() => normalizeTags(['一'.repeat(21)]))).toBe(ERROR_CODES.INPUT_INVALID);
    expect(codeOf(() => normalizeTags(Array.from({ length: 11 }, (_, i) => `t${i}`)))).toBe(ERROR_CODES.INPUT_INVALID);
  });
});

describe('a new case', () => {
  it('keeps the chosen messages in session order with their roles, the note, tags and issue type', () => {
    const c = newCase(
      CONV,
      {
        kind: 'cautionary',
        note: ' 承诺无依据 ',
        tags: ['#违规承诺', '违规承诺'],
        issueType: 'logistics',
        messageIndexes: [5, 0, 5],
      },
      'insp-1',
      NOW,
    );
    expect(c).toEqual({
      sessionId: 'sess-1',
      kind: 'cautionary',
      note: '承诺无依据',
      tags: ['违规承诺'],
      issueType: 'logistics',
      createdBy: 'insp-1',
      createdAt: NOW,
      excerpts: [
        { messageIndex: 0, role: 'customer', text: '你好，我的快递到哪了' },
        { messageIndex: 5, role: 'agent', text: '我保证明天送到，感谢您的耐心' },
      ],
    });
  });

  it('takes the issue type from the session when none is given', () => {
    const conv = conversation([customer(0, '退款')], { tags: { issueType: 'refund' } });
    expect(newCase(conv, { kind: 'exemplary', note: '好' }, 'i', NOW).issueType).toBe('refund');
  });

  it('stores nothing unmasked: a number in the note or in an excerpt is masked', () => {
    const conv = conversation([customer(0, '我的电话 13812345678'), agent(5, '好的')], { id: 'pii' });
    const c = newCase(conv, { kind: 'exemplary', note: '客户留了 13912345678', messageIndexes: [0] }, 'i', NOW);
    expect(c.note).toBe('客户留了 139****5678');
    expect(c.excerpts[0].text).toBe('我的电话 138****5678');
    expect(containsRawPii(JSON.stringify(c))).toBe(false);
  });

  it.each([
    ['an unknown kind', { kind: 'funny', note: 'x' }, ERROR_CODES.INPUT_INVALID],
    ['a blank note', { kind: 'exemplary', note: '  ' }, ERROR_CODES.INPUT_INVALID],
    ['a note over 500 characters', { kind: 'exemplary', note: '长'.repeat(501) }, ERROR_CODES.INPUT_INVALID],
    [
      'a message the session lacks',
      { kind: 'exemplary', note: 'x', messageIndexes: [6] },
      ERROR_CODES.REVIEW_BAD_MESSAGE,
    ],
  ])('refuses %s', (_what, input, code) => {
    expect(codeOf(() => newCase(CONV, input as never, 'i', NOW))).toBe(code);
  });
});

describe('searching the library', () => {
  const make = (
    sessionId: string,
    kind: CaseEntry['kind'],
    note: string,
    tags: string[],
    issueType: string,
    at: number,
  ): CaseEntry => ({
    sessionId,
    kind,
    note,
    tags,
    issueType,
    createdBy: 'i',
    createdAt: at,
    excerpts: [{ messageIndex: 0, role: 'agent', text: `${sessionId} 的摘录：非常抱歉让您久等` }],
  });
  const cases = [
    make('c1', 'exemplary', '安抚到位，主动补偿', ['安抚', '补偿'], 'refund', NOW),
    make('c2', 'cautionary', '承诺无依据', ['违规承诺'], 'logistics', NOW + 2),
    make('c3', 'exemplary', '首问负责，跟进到底', ['首问负责', '安抚'], 'logistics', NOW + 1),
  ];
  const ids = (xs: CaseEntry[]) => xs.map((c) => c.sessionId);

  it('lists everything newest first without a query', () => {
    expect(ids(searchCases(cases))).toEqual(['c2', 'c3', 'c1']);
  });

  it('finds by tag, however the tag is typed, all tags required', () => {
    expect(ids(searchCases(cases, { tags: ['#安抚'] }))).toEqual(['c3', 'c1']);
    expect(ids(searchCases(cases, { tags: ['安抚', '补偿'] }))).toEqual(['c1']);
  });

  it('finds by issue type and by kind', () => {
    expect(ids(searchCases(cases, { issueType: 'logistics' }))).toEqual(['c2', 'c3']);
    expect(ids(searchCases(cases, { kind: 'exemplary', issueType: 'logistics' }))).toEqual(['c3']);
  });

  it('finds by words in the note, the excerpts and the tags, every word required', () => {
    expect(ids(searchCases(cases, { text: '承诺' }))).toEqual(['c2']);
    expect(ids(searchCases(cases, { text: 'c1 久等' }))).toEqual(['c1']);
    expect(ids(searchCases(cases, { text: '首问负责 补偿' }))).toEqual([]);
    expect(ids(searchCases(cases, { text: 'REFUND' }))).toEqual(['c1']);
  });
});
