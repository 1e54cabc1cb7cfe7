/**
 * Personal-data duties (issue 17): message retention enforced by the timer, and data-subject
 * export and erasure, through the api and the real SDK on the local store.
 */
import { data, inStore, putDoc } from './alerts.support';
import { callApi, importAsServer, resetStore, runSweep } from './harness';
import { importRecord } from './import.support';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

async function conversation(id: string, customer: string, at: number, text = '我的手机号是13812345678，快递还没到') {
  await importAsServer(
    importRecord(id, customer, [
      { at: iso(at), text },
      { at: iso(at + 30_000), text: '您好，马上为您查询' },
    ]),
  );
}

beforeEach(async () => {
  await resetStore();
});

describe('retention', () => {
  it('the timer deletes message texts past the period, keeps sessions, scores and rollups, and audits the run', async () => {
    const now = Date.now();
    await conversation('old-1', 'oOld', now - 60 * DAY);
    await conversation('new-1', 'oNew', now - 2 * DAY);
    expect(data(await callApi('admin-1', { action: 'retention/get' }))).toEqual({ messageDays: 180 });
    expect(await callApi('admin-1', { action: 'retention/set', messageDays: 7 })).toMatchObject({
      code: 'INPUT.INVALID',
    });
    data(await callApi('admin-1', { action: 'retention/set', messageDays: 30 }));
    const rollupsBefore = await inStore('rollups');
    const scoresBefore = await inStore<{ total: number }>('scores');
    await runSweep();
    const messages = await inStore<{ sessionId: string; customerId: string }>('messages');
    expect(messages.length).toBe(2);
    expect(new Set(messages.map((m) => m.customerId))).toEqual(new Set(['oNew']));
    const sessions = await inStore<{ customerId: string; preview?: unknown; purgedAt?: number }>('sessions');
    expect(sessions).toHaveLength(2);
    const old = sessions.find((s) => s.customerId === 'oOld')!;
    expect(old.preview).toBeUndefined();
    expect(old.purgedAt).toBeGreaterThan(0);
    expect(sessions.find((s) => s.customerId === 'oNew')!.preview).toBeDefined();
    expect(await inStore('rollups')).toEqual(rollupsBefore);
    expect((await inStore<{ total: number }>('scores')).map((s) => s.total)).toEqual(scoresBefore.map((s) => s.total));
    const runs = await inStore<{ action: string; after: { messages: number; messageDays: number } }>('auditLog', {
      entity: 'settings',
    });
    expect(runs.map((r) => r.action)).toEqual(['set', 'purge']);
    expect(runs[1].after).toMatchObject({ messages: 2, sessions: 1, messageDays: 30 });
    // A second run finds nothing and leaves no entry.
    await runSweep();
    expect(await inStore('auditLog', { entity: 'settings', action: 'purge' })).toHaveLength(1);
  });

  it('raw dead letters are deleted past the period too', async () => {
    const now = Date.now();
    await putDoc('deadLetters', 'dl-old', { at: now - 400 * DAY, reason: 'x', raw: { FromUserName: 'o1' } });
    await putDoc('deadLetters', 'dl-new', { at: now - DAY, reason: 'x', raw: { FromUserName: 'o2' } });
    await runSweep();
    expect((await inStore<{ _id: string }>('deadLetters')).map((d) => d._id)).toEqual(['dl-new']);
  });
});

describe('data-subject requests', () => {
  beforeEach(async () => {
    const now = Date.now();
    await conversation('a-1', 'oAlice', now - 3 * DAY, '你们这是骗人，我要投诉');
    await conversation('a-2', 'oAlice', now - 2 * DAY);
    await conversation('b-1', 'oBob', now - 2 * DAY);
  });

  it('export returns every session of the customer with its messages and score, masked as stored; audited by a digest', async () => {
    const answer = data<{
      customer: string;
      total: number;
      sessions: { session: { customerId: string }; messages: { text: string }[]; score: { total: number } | null }[];
    }>(await callApi('admin-1', { action: 'customers/export', customerId: 'oAlice' }));
    expect(answer.total).toBe(2);
    expect(answer.sessions.map((s) => s.session.customerId)).toEqual(['oAlice', 'oAlice']);
    expect(answer.sessions.every((s) => s.messages.length === 2 && s.score !== null)).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('13812345678');
    const [entry] = await inStore<{ entityId: string; action: string }>('auditLog', { entity: 'customer' });
    expect(entry).toMatchObject({ action: 'export', entityId: answer.customer });
    expect(JSON.stringify(await inStore('auditLog'))).not.toContain('oAlice');
    expect(await callApi('admin-1', { action: 'customers/export', customerId: 'oNobody' })).toMatchObject({
      code: 'CUSTOMER.NOT_FOUND',
    });
  });

  it('erasure deletes the messages, anonymises the sessions, empties quoted excerpts; statistics unchanged; others untouched', async () => {
    const rollupsBefore = await inStore('rollups');
    const totalsBefore = (await inStore<{ sessionId: string; total: number }>('scores')).map((s) => s.total).sort();
    expect(await callApi('admin-1', { action: 'customers/erase', customerId: 'oAlice' })).toMatchObject({
      code: 'INPUT.INVALID',
    });
    const result = data(await callApi('admin-1', { action: 'customers/erase', customerId: 'oAlice', confirm: true }));
    expect(result).toMatchObject({ sessions: 2, messages: 4 });
    expect(await inStore('messages', { customerId: 'oAlice' })).toEqual([]);
    expect(await inStore('messages', { customerId: 'oBob' })).toHaveLength(2);
    expect(await inStore('sessions', { customerId: 'oAlice' })).toEqual([]);
    const erased = await inStore<{ preview?: unknown; erasedAt?: number; score?: { total: number } }>('sessions', {
      customerId: 'erased',
    });
    expect(erased).toHaveLength(2);
    expect(erased.every((s) => s.preview === undefined && s.erasedAt! > 0 && s.score)).toBe(true);
    const scores = await inStore<{ total: number; hits: { excerpt: string }[] }>('scores');
    expect(scores.map((s) => s.total).sort()).toEqual(totalsBefore);
    const erasedIds = new Set((await inStore<{ _id: string }>('sessions', { customerId: 'erased' })).map((s) => s._id));
    const hitsOfErased = (await inStore<{ sessionId: string; hits: { excerpt: string }[] }>('scores'))
      .filter((s) => erasedIds.has(s.sessionId))
      .flatMap((s) => s.hits);
    expect(hitsOfErased.length).toBeGreaterThan(0);
    expect(hitsOfErased.every((h) => h.excerpt === '')).toBe(true);
    expect(await inStore('rollups')).toEqual(rollupsBefore);
    // Nothing left to find, and the log never names the customer.
    expect(await callApi('admin-1', { action: 'customers/export', customerId: 'oAlice' })).toMatchObject({
      code: 'CUSTOMER.NOT_FOUND',
    });
    expect(JSON.stringify(await inStore('auditLog'))).not.toContain('oAlice');
    expect(
      data(await callApi('admin-1', { action: 'customers/erase', customerId: 'oAlice', confirm: true })),
    ).toMatchObject({
      sessions: 0,
      messages: 0,
    });
  });

  it('only admins', async () => {
    for (const who of ['sup-1', 'insp-1', 'agent-1']) {
      expect(await callApi(who, { action: 'customers/export', customerId: 'oAlice' })).toMatchObject({
        code: 'AUTH.FORBIDDEN',
      });
    }
  });
});
