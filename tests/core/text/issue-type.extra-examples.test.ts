import { createIssueTypeClassifier, type IssueExample } from '@core/text/issue-type.classifier';

const example = (text: string, label: IssueExample['label']): IssueExample => ({ text, label });

describe('issue-type classifier learns from admins’ examples', () => {
  // A business where invoices are handled by the payments team: the seed set files them under other.
  const invoiceExamples = [
    example('发票开错了要重开', 'account'),
    example('电子发票在哪下载', 'account'),
    example('发票税号填错了', 'account'),
  ];

  it('changes its answer for a phrase the seed set files elsewhere', () => {
    const text = ['我要开发票'];
    expect(createIssueTypeClassifier().classify(text).label).toBe('other');
    expect(createIssueTypeClassifier(invoiceExamples).classify(text).label).toBe('account');
  });

  it('raises the confidence of the class the examples teach', () => {
    const text = ['以旧换新怎么参加'];
    const before = createIssueTypeClassifier()
      .rank(text)
      .find((r) => r.label === 'exchange')!.p;
    const after = createIssueTypeClassifier([
      example('以旧换新补贴多少', 'exchange'),
      example('参加以旧换新要寄旧机吗', 'exchange'),
    ])
      .rank(text)
      .find((r) => r.label === 'exchange')!.p;
    expect(after).toBeGreaterThan(before);
  });

  it('rejects an example with an unknown label', () => {
    expect(() => createIssueTypeClassifier([{ text: '随便', label: 'billing' as IssueExample['label'] }])).toThrow(
      /unknown issue type/,
    );
  });
});
