/**
 * Builds cloudfunctions/core/text/models/homophones.json, the table behind sound-alike matching
 * of red-line words (core/text/sound.match.ts), from files in the repository:
 * - scripts/text/data/pinyin.syllables.tsv: toneless pinyin → characters (written for this);
 * - scripts/text/data/pinyin.digits.tsv: what a lone digit can stand for;
 * - function characters: the one-character entries of the four stop-word lists in
 *   ../shared/data/lexicons (or `--keep-function-chars` to reuse the current file's, when the
 *   shared data is not at hand);
 * - `realWords`: every respelling of a two-character word of scorecard version 3's red-line
 *   lists that the segmenter's dictionary (models/base.dict.json) or the domain vocabulary knows
 *   as a word (本单 for 笨蛋, 饲料 for 私聊): such a respelling is ordinary text, never a dodge.
 *
 *   npx tsx scripts/text/build-homophones.ts [--check]
 *
 * `--check` exits 1 when the file on disk differs from what would be built (tests run it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODELS_DIR, SCRIPT_DATA_DIR, dataDir } from './paths';
import { DOMAIN_WORDS, type CompactDictionary } from '../../cloudfunctions/core/text/dictionary';
import type { HomophoneTable } from '../../cloudfunctions/core/text/sound.match';
import { SOUND_ALIKE_WORDS } from '../../cloudfunctions/core/scoring/default.scorecard.v3';

export const HOMOPHONES_FILE = join(MODELS_DIR, 'homophones.json');

function tsvRows(file: string): [string, string][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [key, value] = l.split('\t');
      if (!key || !value) throw new Error(`${file}: bad line ${JSON.stringify(l)}`);
      return [key, value];
    });
}

/** Character → readings, from syllable → characters. */
export function syllableIndex(rows: [string, string][]): Record<string, string> {
  const index = new Map<string, string[]>();
  for (const [syllable, chars] of rows) {
    if (!/^[a-z]+$/.test(syllable)) throw new Error(`not a toneless pinyin syllable: ${syllable}`);
    for (const ch of Array.from(chars)) {
      const list = index.get(ch) ?? [];
      if (!list.includes(syllable)) list.push(syllable);
      index.set(ch, list);
    }
  }
  return Object.fromEntries(
    [...index.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, s]) => [c, s.join(' ')]),
  );
}

function dictionaryWords(): Set<string> {
  const dict = JSON.parse(readFileSync(join(MODELS_DIR, 'base.dict.json'), 'utf8')) as CompactDictionary;
  const words = new Set<string>(DOMAIN_WORDS);
  for (const bucket of Object.values(dict.buckets)) for (const w of bucket.split(' ')) if (w.length === 2) words.add(w);
  return words;
}

/** Respellings of the two-character words that are words of their own. */
export function realRespellings(
  words: readonly string[],
  syllables: Record<string, string>,
  functionChars: string,
  known: Set<string>,
): string[] {
  const byReading = new Map<string, string[]>();
  for (const [ch, readings] of Object.entries(syllables))
    for (const r of readings.split(' ')) byReading.set(r, [...(byReading.get(r) ?? []), ch]);
  const alternatives = (ch: string) =>
    functionChars.includes(ch)
      ? [ch]
      : [...new Set([ch, ...(syllables[ch] ?? '').split(' ').flatMap((r) => byReading.get(r) ?? [])])];
  const out = new Set<string>();
  for (const word of words) {
    const chars = Array.from(word);
    if (chars.length !== 2) continue;
    for (const a of alternatives(chars[0]))
      for (const b of alternatives(chars[1])) {
        const w = a + b;
        if (w !== word && known.has(w)) out.add(w);
      }
  }
  return [...out].sort();
}

function functionCharsFromStopwords(): string {
  const dir = join(dataDir(), 'lexicons');
  const chars = new Set<string>();
  for (const f of ['baidu_stopwords.txt', 'cn_stopwords.txt', 'hit_stopwords.txt', 'scu_stopwords.txt']) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const w = line.trim();
      if (w.length === 1 && w >= '\u4e00' && w <= '\u9fff') chars.add(w);
    }
  }
  return [...chars].sort().join('');
}

export function buildHomophones(functionChars: string): HomophoneTable {
  const syllables = syllableIndex(tsvRows(join(SCRIPT_DATA_DIR, 'pinyin.syllables.tsv')));
  const digits = Object.fromEntries(tsvRows(join(SCRIPT_DATA_DIR, 'pinyin.digits.tsv')));
  return {
    origin:
      'scripts/text/build-homophones.ts: pinyin table scripts/text/data/pinyin.*.tsv; function characters from the ' +
      'stop-word lists in shared/data/lexicons; realWords from models/base.dict.json',
    syllables,
    digits,
    functionChars,
    realWords: realRespellings(SOUND_ALIKE_WORDS, syllables, functionChars, dictionaryWords()),
  };
}

function main(argv: string[]): number {
  const current = existsSync(HOMOPHONES_FILE)
    ? (JSON.parse(readFileSync(HOMOPHONES_FILE, 'utf8')) as HomophoneTable)
    : undefined;
  const keep = argv.includes('--keep-function-chars') || argv.includes('--check');
  if (keep && !current) throw new Error(`${HOMOPHONES_FILE} is missing: build it without --keep-function-chars`);
  const built = buildHomophones(keep ? current!.functionChars : functionCharsFromStopwords());
  const text = JSON.stringify(built) + '\n';
  if (argv.includes('--check')) {
    const same = readFileSync(HOMOPHONES_FILE, 'utf8') === text;
    console.log(
      same ? 'homophones.json is up to date' : 'homophones.json is stale: run scripts/text/build-homophones.ts',
    );
    return same ? 0 : 1;
  }
  writeFileSync(HOMOPHONES_FILE, text);
  console.log(
    `wrote ${HOMOPHONES_FILE}: ${Object.keys(built.syllables).length} characters, ${built.functionChars.length} function characters, ${built.realWords.length} real-word respellings`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
