/** `sessions/list` filters and paging, through the real router and the local store. */
import type { Session } from '../../cloudfunctions/core/model';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { callApi, db, push, pushedNow, resetStore, TEAM } from './harness';

const T0 = Date.UTC(2026, 10, 1);
const H = 3600_000;

function session(i: number, over: Partial<Session> = {}): Session {
  return {
    _id: `s${String(i).padStart(3, '0')}`,
    channel: 'mp-kf',
    customerId: `c${i}`,
    agentIds: ['kf001'],
    agentId: 'kf001',
    team: TEAM,
    status: 'closed',
    startedAt: T0 + i * H,
    lastAt: T0 + i * H + 600_000,
    messageCount: 4,
    ...over,
  };
}

const SEEDED: Session[] = [
  session(1, {
    issueType: '物流',
    businessLine: '家电',
    score: { total: 92, passed: true, scoreId: 'x1', redLine: false, ruleIds: ['r-greet'] },
  }),
  session(2, {
    issueType: '退款',
    channel: 'wecom-kf',
    score: { total: 55, passed: false, scoreId: 'x2', redLine: true, ruleIds: ['r-rude', 'r-greet'] },
    alerted: true,
  }),
  session(3, {
    agentIds: ['kf006'],
    agentId: 'kf006',
    team: '售后二组',
    issueType: '退款',
    businessLine: '手机',
    score: { total: 70, passed: true, scoreId: 'x3', redLine: false },
  }),
  session(4, { agentIds: [], agentId: undefined, team: undefined, status: 'open' }),
  session(5, {
    agentIds: ['kf002'],
    agentId: 'kf002',
    channel: 'call',
    score: { total: 40, passed: false, scoreId: 'x5', redLine: false, ruleIds: ['r-rude'] },
    alerted: true,
  }),
];

async function seed(sessions: Session[]): Promise<void> {
  await runWithContext({ SOURCE: 'test' }, async () => {
    for (const { _id, ...rest } of sessions) {
      const data = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      await db().collection('sessions').doc(_id).set({ data });
    }
  });
}

async function ids(openid: string, params: Record<string, unknown>): Promise<string[]> {
  const r = (await callApi(openid, { action: 'sessions/list', limit: 100, ...params })) as {
    ok: boolean;
    data: { items: Session[]; total: number };
  };
  expect(r.ok).toBe(true);
  expect(r.data.total).toBe(r.data.items.length);
  return r.data.items.map((s) => s._id).sort();
}

describe('sessions/list filters', () => {
  beforeEach(async () => {
    await resetStore();
    await seed(SEEDED);
  });

  it.each([
    [{}, ['s001', 's002', 's003', 's004', 's005']],
    [{ agentId: 'kf006' }, ['s003']],
    [{ team: TEAM }, ['s001', 's002', 's005']],
    [{ from: T0 + 2 * H, to: T0 + 4 * H }, ['s002', 's003']],
    [{ from: T0 + 4 * H }, ['s004', 's005']],
    [{ to: T0 + 2 * H }, ['s001']],
    [{ channel: 'wecom-kf' }, ['s002']],
    [{ issueType: '退款' }, ['s002', 's003']],
    [{ businessLine: '手机' }, ['s003']],
    [{ scoreMin: 60 }, ['s001', 's003']],
    [{ scoreMax: 60 }, ['s002', 's005']],
    [{ scoreMin: 50, scoreMax: 80 }, ['s002', 's003']],
    [{ passed: true }, ['s001', 's003']],
    [{ passed: false }, ['s002', 's005']],
    [{ ruleId: 'r-greet' }, ['s001', 's002']],
    [{ ruleId: 'r-rude' }, ['s002', 's005']],
    [{ alerted: true }, ['s002', 's005']],
    [{ alerted: false }, ['s001', 's003', 's004']],
    [{ status: 'open' }, ['s004']],
    [{ passed: false, channel: 'call', alerted: true }, ['s005']],
  ])('admin %j', async (params, expected) => {
    expect(await ids('admin-1', params)).toEqual(expected);
  });

  it('keeps a supervisor inside their team: the team filter narrows, never widens', async () => {
    expect(await ids('sup-1', {})).toEqual(['s001', 's002', 's004', 's005']);
    expect(await ids('sup-1', { team: TEAM })).toEqual(['s001', 's002', 's005']);
    await expect(callApi('sup-1', { action: 'sessions/list', team: '售后二组' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await ids('sup-1', { agentId: 'kf006' })).toEqual([]);
    expect(await ids('sup-1', { alerted: true })).toEqual(['s002', 's005']);
  });

  it('keeps an agent to their own sessions under every filter', async () => {
    expect(await ids('agent-1', {})).toEqual(['s001', 's002']);
    expect(await ids('agent-1', { passed: false })).toEqual(['s002']);
    expect(await ids('agent-2', { issueType: '退款' })).toEqual(['s003']);
    await expect(callApi('agent-1', { action: 'sessions/list', agentId: 'kf006' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('rejects bad filters with INPUT.INVALID', async () => {
    for (const bad of [
      { from: T0 + H, to: T0 },
      { scoreMin: 90, scoreMax: 10 },
      { passed: 'yes' },
      { channel: 'fax' },
      { limit: 101 },
    ]) {
      await expect(callApi('admin-1', { action: 'sessions/list', ...bad })).resolves.toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
      });
    }
  });
});

describe('sessions/list paging', () => {
  it('pages past 50 without duplicates or gaps, newest first, with the total', async () => {
    await resetStore();
    // Equal lastAt values too: the order must still be total so pages do not overlap.
    await seed(Array.from({ length: 137 }, (_, i) => session(i, { lastAt: T0 + Math.floor(i / 3) * H })));
    const seen: string[] = [];
    for (let skip = 0; ; skip += 40) {
      const r = (await callApi('admin-1', { action: 'sessions/list', limit: 40, skip })) as {
        data: { items: Session[]; total: number };
      };
      expect(r.data.total).toBe(137);
      seen.push(...r.data.items.map((s) => s._id));
      if (r.data.items.length < 40) break;
    }
    expect(seen).toHaveLength(137);
    expect(new Set(seen).size).toBe(137);
  });
});

describe('fields the filters need', () => {
  it('writes score.ruleIds at close and alerted when an alert is raised', async () => {
    await resetStore();
    await push(pushedNow('mp-kf-text.json'));
    const { data } = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { items: Session[] } };
    const sessionId = data.items[0]._id;
    expect(await ids('admin-1', { alerted: true })).toEqual([]);
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '爱买不买', confirmRedLine: true });
    await callApi('agent-1', { action: 'sessions/close', sessionId });
    const got = (await callApi('admin-1', { action: 'sessions/get', sessionId })) as {
      data: { session: Session; score: { hits: { ruleId: string }[] } };
    };
    const hitIds = [...new Set(got.data.score.hits.map((h) => h.ruleId))];
    expect(hitIds.length).toBeGreaterThan(0);
    expect(got.data.session.score?.ruleIds).toEqual(hitIds);
    expect(got.data.session.alerted).toBe(true);
    expect(await ids('admin-1', { alerted: true })).toEqual([sessionId]);
    expect(await ids('admin-1', { ruleId: hitIds[0] })).toEqual([sessionId]);
  });
});
