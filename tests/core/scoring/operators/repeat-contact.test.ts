import { check, conversation, customer, T0 } from '../support/factories';

const HOUR = 3_600_000;
const within24 = { op: 'repeatContact', params: { withinHours: 24 } };

describe('repeatContact operator', () => {
  const conv = conversation([customer(0, '又是我，快递还没到')], { tags: { issueType: 'logistics' } });

  it('holds when the customer contacted within the window', () => {
    const r = check(within24, conv, { history: { previousContacts: [{ at: T0 - 5 * HOUR }] } });
    expect(r.held).toBe(true);
    expect(r.hits[0].reason).toContain('第 2 次');
  });

  it('ignores older contacts', () => {
    expect(check(within24, conv, { history: { previousContacts: [{ at: T0 - 30 * HOUR }] } }).held).toBe(false);
  });

  it('sameIssueType counts only contacts about the same issue', () => {
    const when = { op: 'repeatContact', params: { withinHours: 24, sameIssueType: true } };
    const history = { previousContacts: [{ at: T0 - HOUR, issueType: 'refund' }] };
    expect(check(when, conv, { history }).held).toBe(false);
    expect(check(when, conv, { history: { previousContacts: [{ at: T0 - HOUR, issueType: 'logistics' }] } }).held).toBe(
      true,
    );
  });

  it('without history the rule is skipped, not passed', () => {
    const r = check(within24, conv);
    expect(r.held).toBe(false);
    expect(r.skipped?.[0].reason).toContain('历史');
  });
});
