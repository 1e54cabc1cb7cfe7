import {
  ALERT_POLICY_NO_DRAFT,
  DEFAULT_ALERT_POLICIES,
  DEFAULT_POLICY_SET,
  draftPolicySet,
  enabledPolicy,
  parsePolicies,
  publishPolicySet,
} from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { policiesWith } from './support/alert.factories';

describe('alert policy sets: validation and versions', () => {
  it('accepts the shipped defaults', () => {
    expect(parsePolicies(DEFAULT_ALERT_POLICIES).policies).toHaveLength(6);
  });

  it('names the faulty field of an invalid policy', () => {
    const bad = DEFAULT_ALERT_POLICIES.map((p) => (p.id === 'customer-waiting' ? { ...p, waitSeconds: 5 } : p));
    expect(() => parsePolicies(bad)).toThrow(/policies\[2\]\.waitSeconds: 至少 30 秒/);
  });

  it('rejects an unknown severity naming the field', () => {
    const bad = [{ id: 'red-line', enabled: true, severity: 'urgent' }];
    expect(() => parsePolicies(bad)).toThrow(/policies\[0\]\.severity/);
  });

  it('rejects the same policy twice', () => {
    const red = { id: 'red-line', enabled: true, severity: 'critical' };
    expect(() => parsePolicies([red, red])).toThrow(/policies\[1\]\.id: 策略重复/);
  });

  it('rejects storm settings below one notification a minute', () => {
    expect(() => parsePolicies([], { cooldownMinutes: 10, digestAbovePerMinute: 0 })).toThrow(
      /storm\.digestAbovePerMinute/,
    );
  });

  it('treats a policy missing from the set or disabled as off', () => {
    expect(enabledPolicy({ policies: [] }, 'red-line')).toBeNull();
    expect(enabledPolicy(policiesWith({ id: 'red-line', enabled: false }), 'red-line')).toBeNull();
    expect(enabledPolicy(DEFAULT_POLICY_SET, 'red-line')).toMatchObject({ severity: 'critical' });
  });

  it('publishes a draft as the version after the latest published one', () => {
    const draft = draftPolicySet(DEFAULT_POLICY_SET, { policies: DEFAULT_ALERT_POLICIES }, 'admin-1');
    expect(draft).toMatchObject({ version: 1, status: 'draft', updatedBy: 'admin-1' });
    expect(publishPolicySet(draft, 3, 1000, 'admin-1')).toMatchObject({
      version: 4,
      status: 'published',
      publishedAt: 1000,
    });
  });

  it('refuses to publish without a draft', () => {
    expect(() => publishPolicySet(null, 1, 1000, 'admin-1')).toThrow(
      expect.objectContaining({ code: ALERT_POLICY_NO_DRAFT }),
    );
  });
});
