import type { ActionParams, ActionResult } from '@core/api.contract';
import type { IssueTypeExample } from '@core/model';
import { call } from './api';

export type IssueTypeId = ActionParams<'issueTypes/examples/add'>['label'];

/** Admins' labelled examples, newest change first, with every label and its Chinese name. */
export function listIssueExamples(): Promise<ActionResult<'issueTypes/examples/list'>> {
  return call('issueTypes/examples/list', {});
}

/**
 * Adds an example (the server masks it). The same text again relabels it; `created: false`
 * means the text was already there.
 */
export function addIssueExample(text: string, label: IssueTypeId): Promise<ActionResult<'issueTypes/examples/add'>> {
  return call('issueTypes/examples/add', { text, label });
}

/** Removes an example; resolves with the removed one. */
export async function removeIssueExample(id: string): Promise<IssueTypeExample> {
  return (await call('issueTypes/examples/remove', { id })).removed;
}

/** How a customer line would be classified now: labels ranked by probability, and the examples in effect. */
export function classifyIssueType(text: string): Promise<ActionResult<'issueTypes/classify'>> {
  return call('issueTypes/classify', { text });
}
