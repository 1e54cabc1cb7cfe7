import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIssueTypeClassifier, isIssueType } from '@core/text/issue-type.classifier';
import { ISSUE_TYPE_SEED } from '@core/text/models/issue-type.seed';

// Messages written apart from the seed set (scripts/text/eval-issue-type.ts prints the details).
const heldOut = readFileSync(join(__dirname, '../../../scripts/text/data/issue-type.heldout.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [label, text] = line.split('\t');
    if (!isIssueType(label)) throw new Error(`bad label in ${line}`);
    return { label, text };
  });

describe('issue-type classifier on held-out messages', () => {
  it('shares no message with the seed set', () => {
    const seed = new Set(ISSUE_TYPE_SEED.map((e) => e.text));
    expect(heldOut.filter((e) => seed.has(e.text))).toEqual([]);
  });

  it('classifies at least 85 % of them correctly', () => {
    const classifier = createIssueTypeClassifier();
    const correct = heldOut.filter((e) => classifier.classify([e.text]).label === e.label).length;
    expect(correct / heldOut.length).toBeGreaterThanOrEqual(0.85);
  });
});
