/**
 * Word-level precision / recall / F1 of the segmenter on the SIGHAN 2005 PKU and MSR test
 * sets (gold: words separated by two spaces), and its speed.
 *
 *   npx tsx scripts/text/eval-segmentation.ts [--dict path/to/base.dict.json] [--no-domain]
 *
 * A word counts as correct when its [start, end) character span, whitespace removed, matches
 * a gold word's span exactly (the bakeoff's scoring).
 */
import { readFileSync } from 'node:fs';
import { parseFlags } from '../cli/command';
import { dataFile } from './paths';
import { createSegmenter } from '../../cloudfunctions/core/text/segmenter';
import type { CompactDictionary } from '../../cloudfunctions/core/text/dictionary';

export interface SegmentationScore {
  precision: number;
  recall: number;
  f1: number;
  goldWords: number;
  predictedWords: number;
}

function spans(words: string[]): Set<string> {
  const out = new Set<string>();
  let pos = 0;
  for (const w of words) {
    out.add(`${pos}:${pos + w.length}`);
    pos += w.length;
  }
  return out;
}

export function scoreSegmentation(gold: string[][], predicted: string[][]): SegmentationScore {
  let correct = 0;
  let goldWords = 0;
  let predictedWords = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = spans(gold[i]);
    const p = spans(predicted[i]);
    goldWords += g.size;
    predictedWords += p.size;
    for (const s of p) if (g.has(s)) correct++;
  }
  const precision = predictedWords ? correct / predictedWords : 0;
  const recall = goldWords ? correct / goldWords : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, goldWords, predictedWords };
}

function main(): void {
  const { flags } = parseFlags(process.argv.slice(2));
  const base =
    typeof flags.dict === 'string' ? (JSON.parse(readFileSync(flags.dict, 'utf8')) as CompactDictionary) : undefined;
  const t0 = performance.now();
  const segmenter = createSegmenter({ base, domainWords: flags['no-domain'] ? [] : undefined });
  const loadMs = performance.now() - t0;
  process.stdout.write(`dictionary load: ${loadMs.toFixed(0)} ms\n`);

  for (const corpus of ['pku', 'msr']) {
    const goldLines = readFileSync(dataFile('segmentation', `${corpus}_test_gold.utf8`), 'utf8').split('\n');
    const gold: string[][] = [];
    const raw: string[] = [];
    for (const line of goldLines) {
      const words = line.split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      gold.push(words);
      raw.push(words.join(''));
    }
    const chars = raw.reduce((n, s) => n + s.length, 0);
    const start = performance.now();
    const predicted = raw.map((s) => segmenter.cut(s));
    const seconds = (performance.now() - start) / 1000;
    const s = scoreSegmentation(gold, predicted);
    process.stdout.write(
      `${corpus.toUpperCase()}: P=${s.precision.toFixed(4)} R=${s.recall.toFixed(4)} F1=${s.f1.toFixed(4)} ` +
        `(${s.goldWords} gold words, ${raw.length} lines) speed=${Math.round(chars / seconds).toLocaleString('en')} chars/s\n`,
    );
  }
}

if (require.main === module) main();
