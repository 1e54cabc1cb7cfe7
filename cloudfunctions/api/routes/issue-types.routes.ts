import { z } from 'zod';
import {
  addIssueExample,
  currentIssueClassifier,
  listIssueExamples,
  removeIssueExample,
} from '../../common/issue-types.repository';
import { maskPii } from '../../core/privacy/pii.mask';
import { ISSUE_TYPE_NAMES, ISSUE_TYPES } from '../../core/text/issue-type.labels';
import { EXAMPLE_MAX_CHARS, ISSUE_EXAMPLE_ID_PATTERN, issueExampleInput } from '../../core/text/issue-type.examples';
import { route } from '../router';

const LABELS = ISSUE_TYPES.map((id) => ({ id, name: ISSUE_TYPE_NAMES[id] }));

export const issueExamplesList = route('issueTypes/examples/list', {
  params: z.object({}).strip(),
  async handle() {
    return { items: await listIssueExamples(), labels: LABELS };
  },
});

export const issueExamplesAdd = route('issueTypes/examples/add', {
  params: issueExampleInput,
  async handle({ user, now }, p) {
    return addIssueExample(p, user._id, now);
  },
});

export const issueExamplesRemove = route('issueTypes/examples/remove', {
  params: z.object({ id: z.string().regex(ISSUE_EXAMPLE_ID_PATTERN, '样例 id 格式为 ex_ 加 16 位十六进制') }).strict(),
  async handle({ user, now }, p) {
    return { removed: await removeIssueExample(p.id, user._id, now) };
  },
});

export const issueTypesClassify = route('issueTypes/classify', {
  params: z.object({ text: z.string().trim().min(1, '请输入一句客户的话').max(EXAMPLE_MAX_CHARS) }).strict(),
  async handle({ now }, p) {
    const { classifier, examples } = await currentIssueClassifier(now);
    const ranked = classifier
      .rank([maskPii(p.text, 'customer').text])
      .map(({ label, p: prob }) => ({ label, name: ISSUE_TYPE_NAMES[label], p: Number(prob.toFixed(4)) }));
    return { ranked, examples };
  },
});
