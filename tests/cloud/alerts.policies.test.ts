import { callApi, resetStore } from './harness';
import { alertsInStore, customerSays, data, inStore } from './alerts.support';
import { DEFAULT_ALERT_POLICIES } from '../../cloudfunctions/core/alerts/alert.policy-set';

beforeEach(() => resetStore());

const withAngry = (patch: Record<string, unknown>) =>
  DEFAULT_ALERT_POLICIES.map((p) => (p.id === 'customer-angry' ? { ...p, ...patch } : p));

describe('alert policies: drafts, versions, validation', () => {
  it('answers the shipped defaults as version 0 while nothing is published', async () => {
    const r = data(await callApi('admin-1', { action: 'alertPolicies/get' }));
    expect(r.published).toMatchObject({ version: 0, status: 'published' });
    expect(r.published.policies).toHaveLength(6);
    expect(r.draft).toBeNull();
  });

  it('rejects an invalid draft naming the field', async () => {
    const r = await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies: withAngry({ window: 1 }) });
    expect(r).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect((r as { message: string }).message).toMatch(/policies\.3\.window/);
  });

  it('publishes the draft as version 1, audited, and alerts then record that version', async () => {
    const policies = withAngry({ complaintWords: ['曝光'] });
    expect(data(await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies })).draft).toMatchObject({
      version: 1,
      status: 'draft',
    });
    const { published } = data(await callApi('admin-1', { action: 'alertPolicies/publish' }));
    expect(published).toMatchObject({ version: 1, status: 'published', updatedBy: 'admin-1' });
    expect(data(await callApi('admin-1', { action: 'alertPolicies/get' })).draft).toBeNull();
    expect(await inStore('auditLog', { entity: 'alertPolicies' })).toEqual([
      expect.objectContaining({ by: 'admin-1', entityId: 'draft', action: 'saveDraft', before: null }),
      expect.objectContaining({
        by: 'admin-1',
        entityId: 'v1',
        action: 'publish',
        at: expect.any(Number),
        before: { version: 0, status: 'default' },
        after: expect.objectContaining({ version: 1 }),
      }),
    ]);

    await customerSays('我要投诉你们', { customer: 'oA' });
    await customerSays('我要曝光你们', { customer: 'oB' });
    expect(await alertsInStore()).toEqual([expect.objectContaining({ policy: 'customer-angry', policyVersion: 1 })]);
  });

  it('numbers each publish after the last and keeps old versions', async () => {
    for (let i = 0; i < 2; i++) {
      await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies: DEFAULT_ALERT_POLICIES });
      await callApi('admin-1', { action: 'alertPolicies/publish' });
    }
    expect((await inStore('alertPolicies')).map((d) => d._id).sort()).toEqual(['v1', 'v2']);
  });

  it('refuses to publish without a draft', async () => {
    await expect(callApi('admin-1', { action: 'alertPolicies/publish' })).resolves.toMatchObject({
      ok: false,
      code: 'ALERT_POLICY.NO_DRAFT',
    });
  });

  it('turns a policy off once published without it enabled', async () => {
    await callApi('admin-1', { action: 'alertPolicies/saveDraft', policies: withAngry({ enabled: false }) });
    await callApi('admin-1', { action: 'alertPolicies/publish' });
    await customerSays('我要投诉你们');
    expect(await alertsInStore()).toEqual([]);
  });

  it('is for admins only', async () => {
    await expect(callApi('sup-1', { action: 'alertPolicies/get' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
