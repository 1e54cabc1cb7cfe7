import { callApi, resetStore } from './harness';
import { alertsInStore, customerSays, data, inStore } from './alerts.support';

beforeEach(() => resetStore());

async function alertId(): Promise<string> {
  await customerSays('我要投诉你们');
  return (await alertsInStore())[0]._id;
}

describe('alert transitions', () => {
  it('refuses to resolve without a note', async () => {
    const id = await alertId();
    const r = await callApi('sup-1', { action: 'alerts/transition', alertId: id, to: 'resolved' });
    expect(r).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect((r as { message: string }).message).toMatch(/note/);
  });

  it('stores the note, who and when, and audits each change', async () => {
    const id = await alertId();
    await callApi('sup-1', { action: 'alerts/transition', alertId: id, to: 'acknowledged' });
    const { alert } = data(
      await callApi('sup-1', { action: 'alerts/transition', alertId: id, to: 'resolved', note: '已电话安抚' }),
    );
    expect(alert).toMatchObject({
      status: 'resolved',
      note: '已电话安抚',
      closedBy: 'sup-1',
      closedAt: expect.any(Number),
    });
    const audit = await inStore('auditLog', { entity: 'alert', entityId: id });
    expect(audit).toEqual([
      expect.objectContaining({
        by: 'sup-1',
        action: 'transition',
        at: expect.any(Number),
        before: { status: 'new', note: null },
        after: { status: 'acknowledged', note: null },
      }),
      expect.objectContaining({
        by: 'sup-1',
        action: 'transition',
        before: { status: 'acknowledged', note: null },
        after: { status: 'resolved', note: '已电话安抚' },
      }),
    ]);
  });

  it('keeps false alarms queryable', async () => {
    const id = await alertId();
    await callApi('sup-1', { action: 'alerts/transition', alertId: id, to: 'false-alarm' });
    expect(data(await callApi('admin-1', { action: 'alerts/list', status: 'false-alarm' })).items).toEqual([
      expect.objectContaining({ _id: id, status: 'false-alarm' }),
    ]);
  });

  it('raises nothing new for the pair during the cooldown after a false alarm', async () => {
    const id = await alertId();
    await callApi('sup-1', { action: 'alerts/transition', alertId: id, to: 'false-alarm' });
    await customerSays('再不处理我就投诉');
    expect(await alertsInStore()).toHaveLength(1);
  });
});
