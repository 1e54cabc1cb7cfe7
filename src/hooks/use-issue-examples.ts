import { useCallback, useState } from 'react';
import type { ActionResult } from '@core/api.contract';
import type { IssueTypeExample } from '@core/model';
import { errorMessage, isApiError } from '../services/api.error';
import { addIssueExample, listIssueExamples, removeIssueExample, type IssueTypeId } from '../services/issue-types';
import { useAction } from './use-action';
import { useRemote } from './use-remote';

export type IssueLabel = ActionResult<'issueTypes/examples/list'>['labels'][number];

/** A line under a form: what the last action did, or why it failed (with the server's code). */
export interface Feedback {
  tone: 'ok' | 'error';
  text: string;
  code?: string;
}

export function failure(e: unknown): Feedback {
  return { tone: 'error', text: errorMessage(e), ...(isApiError(e) ? { code: e.code } : {}) };
}

export interface IssueExamplesState {
  items: IssueTypeExample[];
  labels: IssueLabel[];
  loaded: boolean;
  loading: boolean;
  /** Why the list could not be loaded or an example not removed; null when all is well. */
  listFeedback: Feedback | null;
  /** A label's Chinese name (the id itself when unknown). */
  labelName: (id: string) => string;
  reload: () => Promise<void>;
  /**
   * Adds (or relabels) an example and says what happened in the words of the form: added,
   * relabelled from → to, or already there. Throws the server's error. Does not reload.
   */
  add: (text: string, label: IssueTypeId) => Promise<Feedback>;
  remove: (example: IssueTypeExample) => void;
  /** The id of the example being removed. */
  removing: string | null;
}

const NO_ITEMS: IssueTypeExample[] = [];
const NO_LABELS: IssueLabel[] = [];

/** The admins' labelled examples: the list, adding, relabelling and removing them. */
export function useIssueExamples(): IssueExamplesState {
  const list = useRemote(listIssueExamples, []);
  const items = list.data?.items ?? NO_ITEMS;
  const labels = list.data?.labels ?? NO_LABELS;
  // A failed removal is shown until the list answers again (or another removal starts).
  const [removeFailure, setRemoveFailure] = useState<{ feedback: Feedback; shownWith: unknown } | null>(null);

  const labelName = useCallback((id: string) => labels.find((l) => l.id === id)?.name ?? id, [labels]);

  const add = async (text: string, label: IssueTypeId): Promise<Feedback> => {
    const before = items;
    const { example, created } = await addIssueExample(text, label);
    const previous = before.find((it) => it._id === example._id);
    const name = labelName(example.label);
    if (created) return { tone: 'ok', text: `已添加：${name}` };
    if (previous && previous.label !== example.label) {
      return { tone: 'ok', text: `已更新标签：${labelName(previous.label)} → ${name}` };
    }
    return { tone: 'ok', text: `样例已存在（${name}）` };
  };

  const removal = useAction((example: IssueTypeExample) => removeIssueExample(example._id), {
    onDone: () => list.reload(),
    onError: (e) => setRemoveFailure({ feedback: failure(e), shownWith: list.data }),
  });

  const remove = (example: IssueTypeExample) => {
    if (removal.busy) return;
    setRemoveFailure(null);
    void removal.run(example);
  };

  const removeFeedback = removeFailure && removeFailure.shownWith === list.data ? removeFailure.feedback : null;
  return {
    items,
    labels,
    loaded: list.loaded,
    loading: list.loading,
    listFeedback: removeFeedback ?? (list.error ? failure(list.cause) : null),
    labelName,
    reload: list.reload,
    add,
    remove,
    removing: removal.running?.[0]._id ?? null,
  };
}
