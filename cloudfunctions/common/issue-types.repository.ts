/**
 * Admins' issue-type examples (`issueTypeExamples`) and the classifier they teach. Scoring and
 * live alerts classify untagged sessions with the seed set plus these examples; each function
 * instance re-reads them at most once a minute, and the instance that changes them at once.
 */
import type { IssueTypeExample } from '../core/model';
import { DomainError, ERROR_CODES } from '../core/errors';
import { maskPii } from '../core/privacy/pii.mask';
import {
  createIssueTypeClassifier,
  type IssueExample,
  type IssueTypeClassifier,
} from '../core/text/issue-type.classifier';
import { issueExampleId, type IssueExampleInput } from '../core/text/issue-type.examples';
import { audit } from './audit.log';
import { byId, COLLECTIONS, database, rows } from './cloud';
import { instanceCache } from './instance.cache';

/** More than an admin will write by hand; the classifier trains on all of them in milliseconds. */
const MAX_EXAMPLES = 1000;
const CACHE_MS = 60_000;

function examples() {
  return database().collection(COLLECTIONS.issueTypeExamples);
}

export async function listIssueExamples(): Promise<IssueTypeExample[]> {
  return rows<IssueTypeExample>(examples().orderBy('updatedAt', 'desc').limit(MAX_EXAMPLES));
}

/**
 * Stores an example, masked. The same text (after normalisation) is one example: adding it
 * again with another label relabels it; with the same label it changes nothing.
 */
export async function addIssueExample(
  input: IssueExampleInput,
  by: string,
  now: number,
): Promise<{ example: IssueTypeExample; created: boolean }> {
  const text = maskPii(input.text, 'customer').text;
  const _id = issueExampleId(text);
  const existing = await byId<IssueTypeExample>(COLLECTIONS.issueTypeExamples, _id);
  if (existing && existing.label === input.label) return { example: existing, created: false };
  const example: IssueTypeExample = {
    _id,
    text,
    label: input.label,
    createdBy: existing?.createdBy ?? by,
    createdAt: existing?.createdAt ?? now,
    updatedBy: by,
    updatedAt: now,
  };
  const { _id: _omit, ...data } = example;
  await examples().doc(_id).set({ data });
  await audit({
    at: now,
    by,
    entity: 'issueTypeExample',
    entityId: _id,
    action: existing ? 'relabel' : 'add',
    before: existing ? { text: existing.text, label: existing.label } : null,
    after: { text, label: input.label },
  });
  forgetCachedIssueClassifier();
  return { example, created: !existing };
}

export async function removeIssueExample(id: string, by: string, now: number): Promise<IssueTypeExample> {
  const existing = await byId<IssueTypeExample>(COLLECTIONS.issueTypeExamples, id);
  if (!existing) throw new DomainError(ERROR_CODES.ISSUE_EXAMPLE_NOT_FOUND, `样例 ${id} 不存在`);
  await examples().doc(id).remove();
  await audit({
    at: now,
    by,
    entity: 'issueTypeExample',
    entityId: id,
    action: 'remove',
    before: { text: existing.text, label: existing.label },
    after: null,
  });
  forgetCachedIssueClassifier();
  return existing;
}

interface ClassifierEntry {
  classifier: IssueTypeClassifier;
  examples: number;
  /** Count and last update of the examples it was built from. */
  stamp: string;
}

/**
 * The classifier over the seed set and the stored examples. The examples are re-read at most
 * once a minute; the classifier is rebuilt only when they changed (count or last update).
 */
const classifierCache = instanceCache<ClassifierEntry>(CACHE_MS, async (previous) => {
  const stored = await listIssueExamples();
  const stamp = `${stored.length}@${stored.reduce((t, e) => Math.max(t, e.updatedAt), 0)}`;
  if (previous && previous.stamp === stamp) return previous;
  const classifier = createIssueTypeClassifier(stored.map(({ text, label }): IssueExample => ({ text, label })));
  return { classifier, examples: stored.length, stamp };
});

export async function currentIssueClassifier(
  now = Date.now(),
): Promise<{ classifier: IssueTypeClassifier; examples: number }> {
  const { classifier, examples } = await classifierCache.get(now);
  return { classifier, examples };
}

/** Drops the cached classifier (after a change here, and in tests that reset the database). */
export function forgetCachedIssueClassifier(): void {
  classifierCache.forget();
}
