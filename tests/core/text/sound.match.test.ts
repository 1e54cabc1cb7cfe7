import { compileSoundWords, findSoundAlike } from '../../../cloudfunctions/core/text/sound.match';
import { normalizeForMatching } from '../../../cloudfunctions/core/text/match.normalize';
import {
  RUDE_BY_INITIALS,
  RUDE_LEXICON_V3,
  RUDE_RESPELLED_WHOLE,
} from '../../../cloudfunctions/core/scoring/rude.lexicon';
import { OFF_PLATFORM_WORDS_V2 } from '../../../cloudfunctions/core/scoring/default.scorecard.v2';

const rude = compileSoundWords(RUDE_LEXICON_V3, { strong: RUDE_RESPELLED_WHOLE, initials: RUDE_BY_INITIALS });
const offPlatform = compileSoundWords(OFF_PLATFORM_WORDS_V2);
const find = (text: string, words = rude) => findSoundAlike(normalizeForMatching(text).text, words)?.word ?? null;

describe('sound-alike matching of red-line words', () => {
  it.each([
    ['你是不是SB', '傻逼'],
    ['s b一个', '傻逼'],
    ['shabi吧你', '傻逼'],
    ['你个煞笔', '傻逼'],
    ['傻b', '傻逼'],
    ['傻傻逼', '傻逼'],
    ['你有bing吧', '你有病'],
    ['深井冰', '神经病'],
    ['爱要8要', '爱要不要'],
    ['关我pi事', '关我屁事'],
    ['tmd催什么', '他妈的'],
    ['nc吧', '脑残'],
  ])('%s reads as %s', (text, word) => {
    expect(find(text)).toBe(word);
  });

  it.each([
    '这款USB接口',
    '纸张是80克的', // 智障 by sound, but a word
    '这款饲料适合幼猫', // 私聊
    '沙子不会进去', // 傻子
    '数量是真多', // 是 is a function character, never a respelling of 事
    '不管我是哪个客服都会帮您',
    '7nm芯片',
    '我5点到',
    '白吃白喝',
    '尺码有s、b两种',
  ])('ordinary text is no match: %s', (text) => {
    expect(find(text)).toBeNull();
    expect(find(text, offPlatform)).toBeNull();
  });

  it('written as is, the word is left to plain matching', () => {
    expect(find('傻逼')).toBeNull();
  });

  it('honours the caller’s check (negation, exclusion)', () => {
    const text = normalizeForMatching('你个煞笔').text;
    expect(findSoundAlike(text, rude, () => false)).toBeNull();
  });
});
