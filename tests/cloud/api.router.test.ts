import { callApi, push, pushedNow, resetStore } from './harness';

beforeEach(() => resetStore());

describe('api router: identity, roles, validation, envelope', () => {
  it('answers an unknown openid with AUTH.UNKNOWN_USER', async () => {
    await expect(callApi('stranger', { action: 'me/get' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.UNKNOWN_USER',
    });
  });

  it('answers a missing openid with AUTH.UNKNOWN_USER', async () => {
    await expect(callApi(undefined, { action: 'me/get' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.UNKNOWN_USER',
    });
  });

  it('answers an unknown action with ACTION.UNKNOWN', async () => {
    await expect(callApi('sup-1', { action: 'nope/nothing' })).resolves.toMatchObject({
      ok: false,
      code: 'ACTION.UNKNOWN',
    });
  });

  it('refuses an action outside the role with AUTH.FORBIDDEN', async () => {
    await expect(callApi('agent-1', { action: 'alerts/list' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('rejects bad parameters with INPUT.INVALID naming the field', async () => {
    const r = await callApi('sup-1', { action: 'sessions/list', limit: 5000 });
    expect(r).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect((r as { message: string }).message).toMatch(/limit/);
  });

  it('returns the signed-in user for me/get', async () => {
    await expect(callApi('sup-1', { action: 'me/get' })).resolves.toEqual({
      ok: true,
      data: { _id: 'sup-1', role: 'supervisor', name: '林主管', team: '售前一组' },
    });
  });

  it('keeps agents to their own sessions', async () => {
    await push(pushedNow('mp-kf-text.json'));
    const { data } = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { items: { _id: string }[] } };
    const sessionId = data.items[0]._id;
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '您好，请问有什么可以帮您？' });
    await expect(callApi('agent-2', { action: 'sessions/get', sessionId })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    await expect(callApi('agent-2', { action: 'sessions/list' })).resolves.toMatchObject({
      ok: true,
      data: { total: 0 },
    });
    await expect(callApi('agent-1', { action: 'sessions/list' })).resolves.toMatchObject({
      ok: true,
      data: { total: 1 },
    });
  });

  it('answers SESSION.NOT_FOUND for a missing session', async () => {
    await expect(callApi('sup-1', { action: 'sessions/get', sessionId: 'nope' })).resolves.toMatchObject({
      ok: false,
      code: 'SESSION.NOT_FOUND',
    });
  });
});

describe('alerts lifecycle', () => {
  async function raiseAlert() {
    await push(pushedNow('mp-kf-text.json'));
    const { data } = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { items: { _id: string }[] } };
    const sessionId = data.items[0]._id;
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '爱买不买', confirmRedLine: true });
    await callApi('agent-1', { action: 'sessions/close', sessionId });
    const list = (await callApi('sup-1', { action: 'alerts/list' })) as { data: { items: { _id: string }[] } };
    return list.data.items[0]._id;
  }

  it('moves new → acknowledged → resolved and refuses going back', async () => {
    const alertId = await raiseAlert();
    await expect(callApi('sup-1', { action: 'alerts/transition', alertId, to: 'acknowledged' })).resolves.toMatchObject(
      {
        ok: true,
        data: { alert: { status: 'acknowledged' } },
      },
    );
    await expect(
      callApi('sup-1', { action: 'alerts/transition', alertId, to: 'resolved', note: '已辅导' }),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(callApi('sup-1', { action: 'alerts/transition', alertId, to: 'acknowledged' })).resolves.toMatchObject(
      {
        ok: false,
        code: 'ALERT.BAD_TRANSITION',
      },
    );
    const unread = (await callApi('sup-1', { action: 'alerts/list', status: 'new' })) as { data: { total: number } };
    expect(unread.data.total).toBe(0);
  });

  it('refuses a supervisor an alert routed to someone else', async () => {
    const alertId = await raiseAlert();
    await expect(callApi('sup-2', { action: 'alerts/get', alertId })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('agents directory', () => {
  it('gives supervisors the agents names, and refuses agents', async () => {
    await expect(callApi('sup-1', { action: 'agents/list' })).resolves.toEqual({
      ok: true,
      data: {
        items: [
          { agentId: 'kf001', name: '王晓雨', team: '售前一组' },
          { agentId: 'kf006', name: '赵敏', team: '售后二组' },
        ],
      },
    });
    await expect(callApi('agent-1', { action: 'agents/list' })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
