import { callApi, resetStore } from './harness';
import { customerSays, data, inStore, putDoc } from './alerts.support';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { currentIssueClassifier } from '../../cloudfunctions/common/issue-types.repository';
import { issueExampleId } from '../../cloudfunctions/core/text/issue-type.examples';

beforeEach(() => resetStore());

const add = (text: string, label: string, as = 'admin-1') =>
  callApi(as, { action: 'issueTypes/examples/add', text, label });

/** A customer line pushed, its session closed through the API: the issue type it was given. */
async function issueTypeOfSessionWith(text: string, customer: string): Promise<string | undefined> {
  await customerSays(text, { customer });
  const [session] = await inStore<{ _id: string }>('sessions', { customerId: customer });
  const closed = data(await callApi('admin-1', { action: 'sessions/close', sessionId: session._id }));
  return closed.session.issueType;
}

describe('issue-type examples: admins teach the classifier', () => {
  it('stores an example masked, lists it with the label names, and audits it', async () => {
    const r = data(await add('我电话13812345678，安装师傅什么时候上门', 'repair'));
    expect(r.created).toBe(true);
    expect(r.example.text).not.toContain('13812345678');
    expect(r.example).toMatchObject({ label: 'repair', createdBy: 'admin-1', _id: issueExampleId(r.example.text) });

    const list = data(await callApi('admin-1', { action: 'issueTypes/examples/list' }));
    expect(list.items).toEqual([r.example]);
    expect(list.labels).toContainEqual({ id: 'repair', name: '售后维修' });
    expect(await inStore('auditLog', { entity: 'issueTypeExample' })).toEqual([
      expect.objectContaining({
        by: 'admin-1',
        entityId: r.example._id,
        action: 'add',
        before: null,
        after: { text: r.example.text, label: 'repair' },
      }),
    ]);
  });

  it('keeps one example per text: the same text again changes nothing, a new label relabels it', async () => {
    const first = data(await add('什么时候上门安装', 'repair')).example;
    expect(data(await add(' 什么时候 上门安装 ', 'repair'))).toEqual({ example: first, created: false });
    const relabelled = data(await add('什么时候上门安装', 'product'));
    expect(relabelled).toMatchObject({ created: false, example: { _id: first._id, label: 'product' } });
    expect(await inStore('issueTypeExamples')).toHaveLength(1);
    expect((await inStore('auditLog', { entity: 'issueTypeExample' })).map((e) => e.action)).toEqual([
      'add',
      'relabel',
    ]);
  });

  it('rejects a bad example with the field named, and non-admins outright', async () => {
    await expect(add('安装', 'installation')).resolves.toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const short = await add('装', 'repair');
    expect(short).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect((short as { message: string }).message).toMatch(/^text:/);
    await expect(add('什么时候上门安装', 'repair', 'insp-1')).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await inStore('issueTypeExamples')).toEqual([]);
  });

  it('changes how untagged sessions are classified when they close, and removing undoes it', async () => {
    const line = '安装师傅什么时候上门';
    // The seed set alone reads 「上门」 and 「什么时候」 as a refund pickup question.
    expect(await issueTypeOfSessionWith(line, 'oBefore')).toBe('refund');

    const { example } = data(await add('什么时候上门安装', 'repair'));
    const preview = data(await callApi('admin-1', { action: 'issueTypes/classify', text: line }));
    expect(preview.examples).toBe(1);
    expect(preview.ranked[0]).toMatchObject({ label: 'repair', name: '售后维修' });
    expect(await issueTypeOfSessionWith(line, 'oAfter')).toBe('repair');

    expect(data(await callApi('admin-1', { action: 'issueTypes/examples/remove', id: example._id })).removed).toEqual(
      example,
    );
    expect(await issueTypeOfSessionWith(line, 'oRemoved')).toBe('refund');
    await expect(callApi('admin-1', { action: 'issueTypes/examples/remove', id: example._id })).resolves.toMatchObject({
      ok: false,
      code: 'ISSUE_EXAMPLE.NOT_FOUND',
    });
  });
});

describe('the classifier each function instance keeps', () => {
  const line = '安装师傅什么时候上门';
  const classifyAt = (at: number) =>
    runWithContext({ SOURCE: 'test' }, async () => (await currentIssueClassifier(at)).classifier.classify([line]));

  it('sees examples another instance added within a minute, and rebuilds only when they changed', async () => {
    const t0 = Date.now();
    const before = await runWithContext({ SOURCE: 'test' }, () => currentIssueClassifier(t0));
    expect((await classifyAt(t0)).label).toBe('refund');
    // Written by another instance: this one's cache does not know.
    const text = '什么时候上门安装';
    await putDoc('issueTypeExamples', issueExampleId(text), {
      text,
      label: 'repair',
      createdBy: 'admin-1',
      createdAt: t0,
      updatedBy: 'admin-1',
      updatedAt: t0,
    });
    expect((await classifyAt(t0 + 59_000)).label).toBe('refund');
    expect((await classifyAt(t0 + 61_000)).label).toBe('repair');
    const after = await runWithContext({ SOURCE: 'test' }, () => currentIssueClassifier(t0 + 61_000));
    expect(after.classifier).not.toBe(before.classifier);
    // Nothing changed since: the same classifier is kept past the next re-read.
    const later = await runWithContext({ SOURCE: 'test' }, () => currentIssueClassifier(t0 + 200_000));
    expect(later.classifier).toBe(after.classifier);
  });
});
