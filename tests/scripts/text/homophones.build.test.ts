import { readFileSync } from 'node:fs';
import { buildHomophones, HOMOPHONES_FILE, syllableIndex } from '../../../scripts/text/build-homophones';
import type { HomophoneTable } from '../../../cloudfunctions/core/text/sound.match';

/** models/homophones.json is generated: it must match its sources (pinyin table, lexicons, dictionary). */
describe('homophone table', () => {
  const shipped = JSON.parse(readFileSync(HOMOPHONES_FILE, 'utf8')) as HomophoneTable;

  it('is up to date with scripts/text/data/pinyin.*.tsv and the red-line word lists', () => {
    expect(JSON.stringify(buildHomophones(shipped.functionChars)) + '\n').toBe(readFileSync(HOMOPHONES_FILE, 'utf8'));
  });

  it('lists a character under every reading it has', () => {
    expect(
      syllableIndex([
        ['le', '了乐'],
        ['liao', '聊了'],
      ]),
    ).toEqual({ 乐: 'le', 了: 'le liao', 聊: 'liao' });
  });

  it('keeps respellings that are ordinary words out of matching', () => {
    expect(shipped.realWords).toEqual(expect.arrayContaining(['饲料', '纸张', '沙子']));
    expect(shipped.functionChars).toContain('是');
  });
});
