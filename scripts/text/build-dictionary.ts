/**
 * Builds the segmenter's base dictionary (cloudfunctions/core/text/models/base.dict.json) from
 * jieba's MIT-licensed `jieba.dict.utf8`.
 *
 *   cd /tmp && npm pack nodejieba@3.5.8 && tar xzf nodejieba-3.5.8.tgz
 *   npx tsx scripts/text/build-dictionary.ts --source /tmp/package/submodules/cppjieba/dict/jieba.dict.utf8 [--min-freq 10]
 *
 * Words below --min-freq are dropped (rare entries cost size and, measured on SIGHAN 2005,
 * F1 too). Frequencies are stored as rounded multiples of ln(f)/SCALE and words grouped by
 * that bucket, so a word costs its own bytes plus one separator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from '../cli/command';
import { MODELS_DIR } from './paths';
import { BASE_DICT_SCALE, type CompactDictionary } from '../../cloudfunctions/core/text/dictionary';

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const source = typeof flags.source === 'string' ? flags.source : process.env.JIEBA_DICT;
  if (!source) {
    throw new Error('usage: build-dictionary.ts --source <path to jieba.dict.utf8> [--min-freq N] [--out file]');
  }
  const minFreq = typeof flags['min-freq'] === 'string' ? Number(flags['min-freq']) : 10;
  const out = typeof flags.out === 'string' ? flags.out : join(MODELS_DIR, 'base.dict.json');

  let total = 0;
  const buckets = new Map<number, string[]>();
  let kept = 0;
  for (const line of readFileSync(source, 'utf8').split('\n')) {
    const [word, freqText] = line.trim().split(/\s+/);
    const freq = Number(freqText);
    if (!word || !Number.isFinite(freq) || freq <= 0) continue;
    total += freq;
    if (freq < minFreq) continue;
    const q = Math.round(Math.log(freq) * BASE_DICT_SCALE);
    let list = buckets.get(q);
    if (!list) buckets.set(q, (list = []));
    list.push(word);
    kept++;
  }
  const dict: CompactDictionary = {
    origin: 'jieba.dict.utf8 from nodejieba 3.5.8 (cppjieba; MIT licence)',
    minFreq,
    scale: BASE_DICT_SCALE,
    total,
    buckets: {},
  };
  for (const q of [...buckets.keys()].sort((a, b) => a - b)) {
    dict.buckets[String(q)] = buckets.get(q)!.sort().join(' ');
  }
  const json = JSON.stringify(dict);
  writeFileSync(out, json + '\n');
  process.stdout.write(
    `${kept} words (freq >= ${minFreq}), ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB -> ${out}\n`,
  );
}

main();
