/**
 * Accuracy of the issue-type classifier (seed set only) on held-out customer messages written
 * separately from the seed set: scripts/text/data/issue-type.heldout.tsv.
 *
 *   npx tsx scripts/text/eval-issue-type.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCRIPT_DATA_DIR } from './paths';
import {
  createIssueTypeClassifier,
  isIssueType,
  ISSUE_TYPES,
  type IssueExample,
} from '../../cloudfunctions/core/text/issue-type.classifier';

export function readHeldOutIssues(file = join(SCRIPT_DATA_DIR, 'issue-type.heldout.tsv')): IssueExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [label, text] = line.split('\t');
      if (!isIssueType(label) || !text) throw new Error(`bad held-out line: ${line}`);
      return { label, text };
    });
}

function main(): void {
  const examples = readHeldOutIssues();
  const classifier = createIssueTypeClassifier();
  const confusion = new Map<string, number>();
  let correct = 0;
  const misses: string[] = [];
  for (const e of examples) {
    const got = classifier.classify([e.text]).label;
    if (got === e.label) correct++;
    else misses.push(`  ${e.label} -> ${got}: ${e.text}`);
    confusion.set(`${e.label}/${got}`, (confusion.get(`${e.label}/${got}`) ?? 0) + 1);
  }
  const out = [
    `held-out issue types: accuracy ${((correct / examples.length) * 100).toFixed(1)}% (${correct}/${examples.length})`,
  ];
  out.push('  gold \\ predicted ' + ISSUE_TYPES.map((t) => t.slice(0, 8).padStart(10)).join(''));
  for (const g of ISSUE_TYPES)
    out.push(
      `  ${g.padEnd(17)}` + ISSUE_TYPES.map((p) => String(confusion.get(`${g}/${p}`) ?? 0).padStart(10)).join(''),
    );
  if (misses.length) out.push('misclassified:', ...misses);
  process.stdout.write(out.join('\n') + '\n');
}

if (require.main === module) main();
