/**
 * The labelled seed set of customer messages the issue-type classifier starts from (written
 * for this project, `issue-type.seed.json`). Admins' examples are added on top at run time,
 * never edited in here. The messages are data beside the function's code, as the other model
 * files are (scripts/build-functions.ts): 10 KB less code in every bundle to parse at a cold start.
 */
import type { IssueType } from '../issue-type.labels';
import seedData from './issue-type.seed.json';

const seed = seedData as Record<IssueType, string[]>;

export const ISSUE_TYPE_SEED: { text: string; label: IssueType }[] = (Object.keys(seed) as IssueType[]).flatMap(
  (label) => seed[label].map((text) => ({ text, label })),
);
