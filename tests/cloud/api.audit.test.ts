/**
 * Every state-changing action (ACTION_CHANGES_STATE) leaves exactly one audit entry per call,
 * naming who, when and what, with the changed fields before and after; reads write nothing.
 * Each action is called by a role ACTION_ACCESS lets in, on the caller's own record.
 */
import { ACTION_ACCESS, ACTION_CHANGES_STATE, type ActionName } from '../../cloudfunctions/core/api.contract';
import { CALLERS, DOORS, prepare, seedWorld, snapshot } from './api.doors.support';
import { data, inStore } from './alerts.support';
import { callApi } from './harness';

const ACTIONS = Object.keys(ACTION_ACCESS) as ActionName[];

describe('audit: every state-changing action writes who, when, what, before and after', () => {
  it.each(ACTIONS)('%s', async (action) => {
    const world = await seedWorld(DOORS[action].inspection);
    await prepare(action);
    const caller = CALLERS.find((c) => c.role !== null && ACTION_ACCESS[action][c.role] !== undefined)!;
    const already = (await inStore('auditLog')).length;
    const before = snapshot();
    const started = Date.now();
    const answer = await callApi(caller.openid, { action, ...DOORS[action].params(world, 'own', caller) });
    expect(answer).toMatchObject({ ok: true });
    const entries = (await inStore<Record<string, unknown>>('auditLog')).slice(already);
    if (!ACTION_CHANGES_STATE[action]) {
      // A read writes nothing at all, so it needs no audit entry.
      expect(entries).toEqual([]);
      expect(snapshot()).toBe(before);
      return;
    }
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      by: caller.openid,
      entity: expect.any(String),
      entityId: expect.any(String),
      action: expect.any(String),
    });
    expect(entry.at).toBeGreaterThanOrEqual(started - 1000);
    expect(entry).toHaveProperty('before');
    expect(entry).toHaveProperty('after');
    // Something is recorded as it became: a change with no `after` would be a removal.
    expect(entry.before === null && entry.after === null).toBe(false);
  });

  it('records a session close with its status before and after', async () => {
    const world = await seedWorld();
    data(await callApi('sup-1', { action: 'sessions/close', sessionId: world.session.own }));
    expect(await inStore('auditLog', { entity: 'session' })).toEqual([
      expect.objectContaining({
        by: 'sup-1',
        entityId: world.session.own,
        action: 'close',
        before: expect.objectContaining({ status: 'open', score: null }),
        after: expect.objectContaining({
          status: 'closed',
          score: expect.objectContaining({ total: expect.any(Number) }),
        }),
      }),
    ]);
  });
});
