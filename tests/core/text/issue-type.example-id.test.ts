import {
  ISSUE_EXAMPLE_ID_PATTERN,
  issueExampleId,
  issueExampleInput,
} from '../../../cloudfunctions/core/text/issue-type.examples';

describe('issue-type example ids and input', () => {
  it('gives the same id to texts that normalise alike (spaces, width, case) and another to a different text', () => {
    const id = issueExampleId('安装师傅 什么时候上门 OK');
    expect(id).toMatch(ISSUE_EXAMPLE_ID_PATTERN);
    expect(issueExampleId('安装师傅什么时候上门ＯＫ')).toBe(id);
    expect(issueExampleId('安装师傅什么时候上门 ok')).toBe(id);
    expect(issueExampleId('安装师傅什么时候来')).not.toBe(id);
  });

  it('accepts a trimmed line with a known label and names the field of a bad one', () => {
    expect(issueExampleInput.parse({ text: '  退款多久到账 ', label: 'refund' })).toEqual({
      text: '退款多久到账',
      label: 'refund',
    });
    const bad = issueExampleInput.safeParse({ text: '退款多久到账', label: 'money' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['label']);
    expect(issueExampleInput.safeParse({ text: 'x'.repeat(201), label: 'other' }).success).toBe(false);
  });
});
