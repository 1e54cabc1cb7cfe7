import { evaluateRepeatContact } from '../../../cloudfunctions/core/alerts/alert.live';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { msg, policiesWith, session, T0 } from './support/alert.factories';

const HOUR = 3600_000;

function firstMessage(previous: { at: number; issueType?: string }[], issueType?: string, set = DEFAULT_POLICY_SET) {
  const messages = [msg('customer', '快递还没到', T0)];
  const draft = evaluateRepeatContact(session(), messages, messages[0], set, {
    history: { previousContacts: previous },
    ...(issueType ? { issueType } : {}),
  });
  return draft ? [draft] : [];
}

describe('live: the same customer back about the same issue', () => {
  it('raises when the customer contacted us within the window about the same issue', () => {
    expect(firstMessage([{ at: T0 - 3 * HOUR, issueType: 'logistics' }], 'logistics')).toEqual([
      expect.objectContaining({ severity: 'medium', title: '重复来访：24 小时内第 2 次联系（logistics）' }),
    ]);
  });

  it('stays quiet for a different issue', () => {
    expect(firstMessage([{ at: T0 - 3 * HOUR, issueType: 'refund' }], 'logistics')).toEqual([]);
  });

  it('counts any issue when the issue types are not both known', () => {
    expect(firstMessage([{ at: T0 - 3 * HOUR }], 'logistics')).toHaveLength(1);
  });

  it('stays quiet outside the window', () => {
    expect(firstMessage([{ at: T0 - 30 * HOUR, issueType: 'logistics' }], 'logistics')).toEqual([]);
  });

  it('counts any issue when sameIssueType is off', () => {
    const set = policiesWith({ id: 'repeat-contact', sameIssueType: false });
    expect(firstMessage([{ at: T0 - HOUR, issueType: 'refund' }], 'logistics', set)).toHaveLength(1);
  });

  it('is checked on the first customer message only', () => {
    const messages = [msg('customer', '在吗', T0), msg('customer', '快递还没到', T0 + 1000)];
    const history = { previousContacts: [{ at: T0 - HOUR }] };
    expect(evaluateRepeatContact(session(), messages, messages[1], DEFAULT_POLICY_SET, { history })).toBeNull();
    expect(evaluateRepeatContact(session(), messages, messages[0], DEFAULT_POLICY_SET, { history })).not.toBeNull();
  });
});
