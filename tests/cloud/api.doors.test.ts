/**
 * Every door of the `api` function: each action × each caller (the four roles, an unknown
 * openid, no openid) × a record of the caller's own (team, agent, routing) and one of someone
 * else's, run through the real router on the local store and judged against ACTION_ACCESS
 * alone. A refused call must leave the store exactly as it was.
 *
 * `DOORS` is typed by ActionName, so an action added to the contract without a door here does
 * not compile; the first test fails too if the router serves an action this file does not know.
 */
import { ACTION_ACCESS, OPEN_ACTIONS, type AccessScope, type ActionName } from '../../cloudfunctions/core/api.contract';
import { type Caller, CALLERS, DOORS, prepare, seedWorld, snapshot, type Which, type World } from './api.doors.support';
import { callApi, resetStore } from './harness';
import { ROUTES } from '../../cloudfunctions/api';

type Expected = { ok: true; reveals?: Which[] } | { ok: false; code: string };

/** The answer ACTION_ACCESS alone predicts. */
function expected(action: ActionName, caller: Caller, which: Which): Expected {
  // An open action (invites/redeem) serves a signed-in WeChat user without an account too.
  if (caller.role === null && caller.openid && OPEN_ACTIONS.includes(action)) return { ok: true };
  if (caller.role === null) return { ok: false, code: 'AUTH.UNKNOWN_USER' };
  const scope: AccessScope | undefined = ACTION_ACCESS[action][caller.role];
  if (scope === undefined) return { ok: false, code: 'AUTH.FORBIDDEN' };
  const door = DOORS[action];
  if (door.reveals) return { ok: true, reveals: scope === 'all' ? ['other', 'own'] : ['own'] };
  if (scope === 'all' || which === 'own' || !door.names) return { ok: true };
  return { ok: false, code: 'AUTH.FORBIDDEN' };
}

const ACTIONS = Object.keys(ACTION_ACCESS) as ActionName[];

describe('api doors: every action × role × own/other record, against ACTION_ACCESS', () => {
  it('knows every action the router serves, and the router serves every action in the table', async () => {
    await resetStore();
    expect(Object.keys(DOORS).sort()).toEqual([...ACTIONS].sort());
    // The router's own table: an action routed but missing from ACTION_ACCESS (or the reverse).
    expect(Object.keys(ROUTES).sort()).toEqual([...ACTIONS].sort());
    const world = await seedWorld();
    for (const door of Object.values(DOORS)) {
      if (door.names) expect(door.params(world, 'own')).not.toEqual(door.params(world, 'other'));
    }
    for (const action of ACTIONS) {
      const r = (await callApi('admin-1', { action })) as { code?: string };
      expect([action, r.code]).not.toEqual([action, 'ACTION.UNKNOWN']);
    }
  });

  const cases = ACTIONS.flatMap((action) =>
    CALLERS.flatMap((caller) => (['own', 'other'] as const).map((which) => ({ action, caller, which }))),
  );

  it.each(cases)('$action as $caller.label on $which data', async ({ action, caller, which }) => {
    const world = await seedWorld(DOORS[action].inspection);
    await prepare(action);
    const want = expected(action, caller, which);
    const before = snapshot();
    const answer = (await callApi(caller.openid, { action, ...DOORS[action].params(world, which, caller) })) as {
      ok: boolean;
      code?: string;
      data?: unknown;
    };
    if (!want.ok) {
      expect(answer).toMatchObject({ ok: false, code: want.code });
      expect(snapshot()).toBe(before);
      return;
    }
    expect(answer).toMatchObject({ ok: true });
    if (want.reveals) {
      const seen = (DOORS[action].reveals as (a: unknown, w: World, c: Caller) => Which[])(answer.data, world, caller);
      expect([...new Set(seen)].sort()).toEqual(want.reveals);
    }
  });
});
