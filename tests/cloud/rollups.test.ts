import { rollupId, dayKey } from '../../cloudfunctions/core/rollups/rollup.counters';
import { callApi, db, push, pushedNow, resetStore } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';

beforeEach(() => resetStore());

async function rollups() {
  return runWithContext({ SOURCE: 'test' }, async () => {
    const r = (await db().collection('rollups').limit(100).get()) as { data: Record<string, unknown>[] };
    return r.data;
  });
}

describe('rollups: counters written at ingest and close, exactly once', () => {
  it('counts a message once however often WeChat retries the push', async () => {
    const at = Date.now();
    const body = pushedNow('mp-kf-text.json', {}, at);
    for (let i = 0; i < 3; i++) await push(body);
    const [bucket, ...others] = await rollups();
    expect(others).toEqual([]);
    // The unassigned bucket is split from the first try (common/rollups.ts): any of its documents.
    expect(String(bucket._id).startsWith(rollupId(dayKey(at), undefined, 'mp-kf'))).toBe(true);
    expect(bucket).toMatchObject({
      day: dayKey(at),
      channel: 'mp-kf',
      messages: 1,
      byRole: { customer: 1 },
    });
  });

  it('counts a closed session once with its score, buckets and first response', async () => {
    const at = Date.now() - 120_000;
    await push(pushedNow('mp-kf-text.json', {}, at));
    const { data } = (await callApi('admin-1', { action: 'sessions/list' })) as { data: { items: { _id: string }[] } };
    const sessionId = data.items[0]._id;
    await callApi('agent-1', { action: 'messages/reply', sessionId, text: '您好，在的，马上为您查询' });
    await callApi('agent-1', { action: 'sessions/close', sessionId });
    await callApi('sup-1', { action: 'sessions/close', sessionId });

    // The session counts for the agent who handled it; the customer's first message arrived
    // before any agent, so it counted in the no-agent bucket.
    const sessionBucket = (await rollups()).find((r) => r.sessions !== undefined);
    expect(sessionBucket).toMatchObject({
      _id: rollupId(dayKey(at), 'kf001', 'mp-kf'),
      sessions: 1,
      firstResponseCount: 1,
    });
    expect(sessionBucket!.firstResponseSumMs as number).toBeGreaterThanOrEqual(120_000);
    const buckets = sessionBucket!.scoreBuckets as Record<string, number>;
    expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(1);

    const replyBucket = (await rollups()).find((r) => r.agentId === 'kf001' && r.byRole !== undefined);
    expect(replyBucket).toMatchObject({ messages: 1, byRole: { agent: 1 }, team: '售前一组' });
    const noAgent = (await rollups()).find((r) => String(r._id).startsWith(rollupId(dayKey(at), undefined, 'mp-kf')));
    expect(noAgent).toMatchObject({ messages: 1, byRole: { customer: 1 } });
  });
});
