import { check, conversation, customer, agent } from '../support/factories';

const meta = (field: string, is: string, value?: unknown) => ({ op: 'metadata', params: { field, is, value } });

describe('metadata operator', () => {
  const rated = conversation([customer(0, '在吗'), agent(5, '在的')], {
    rating: { csat: 2, resolved: false },
    transfers: 2,
    channel: 'wecom-kf',
    tags: { issueType: 'refund' },
  });

  it('compares numbers', () => {
    expect(check(meta('rating.csat', 'lte', 2), rated).held).toBe(true);
    expect(check(meta('rating.csat', 'lt', 2), rated).held).toBe(false);
    expect(check(meta('transfers', 'gte', 2), rated).held).toBe(true);
  });

  it('compares booleans and strings, and lists', () => {
    expect(check(meta('rating.resolved', 'eq', false), rated).held).toBe(true);
    expect(check(meta('channel', 'in', ['mp-kf', 'wecom-kf']), rated).held).toBe(true);
    expect(check(meta('tags.issueType', 'notIn', ['refund']), rated).held).toBe(false);
  });

  it('a missing fact satisfies no comparison: no rating is not a bad rating', () => {
    const unrated = conversation([customer(0, '在吗')]);
    expect(check(meta('rating.csat', 'lte', 2), unrated).held).toBe(false);
    expect(check(meta('rating.resolved', 'ne', true), unrated).held).toBe(false);
    expect(check({ op: 'metadata', params: { field: 'rating.csat', is: 'missing' } }, unrated).held).toBe(true);
  });

  it('counts messages by role', () => {
    expect(check(meta('messages.agent', 'eq', 1), rated).held).toBe(true);
  });

  it('transfers default to 0 when absent', () => {
    expect(check(meta('transfers', 'eq', 0), conversation([customer(0, 'a')])).held).toBe(true);
  });
});
