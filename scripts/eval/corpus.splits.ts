/**
 * The halves of the labelled chat corpus are its folders (scripts/eval/corpus/<split>/*.jsonl):
 * `tune` to tune on, `test`, `test2`… frozen (nobody tunes against them; a later frozen half is
 * another folder starting with `test`), and `train`, the act classifier's training corpus, which
 * is no evaluation half. Decided by the folder's name alone, so that a new frozen half is frozen
 * before anyone opens it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The act classifier's training corpus: not an evaluation half. */
export const TRAINING_SPLIT = 'train';

/** Every folder whose name starts with `test` is a frozen half. */
export function isFrozenSplit(split: string): boolean {
  return split.startsWith('test');
}

/** The id prefix a half's conversations carry: `T-` in every frozen half, `U-` in tune, `R-` in train. */
export function idPrefixOf(split: string): string | undefined {
  if (isFrozenSplit(split)) return 'T-';
  if (split === 'tune') return 'U-';
  if (split === TRAINING_SPLIT) return 'R-';
  return undefined;
}

/** The evaluation halves present under a corpus folder (every sub-folder but `train`), sorted. */
export function evaluationSplits(corpus: string): string[] {
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus)
    .filter((name) => name !== TRAINING_SPLIT && statSync(join(corpus, name)).isDirectory())
    .sort();
}
